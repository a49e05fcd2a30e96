"""Web views of the exports: downloads in every format, and the private calendar feeds.

Mounted under ``/exports/`` by the web app's URL configuration. Downloads take the
same query parameters as the commitment list (statement, section, party, act,
status, organization, due_before, due_after, text) plus ``partners=JPN,KAZ``;
CSV streams, the other formats are written to a temporary file first. The feed
URL needs no login (calendar applications cannot log in): its secret is the key.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from communique.errors import CommuniqueError
from communique.exports.rows import FILTER_NAMES, Selection, split_partners
from communique.exports.service import FORMATS, MEDIA_TYPES, SUFFIXES
from communique.web import roles
from communique.web.access import viewer_required


def selection_from(request: HttpRequest) -> Selection:
    """The export selection from a query string: the ``communique list`` names, and the web
    list's own (``q`` for the text, an organization ID, ``due=overdue``)."""
    import datetime as dt

    filters = {k: request.GET[k].strip() for k in FILTER_NAMES if request.GET.get(k, "").strip()}
    if request.GET.get("q", "").strip() and "text" not in filters:
        filters["text"] = request.GET["q"].strip()
    if filters.get("organization", "").isdigit():
        from communique.tracker.models import Organization

        found = Organization.objects.filter(pk=int(filters["organization"])).values_list("name", flat=True).first()
        filters["organization"] = found or filters["organization"]
    if request.GET.get("due") == "overdue" and "due_before" not in filters:
        filters["due_before"] = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    return Selection(filters=filters, partners=split_partners(request.GET.get("partners")))


def _filename(fmt: str, selection: Selection) -> str:
    scope = "-".join(str(v) for v in selection.describe().values() if isinstance(v, str | int))[:40]
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in scope).strip("-")
    return f"communique-{fmt}{'-' + safe if safe else ''}{SUFFIXES[fmt]}"


@require_GET
@viewer_required
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    from communique.exports import rows
    from communique.exports.service import export

    if fmt not in FORMATS:
        raise Http404("unknown export format")
    if fmt == "backup" and not (request.user.is_superuser or roles.role_of(request.user) == "admin"):
        return HttpResponse("Only administrators may download a backup.", status=403, content_type="text/plain")
    selection = selection_from(request)
    try:
        if fmt == "csv":
            from communique.exports.csv_export import iter_csv

            qs = rows.commitments(selection)
            qs.exists()  # bad filters fail here, before the streaming response starts
            response = StreamingHttpResponse(iter_csv(rows.commitment_rows(qs)), content_type=MEDIA_TYPES["csv"])
            response["Content-Disposition"] = f'attachment; filename="{_filename(fmt, selection)}"'
            return response
        as_html = fmt == "report" and request.GET.get("as") == "html"
        suffix = ".html" if as_html else SUFFIXES[fmt]
        fd, name = tempfile.mkstemp(prefix="communique-download-", suffix=suffix)
        os.close(fd)
        path = Path(name)
        try:
            export(fmt, path, selection)
            handle = path.open("rb")
        finally:
            path.unlink(missing_ok=True)  # the open handle keeps the data until the response is sent
    except CommuniqueError as e:
        return HttpResponseBadRequest(str(e), content_type="text/plain; charset=utf-8")
    if as_html:
        with handle:
            return HttpResponse(handle.read(), content_type=MEDIA_TYPES["report-html"])
    return FileResponse(handle, as_attachment=True, filename=_filename(fmt, selection), content_type=MEDIA_TYPES[fmt])


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    from communique.exports.feeds import feed_calendar, resolve_feed

    token = resolve_feed(secret)
    if token is None:
        raise Http404("no such calendar feed")
    response = HttpResponse(feed_calendar(token), content_type=MEDIA_TYPES["ics"])
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
@viewer_required
def feeds(request: HttpRequest) -> HttpResponse:
    """The user's calendar feeds: create one (its URL is shown once), revoke one."""
    from communique.exports.feeds import create_feed, revoke_feed, user_feeds

    created = ""
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "revoke":
                revoke_feed(int(request.POST.get("id", "0") or 0), request.user)
            else:
                filters = {k: request.POST.get(k, "").strip() for k in ("statement", "party", "status")}
                _, secret = create_feed(request.user, filters, request.POST.get("label", "").strip()[:200])
                created = request.build_absolute_uri(reverse("exports:feed", args=[secret]))
        except (CommuniqueError, ValueError) as e:
            error = str(e)
    from django.shortcuts import render

    return render(request, "exports/feeds.html", {"tokens": user_feeds(request.user), "created": created, "error": error})
