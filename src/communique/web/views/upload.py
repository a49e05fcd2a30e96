"""Upload: parse a statement file with the tracker's import service; errors shown on the form (400)."""

from __future__ import annotations

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


def _render(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "suffixes": ", ".join(UPLOAD_SUFFIXES),
        "accept": ",".join(UPLOAD_SUFFIXES),
        "max_mb": round(upload_max_bytes() / (1024 * 1024), 1),
    }
    return render(request, "communique/upload.html", context, status=status)


@editor_required
def upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form, status=400)
    upload_file = form.cleaned_data["file"]
    data = b"".join(upload_file.chunks())
    try:
        doc = communique.parse(Source(data=data, name=upload_file.name), max_bytes=upload_max_bytes())
        result = import_statement(doc, request.user, name=upload_file.name)
    except CommuniqueError as e:
        form.add_error(None, _("The file could not be read as a statement: %(error)s") % {"error": e})
        return _render(request, form, status=400)
    if result.created:
        messages.success(
            request, _("Imported: %(n)d sentences, %(c)d commitments.") % {"n": result.sentences, "c": result.commitments}
        )
    else:
        messages.info(request, _("This file was already imported; showing the stored statement."))
    return redirect("reader", pk=result.statement.pk)
