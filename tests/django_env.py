"""Django for the database tests (tracker, exports), set up on first import of their conftest,
so that the other tests never pay for Django start-up.

The database is a throwaway SQLite file (a real file, so that threads get real connections),
or PostgreSQL when ``DATABASE_URL`` is set (``scripts/test.sh`` runs these directories again
against a server started by ``scripts/postgres.sh``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def setup_django(prefix: str, *, own_db_path: bool = False) -> tuple[Path, bool]:
    """Point Django at a temporary data directory and test database, set it up, and return
    (the temporary directory, whether the database is PostgreSQL). ``own_db_path`` replaces any
    ``COMMUNIQUE_DB`` from the environment, so a test run never opens a user's database."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("COMMUNIQUE_DATA_DIR", str(tmp))  # never the user's data directory
    os.environ.setdefault("COMMUNIQUE_SECRET_KEY", "tests-only-not-secret")
    if own_db_path:
        os.environ["COMMUNIQUE_DB"] = str(tmp / "unused.sqlite3")
    else:
        os.environ.setdefault("COMMUNIQUE_DB", str(tmp / "unused.sqlite3"))
    os.environ.setdefault("COMMUNIQUE_TEST_DB", str(tmp / "test.sqlite3"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communique.settings")

    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # Settings may have been loaded before (e.g. DJANGO_SETTINGS_MODULE in pytest config).
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["COMMUNIQUE_TEST_DB"]
    return tmp, settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
