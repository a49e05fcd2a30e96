"""Names the templates translate from data (``{% translate c.status_name %}``), listed here so
that ``makemessages`` finds them: statuses, acts, roles, due windows, evidence kinds, fields."""

from __future__ import annotations

from django.utils.translation import gettext_noop

NAMES: tuple[str, ...] = (
    # IATI statuses
    gettext_noop("pipeline"), gettext_noop("implementation"), gettext_noop("finalisation"),
    gettext_noop("closed"), gettext_noop("cancelled"), gettext_noop("suspended"),
    # acts
    gettext_noop("commit"), gettext_noop("consider"), gettext_noop("welcome"), gettext_noop("affirm"),
    gettext_noop("appreciate"), gettext_noop("report"),
    # roles
    gettext_noop("viewer"), gettext_noop("editor"), gettext_noop("admin"),
    # due windows
    gettext_noop("overdue"), gettext_noop("soon"), gettext_noop("later"), gettext_noop("none"),
    # evidence kinds
    gettext_noop("link"), gettext_noop("note"), gettext_noop("file reference"), gettext_noop("file"),
    gettext_noop("paragraph"), gettext_noop("paragraph of another statement"),
    # correctable fields
    gettext_noop("actors"), gettext_noop("acts"), gettext_noop("organizations"), gettext_noop("dates"),
    gettext_noop("is_commitment"),
)
