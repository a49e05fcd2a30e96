"""Read-mostly admin: browse everything; history entries cannot be changed or deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from communique.tracker import models


@admin.register(models.Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "source_name", "version", "is_current", "date", "imported_at")
    list_filter = ("is_current", "language")
    search_fields = ("title", "source_name")
    exclude = ("parse",)


@admin.register(models.Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ("id", "statement", "topic", "responsible_party", "status", "score", "due_text", "version")
    list_filter = ("status", "score", "strength", "active")
    search_fields = ("sentence__text", "topic")
    raw_id_fields = ("sentence", "statement", "section", "previous")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # changes go through the services, which record history


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    search_fields = ("name", "aliases__alias")


@admin.register(models.HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "target_type", "target_id", "field", "why")
    list_filter = ("target_type", "field")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any) -> bool:
        return False
