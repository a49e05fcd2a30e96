"""Static files for local runs without DEBUG (production: collectstatic behind the web server)."""

from __future__ import annotations

from django.contrib.staticfiles.views import serve
from django.http import HttpRequest, HttpResponse


def serve_static(request: HttpRequest, path: str) -> HttpResponse:
    response = serve(request, path, insecure=True)
    response["Cache-Control"] = "public, max-age=3600"
    return response
