from __future__ import annotations

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """Exports as a Django app only for its one table: the calendar feed tokens."""

    name = "communique.exports"
    label = "exports"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "exports"
