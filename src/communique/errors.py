"""The library's own error type: every failure on bad input is one of these, with a one-line message."""

from __future__ import annotations


class CommuniqueError(Exception):
    """A clear, one-line problem with the input or a request; the CLI prints it and exits 2."""

    exit_code = 2


class InputError(CommuniqueError):
    """The input cannot be read: missing, empty, binary, undetectable encoding, too large, scanned PDF."""


class ConflictError(CommuniqueError):
    """Someone else changed the record since it was read (optimistic locking)."""


class NotFoundError(CommuniqueError):
    """No such statement, sentence or commitment."""
