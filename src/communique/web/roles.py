"""The three roles, as Django groups: viewer (reads), editor (changes tracking data, uploads),
admin (manages users; staff + superuser, Django admin at /admin/).

A user's role is the strongest group they belong to; superusers are admins. An
authenticated user with no role may not read anything (an admin must grant one).
"""

from __future__ import annotations

from typing import Any

VIEWER = "viewer"
EDITOR = "editor"
ADMIN = "admin"
ROLES: tuple[str, ...] = (VIEWER, EDITOR, ADMIN)
_RANK = {None: 0, VIEWER: 1, EDITOR: 2, ADMIN: 3}


def ensure_groups() -> None:
    """Create the three groups when missing (also done by this app's data migration)."""
    from django.contrib.auth.models import Group

    for name in ROLES:
        Group.objects.get_or_create(name=name)


def role_of(user: Any) -> str | None:
    """The user's strongest role, or None (anonymous, inactive or no group). Cached on the user."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, "_communique_role", False)
    if cached is not False:
        return cached
    if user.is_superuser:
        role: str | None = ADMIN
    else:
        names = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        role = max(names, key=lambda n: _RANK[n]) if names else None
    user._communique_role = role
    return role


def can_read(user: Any) -> bool:
    return _RANK[role_of(user)] >= _RANK[VIEWER]


def can_edit(user: Any) -> bool:
    return _RANK[role_of(user)] >= _RANK[EDITOR]


def assign(user: Any, role: str) -> None:
    """Give ``user`` exactly ``role``; admin also makes them staff and superuser."""
    from django.contrib.auth.models import Group

    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (use one of {', '.join(ROLES)})")
    groups = [Group.objects.get_or_create(name=name)[0] for name in ROLES]
    user.groups.remove(*groups)
    user.groups.add(next(g for g in groups if g.name == role))
    user.is_staff = user.is_superuser = role == ADMIN
    user.save(update_fields=["is_staff", "is_superuser"])
    if hasattr(user, "_communique_role"):
        del user._communique_role
