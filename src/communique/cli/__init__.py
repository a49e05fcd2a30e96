"""The ``communique`` command: a thin Typer shell over the library and the tracker services.

Each group of commands lives in its own module and registers itself on ``app``.
Every :class:`~communique.errors.CommuniqueError` becomes one line on stderr and
exit code 2; nothing else should escape as a traceback.
"""

from __future__ import annotations

import sys

import typer

from communique.errors import CommuniqueError

app = typer.Typer(
    name="communique",
    help="Turn diplomatic joint statements into commitments people can track.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules, registered in this order. A module registers its commands on `app` when imported.
COMMAND_MODULES = (
    "communique.cli.parse_cmd",  # parse, eval
    "communique.cli.tracker_cmd",  # import, list, show, update, due, stats, correct...
    "communique.cli.web_cmd",  # serve, createadmin
    "communique.cli.export_cmd",  # export, restore
    "communique.cli.api_cmd",  # token
)


@app.callback()
def _root(
    db: str | None = typer.Option(
        None, "--db", metavar="PATH", help="Tracker database file (SQLite); default: $COMMUNIQUE_DB or the data directory."
    ),
) -> None:
    """Turn diplomatic joint statements into commitments people can track."""
    if db:  # read by communique.settings when a tracker command first starts Django
        import os

        os.environ["COMMUNIQUE_DB"] = db


def _register() -> None:
    import importlib

    for module in COMMAND_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:  # a real missing dependency, not a command group not written yet
                raise


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def main() -> None:
    _register()
    try:
        code = app(standalone_mode=False)
        # Outside standalone mode Click returns an Exit's code instead of exiting: honour it,
        # so that `raise fail(...)` really ends with status 2.
        if isinstance(code, int) and code:
            sys.exit(code)
    except CommuniqueError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as e:
        # Usage errors from Typer's bundled click: print their own one-line message.
        if hasattr(e, "show") and isinstance(getattr(e, "exit_code", None), int):
            e.show()
            sys.exit(e.exit_code)
        raise
