"""API permissions: the web app's roles (viewer reads, editor changes)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission

from communique.web import roles


class RolePermission(BasePermission):
    """GET/HEAD/OPTIONS for viewers and up; anything else for editors and admins."""

    message = "your role does not allow this: reading needs the viewer role, changes the editor role"

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return roles.can_read(user)
        return roles.can_edit(user)
