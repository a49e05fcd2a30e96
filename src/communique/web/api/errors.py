"""The tracker's errors as HTTP answers: bad input 400, not found 404, edit conflict 409."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from communique.errors import CommuniqueError, ConflictError, NotFoundError


def status_of(error: CommuniqueError) -> int:
    if isinstance(error, ConflictError):
        return status.HTTP_409_CONFLICT
    if isinstance(error, NotFoundError):
        return status.HTTP_404_NOT_FOUND
    return status.HTTP_400_BAD_REQUEST


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, CommuniqueError):
        return Response({"detail": str(exc)}, status=status_of(exc))
    return drf_exception_handler(exc, context)
