"""``communique adduser`` and ``createadmin``: passwords from the environment, roles, clear errors."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from communique.cli import _register, app
from communique.web import roles

pytestmark = pytest.mark.django_db
_register()


def test_adduser_with_a_role_and_password_from_the_environment() -> None:
    result = CliRunner().invoke(app, ["adduser", "alice", "--role", "editor"],
                                env={"COMMUNIQUE_USER_PASSWORD": "a-long-local-pass-9"})
    assert result.exit_code == 0, result.output
    alice = get_user_model().objects.get(username="alice")
    assert roles.role_of(alice) == "editor" and alice.check_password("a-long-local-pass-9")


def test_adduser_refuses_an_unknown_role_and_a_missing_password() -> None:
    runner = CliRunner()
    unknown = runner.invoke(app, ["adduser", "bob", "--role", "owner"], env={"COMMUNIQUE_USER_PASSWORD": "x" * 12})
    assert unknown.exit_code == 2 and "unknown role" in unknown.output
    no_password = runner.invoke(app, ["adduser", "bob"], env={"COMMUNIQUE_USER_PASSWORD": ""})
    assert no_password.exit_code == 2 and "COMMUNIQUE_USER_PASSWORD" in no_password.output
    assert not get_user_model().objects.filter(username="bob").exists()


def test_createadmin() -> None:
    result = CliRunner().invoke(app, ["createadmin", "--username", "root2"],
                                env={"COMMUNIQUE_ADMIN_PASSWORD": "a-long-local-pass-9"})
    assert result.exit_code == 0, result.output
    assert get_user_model().objects.get(username="root2").is_superuser
