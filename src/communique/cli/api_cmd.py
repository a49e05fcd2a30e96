"""``communique token``: the API token of a web app user (made on first use)."""

from __future__ import annotations

import typer

from communique.cli import app, fail


@app.command()
def token(
    user: str = typer.Option(..., "--user", "-u", help="User name (an existing web app user)."),
    reset: bool = typer.Option(False, "--reset", help="Replace the token with a new one (the old one stops working)."),
    db: str | None = typer.Option(None, "--db", help="SQLite database file."),
) -> None:
    """Print the API token of USER (created if missing): send it as `Authorization: Token KEY`.

    The token acts with the user's role: viewers read, editors also change."""
    from communique import djangoapp

    djangoapp.ensure_database(db)
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from communique.web import roles

    found = get_user_model().objects.filter(username=user.strip()).first()
    if found is None:
        raise fail(f"no user {user!r}: create one with `communique adduser {user} --role viewer|editor`")
    if not found.is_active:
        raise fail(f"user {user!r} is deactivated")
    if reset:
        Token.objects.filter(user=found).delete()
    key, created = Token.objects.get_or_create(user=found)
    role = roles.role_of(found)
    typer.echo(key.key)
    note = "new token" if created else "existing token"
    typer.echo(f"{note} for {found.get_username()!r} (role: {role or 'none: the API will refuse it'})", err=True)
