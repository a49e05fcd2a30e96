"""Parse throughput: the parse stages alone, parse + extraction (every stage), GiNZA as reference, the CLI.

    .venv/bin/python bench/parse.py            # sample + 1,000 generated statements + GiNZA + CLI
    .venv/bin/python bench/parse.py --n 200    # a smaller generated corpus
    .venv/bin/python bench/parse.py --no-ginza # skip the reference (ginza is in the `bench` extra)

Prints ms per statement and KB/s (median of repeated runs for the sample; the
whole corpus once, after a warm-up), for the parse stages (read, repair,
structure, sentences) and for all stages (parse + extraction). The corpus is
streamed from ``communique.synthetic.iter_statements`` and each Document is
dropped after use; tracemalloc peak and RSS are printed after 100, 500 and
1,000 statements to show memory stays flat. GiNZA's full pipeline
(``spacy.load("ja_ginza")``) runs over the sample's own sentences in the same
run, and the speed ratio is printed. Also the wall time of whole
``communique parse SAMPLE --format json`` processes, start-up included.
Targets: parse stages on the sample < 50 ms warm, CLI < 1 s (issue 2);
sample parsed and extracted < 200 ms warm and >= 10x faster than GiNZA (issue 3);
the long text (G7 communiqué, when ../shared is present): repair + structure + sentences < 100 ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from importlib.metadata import version
from pathlib import Path

import communique
from communique.pipeline import PARSE_STAGES


def parse_ms(data: bytes) -> float:
    start = time.perf_counter()
    communique.parse(data, stages=PARSE_STAGES)
    return (time.perf_counter() - start) * 1000


def all_ms(data: bytes) -> float:
    start = time.perf_counter()
    communique.parse(data)
    return (time.perf_counter() - start) * 1000


def rss_mb() -> float:
    """Resident set size now (Linux /proc), in MB; 0 where unavailable."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def bench_sample(repeats: int, label: str, run) -> float:
    """Median warm wall ms of ``run`` over the sample; prints the line."""
    data = communique.sample_path().read_bytes()
    run(data)  # warm: data files loaded, regexes compiled, tokenizer built
    cpu_start = time.process_time()
    times = [run(data) for _ in range(repeats)]
    cpu_ms = (time.process_time() - cpu_start) * 1000 / repeats  # CPU time: steadier on a busy machine
    ms = statistics.median(times)
    print(f"sample ({len(data) / 1024:.1f} KB), {label}, warm: median {ms:.1f} ms/statement, "
          f"{len(data) / 1024 / (ms / 1000):.0f} KB/s  (min {min(times):.1f} ms, CPU {cpu_ms:.1f} ms, {repeats} runs)")
    return ms


def bench_corpus_all(n: int, trace: bool, checkpoints: tuple[int, ...] = (100, 500, 1000)) -> None:
    """Every stage over a streamed corpus (nothing kept): throughput with RSS at checkpoints, then
    (``trace``) a second pass under tracemalloc, which slows Python down, for the peak between checkpoints."""
    from communique.synthetic import iter_statements

    all_ms(next(iter_statements(1, seed=1)).encode("utf-8"))  # warm
    marks = sorted({c for c in checkpoints if c < n} | {n})
    size, rss = 0, []
    start, cpu_start = time.perf_counter(), time.process_time()
    for done, text in enumerate(iter_statements(n, seed=0), start=1):
        data = text.encode("utf-8")
        size += len(data)
        communique.parse(data)  # the Document is dropped at once: streaming
        if done in marks:
            rss.append(f"{done}: {rss_mb():.0f} MB")
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"generated corpus ({n} statements streamed, {size / 1024:.0f} KB), parse + extraction (all stages), warm: "
          f"{total * 1000 / n:.1f} ms/statement, {size / 1024 / total:.0f} KB/s  "
          f"(total {total:.1f} s, CPU {cpu * 1000 / n:.1f} ms/statement); RSS after " + ", ".join(rss))
    if not trace:
        return
    tracemalloc.start()
    peaks = []
    for done, text in enumerate(iter_statements(n, seed=0), start=1):
        communique.parse(text.encode("utf-8"))
        if done in marks:
            current, peak = tracemalloc.get_traced_memory()
            peaks.append(f"{done}: current {current / 2**20:.1f} MB, peak {peak / 2**20:.1f} MB")
            tracemalloc.reset_peak()
    tracemalloc.stop()
    print("  tracemalloc (Python allocations since the pass began; peak since the previous checkpoint) after "
          + "; ".join(peaks))


LONG_TEXT = Path(__file__).resolve().parents[1].parent / "shared/corpus/real-en/g7-hiroshima-2023-05-20.en.md"


def bench_long(path: Path, repeats: int) -> None:
    """A long real text (the G7 communiqué, 130 KB): repair + structure + sentences, per stage."""
    if not path.exists():
        print(f"long text skipped: {path} is not present")
        return
    data = path.read_bytes()
    read_only = ("read",)
    communique.parse(data, stages=PARSE_STAGES)
    medians = {}
    for stages in (read_only, PARSE_STAGES):
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            communique.parse(data, stages=stages)
            times.append((time.perf_counter() - start) * 1000)
        medians[stages] = statistics.median(times)
    rest = medians[PARSE_STAGES] - medians[read_only]
    print(f"long text {path.name} ({len(data) / 1024:.0f} KB): repair + structure + sentences, warm: median "
          f"{rest:.0f} ms (read {medians[read_only]:.0f} ms on top; target < 100 ms; {repeats} runs)")


def bench_ginza(repeats: int) -> float | None:
    """GiNZA's full pipeline over the sample's own sentences (as the parser splits them); median ms."""
    try:
        import spacy

        nlp = spacy.load("ja_ginza")
    except (ImportError, OSError) as exc:
        print(f"GiNZA reference skipped: {exc}  (install the `bench` extra)")
        return None
    sentences = [s.text for s in communique.parse(communique.sample_path(), stages=PARSE_STAGES).sentences]
    chars = sum(len(s) for s in sentences)
    size_kb = sum(len(s.encode("utf-8")) for s in sentences) / 1024
    list(nlp.pipe(sentences[:3]))  # warm
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for doc in nlp.pipe(sentences):
            doc.ents  # noqa: B018 - force every component's output
        times.append((time.perf_counter() - start) * 1000)
    ms = statistics.median(times)
    print(f"GiNZA {version('ginza')} (spaCy {spacy.__version__}) ja_ginza full pipeline over the sample's {len(sentences)} sentences "
          f"({chars} chars, {size_kb:.1f} KB): median {ms:.0f} ms, {len(sentences) / (ms / 1000):.0f} sentences/s, "
          f"{size_kb / (ms / 1000):.1f} KB/s  ({repeats} runs)")
    return ms


def bench_corpus(n: int) -> None:
    from communique.synthetic import iter_statements

    parse_ms(next(iter_statements(1, seed=1)).encode("utf-8"))
    size = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in iter_statements(n, seed=0):
        data = text.encode("utf-8")
        size += len(data)
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
    ap.add_argument("--ginza-repeats", type=int, default=3)
    ap.add_argument("--long", type=Path, default=LONG_TEXT, help="a long statement (default: the G7 communiqué)")
    ap.add_argument("--no-ginza", action="store_true", help="skip the GiNZA reference")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the (slow) tracemalloc pass")
    ap.add_argument("--no-cli", action="store_true", help="skip the process and CLI timings")
    args = ap.parse_args()
    bench_sample(args.repeats, "parse stages", parse_ms)
    ours = bench_sample(args.repeats, "parse + extraction (all stages)", all_ms)
    bench_long(args.long, max(3, args.repeats // 4))
    if not args.no_ginza:
        ginza = bench_ginza(args.ginza_repeats)
        if ginza:
            print(f"speed ratio: communique (parse + extraction, whole file) is {ginza / ours:.1f}x faster "
                  f"than GiNZA's full pipeline over the same sentences (target >= 10x; sample target < 200 ms)")
    bench_corpus(args.n)
    bench_corpus_all(args.n, trace=not args.no_tracemalloc)
    if args.no_cli:
        return 0
    bench_process(args.cli_repeats)
    bench_cli(args.cli_repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
