"""Parse throughput: the parse stages (read, repair, structure, sentences), warm, and the CLI process.

    .venv/bin/python bench/parse.py            # sample + 1,000 generated statements + CLI
    .venv/bin/python bench/parse.py --n 200    # a smaller generated corpus

Prints ms per statement and KB/s (median of repeated runs for the sample; the
whole corpus once, after a warm-up) and the wall time of whole
``communique parse SAMPLE --format json`` processes, start-up included.
Targets (issue 2): sample < 50 ms warm; CLI < 1 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import communique
from communique.pipeline import PARSE_STAGES


def parse_ms(data: bytes) -> float:
    start = time.perf_counter()
    communique.parse(data, stages=PARSE_STAGES)
    return (time.perf_counter() - start) * 1000


def bench_sample(repeats: int) -> None:
    data = communique.sample_path().read_bytes()
    parse_ms(data)  # warm: data files loaded, regexes compiled
    cpu_start = time.process_time()
    times = [parse_ms(data) for _ in range(repeats)]
    cpu_ms = (time.process_time() - cpu_start) * 1000 / repeats  # CPU time: steadier on a busy machine
    ms = statistics.median(times)
    print(f"sample ({len(data) / 1024:.1f} KB), parse stages, warm: median {ms:.1f} ms/statement, "
          f"{len(data) / 1024 / (ms / 1000):.0f} KB/s  (min {min(times):.1f} ms, CPU {cpu_ms:.1f} ms, {repeats} runs)")


def bench_corpus(n: int) -> None:
    from communique.synthetic import generate_statements

    statements = [s.encode("utf-8") for s in generate_statements(n, seed=0)]
    size = sum(len(s) for s in statements)
    parse_ms(statements[0])
    start, cpu_start = time.perf_counter(), time.process_time()
    for data in statements:
        communique.parse(data, stages=PARSE_STAGES)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"generated corpus ({n} statements, {size / 1024:.0f} KB), parse stages, warm: "
          f"{total * 1000 / n:.1f} ms/statement, {size / 1024 / total:.0f} KB/s  "
          f"(total {total:.1f} s, CPU {cpu * 1000 / n:.1f} ms/statement)")


def bench_cli(repeats: int) -> None:
    exe = shutil.which("communique", path=str(Path(sys.executable).parent)) or "communique"
    sample = str(communique.sample_path())
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "sample.json")  # a real file: the CLI writes atomically (rename)
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([exe, "parse", sample, "--format", "json", "--output", out], check=True)
            times.append(time.perf_counter() - start)
    print(f"CLI `communique parse SAMPLE --format json` (whole process, all stages): "
          f"median {statistics.median(times):.2f} s  (min {min(times):.2f} s, {repeats} runs)")


def bench_process(repeats: int) -> None:
    """A fresh Python process that imports communique and runs the parse stages only."""
    code = ("import communique; from communique.pipeline import PARSE_STAGES; "
            "communique.parse(communique.sample_path(), stages=PARSE_STAGES)")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    print(f"process `python -c parse(SAMPLE, stages=PARSE_STAGES)` (start-up + parse stages): "
          f"median {statistics.median(times):.2f} s  (min {min(times):.2f} s, {repeats} runs)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="generated statements (default 1000)")
    ap.add_argument("--repeats", type=int, default=20, help="runs of the sample (default 20)")
    ap.add_argument("--cli-repeats", type=int, default=5)
    args = ap.parse_args()
    bench_sample(args.repeats)
    bench_corpus(args.n)
    bench_process(args.cli_repeats)
    bench_cli(args.cli_repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
