"""``communique serve``, ``communique createadmin`` and ``communique adduser``: the web app."""

from __future__ import annotations

import os
import sys

import typer

from communique.cli import app, fail

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _prompt_password() -> str:
    return typer.prompt("Password (at least 8 characters)", hide_input=True, confirmation_prompt=True)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", "-p", help="Port to listen on."),
    db: str | None = typer.Option(None, "--db", help="SQLite database file (default: the user data directory)."),
    no_sample: bool = typer.Option(False, "--no-sample", help="Do not import the bundled sample into an empty database."),
) -> None:
    """Run the web app: migrate, import the sample into an empty database, make the first admin, serve."""
    from communique import djangoapp

    djangoapp.ensure_database(db)
    from django.conf import settings
    from django.core.management import call_command

    from communique.web import bootstrap

    outcome = bootstrap.ensure_admin_from_env(dict(os.environ))
    if outcome.how == "none" and sys.stdin.isatty():
        typer.echo("No administrator yet: create one now.")
        name = typer.prompt("Admin user name", default="admin")
        bootstrap.create_user(name, _prompt_password(), "admin")
        outcome = bootstrap.AdminOutcome(name, True, "prompt")
    if not no_sample:
        from django.contrib.auth import get_user_model

        owner = get_user_model().objects.filter(username=outcome.username).first() if outcome.username else None
        imported = bootstrap.ensure_sample(owner)
        if imported is not None:
            typer.echo(f"Imported the bundled sample: {imported.title[:60]}")
    if host not in LOCAL_HOSTS and host not in settings.ALLOWED_HOSTS and host != "0.0.0.0":
        settings.ALLOWED_HOSTS.append(host)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    typer.echo(f"communique is at {url}")
    if outcome.how == "none":
        typer.echo("No administrator exists yet. Create one in another terminal with:\n"
                   "  communique createadmin\n"
                   "or start with COMMUNIQUE_ADMIN_USER=... COMMUNIQUE_ADMIN_PASSWORD=... communique serve")
    elif outcome.created:
        typer.echo(f"Log in as {outcome.username!r} with the password you chose.")
    else:
        typer.echo(f"Log in as {outcome.username!r} (an existing administrator); "
                   "add colleagues with `communique adduser NAME --role viewer|editor|admin`.")
    if host == "0.0.0.0":
        typer.echo("Listening on all addresses: set COMMUNIQUE_ALLOWED_HOSTS to the names clients use.")
    typer.echo("Press Ctrl+C to stop.")
    sys.stdout.flush()
    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True, skip_checks=True)


@app.command()
def createadmin(
    username: str = typer.Option(None, "--username", "-u", help="User name (asked when omitted)."),
    db: str | None = typer.Option(None, "--db", help="SQLite database file."),
) -> None:
    """Create an administrator (password from COMMUNIQUE_ADMIN_PASSWORD, else asked)."""
    _add_user(username, "admin", db, "COMMUNIQUE_ADMIN_PASSWORD")


@app.command()
def adduser(
    username: str = typer.Argument(..., help="User name."),
    role: str = typer.Option("viewer", "--role", "-r", help="viewer (reads), editor (changes), admin (users)."),
    db: str | None = typer.Option(None, "--db", help="SQLite database file."),
) -> None:
    """Create a web app user with a role, or change an existing user's role and password
    (password from COMMUNIQUE_USER_PASSWORD, else asked)."""
    _add_user(username, role, db, "COMMUNIQUE_USER_PASSWORD")


def _add_user(username: str | None, role: str, db: str | None, password_env: str) -> None:
    from communique import djangoapp
    from communique.web import roles

    if role not in roles.ROLES:
        raise fail(f"unknown role {role!r}; use one of: {', '.join(roles.ROLES)}")
    djangoapp.ensure_database(db)
    from communique.web import bootstrap

    if not username:
        if not sys.stdin.isatty():
            raise fail("give --username")
        username = typer.prompt("User name", default="admin")
    password = os.environ.get(password_env, "")
    if not password:
        if not sys.stdin.isatty():
            raise fail(f"no terminal to ask for a password: set {password_env}")
        password = _prompt_password()
    bootstrap.create_user(username, password, role)
    typer.echo(f"{role} {username!r} is ready.")
