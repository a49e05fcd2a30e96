"""ASGI entry point: ``uvicorn --workers 4 communique.web.asgi:application``."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communique.settings")
application = get_asgi_application()
