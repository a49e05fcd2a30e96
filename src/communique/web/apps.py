from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "communique.web"
    label = "web"
    verbose_name = "communique web app"
    default_auto_field = "django.db.models.BigAutoField"
