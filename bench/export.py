"""Streaming exports at scale: a 60,000-commitment CSV export with flat memory.

    .venv/bin/python bench/export.py                       # 60,000 commitments, SQLite
    .venv/bin/python bench/export.py --formats csv,xlsx    # the Excel export as well
    .venv/bin/python bench/export.py --commitments 20000 --keep /tmp/exports.sqlite3

Builds a SQLite database in a temporary directory: ``--statements`` generated statements
(``communique.synthetic``) parsed and stored with the tracker's import service, then
cloned with bulk inserts (statement, commitment sentences, commitments, some evidence)
until the database holds ``--commitments`` commitments. Then, each in a fresh process,
exports the first 10,000 and then all commitments as CSV through the same code as
``communique export --format csv`` and reports wall time, peak RSS (``ru_maxrss``) and,
in a second run, the tracemalloc peak of Python allocations. Flat memory = the 60k
figures close to the 10k ones.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _django(db: Path) -> None:
    os.environ["COMMUNIQUE_DB"] = str(db)
    os.environ.setdefault("COMMUNIQUE_SECRET_KEY", "bench-only")
    os.environ.pop("DATABASE_URL", None)
    from communique import djangoapp

    djangoapp.ensure_database()


def build(db: Path, statements: int, commitments: int, seed: int) -> dict[str, Any]:
    """Import ``statements`` parsed statements, then clone them until there are ``commitments``."""
    import hashlib

    _django(db)
    import communique
    from communique.synthetic import generate_statements
    from communique.tracker.models import Commitment, Evidence, Sentence, Statement
    from communique.tracker.services import import_statement, resolve_user

    started = time.perf_counter()
    for i, text in enumerate(generate_statements(statements, seed=seed)):
        import_statement(communique.parse(text), "bench", name=f"generated-{i}")
    imported = time.perf_counter() - started
    user = resolve_user("bench")
    templates = list(Statement.objects.order_by("id"))
    commitment_sentences = {
        st.pk: list(Sentence.objects.filter(statement=st, commitment__isnull=False).select_related("commitment").order_by("id"))
        for st in templates
    }
    total = Commitment.objects.count()
    copy_no = 0
    started = time.perf_counter()
    while total < commitments:
        copy_no += 1
        for template in templates:
            if total >= commitments:
                break
            sentences = commitment_sentences[template.pk][: commitments - total]
            st = Statement.objects.create(
                source_name=f"{template.source_name}-copy-{copy_no}",
                sha256=hashlib.sha256(f"{template.sha256}-{copy_no}".encode()).hexdigest(),
                title=template.title, language=template.language, date=template.date, place=template.place,
                parties=template.parties, parties_key=template.parties_key, parse=template.parse,
                parser_version=template.parser_version, imported_by=user,
            )
            new_sentences = Sentence.objects.bulk_create([
                Sentence(statement=st, paragraph_id=s.paragraph_id, section_id=s.section_id, sid=s.sid,
                         position=s.position, text=s.text, key=s.key, extracted=s.extracted, actors=s.actors,
                         acts=s.acts, organizations=s.organizations, instruments=s.instruments, dates=s.dates,
                         due=s.due, actors_key=s.actors_key, acts_key=s.acts_key)
                for s in sentences
            ])
            made = Commitment.objects.bulk_create([
                Commitment(sentence=new, statement=st, section_id=old.commitment.section_id, topic=old.commitment.topic,
                           actors=old.commitment.actors, actors_key=old.commitment.actors_key,
                           strength=old.commitment.strength, responsible_party=old.commitment.responsible_party,
                           due_text=old.commitment.due_text, due_date=old.commitment.due_date,
                           due_precision=old.commitment.due_precision, status=1 + (new.pk % 6))
                for old, new in zip(sentences, new_sentences, strict=True)
            ])
            Evidence.objects.bulk_create([
                Evidence(commitment=c, kind="note", text=f"進捗報告 {c.pk}", added_by=user) for c in made[::10]
            ])
            total += len(made)
    cloned = time.perf_counter() - started
    return {"commitments": total, "statements": Statement.objects.count(), "import_s": round(imported, 1),
            "clone_s": round(cloned, 1), "db_mb": round(db.stat().st_size / 1e6, 1)}


def measure(db: Path, rows: int, trace: bool, fmt: str = "csv") -> dict[str, Any]:
    """Export the first ``rows`` commitments as CSV (or xlsx) the way the CLI does; time and memory."""
    _django(db)
    from communique.exports.csv_export import write_csv
    from communique.exports.output import atomic_output, atomic_path
    from communique.exports.rows import commitment_rows, commitments
    from communique.exports.xlsx import write_xlsx

    qs = commitments()
    cutoff = qs.values_list("id", flat=True)[rows - 1]
    selected = qs.filter(pk__lte=cutoff)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        import tracemalloc

        tracemalloc.start()
    out = db.parent / f"export-{rows}.{fmt}"
    started = time.perf_counter()
    if fmt == "xlsx":
        with atomic_path(out) as tmp:
            count = write_xlsx(commitment_rows(selected), tmp)
    else:
        with atomic_output(out, "w", encoding="utf-8") as f:
            count = write_csv(commitment_rows(selected), f)
    elapsed = time.perf_counter() - started
    result: dict[str, Any] = {"rows": count, "seconds": round(elapsed, 2), "mb": round(out.stat().st_size / 1e6, 1),
                              "rss_before_mb": round(rss_before / 1024, 1),
                              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if trace:
        import tracemalloc

        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 2)
        tracemalloc.stop()
    return result


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench/export.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commitments", type=int, default=60_000)
    parser.add_argument("--statements", type=int, default=40, help="generated statements parsed and imported")
    parser.add_argument("--small", type=int, default=10_000, help="rows of the small export")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default="csv", help="comma-separated: csv, xlsx")
    parser.add_argument("--keep", type=Path, help="keep the database at this path (reused if it exists)")
    parser.add_argument("--_build", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_format", default="csv", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._build:
        print(json.dumps(build(args.db, args.statements, args.commitments, args.seed)))
        return
    if args._measure:
        print(json.dumps(measure(args.db, args._measure, args._trace, args._format)))
        return
    work = Path(tempfile.mkdtemp(prefix="communique-bench-export-"))
    db = args.keep or work / "bench.sqlite3"
    os.environ["COMMUNIQUE_DATA_DIR"] = str(work)
    if not db.exists():
        print(f"building {args.commitments:,} commitments in {db} ...", flush=True)
        print("  ", _child("--_build", "--db", str(db), "--commitments", str(args.commitments),
                           "--statements", str(args.statements), "--seed", str(args.seed)), flush=True)
    print("| export | rows | time | file size | peak RSS | tracemalloc peak |")
    print("|---|---|---|---|---|---|")
    for fmt, rows in [(f, n) for f in args.formats.split(",") for n in (args.small, args.commitments)]:
        plain = _child("--_measure", str(rows), "--db", str(db), "--_format", fmt)
        traced = _child("--_measure", str(rows), "--db", str(db), "--_trace", "--_format", fmt)
        print(f"| {fmt}, first {rows:,} commitments | {plain['rows']:,} | {plain['seconds']} s "
              f"({plain['rows'] / plain['seconds']:,.0f} rows/s) | {plain['mb']} MB | {plain['peak_rss_mb']} MB "
              f"(start {plain['rss_before_mb']} MB) | {traced['tracemalloc_peak_mb']} MB |", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
