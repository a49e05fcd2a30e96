"""Start Django for the CLI: configure once, create or migrate the database when needed.

Imported lazily by the tracker commands only, so that ``communique parse`` and
``communique --help`` never import Django.
"""

from __future__ import annotations

import os

_ready = False
_migrated = False


def setup(db: str | None = None) -> None:
    """Configure Django with ``communique.settings`` (once per process).

    ``db`` is a SQLite file path that overrides ``COMMUNIQUE_DB`` (the CLI's ``--db``).
    """
    global _ready
    if db:
        os.environ["COMMUNIQUE_DB"] = db
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communique.settings")
    import django
    from django.conf import settings

    if not settings.configured or not _apps_ready():
        django.setup()
    _ready = True


def _apps_ready() -> bool:
    from django.apps import apps

    return apps.ready


def ensure_database(db: str | None = None) -> None:
    """:func:`setup`, then apply any migration not yet applied (creates the database on first use)."""
    global _migrated
    setup(db)
    if _migrated:
        return
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    _migrated = True
