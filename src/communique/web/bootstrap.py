"""First-run chores of ``communique serve``: the first admin, the bundled sample, user accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from communique.errors import InputError

MIN_PASSWORD = 8


@dataclass
class AdminOutcome:
    username: str | None
    created: bool
    how: str  # "env", "existing", "none"


def create_user(username: str, password: str, role: str) -> Any:
    """Create (or reset the password and role of) a user with a password that passes Django's validators."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from communique.web import roles

    username = username.strip()
    if not username:
        raise InputError("user name must not be empty")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"password must have at least {MIN_PASSWORD} characters")
    model = get_user_model()
    user = model.objects.filter(username=username).first() or model(username=username)
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise InputError("password: " + " ".join(e.messages)) from None
    user.set_password(password)
    user.is_active = True
    user.save()
    roles.assign(user, role)
    return user


def admin_exists() -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True, is_active=True).exists()


def ensure_admin_from_env(environ: dict[str, str]) -> AdminOutcome:
    """Create the admin named in ``COMMUNIQUE_ADMIN_USER`` with ``COMMUNIQUE_ADMIN_PASSWORD``
    unless that user exists already (an existing password is never replaced from the environment)."""
    from django.contrib.auth import get_user_model

    name = environ.get("COMMUNIQUE_ADMIN_USER", "").strip()
    password = environ.get("COMMUNIQUE_ADMIN_PASSWORD", "")
    if name and password:
        if get_user_model().objects.filter(username=name).exists():
            return AdminOutcome(name, False, "existing")
        create_user(name, password, "admin")
        return AdminOutcome(name, True, "env")
    first = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("id").first()
    return AdminOutcome(first.get_username() if first else None, False, "existing" if first else "none")


def ensure_sample(user: Any) -> Any | None:
    """Import the bundled sample statement when the database has no statement; returns it or None."""
    import communique
    from communique.tracker.models import Statement
    from communique.tracker.services.importing import import_statement

    if Statement.objects.exists():
        return None
    return import_statement(communique.sample_path(), user, name="sample:" + communique.sample_path().name).statement
