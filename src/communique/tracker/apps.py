from __future__ import annotations

from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "communique.tracker"
    label = "tracker"
    verbose_name = "Commitment tracker"
    default_auto_field = "django.db.models.BigAutoField"
