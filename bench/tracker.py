"""Tracker at scale: import a generated corpus, then time filtered lists and stats.

    .venv/bin/python bench/tracker.py                  # 1,000 statements, SQLite then PostgreSQL
    .venv/bin/python bench/tracker.py --n 200 --backends sqlite
    .venv/bin/python bench/tracker.py --jobs 1         # parse in this process only

Each backend runs in a child process of its own (Django is configured once per process):
SQLite in a temporary file; PostgreSQL at ``DATABASE_URL`` when set, else a throwaway
server from ``scripts/postgres.sh`` (durable: fsync on). Reports the import rate (parse and
store separately), database size, and p50/p95 latency of ``list`` with filters (a page of 50,
as the web list shows, and the full count) and of ``stats``.
Targets (issue 4): 1,000-statement import < 2 min; filtered list p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _parse(text: str) -> Any:
    import communique

    return communique.parse(text)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def _timed(fn: Any, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), _percentile(times, 95)


def _parsed(texts: list[str], jobs: int) -> Iterator[Any]:
    """The parsed documents in order; with jobs > 1 parsed in worker processes while the caller
    stores them here (one writer): what a parallel `import` would do."""
    if jobs <= 1:
        yield from map(_parse, texts)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(_parse, texts, chunksize=4)


def child(n: int, seed: int, jobs: int, queries: int) -> dict[str, Any]:
    """Runs in the child process: everything for one backend; returns the figures."""
    from communique import djangoapp

    djangoapp.ensure_database()
    from django.db import connection

    from communique.synthetic import generate_statements
    from communique.tracker import services
    from communique.tracker.models import Commitment, Sentence

    texts = generate_statements(n, seed=seed)
    size_kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    services.resolve_user("bench")
    store_s = store_cpu = 0.0
    start = time.perf_counter()
    for i, doc in enumerate(_parsed(texts, jobs)):
        t0, c0 = time.perf_counter(), time.process_time()
        services.import_statement(doc, "bench", name=f"synthetic-{i:05d}")
        store_s += time.perf_counter() - t0
        store_cpu += time.process_time() - c0
    import_s = time.perf_counter() - start

    # Tracking data, so that status filters and compliance averages have something to find.
    rng = random.Random(seed)
    ids = list(Commitment.objects.values_list("id", flat=True))
    update_times = []
    for cid in rng.sample(ids, min(500, len(ids))):
        t0 = time.perf_counter()
        services.update_commitment(cid, "bench", status=rng.choice([2, 3, 4, 6]), score=rng.choice([-1, 0, 1]))
        update_times.append((time.perf_counter() - t0) * 1000)

    if connection.vendor == "postgresql":
        # What autovacuum does shortly after a bulk load; timing before it measures plans built
        # on an empty table's statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    statements = list(Commitment.objects.values_list("statement_id", flat=True).distinct()[:50])
    topics = [t for t in Commitment.objects.values_list("topic", flat=True).distinct()[:30] if t]
    orgs = [name[:8] for name in
            Sentence.objects.exclude(organizations=[]).values_list("organizations", flat=True)[:200]
            for name in [o.get("name") or o["mention"] for o in name]][:30] or ["JICA"]
    filter_sets: list[Any] = [
        lambda: {"party": rng.choice(["JPN", "KAZ", "USA", "FRA", "GBR"])},
        lambda: {"status": rng.choice(["pipeline", "implementation", "closed"])},
        lambda: {"act": rng.choice(["commit", "consider"])},
        lambda: {"statement": rng.choice(statements)},
        lambda: {"section": rng.choice(topics)[:6]} if topics else {"party": "JPN"},
        lambda: {"organization": rng.choice(orgs)},
        lambda: {"due_before": f"{rng.randint(2025, 2030)}-12-31"},
        lambda: {"due_after": f"{rng.randint(2025, 2030)}-01-01", "status": "pipeline"},
        lambda: {"text": rng.choice(["協力", "推進", "will", "energy", "支援"])},
        lambda: {"party": "JPN", "status": "implementation", "act": "commit"},
    ]
    page_times, page_cpu, count_times, counts = [], [], [], []
    by_kind: dict[str, list[float]] = {}
    for q in range(queries):
        filters = filter_sets[q % len(filter_sets)]()
        t0, c0 = time.perf_counter(), time.process_time()
        rows = list(services.list_commitments(**filters)[:50])
        page_times.append((time.perf_counter() - t0) * 1000)
        page_cpu.append((time.process_time() - c0) * 1000)
        by_kind.setdefault("+".join(filters), []).append(page_times[-1])
        t0 = time.perf_counter()
        counts.append(services.list_commitments(**filters).count())
        count_times.append((time.perf_counter() - t0) * 1000)
        assert len(rows) <= 50
    stats_p50, stats_p95 = _timed(services.stats, 20)
    due_p50, due_p95 = _timed(lambda: list(services.due(365)[:50]), 20)

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_path = Path(connection.settings_dict["NAME"])
        db_bytes = sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*"))
        version = connection.Database.sqlite_version
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            db_bytes = cursor.fetchone()[0]
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    return {
        "backend": f"{connection.vendor} {version}",
        "statements": n,
        "corpus_kb": round(size_kb),
        "sentences": Sentence.objects.count(),
        "commitments": len(ids),
        "import_s": round(import_s, 1),
        "store_s": round(store_s, 1),
        "store_ms_per_statement": round(store_s * 1000 / n, 1),
        # CPU of this process only: Python + SQLite; PostgreSQL's own work is in its server process.
        "store_cpu_ms_per_statement": round(store_cpu * 1000 / n, 1),
        "load_average_after_import": round(os.getloadavg()[0], 1),
        "statements_per_s": round(n / import_s, 1),
        "db_mb": round(db_bytes / 1024 / 1024, 1),
        "update_p50_ms": round(statistics.median(update_times), 1) if update_times else None,
        "list_page_p50_ms": round(statistics.median(page_times), 1),
        "list_page_p95_ms": round(_percentile(page_times, 95), 1),
        "list_count_p50_ms": round(statistics.median(count_times), 1),
        "list_count_p95_ms": round(_percentile(count_times, 95), 1),
        "median_matches": statistics.median(counts),
        "list_page_cpu_p50_ms": round(statistics.median(page_cpu), 1),
        "list_page_cpu_p95_ms": round(_percentile(page_cpu, 95), 1),
        "list_page_p95_by_filter": {k: round(_percentile(v, 95), 1) for k, v in by_kind.items()},
        "stats_p50_ms": round(stats_p50, 1),
        "stats_p95_ms": round(stats_p95, 1),
        "due_p50_ms": round(due_p50, 1),
        "due_p95_ms": round(due_p95, 1),
    }


def run_backend(backend: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any] | None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["COMMUNIQUE_DATA_DIR"] = str(tmp / backend)
    env.setdefault("COMMUNIQUE_SECRET_KEY", "bench-only")
    env["COMMUNIQUE_DB"] = str(tmp / backend / "bench.sqlite3")
    stop_url = None
    if backend == "postgres":
        url = os.environ.get("DATABASE_URL")
        if not url:
            started = subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "start"], capture_output=True,
                                     text=True, env={**os.environ, "COMMUNIQUE_PG_DURABLE": "1"})
            if started.returncode != 0:
                print(f"postgres: not available ({started.stderr.strip().splitlines()[-1:] or '?'}); skipped")
                return None
            url = stop_url = started.stdout.strip()
        env["DATABASE_URL"] = url
    try:
        cmd = [sys.executable, __file__, "--child", "--n", str(args.n), "--seed", str(args.seed),
               "--jobs", str(args.jobs), "--queries", str(args.queries)]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            print(f"{backend}: failed\n{result.stderr[-3000:]}")
            return None
        return json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        if stop_url:
            subprocess.run(["bash", str(ROOT / "scripts" / "postgres.sh"), "stop", stop_url], capture_output=True)


def report(r: dict[str, Any]) -> None:
    print(f"\n{r['backend']}: {r['statements']} statements ({r['corpus_kb']} KB), {r['sentences']:,} sentences, "
          f"{r['commitments']:,} commitments")
    print(f"  import     {r['import_s']} s total ({r['statements_per_s']} statements/s); "
          f"storing {r['store_s']} s = {r['store_ms_per_statement']} ms/statement wall, "
          f"{r['store_cpu_ms_per_statement']} ms CPU (load average {r['load_average_after_import']})")
    print(f"  database   {r['db_mb']} MB")
    print(f"  update     p50 {r['update_p50_ms']} ms")
    print(f"  list page  p50 {r['list_page_p50_ms']} ms, p95 {r['list_page_p95_ms']} ms (50 rows, filtered)")
    print(f"  list page  CPU of this process: p50 {r['list_page_cpu_p50_ms']} ms, p95 {r['list_page_cpu_p95_ms']} ms")
    print("  list page p95 by filter: " + ", ".join(f"{k} {v}" for k, v in r["list_page_p95_by_filter"].items()))
    print(f"  list count p50 {r['list_count_p50_ms']} ms, p95 {r['list_count_p95_ms']} ms "
          f"(median {r['median_matches']} matches)")
    print(f"  stats      p50 {r['stats_p50_ms']} ms, p95 {r['stats_p95_ms']} ms")
    print(f"  due        p50 {r['due_p50_ms']} ms, p95 {r['due_p95_ms']} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="statements to generate and import")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="parse processes")
    ap.add_argument("--queries", type=int, default=200, help="filtered list queries to time")
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.n, args.seed, args.jobs, args.queries)))
        return
    print(f"tracker bench: {args.n} generated statements (seed {args.seed}), parse jobs {args.jobs}, "
          f"{args.queries} list queries")
    results = []
    if args.json:
        Path(args.json).write_text("[]")
    with tempfile.TemporaryDirectory(prefix="communique-bench-") as tmp:
        for backend in args.backends.split(","):
            (Path(tmp) / backend).mkdir()
            r = run_backend(backend.strip(), args, Path(tmp))
            if r:
                report(r)
                results.append(r)
                if args.json:
                    Path(args.json).write_text(json.dumps(results, indent=2))
    ok = all(r["import_s"] < 120 and r["list_page_p95_ms"] < 50 for r in results)
    print(f"\ntargets (import < 120 s, filtered list p95 < 50 ms): {'met' if ok and results else 'NOT met'}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
