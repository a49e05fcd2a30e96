"""First run of ``communique serve``: the first admin from the environment, the sample, user roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from communique.errors import InputError
from communique.tracker.models import Statement
from communique.web import bootstrap, roles

pytestmark = pytest.mark.django_db


def test_admin_from_environment_is_created_once() -> None:
    env = {"COMMUNIQUE_ADMIN_USER": "boss", "COMMUNIQUE_ADMIN_PASSWORD": "a-long-local-pass-9"}
    outcome = bootstrap.ensure_admin_from_env(env)
    assert (outcome.username, outcome.created, outcome.how) == ("boss", True, "env")
    boss = get_user_model().objects.get(username="boss")
    assert boss.is_superuser and boss.is_staff and roles.role_of(boss) == "admin"
    assert boss.check_password("a-long-local-pass-9")
    again = bootstrap.ensure_admin_from_env({**env, "COMMUNIQUE_ADMIN_PASSWORD": "another-pass-123"})
    assert (again.created, again.how) == (False, "existing")
    boss.refresh_from_db()
    assert boss.check_password("a-long-local-pass-9")  # never replaced from the environment


def test_without_environment_nothing_is_created() -> None:
    outcome = bootstrap.ensure_admin_from_env({})
    assert (outcome.username, outcome.how) == (None, "none")
    assert not bootstrap.admin_exists()


@pytest.mark.parametrize("password", ["short", "password123", "12345678901"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(InputError):
        bootstrap.create_user("weak", password, "editor")
    assert not get_user_model().objects.filter(username="weak", password__startswith="pbkdf2").exists()


def test_create_user_sets_exactly_one_role() -> None:
    user = bootstrap.create_user("pat", "a-long-local-pass-9", "editor")
    assert roles.role_of(user) == "editor" and not user.is_staff
    user = bootstrap.create_user("pat", "a-long-local-pass-9", "viewer")
    assert list(user.groups.values_list("name", flat=True)) == ["viewer"]
    with pytest.raises(ValueError):
        roles.assign(user, "owner")


def test_sample_is_imported_only_into_an_empty_database(editor: Any) -> None:
    statement = bootstrap.ensure_sample(editor)
    assert statement is not None and statement.paragraphs.exclude(number=None).count() == 60
    assert bootstrap.ensure_sample(editor) is None
    assert Statement.objects.count() == 1
