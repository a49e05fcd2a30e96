"""Fixtures of the web app tests: users of each role, logged-in clients, the sample imported."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any

# Settings read the environment when first imported: a throwaway data directory (secret key,
# default database path) and Django settings for pytest-django.
os.environ.setdefault("COMMUNIQUE_DATA_DIR", tempfile.mkdtemp(prefix="communique-web-tests-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communique.settings")

import django  # noqa: E402
import pytest  # noqa: E402

django.setup()  # test modules import models at collection time

from django.conf import settings  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only

PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def make_user(db: Any) -> Callable[[str, str | None], Any]:
    from django.contrib.auth import get_user_model

    from communique.web import roles

    def make(name: str, role: str | None) -> Any:
        user = get_user_model().objects.create_user(username=name, password=PASSWORD)
        if role:
            roles.assign(user, role)
        return user

    return make


@pytest.fixture
def editor(make_user: Callable[[str, str | None], Any]) -> Any:
    return make_user("eddie", "editor")


@pytest.fixture
def viewer(make_user: Callable[[str, str | None], Any]) -> Any:
    return make_user("vera", "viewer")


@pytest.fixture
def editor_client(client: Any, editor: Any) -> Any:
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(viewer: Any) -> Any:
    from django.test import Client

    c = Client()
    c.force_login(viewer)
    return c


@pytest.fixture
def sample_statement(editor: Any, sample_doc: Any) -> Any:
    """The bundled sample, imported by the editor (parsed once per session)."""
    import copy

    from communique.tracker.services import import_statement

    return import_statement(copy.deepcopy(sample_doc), editor, name="sample").statement


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Cached counts are keyed by max row ids, which rolled-back test transactions reuse."""
    from django.core.cache import cache

    cache.clear()
