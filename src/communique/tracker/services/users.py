"""Who acts: a Django user from a user object or a user name (the CLI's ``--user``)."""

from __future__ import annotations

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError

from communique.errors import InputError

UserLike = AbstractBaseUser | str | None


def default_username() -> str:
    """The OS user, the CLI's default for ``--user``."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "communique"


def resolve_user(user: UserLike) -> AbstractBaseUser:
    """The user for a change: a user object as is, or the user with this name (created on first use,
    without a usable password, so a CLI name never becomes a web login). ``None`` = the OS user."""
    if isinstance(user, AbstractBaseUser):
        return user
    name = (user if user is not None else default_username()).strip()
    if not name or len(name) > 150:
        raise InputError(f"user name {name!r}: must be 1 to 150 characters")
    try:
        UnicodeUsernameValidator()(name)
    except ValidationError:
        raise InputError(f"user name {name!r}: use letters, digits and @ . + - _ only") from None
    model = get_user_model()
    found, created = model.objects.get_or_create(username=name)
    if created:
        found.set_unusable_password()
        found.save(update_fields=["password"])
    return found
