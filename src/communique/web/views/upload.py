"""Upload: parse a statement file with the tracker's import service; errors shown on the form (400)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

import communique
from communique.errors import CommuniqueError
from communique.model import Source
from communique.tracker.services.importing import import_statement
from communique.web.access import editor_required
from communique.web.forms import UPLOAD_SUFFIXES, UploadForm, upload_max_bytes

logger = logging.getLogger(__name__)
FORM_OVERHEAD = 64 * 1024  # multipart boundaries, headers and the CSRF field around the file


def _render(request: HttpRequest, form: UploadForm, status: int = 200, error: str = "") -> HttpResponse:
    context = {
        "form": form,
        "error": error,
        "suffixes": ", ".join(UPLOAD_SUFFIXES),
        "accept": ",".join(UPLOAD_SUFFIXES),
        "max_mb": round(upload_max_bytes() / (1024 * 1024), 1),
    }
    return render(request, "communique/upload.html", context, status=status)


def _parse_error(request: HttpRequest, form: UploadForm, error: str) -> HttpResponse:
    form.add_error(None, _("The file could not be read as a statement: %(error)s") % {"error": error})
    return _render(request, form, status=400)


@editor_required
def upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, UploadForm())
    limit = upload_max_bytes()
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > limit + FORM_OVERHEAD:
        # Refuse before Django reads (and spools to disk) a body far over the limit.
        message = _("The file is %(size)d bytes; the limit is %(limit)d bytes.") % {"size": declared, "limit": limit}
        return _render(request, UploadForm(), status=413, error=message)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, status=400)
    upload_file = form.cleaned_data["file"]
    data = b"".join(upload_file.chunks())
    try:
        doc = communique.parse(Source(data=data, name=upload_file.name), max_bytes=limit)
    except CommuniqueError as e:
        return _parse_error(request, form, str(e))
    except Exception as e:  # a parser failure on this input: still the file's problem for the user
        logger.exception("parsing the upload %r failed", upload_file.name)
        return _parse_error(request, form, f"{type(e).__name__}: {e}")
    if not doc.paragraphs:
        return _parse_error(request, form, _("no statement text was found in this file"))
    try:
        result = import_statement(doc, request.user, name=upload_file.name)
    except CommuniqueError as e:
        return _parse_error(request, form, str(e))
    if result.created:
        messages.success(
            request, _("Imported: %(n)d sentences, %(c)d commitments.") % {"n": result.sentences, "c": result.commitments}
        )
    else:
        messages.info(request, _("This file was already imported; showing the stored statement."))
    return redirect("reader", pk=result.statement.pk)
