"""The UN General Debate archive: statements and words per session, load time, memory, norms build time.

Prints, from ``../shared/corpora/UNGDC_1946-2024.tgz`` (or ``--archive``; skips
with a message when it is absent):

1. statements and words per session (a table), checked against the files:
   39 statements in 1946, 126 in 1975, 196 in 2018, 192 in 2024, 10,952 in all.
   ``words_ws`` counts whitespace-separated tokens of the texts as read;
   ``words`` is the number of words of the project's segmentation, from the
   shipped norms (``analysis.norms.load_norms``; shown when they are current);
2. time and peak memory (RSS of a fresh process) of reading the archive:
   streaming every statement (``iter_statements``), against plain ``tarfile``
   streaming of the same bytes (the peer: what decompression alone costs), and
   building the whole table (``load_ungdc``: every text in memory, with the
   speakers); ``import analysis`` alone gives the memory floor of the package;
3. the time to build the norms (``analysis.norms.compute``, the pipeline of
   ``make norms``, ``--workers`` processes, default 2) on a sample of sessions
   (``--sessions``, default 1-10), its words per second and the time that
   gives for the whole corpus; ``--full`` builds the whole norms into a
   temporary folder instead (the same as ``make norms``; minutes).

Usage::

    python benchmarks/bench_ungdc.py [--archive PATH] [--workers N] [--sessions 1-10] [--full]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
EXPECTED = {1946: 39, 1975: 126, 2018: 196, 2024: 192}

_PROBES = {
    "tarfile (peer)": """
import tarfile
n = b = 0
with tarfile.open(ARCHIVE, "r|gz") as tf:
    for m in tf:
        if m.isfile():
            b += len(tf.extractfile(m).read()); n += 1
""",
    "import analysis": """
import analysis
n = b = 0
""",
    "iter_statements": """
from analysis.ungdc import iter_statements
n = b = 0
for r in iter_statements(ARCHIVE):
    if r["error"] is None:
        n += 1; b += len(r["text"])
""",
    "load_ungdc": """
import warnings
from analysis.ungdc import load_ungdc
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    df = load_ungdc(ARCHIVE)
n = int(df["error"].isna().sum()); b = int(df["text"].str.len().sum())
""",
}


def probe(name: str, archive: Path) -> dict:
    """Run one reading in a fresh process: seconds, peak RSS (MB), items and bytes/characters."""
    # VmHWM (the peak RSS of this process's memory): unlike ru_maxrss, which Linux carries over
    # from the forking parent, it starts afresh at exec.
    code = (
        "import time, json\n"
        "def hwm():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmHWM:'):\n"
        "            return int(line.split()[1]) / 1024\n"
        f"ARCHIVE = {str(archive)!r}\n"
        "t = time.perf_counter()\n"
        + _PROBES[name]
        + "\nprint(json.dumps({'s': time.perf_counter() - t, 'n': n, 'b': b,"
        " 'rss_mb': hwm()}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def per_session(archive: Path):
    import pandas as pd

    from analysis.ungdc import iter_statements

    rows = {}
    for r in iter_statements(archive):
        if r["error"] is not None:
            continue
        row = rows.setdefault(r["session"], {"session": r["session"], "year": r["year"], "statements": 0, "words_ws": 0})
        row["statements"] += 1
        row["words_ws"] += len(r["text"].split())
    table = pd.DataFrame(sorted(rows.values(), key=lambda d: d["session"]))
    try:
        from analysis import norms

        man = norms.load_manifest()
        if man["measure_fingerprint"] == norms.measure_fingerprint():
            seg = norms.load_norms().groupby("session")["words"].sum()
            table["words"] = table["session"].map(seg).astype("Int64")
        else:
            print("(the shipped norms are stale: segmentation word counts left out; run make norms)")
    except Exception as exc:  # noqa: BLE001 - the table without the norms column
        print(f"(no norms: {exc})")
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--archive", type=Path, default=DEFAULT)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sessions", default="1-10", help="sample for the norms timing, e.g. 1-10 or 1,30,73")
    ap.add_argument("--full", action="store_true", help="build the whole norms (into a temporary folder)")
    ap.add_argument("--no-norms", action="store_true", help="leave out part 3 (the norms build)")
    args = ap.parse_args()
    if not args.archive.exists():
        print(f"skipped: the UNGDC archive is not at {args.archive} (../shared/corpora/UNGDC_1946-2024.tgz); "
              "pass --archive PATH")
        return 0
    import pandas as pd

    pd.set_option("display.width", 120)
    print(f"archive: {args.archive} ({args.archive.stat().st_size / 1e6:.1f} MB)")

    # 1. statements and words per session
    t = time.perf_counter()
    table = per_session(args.archive)
    print(f"\n1. statements and words per session ({time.perf_counter() - t:.1f} s)")
    print(table.to_string(index=False))
    by_year = dict(zip(table["year"], table["statements"]))
    check = {y: by_year.get(y) for y in EXPECTED}
    total = int(table["statements"].sum())
    print(f"statements in 1946, 1975, 2018, 2024: {check} (expected {EXPECTED}); total {total:,} "
          f"(expected 10,952); {int(table['words_ws'].sum()):,} whitespace tokens"
          + (f", {int(table['words'].sum()):,} words of the segmentation" if "words" in table else ""))
    ok = check == EXPECTED and total == 10952

    # 2. reading the archive, each in a fresh process
    print("\n2. reading the archive (fresh process each; peak RSS of that process)")
    res = {name: probe(name, args.archive) for name in _PROBES}
    peer = res["tarfile (peer)"]["s"]
    for name, r in res.items():
        print(f"  {name:16s} {r['s']:6.1f} s  peak RSS {r['rss_mb']:6.0f} MB  {r['n']:,} files/statements  "
              f"{r['b'] / 1e6:,.0f} M bytes/chars  ({r['s'] / peer:.2f}x tarfile)")

    # 3. the norms
    from analysis import norms

    if args.no_norms:
        args.sessions = ""
    print(f"\n3. building the norms ({args.workers} workers)")
    words_total = None
    if "words" in table:
        words_total = int(table["words"].sum())
    if not args.sessions and not args.full:
        print("  left out (--no-norms)")
    elif args.full:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            man = norms.build(args.archive, tmp, workers=args.workers, progress=False)
            s = time.perf_counter() - t
        print(f"  whole corpus: {s:.0f} s, {man['words'] / s:,.0f} words/s (including checksum and reading)")
    else:
        if "-" in args.sessions:
            a, b = args.sessions.split("-")
            sessions = list(range(int(a), int(b) + 1))
        else:
            sessions = [int(x) for x in args.sessions.split(",")]
        t = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tab, counts, _ = norms.compute(args.archive, sessions=sessions, workers=args.workers, progress=False)
        s = time.perf_counter() - t
        w = int(tab["words"].sum())
        print(f"  sessions {sessions[0]}-{sessions[-1]}: {len(tab)} statements, {w:,} words in {s:.1f} s "
              f"= {w / s:,.0f} words/s (the whole archive is streamed to find them)")
        if words_total:
            print(f"  at that rate the whole corpus ({words_total:,} words) takes about {words_total / (w / s) / 60:.0f} min"
                  " (make norms; pass --full to time it)")
    if not ok:
        print("MISMATCH: the statements per session do not match the files")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
