"""``communique parse`` and ``communique eval``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from communique.cli import app, fail


class ParseFormat(str, Enum):
    summary = "summary"
    json = "json"
    md = "md"


@app.command()
def parse(
    file: str = typer.Argument(..., help="Statement file (txt, md, pdf, html, docx), or - for stdin."),
    format: ParseFormat = typer.Option(ParseFormat.summary, "--format", "-f", help="summary, json or md."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    input_format: str | None = typer.Option(
        None, "--input-format", help="Force the input format: text, markdown, pdf, html, docx."
    ),
    max_size: int | None = typer.Option(None, "--max-size", help="Input size limit in bytes."),
) -> None:
    """Parse a joint statement into its structure and commitments."""
    import communique
    from communique import render

    doc = communique.parse(Path(file) if file != "-" else "-", format=input_format, max_bytes=max_size)
    if format is ParseFormat.json:
        from communique.interchange import dumps

        text = dumps(doc)
    elif format is ParseFormat.md:
        text = render.markdown(doc)
    else:
        if output is None:
            render.summary(doc)
            return
        text = render.summary_text(doc)
    if output is None:
        typer.echo(text, nl=False)
    else:
        from communique.fileio import atomic_write_text

        atomic_write_text(output, text)


# ---------------------------------------------------------------- eval

SCORER_RELATIVE = Path("..") / "shared" / "eval" / "score.py"
SCORE_FIELDS = ("sentences", "acts", "commitments", "organizations", "instruments", "dates")


def find_scorer(explicit: Path | None = None) -> Path | None:
    """The shared scorer: ``--scorer``, else ``../shared/eval/score.py`` from the repo root or cwd."""
    if explicit is not None:
        return explicit if explicit.is_file() else None
    repo_root = Path(__file__).resolve().parents[3]  # src/communique/cli/parse_cmd.py -> repo
    for base in (repo_root, Path.cwd()):
        candidate = (base / SCORER_RELATIVE).resolve()
        if candidate.is_file():
            return candidate
    return None


def load_scorer(path: Path):  # -> module with score(gold, pred)
    """Import the scorer file as a module (it is read, never copied into the project)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("communique_shared_score", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:  # noqa: BLE001 - any failure to import is "not a usable scorer"
        return None
    return module if callable(getattr(module, "score", None)) else None


def format_scores(result: dict) -> str:
    """The scorer's table, line for line as its own ``main`` prints it."""
    lines = [
        "document   " + "  ".join(f"{k}={v}" for k, v in result["document"].items()),
        "structure  " + "  ".join(f"{k}={v}" for k, v in result["structure"].items()),
    ]
    for name in SCORE_FIELDS:
        s = result[name]
        lines.append(
            f"{name:<12} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
            f"  (tp={s['tp']} fp={s['fp']} fn={s['fn']})"
        )
    lines.append(f"actors       accuracy={result['actors_accuracy']:.3f}")
    lines.append("acts F1      " + "  ".join(f"{a}={f:.2f}" for a, f in result["acts_by_label"].items()))
    lines.append(f"repairs      recall={result['repairs_recall']:.3f}")
    lines.append(f"overall {result['overall']:.4f}")
    return "\n".join(lines) + "\n"


def _read_json(path: Path, what: str) -> dict:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail(f"{path}: no such {what} file") from None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise fail(f"{path}: cannot read {what} as JSON ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sentences", []), list):
        raise fail(f"{path}: not a communique/statement@1 {what} (expected a JSON object with sentences)")
    return data


def _prediction(file: Path) -> dict:
    """A JSON parse as it is, or any statement file parsed now."""
    if file.suffix.lower() == ".json":
        return _read_json(file, "prediction")
    import communique
    from communique.errors import CommuniqueError

    try:
        return communique.parse(file).to_dict()
    except CommuniqueError as e:
        raise fail(str(e)) from None


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold annotation (communique/statement@1 JSON)."),
    file: Path = typer.Argument(..., help="A statement file to parse, or a JSON parse of one."),
    scorer: Path | None = typer.Option(
        None, "--scorer", help="Path to score.py (default: ../shared/eval/score.py from the repo or cwd)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score a parse against a gold annotation with the shared scorer."""
    import json

    scorer_path = find_scorer(scorer)
    if scorer_path is None:
        where = (
            str(scorer)
            if scorer is not None
            else f"{SCORER_RELATIVE} (from the repo root or the current directory)"
        )
        raise fail(f"scorer not found: {where}; pass --scorer PATH/TO/score.py")
    module = load_scorer(scorer_path)
    if module is None:
        raise fail(f"{scorer_path}: not a usable scorer (no score(gold, pred) function)")
    gold_data = _read_json(gold, "gold")
    pred_data = _prediction(file)
    try:
        result = module.score(gold_data, pred_data)
    except Exception as e:  # noqa: BLE001 - a malformed file must not become a traceback
        raise fail(f"cannot score {file} against {gold}: {type(e).__name__}: {e}") from None
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_scores(result), nl=False)
