"""Who may do what: reading needs a role (viewer or more); changing needs editor or admin."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from communique.web import roles

View = Callable[..., HttpResponse]


def _require(check: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


viewer_required = _require(roles.can_read)
"""Log in first; then any role may read."""

editor_required = _require(roles.can_edit)
"""Log in first; then only editors and admins (403 for viewers)."""


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: the user's role and whether to show change forms."""
    user = getattr(request, "user", None)
    return {"role": roles.role_of(user), "can_edit": roles.can_edit(user)}
