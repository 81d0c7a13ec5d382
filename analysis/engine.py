"""The corpus engine on Dask: streaming, resumable, with Parquet results.

:func:`analyze_dask` (``analysis.analyze(..., engine="dask")``) measures a
corpus on a Dask cluster: by default one on this machine whose scheduler and
workers run in their own processes (:class:`LocalProcessCluster`), or any
running cluster (``scheduler="tcp://host:8786"``):

1. **Streaming.**  The client reads the source one *partition* (a few dozen
   documents) at a time (:func:`iter_partitions`) and keeps at most two
   partitions per worker in flight, so it never holds all the texts.
2. **The same numbers as the local engine.**  Each partition is segmented and
   measured on a worker by the function the local engine calls for every
   document (``analysis.corpus._analyze_one``) and tabulated by the same code
   (``analysis.corpus._results_table``).
3. **The Parquet dataset is the result and the cache.**  The worker writes the
   partition's rows to ``<output>/part-<key>.parquet``, where ``key`` hashes
   the partition's ids, texts and metadata, the package code and the theme
   dictionaries (:func:`analysis.cache.content_key`).  A rerun (after an
   interruption, or after a text changed) only computes the partitions whose
   key has no file yet; ``manifest.json`` records the package version, the
   engine schema, the partitions in corpus order and what was left out.
4. **Nothing lost.**  A document that fails is a row with its reason in the
   ``error`` column; an item that cannot be read (an undecodable file, a
   source that breaks off) is listed in the result's ``skipped`` table (a :class:`analysis.Corpus`) with a
   :class:`~analysis.corpus.CorpusWarning`; :func:`error_table` shows both.
   A worker that dies mid-task (killed, out of memory) costs only time: the
   tasks are pure and Dask reruns them on another worker.  Failures of the
   engine itself (no scheduler, workers with another version of the package,
   an output folder the workers cannot write) raise :class:`EngineError`
   with what to do first and Dask's own message after it.

The result is one DataFrame in corpus order, with the columns of the local
engine; for outputs too large for memory, ``return_frame=False`` and
:func:`open_result` (a lazy :class:`pyarrow.dataset.Dataset`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import config
from analysis.cache import code_fingerprint, content_key
from analysis.corpus import (
    CorpusError,
    CorpusWarning,
    _analyze_one,
    _check_corpus,
    _plan_folder,
    _results_table,
    _skip,
    _themes_key,
    _walk_plan,
    load_corpus,
)

__all__ = [
    "ENGINE_SCHEMA",
    "EngineError",
    "EngineWarning",
    "analyze_dask",
    "error_table",
    "iter_partitions",
    "LocalProcessCluster",
    "local_cluster",
    "map_partitions",
    "open_result",
]

#: Version of the layout of the output dataset (file names, manifest, row schema).
#: Bump it when the layout changes: outputs written with another value are recomputed.
ENGINE_SCHEMA = 1

#: Most documents in a partition when ``partition_size`` is not given.  Each partition costs
#: 70-90 ms of CPU besides its texts (the worker tabulating and writing its ~60 columns, the
#: client cutting, hashing and sending it, the scheduler's bookkeeping), so partitions are cut
#: large: on the UNGDC 815 partitions at 32 (id boundaries every 16 statements), 292 at 128.
DEFAULT_PARTITION_SIZE = 128
#: Most characters of text in a partition (about 170,000 words, a second or two
#: of one worker): long documents get small partitions, so the workers finish together.
PARTITION_CHARS = 1_000_000

MANIFEST = "manifest.json"
_PART = re.compile(r"^part-([0-9a-f]{32})\.parquet$")
_META_KEY = b"analysis.engine"


class EngineError(RuntimeError):
    """The Dask engine cannot run (scheduler, workers, output); the message says what to fix."""


class EngineWarning(UserWarning):
    """Something about an earlier output (another version, a damaged file): it is recomputed."""


# ---------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------


def iter_partitions(
    source: Any,
    *,
    size: int = DEFAULT_PARTITION_SIZE,
    chars: int = PARTITION_CHARS,
    skipped: list[tuple[str, str]] | None = None,
) -> Iterator[pd.DataFrame]:
    """The documents of a source, a partition at a time, without reading them all.

    Parameters
    ----------
    source
        * a corpus table (``id``, ``text``, metadata; e.g. from ``load_corpus``),
          or a corpus name (``"sotu"``, ``"data"``);
        * a folder of ``.txt`` files with an optional ``metadata.csv``, read as
          :func:`analysis.load_corpus` reads it, one file at a time;
        * a ``.parquet`` file or a folder of them (a Parquet dataset), or a
          ``.csv`` file, with ``id`` and ``text`` columns (the others are metadata);
        * a ``.tgz``/``.tar.gz`` archive of the UN General Debate corpus, or the
          folder it unpacks to (``TXT/Session ...``), read by
          ``analysis.ungdc.iter_statements``;
        * any iterable of records: mappings with ``id`` and ``text`` and
          metadata, either as further keys or under a ``"metadata"`` mapping;
          a record whose ``error`` is not ``None`` (a reader's own report of a
          stray or undecodable file, a truncated archive) is left out with
          that reason.
    size, chars
        A partition ends after ``size`` documents, after the document that
        brings its text to ``chars`` characters, or after a document whose id
        hashes to a boundary (one id in ``size / 2``).  The boundaries that
        depend on ids only make partitions stable under edits: a changed text
        moves at most the cuts up to the next id boundary, an inserted or
        removed document only those of its stretch, so a rerun recomputes
        only the partitions around the change.
    skipped
        A list that receives ``(item, reason)`` for everything left out: an
        undecodable or unreadable file, a record without text, a duplicate id, a
        source that breaks off (a truncated archive): what was read before the
        break is yielded, and one entry says where the source stopped.  Each is
        also a :class:`~analysis.corpus.CorpusWarning`.

    Yields
    ------
    pandas.DataFrame
        One partition: columns ``id``, ``text`` and metadata, in source order.
        Tables rather than lists of dicts, so that the metadata dtypes of a
        corpus table (``Int64`` years, strings) survive, and the rows are those
        the local engine sees.

    Raises
    ------
    CorpusError
        A source that holds nothing usable (no ``id``/``text`` column, an empty
        folder, an unknown name); the message names it.
    """
    for name, value in (("size", size), ("chars", chars)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"partition {name} must be a positive integer, got {value!r}")
    cut = _Cutter(size, chars)
    skips = skipped if skipped is not None else []
    if isinstance(source, pd.DataFrame) or (isinstance(source, str) and source in ("sotu",)):
        df = _check_corpus(source)
        skips.extend(getattr(df, "_skipped", None) or [])
        yield from cut.frames([df])
        return
    if isinstance(source, str) and source == "data":
        source = config.DATA_DIR
    if isinstance(source, (str, os.PathLike)):
        yield from _path_partitions(Path(source), cut, skips)
        return
    if isinstance(source, Mapping) or not isinstance(source, Iterable):
        raise TypeError(
            f"cannot read a corpus from a {type(source).__name__}: give a table, a corpus name, "
            "a folder, a .parquet/.csv/.tgz file or an iterable of records with 'id' and 'text'"
        )
    yield from _record_partitions(source, cut, skips, where="record")


class _Cutter:
    """Where partitions end: at ``size`` documents, ``chars`` characters, or an id boundary."""

    def __init__(self, size: int, chars: int):
        self.size, self.chars = size, chars
        self.n = self.c = 0

    def after(self, rid: str, text: str) -> bool:
        """Add one document; ``True`` if the partition ends with it."""
        self.n += 1
        self.c += len(text)
        digest = hashlib.blake2b(str(rid).encode("utf-8", "surrogatepass"), digest_size=8).digest()
        # an id boundary every size/2 documents on average: few partitions reach the cap, whose
        # cuts (unlike id boundaries) shift when a document is inserted before them
        if self.n >= self.size or self.c >= self.chars or int.from_bytes(digest, "big") % max(1, self.size // 2) == 0:
            self.n = self.c = 0
            return True
        return False

    def frames(self, frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        """Re-cut a stream of tables (any sizes) into partitions; a partition within one table is a slice."""
        pieces: list[pd.DataFrame] = []
        for frame in frames:
            start = 0
            for i, (rid, text) in enumerate(zip(frame["id"], frame["text"])):
                if self.after(rid, text):
                    pieces.append(frame.iloc[start:i + 1])
                    yield _join(pieces)
                    pieces, start = [], i + 1
            if start < len(frame):
                pieces.append(frame.iloc[start:])
        if pieces:
            yield _join(pieces)


def _join(pieces: list[pd.DataFrame]) -> pd.DataFrame:
    out = pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True, sort=False)
    return out.reset_index(drop=True)


def _path_partitions(path: Path, cut: _Cutter, skips: list) -> Iterator[pd.DataFrame]:
    name = path.name.lower()
    if path.is_dir() and (path / "TXT").is_dir() and not any(path.glob("*.txt")):
        yield from _ungdc_partitions(path, cut, skips)  # the UNGDC archive, unpacked
    elif path.is_dir():
        if any(p.is_file() for p in path.glob("*.txt")):
            yield from _folder_partitions(path, cut, skips)
        elif any(path.glob("*.parquet")):
            yield from _parquet_partitions(path, cut, skips)
        else:
            raise CorpusError(f"{path}: no .txt and no .parquet files in this folder")
    elif not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    elif name.endswith(".parquet"):
        yield from _parquet_partitions(path, cut, skips)
    elif name.endswith(".csv"):
        yield from _csv_partitions(path, cut, skips)
    elif name.endswith((".tgz", ".tar.gz", ".tar")):
        yield from _ungdc_partitions(path, cut, skips)
    else:
        raise CorpusError(
            f"{path}: unknown kind of source (expected a folder, .parquet, .csv, .tgz or .tar.gz)"
        )


def _ungdc_partitions(path: Path, cut: _Cutter, skips: list) -> Iterator[pd.DataFrame]:
    try:
        from analysis.ungdc import iter_statements
    except ImportError as exc:
        raise CorpusError(
            f"{path}: reading the UN General Debate archive needs analysis.ungdc.iter_statements ({exc}); "
            "pass an iterable of records instead"
        ) from None
    yield from _record_partitions(iter_statements(path), cut, skips, where=path.name)


def _folder_partitions(folder: Path, cut: _Cutter, skips: list) -> Iterator[pd.DataFrame]:
    meta, steps, planned = _plan_folder(folder)  # metadata only: the texts are read below
    skips.extend(planned)
    keep: list[int] = []
    texts: list[str] = []
    for k, text, _notes in _walk_plan(steps, skips):  # one file at a time, skips in metadata order
        keep.append(k)
        texts.append(text)
        if cut.after(meta["id"].iat[k], text):
            yield _with_text(meta, keep, texts)
            keep, texts = [], []
    if keep:
        yield _with_text(meta, keep, texts)


def _with_text(meta: pd.DataFrame, keep: list[int], texts: list[str]) -> pd.DataFrame:
    part = meta.iloc[keep].reset_index(drop=True)
    part.insert(1, "text", texts)
    return part


def _parquet_partitions(path: Path, cut: _Cutter, skips: list) -> Iterator[pd.DataFrame]:
    import pyarrow.dataset as ds

    if path.is_dir() and (path / MANIFEST).is_file() and any(path.glob("part-*.parquet")):
        raise CorpusError(f"{path}: this is the output of analysis.engine (measures, no texts), not a corpus; "
                          "read it with analysis.open_result(path), or give the texts it was computed from")
    try:
        data = ds.dataset(str(path), format="parquet")
        names = data.schema.names
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors name no file we did not
        raise CorpusError(f"{path}: cannot read it as Parquet ({type(exc).__name__}: {exc})") from None
    _require_columns(path, names)

    def frames():  # file by file: a damaged file is listed and skipped, the others are analysed
        for frag in data.get_fragments():
            n = 0
            try:
                for batch in frag.to_batches(schema=data.schema, batch_size=cut.size):
                    n += batch.num_rows
                    yield batch.to_pandas()
            except Exception as exc:  # noqa: BLE001 - truncated, not Parquet, another schema
                _skip(skips, Path(frag.path).name, f"cannot read this Parquet file after {n} rows "
                      f"({type(exc).__name__}: {exc}); its other rows are not analysed")

    yield from cut.frames(_clean_frames(frames(), skips, where=path.name))


def _csv_partitions(path: Path, cut: _Cutter, skips: list) -> Iterator[pd.DataFrame]:
    try:
        reader = pd.read_csv(path, chunksize=cut.size, dtype={"id": str, "text": str})
        first = next(reader, None)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: cannot read it as CSV ({type(exc).__name__}: {exc})") from None
    if first is None:
        raise CorpusError(f"{path}: no rows")
    _require_columns(path, list(first.columns))

    def chunks():
        yield first
        yield from reader

    yield from cut.frames(_clean_frames(_guard(chunks(), skips, path.name, "chunk"), skips, where=path.name))


def _require_columns(path: Path, names: list[str]) -> None:
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise CorpusError(
            f"{path}: no {' and no '.join(repr(m) for m in missing)} column (columns are "
            f"{', '.join(map(str, names))}); a corpus of texts needs 'id' and 'text'"
        )


def _guard(it: Iterator, skips: list, where: str, unit: str) -> Iterator:
    """``it``, ending with a skipped entry (not an exception) when the source breaks off."""
    n = 0
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - a truncated archive, a damaged file: report and stop
            _skip(skips, where, f"the source broke off after {n} {unit}s ({type(exc).__name__}: {exc}); "
                  "what was read before is analysed, the rest could not be read")
            return
        n += 1
        yield item


def _record_partitions(records: Iterable, cut: _Cutter, skips: list, *, where: str) -> Iterator[pd.DataFrame]:
    seen: set[str] = set()
    chunk: list[dict] = []
    for n, rec in enumerate(_guard(iter(records), skips, where, "record")):
        row = _record_row(rec, n, seen, skips, where)
        if row is None:
            continue
        chunk.append(row)
        if cut.after(row["id"], row["text"]):
            yield _frame(chunk)
            chunk = []
    if chunk:
        yield _frame(chunk)


def _record_row(rec: Any, n: int, seen: set[str], skips: list, where: str) -> dict | None:
    """A flat ``{id, text, metadata...}`` dict for one record, or ``None`` (recorded in ``skips``)."""
    label = f"{where} {n}"
    if not isinstance(rec, Mapping):
        _skip(skips, label, f"not a mapping with 'id' and 'text' but a {type(rec).__name__}; skipped")
        return None
    rid, text = rec.get("id"), rec.get("text")
    if rid is None or not str(rid).strip():
        _skip(skips, label, "no id; skipped")
        return None
    rid = str(rid).strip()
    label = f"{label} (id {rid!r})"
    if rec.get("error") is not None:  # a reader that reports its own failures (analysis.ungdc)
        err = str(rec["error"])  # analysis.ungdc's reasons already say "skipped" or "not read"
        _skip(skips, label, err if err.rstrip(". ").endswith(("skipped", "not read")) else f"{err}; skipped")
        return None
    if not isinstance(text, str):
        _skip(skips, label, f"text is {'missing' if text is None else 'a ' + type(text).__name__}, not a str; skipped")
        return None
    if rid in seen:
        _skip(skips, label, "duplicate id; skipped")
        return None
    seen.add(rid)
    row = {"id": rid, "text": text}
    for k, v in rec.items():
        if k in ("id", "text", "error"):  # "error" is the result's own column
            continue
        if k == "metadata" and isinstance(v, Mapping):
            row.update({str(mk): mv for mk, mv in v.items() if mk not in ("id", "text")})
        else:
            row[str(k)] = v
    return row


def _frame(rows: list[dict]) -> pd.DataFrame:
    columns: dict[str, None] = {}
    for r in rows:
        columns.update(dict.fromkeys(r))
    return pd.DataFrame.from_records(rows, columns=list(columns))


def _clean_frames(frames: Iterable[pd.DataFrame], skips: list, *, where: str) -> Iterator[pd.DataFrame]:
    """Rows of a table source, checked as records are (id, text, duplicates)."""
    seen: set[str] = set()
    n = 0
    for frame in frames:
        ok = []
        for rid, text in zip(frame["id"], frame["text"]):
            good = False
            if rid is None or (isinstance(rid, float) and rid != rid) or not str(rid).strip():
                _skip(skips, f"{where} row {n}", "no id; skipped")
            elif not isinstance(text, str):
                _skip(skips, f"{where} row {n} (id {str(rid)!r})", "no text; skipped")
            elif str(rid).strip() in seen:
                _skip(skips, f"{where} row {n} (id {str(rid)!r})", "duplicate id; skipped")
            else:
                seen.add(str(rid).strip())
                good = True
            ok.append(good)
            n += 1
        part = frame[ok].reset_index(drop=True)
        if len(part):
            part["id"] = part["id"].astype(str).str.strip()
            cols = ["id", "text"] + [c for c in part.columns if c not in ("id", "text")]
            yield part[cols]


# ---------------------------------------------------------------------------
# Output: a Parquet dataset on a local path or any pyarrow/fsspec URL
# ---------------------------------------------------------------------------


@dataclass
class _Output:
    """Where the partitions go: a pyarrow filesystem and a base path on it."""

    uri: str  # what the workers receive (an absolute local path, or a URL)
    fs: Any = field(repr=False)
    base: str

    @classmethod
    def open(cls, output: str | os.PathLike) -> _Output:
        import pyarrow.fs as pafs

        text = os.fspath(output)
        if "://" in text and not text.startswith("file://"):
            try:  # pyarrow's own file systems (s3://, gs://, hdfs://), else any fsspec protocol
                fs, base = pafs.FileSystem.from_uri(text)
            except Exception as exc:  # noqa: BLE001
                try:
                    import fsspec

                    spec_fs, base = fsspec.core.url_to_fs(text)
                    fs = pafs.PyFileSystem(pafs.FSSpecHandler(spec_fs))
                except Exception as exc2:  # noqa: BLE001
                    raise EngineError(f"output {text!r}: neither pyarrow ({exc}) nor fsspec ({exc2}) "
                                      "can open this URL") from None
            fs.create_dir(base.rstrip("/"), recursive=True)
            return cls(text, fs, base.rstrip("/"))
        path = Path(text.removeprefix("file://")).expanduser().resolve()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EngineError(f"output {path}: cannot create the folder ({exc.strerror or exc})") from None
        return cls(str(path), pafs.LocalFileSystem(), str(path))

    def path(self, name: str) -> str:
        return f"{self.base}/{name}"

    def parts(self) -> dict[str, str]:
        """``{key: path}`` of the partition files already there."""
        import pyarrow.fs as pafs

        out = {}
        for info in self.fs.get_file_info(pafs.FileSelector(self.base, allow_not_found=True)):
            m = _PART.match(info.base_name)
            if m and info.type == pafs.FileType.File:
                out[m.group(1)] = info.path
        return out

    def read_json(self, name: str) -> dict | None:
        try:
            with self.fs.open_input_stream(self.path(name)) as f:
                return json.loads(f.read().decode("utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, obj: dict) -> None:
        tmp = self.path(f".{name}.tmp-{uuid.uuid4().hex[:8]}")
        with self.fs.open_output_stream(tmp) as f:
            f.write(json.dumps(obj, indent=1, default=str).encode("utf-8"))
        self.fs.move(tmp, self.path(name))


def _file_meta(fs, path: str) -> dict | None:
    """The engine's metadata stored in a partition file's Parquet footer, or ``None``."""
    import pyarrow.parquet as pq

    try:
        with fs.open_input_file(path) as f:
            meta = pq.read_schema(f).metadata or {}
        return json.loads(meta[_META_KEY].decode("utf-8"))
    except Exception:  # noqa: BLE001 - unreadable, truncated, not ours: not a valid partition
        return None


def _read_part(fs, path: str) -> pd.DataFrame:
    import pyarrow.parquet as pq

    with fs.open_input_file(path) as f:
        table = pq.read_table(f)
    meta = json.loads(table.schema.metadata[_META_KEY].decode("utf-8"))
    df = table.to_pandas()
    for c in meta["object_columns"]:  # str/None columns come back as they went in (like analysis.cache)
        df[c] = pd.Series(table.column(c).to_pylist(), index=df.index, dtype=object)
    return df


# ---------------------------------------------------------------------------
# The task a worker runs (pure: same input, same file, same summary)
# ---------------------------------------------------------------------------


def _run_partition(frame: pd.DataFrame, key: str, uri: str, themes, stamp: dict) -> dict:
    """Measure one partition, write ``part-<key>.parquet``, return a small summary."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cpu = time.process_time()
    # (each text segmented afresh: its Document is dropped once measured, never kept in the LRU)
    results = [_analyze_one(t, themes, stamp.get("figures", False)) for t in frame["text"]]
    table = _results_table(frame, results, warn=False)
    words = float(pd.to_numeric(table.get("words", pd.Series(dtype=float)), errors="coerce").fillna(0).sum())
    errors = [(str(i), e) for i, e in zip(table["id"], table["error"]) if e is not None]
    try:
        arrow = pa.Table.from_pandas(table, preserve_index=False)
    except (pa.ArrowTypeError, pa.ArrowInvalid):  # a metadata column mixing types (2001 and "n.d."): as text
        for c in table.columns:
            if table[c].dtype == object and c != "error":
                table[c] = table[c].map(lambda v: None if v is None or v != v else str(v)).astype(object)
        arrow = pa.Table.from_pandas(table, preserve_index=False)
    meta = dict(stamp, key=key, documents=len(table), words=words,
                object_columns=[str(c) for c, d in table.dtypes.items() if d == object])
    arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}),
                                           _META_KEY: json.dumps(meta).encode("utf-8")})
    out = _Output.open(uri) if "://" in uri else _Output(uri, _local_fs(), uri)
    final = out.path(f"part-{key}.parquet")
    tmp = out.path(f".part-{key}.parquet.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with out.fs.open_output_stream(tmp) as f:
            pq.write_table(arrow, f)
        out.fs.move(tmp, final)
    except OSError as exc:
        return {"key": key, "written": False, "documents": len(table), "words": words, "errors": errors,
                "problem": f"cannot write {final}: {exc}"}
    renamed = [c for c in table.columns if c.startswith("metadata_") and c[9:] in table.columns]
    return {"key": key, "written": True, "documents": len(table), "words": words, "errors": errors,
            "renamed": renamed, "cpu_seconds": time.process_time() - cpu}


def _local_fs():
    import pyarrow.fs as pafs

    return pafs.LocalFileSystem()


def _worker_identity() -> dict:
    """What a worker runs: to check that every worker has this package and version."""
    import sys

    import analysis

    return {"version": getattr(analysis, "__version__", "?"), "code": code_fingerprint().hex()[:16],
            "python": sys.version.split()[0], "package": str(Path(analysis.__file__).parent)}


# ---------------------------------------------------------------------------
# The client: connect, stream, collect
# ---------------------------------------------------------------------------


@contextmanager
def _quiet_distributed():
    """Dask logs every lost worker at WARNING in this process; our summary says what matters."""
    loggers = [logging.getLogger(n) for n in ("distributed", "distributed.scheduler", "distributed.nanny",
                                               "distributed.core", "distributed.worker")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, lv in zip(loggers, levels):
            lg.setLevel(lv)


#: Started as ``python -c _LAUNCH <parent pid> <module> <args...>``: the process dies with the client
#: (``analysis.corpus._worker_init``: prctl on Linux, a watchdog elsewhere), then runs Dask's own CLI.
_LAUNCH = ("import runpy, sys; from analysis.corpus import _worker_init; _worker_init(int(sys.argv.pop(1))); "
           "sys.argv[0] = sys.argv.pop(1); runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)")


class LocalProcessCluster:
    """A Dask cluster on this machine whose scheduler and workers all run outside this process.

    ``dask scheduler`` and ``dask worker`` (one single-threaded worker process
    per core, under one nanny that restarts a worker that dies), both on
    loopback with no dashboard: the set-up of a real cluster, on one machine.
    Unlike :class:`distributed.LocalCluster`, whose scheduler and nannies live
    in the client's process, nothing of the cluster's bookkeeping (task
    graph, transfer buffers, logs) counts against the client's memory, so
    the client stays flat however long the corpus.  The processes die with
    this one (``kill -9`` of the client included) and are stopped by
    :meth:`close` (or leaving the ``with`` block).  Their logs go to a
    temporary folder; a failure to start quotes their last lines.

    Attributes
    ----------
    scheduler_address : str
        ``tcp://127.0.0.1:<port>``, for :class:`distributed.Client`.
    workers : int
    """

    def __init__(self, workers: int | None = None, *, timeout: float = 60):
        import subprocess
        import sys
        import tempfile

        import analysis

        self.workers = int(workers or os.cpu_count() or 1)
        self._dir = tempfile.TemporaryDirectory(prefix="analysis-dask-")
        self._procs: list[subprocess.Popen] = []
        here = Path(self._dir.name)
        env = dict(os.environ)
        # the workers import this very package (not another copy installed elsewhere)
        root = str(Path(analysis.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
        # one thread per process: the measures are pure Python; no BLAS/OpenMP thread pools
        # and pyarrow on malloc, which gives freed memory back (see _system_pool): flat worker memory
        env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   ARROW_DEFAULT_MEMORY_POOL="system", DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="5",
                   DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH="0")  # see _client
        scheduler_file = here / "scheduler.json"

        def start(name: str, module: str, *args: str) -> None:
            log = open(here / f"{name}.log", "wb")  # noqa: SIM115 - kept open while the process runs
            self._procs.append(subprocess.Popen(
                [sys.executable, "-c", _LAUNCH, str(os.getpid()), module, *args],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=here))
            log.close()

        try:
            start("scheduler", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                  "--no-dashboard", "--scheduler-file", str(scheduler_file))
            self.scheduler_address = self._wait_for(scheduler_file, timeout)
            start("workers", "distributed.cli.dask_worker", self.scheduler_address, "--host", "127.0.0.1",
                  "--nworkers", str(self.workers), "--nthreads", "1", "--no-dashboard",
                  "--local-directory", str(here), "--death-timeout", "60")
        except BaseException:
            self.close()
            raise

    def _wait_for(self, scheduler_file: Path, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._procs[0].poll() is not None:
                break
            try:
                return json.loads(scheduler_file.read_text())["address"]
            except (OSError, ValueError, KeyError):
                time.sleep(0.05)
        raise EngineError(f"the local Dask scheduler did not start within {timeout:.0f} s: {self.log('scheduler')}")

    def log(self, name: str, lines: int = 15) -> str:
        """The last lines of a process's log (``'scheduler'`` or ``'workers'``)."""
        try:
            text = (Path(self._dir.name) / f"{name}.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(text[-lines:]) or "(empty log)"

    def close(self) -> None:
        """Stop the workers, then the scheduler (SIGTERM, then SIGKILL after 10 s)."""
        import subprocess

        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self._procs.clear()
        self._dir.cleanup()

    def __enter__(self) -> LocalProcessCluster:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LocalProcessCluster({self.workers} workers, {getattr(self, 'scheduler_address', 'not started')})"


def local_cluster(workers: int | None = None) -> LocalProcessCluster:
    """The local cluster the engine starts: :class:`LocalProcessCluster` (use it as a context manager)."""
    return LocalProcessCluster(workers)


def _client(address: str, timeout: float):
    """A :class:`distributed.Client` that keeps no copy of recent messages.

    Dask's batched streams keep the last 1,000 messages of under 1 MB each
    for debugging (``distributed.admin.low-level-log-length``); for the engine
    those were the partitions, so the client grew with the corpus.
    """
    import dask
    from distributed import Client

    with dask.config.set({"distributed.admin.low-level-log-length": 0}):
        return Client(address, timeout=timeout)


@contextmanager
def _connect(scheduler: str | None, workers: int | None, *, timeout: float = 30):
    """A :class:`distributed.Client`: on a new local cluster, or on the cluster at ``scheduler``."""
    cluster = None
    with _quiet_distributed():
        if scheduler is None:
            n = workers or os.cpu_count() or 1
            try:
                cluster = local_cluster(n)
                client = _client(cluster.scheduler_address, timeout)
                client.wait_for_workers(n, timeout=max(timeout, 60))
            except Exception as exc:  # noqa: BLE001
                logs = f"; the workers' log: {cluster.log('workers')}" if cluster is not None else ""
                if cluster is not None:
                    cluster.close()
                raise EngineError(f"could not start a local Dask cluster of {n} workers: "
                                  f"{type(exc).__name__}: {exc}{logs}") from exc
        else:
            if workers is not None:
                raise ValueError("workers= sizes the local cluster; with scheduler= the cluster has its own workers")
            try:
                client = _client(scheduler, timeout)
            except Exception as exc:  # noqa: BLE001
                raise EngineError(
                    f"could not connect to the Dask scheduler at {scheduler!r} within {timeout:.0f} s "
                    f"({type(exc).__name__}: {exc}); start one with `dask scheduler` and its workers with "
                    f"`dask worker {scheduler}` (see the README, 'Running on a cluster')"
                ) from exc
        try:
            _check_workers(client, scheduler, timeout)
            yield client
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _check_workers(client, scheduler: str | None, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception as exc:  # noqa: BLE001
        raise EngineError(f"no Dask worker joined the scheduler {scheduler or '(local)'} within {timeout:.0f} s; "
                          f"start some with `dask worker {scheduler or '<address>'}`") from exc
    try:
        seen = client.run(_worker_identity)
    except Exception as exc:  # noqa: BLE001
        raise EngineError(
            "the Dask workers cannot run analysis.engine "
            f"({type(exc).__name__}: {exc}); install this package on every worker with the same "
            "pinned dependencies: pip install -e '.[dev]' -c constraints.txt"
        ) from exc
    here = _worker_identity()
    odd = {w: i for w, i in seen.items() if i["code"] != here["code"]}
    if odd:
        shown = "; ".join(f"{w}: analysis {i['version']} (code {i['code']}, Python {i['python']}, {i['package']})"
                          for w, i in list(odd.items())[:5])
        raise EngineError(
            f"{len(odd)} of {len(seen)} Dask workers run another version of the package than this client "
            f"(analysis {here['version']}, code {here['code']}): {shown}. Install the same commit with "
            "the same constraints.txt on every worker; mixed versions would give mixed numbers"
        )


def _default_output(source: Any) -> Path:
    if isinstance(source, pd.DataFrame):
        name = str(getattr(source, "source", None) or "table")
    elif isinstance(source, (str, os.PathLike)):
        name = str(Path(source).resolve()) if os.fspath(source) not in ("sotu", "data") else os.fspath(source)
    else:
        name = "stream"
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")[-80:] or "corpus"
    return Path(config.CACHE_DIR) / "engine" / slug


@dataclass
class _Run:
    """What the client keeps: one small entry per partition, and the texts of those in flight."""

    partitions: list[dict] = field(default_factory=list)
    failed: dict[str, pd.DataFrame] = field(default_factory=dict)
    renamed: set[str] = field(default_factory=set)
    computed: int = 0
    reused: int = 0
    documents: int = 0
    words: float = 0.0
    cpu_seconds: float = 0.0  # of the workers, on the partitions computed in this run


def analyze_dask(
    source: Any,
    *,
    scheduler: str | None = None,
    output: str | os.PathLike | None = None,
    partition_size: int | None = None,
    workers: int | None = None,
    themes: str | os.PathLike | None = None,
    progress: bool | None = None,
    cache: bool = True,
    return_frame: bool = True,
    figures: bool = False,
    in_flight: int = 2,
    timeout: float = 30,
) -> pd.DataFrame | None:
    """Profile every document of a source on Dask: one row per document, as ``analyze`` does.

    Parameters
    ----------
    source
        Anything :func:`iter_partitions` reads: a corpus table or name, a folder
        of ``.txt`` files, a Parquet/CSV file of texts, a UNGDC ``.tgz``, or an
        iterable of records (``{"id", "text", ...metadata}``).
    scheduler
        ``None``: start a :class:`LocalProcessCluster` on loopback (``dask
        scheduler`` and one single-threaded worker process per core, or
        ``workers``, outside this process; no dashboard) and close it afterwards.  ``"tcp://host:8786"``: use the
        running cluster at that address (its workers need this package; see
        the README).
    output
        Folder (or pyarrow-understood URL, e.g. ``s3://bucket/prefix``) of the
        Parquet dataset; every worker must be able to write it (a shared path
        on a real cluster).  ``None``: ``config.CACHE_DIR / "engine" / <source>``.
    partition_size
        Documents per partition (default 128; a partition also ends at 1 MB of text).  A changed text recomputes its
        partition only; a document inserted or removed shifts the partitions
        after it, which are then recomputed.
    workers
        Workers of the local cluster (default: one per core).
    themes
        Theme dictionary, as for ``analyze``.
    figures
        Also the figures of speech, as for ``analyze`` (part of the partitions' key).
    progress
        tqdm bar of documents, with words done; ``None``: shown when more than
        20 documents are expected (or their number is unknown).
    cache
        ``False`` recomputes every partition, even those already written.
    return_frame
        ``False`` returns ``None`` (read the dataset with :func:`open_result`,
        the counts in its ``manifest.json``): the client never holds all rows.
    in_flight
        Partitions queued per worker; the client holds the texts of at most
        ``in_flight * workers`` partitions.

    Returns
    -------
    pandas.DataFrame or None
        The rows of ``analysis.analyze`` (same columns, dtypes and numbers) in
        source order, as a :class:`analysis.Corpus`: ``.skipped`` lists what could not be read,
        ``.engine`` says how many partitions were computed or reused
        and where the output is; :func:`error_table` gathers every failure.

    Raises
    ------
    EngineError
        No scheduler at the address, no workers, workers with another version
        of the package, an output the workers cannot write.
    """
    size = partition_size or DEFAULT_PARTITION_SIZE
    out = _Output.open(output if output is not None else _default_output(source))
    code = code_fingerprint()  # once: it reads every source file of the package
    stamp = _stamp(themes, code, figures)
    skips: list[tuple[str, str]] = []
    parts_iter = iter_partitions(source, size=size, skipped=skips)
    existing = _check_previous(out, stamp) if cache else {}
    total = _expected_documents(source)
    run = _Run()
    complete = False
    bar = _bar(total, progress)
    try:
        with ExitStack() as stack:
            clients: list = []

            def client():  # connected on the first partition to compute: a cached rerun needs no cluster
                if not clients:
                    clients.append(stack.enter_context(_connect(scheduler, workers, timeout=timeout)))
                    stack.enter_context(_quiet_distributed())
                return clients[0]

            stack.enter_context(_system_pool())
            _stream(client, parts_iter, out, themes, stamp, code, existing, run, bar, in_flight, timeout)
        complete = True
    except BaseException:
        if not (run.computed or run.reused):
            raise  # nothing done (no scheduler, a bad source): the error says it all
        warnings.warn(f"{out.uri}: the run stopped after {run.documents} documents ({run.computed} partitions "
                      f"computed, {run.reused} reused); the same call resumes it, reusing what was written",
                      EngineWarning, stacklevel=3)
        raise
    finally:
        if bar is not None:
            bar.close()
        _finish(out, stamp, run, skips, complete, source)
    if run.renamed:
        warnings.warn(f"metadata column(s) {', '.join(map(repr, sorted(run.renamed)))} share a name with a "
                      "measure; renamed with a 'metadata_' prefix", CorpusWarning, stacklevel=3)
    info = {"output": out.uri, "partitions": len(run.partitions), "computed": run.computed,
            "reused": run.reused, "failed": len(run.failed), "documents": run.documents, "words": run.words}
    if not return_frame:
        return None
    from analysis.corpus import _as_corpus

    result = _as_corpus(_collect(out, run), [s if len(s) == 3 else (None, *s) for s in skips], _describe(source))
    result.engine = info
    return result


def _stamp(themes, code: bytes, figures: bool = False) -> dict:
    import analysis

    stamp = {"analysis_version": str(getattr(analysis, "__version__", "?")), "engine_schema": ENGINE_SCHEMA,
             "code": code.hex()[:16], "themes": _themes_key(themes)}
    if figures:  # (absent otherwise: the stamps and keys of runs without the figures are as they were)
        stamp["figures"] = True
    return stamp


def _expected_documents(source: Any) -> int | None:
    if isinstance(source, pd.DataFrame):
        return len(source)
    try:
        return len(source)  # a list of records
    except TypeError:
        return None


def _bar(total: int | None, progress: bool | None, desc: str = "analyze (dask)"):
    show = (total is None or total > 20) if progress is None else bool(progress)
    if not show:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="doc")


def _check_previous(out: _Output, stamp: dict) -> dict[str, str]:
    """The partition files that can be reused; a clear warning about those that cannot."""
    manifest = out.read_json(MANIFEST)
    files = out.parts()
    if manifest is not None and (manifest.get("engine_schema") != stamp["engine_schema"]
                                 or manifest.get("analysis_version") != stamp["analysis_version"]):
        warnings.warn(
            f"{out.uri}: this dataset was written by analysis {manifest.get('analysis_version', '?')} "
            f"(engine schema {manifest.get('engine_schema', '?')}); this is analysis "
            f"{stamp['analysis_version']} (schema {stamp['engine_schema']}): its {len(files)} partition "
            "file(s) are not reused; every partition is recomputed and the old files are removed",
            EngineWarning, stacklevel=3)
        return {}
    good = {}
    for key, path in files.items():
        meta = _file_meta(out.fs, path)
        if meta is None or meta.get("key") != key or meta.get("engine_schema") != stamp["engine_schema"] \
                or meta.get("code") != stamp["code"]:
            why = "unreadable or damaged" if meta is None else (
                f"written by analysis {meta.get('analysis_version')} (schema {meta.get('engine_schema')})")
            warnings.warn(f"{path}: {why}; this partition is recomputed", EngineWarning, stacklevel=3)
            continue
        good[key] = path
    return good


class _Workers:
    """How many workers the cluster has now (asked of the scheduler at most every 2 s)."""

    def __init__(self, get_client):
        self.get_client, self.n, self.at = get_client, 1, float("-inf")

    def count(self) -> int:
        if time.monotonic() - self.at > 2.0:
            self.n = max(1, len(self.get_client().scheduler_info(n_workers=-1).get("workers", {})))
            self.at = time.monotonic()
        return self.n

    def any(self) -> bool:
        return bool(self.get_client().scheduler_info(n_workers=-1).get("workers"))


@lru_cache(maxsize=1)
def _libc():
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # glibc only  # noqa: B018
        return libc
    except (OSError, AttributeError):
        return None


def _trim_memory() -> None:
    """Give the heap pages freed by a finished partition (its texts, their pickled copy) back to the system.

    glibc's ``malloc_trim`` (Linux; a no-op elsewhere), with :func:`_system_pool`.
    """
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@contextmanager
def _system_pool():
    """pyarrow's system allocator (malloc) while the client streams, the previous pool restored after.

    The texts of each partition are pandas ``str`` columns, allocated in
    pyarrow's default pool (mimalloc), which keeps freed pages for reuse:
    with it the client's RSS grew with the corpus (+15 MB for every 4x the
    SOTU corpus, while Python held under 5 MB); with malloc (and
    :func:`_trim_memory`) it is flat.
    """
    import pyarrow as pa

    before = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)


#: Sends of one partition (its first try and two more when the worker holding it died).
_TRIES = 3


def _pump(get_client, jobs: Iterable[tuple[Any, str, Any, tuple]], settle, *, in_flight: int, timeout: float) -> None:
    """Run ``jobs`` on the cluster, at most ``in_flight`` per worker at a time.

    ``jobs`` yields ``(tag, key, func, args)``: ``func(*args)`` becomes the task
    ``key``; ``settle(tag, result, failure)`` is called as each finishes, in
    completion order (``failure`` why a task failed :data:`_TRIES` times, a
    message for the user, else ``None``), and the futures are then released, so the client holds the inputs
    and results of the tasks in flight only.  The source is read (``jobs``
    advanced) only when a slot is free.

    The first argument (the partition: the texts) goes straight to a worker
    (``scatter(direct=True)``), not through the scheduler: otherwise the
    scheduler unpickles and re-pickles every text (13% of the workers' CPU
    on the full UNGDC, serial work on a small machine) and keeps recent
    messages of under 1 MB in memory.  Data sent that way cannot be
    recomputed by Dask, so a task whose worker died with it is sent again
    from here, up to :data:`_TRIES` times, and so is a task whose result
    could not be fetched (computed, then its worker was killed: distributed
    reschedules, and ``result()`` may raise instead of waiting); Dask itself
    retries a task that lost its worker while the data survived
    (``retries=2``).

    Scheduling: each worker has ``in_flight`` partitions (default two: one
    computing, the next already on the worker, so it never waits for this
    process); the client waits for the first task to finish, settles it and
    sends the next partition at once (a task stream shows gaps of a few ms
    between tasks).  The wait runs on this client's own event loop even
    inside a caller's ``with Client(...)`` block (``Client.as_current``),
    where ``distributed.wait`` would otherwise use the caller's client and
    learn of our tasks only at its timeout.
    """
    from distributed import wait

    pending: dict = {}  # future -> [tag, key, func, args, tries, data future]
    workers = _Workers(get_client)

    def send(tag, key: str, func, args: tuple, tries: int) -> None:
        try:
            client = get_client()
            deadline = time.monotonic() + max(30.0, timeout)
            while True:
                try:
                    data = client.scatter(args[0], direct=True, hash=False)
                    break
                except OSError:  # CommClosedError: the worker chosen has just died; the scheduler learns it
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            name = key if tries == 1 else f"{key}-try{tries}"
            fut = client.submit(func, data, *args[1:], key=name, pure=False, retries=2)
        except EngineError:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. metadata or themes that cannot be serialised
            raise EngineError(f"could not send the task {key} to the Dask cluster "
                              f"({type(exc).__name__}: {exc})") from exc
        pending[fut] = [tag, key, func, args, tries, data]

    def collect() -> None:
        lost_since = None
        while True:
            try:
                with get_client().as_current():  # our client's loop, not a caller's (see the docstring)
                    done = wait(list(pending), timeout=5, return_when="FIRST_COMPLETED").done
            except TimeoutError:  # nothing finished within the timeout
                done = set()
            except Exception:  # noqa: BLE001 - FuturesCancelledError: its texts were lost with a worker
                done = {f for f in pending if f.status != "pending"}
            if done:
                break
            if workers.any():
                lost_since = None
            elif lost_since is None:
                lost_since = time.monotonic()
            elif time.monotonic() - lost_since > max(60.0, 2 * timeout):
                raise EngineError(f"every Dask worker has been gone for {time.monotonic() - lost_since:.0f} s "
                                  f"with {len(pending)} partition(s) unfinished; they will be computed on a rerun")
        for fut in done:
            tag, key, func, args, tries, data = pending.pop(fut)
            try:
                result = error = None
                if fut.status == "finished":
                    try:
                        result = fut.result()
                    except Exception as exc:  # noqa: BLE001 - computed, but its result lost on the way here
                        error = exc  # (the worker holding it died; distributed then raised, e.g. RuntimeError)
                else:
                    error = fut.exception() if fut.status == "error" else RuntimeError(f"task {fut.status}")
                if error is not None and tries < _TRIES:
                    send(tag, key, func, args, tries + 1)  # its worker died with the texts: send them again
                    continue
                settle(tag, result, None if error is None else
                       f"the Dask task of this partition failed ({type(error).__name__}: {error}); "
                       "rerun to compute it again")
            finally:
                fut.release()
                data.release()
        del done
        _trim_memory()

    for tag, key, func, args in jobs:
        send(tag, key, func, args, 1)
        while len(pending) >= in_flight * workers.count():
            collect()
    while pending:
        collect()


def _stream(get_client, parts_iter, out, themes, stamp, code, existing, run: _Run, bar, in_flight, timeout) -> None:
    """Submit the partitions as the source yields them; reuse those already written."""

    def jobs():
        for frame in parts_iter:
            key = content_key(frame, extra=stamp["themes"] + [f"engine-schema={stamp['engine_schema']}"]
                              + (["figures=True"] if stamp.get("figures") else []), code=code)
            entry = {"key": key, "file": f"part-{key}.parquet", "documents": len(frame),
                     "first_id": str(frame["id"].iloc[0]), "last_id": str(frame["id"].iloc[-1])}
            run.partitions.append(entry)
            if key in existing:
                meta = _file_meta(out.fs, existing[key]) or {}
                run.reused += 1
                _advance(run, bar, len(frame), float(meta.get("words", 0)))
                continue
            yield (entry, frame), f"analysis-partition-{key}", _run_partition, (frame, key, out.uri, themes, stamp)

    _pump(get_client, jobs(), lambda tag, result, failure: _settle(result, failure, *tag, run, bar),
          in_flight=in_flight, timeout=timeout)


def _settle(summary: dict | None, failure: str | None, entry: dict, frame: pd.DataFrame,
            run: _Run, bar) -> None:
    """Record one finished task; a failed one becomes error rows (and is retried on a rerun)."""
    if failure is not None:  # KilledWorker after repeated deaths, a lost connection
        entry["failed"] = failure
        run.failed[entry["key"]] = _results_table(frame, [({}, failure)] * len(frame), warn=False)
        _advance(run, bar, len(frame), 0.0)
        return
    if not summary["written"]:
        raise EngineError(
            f"a Dask worker could not write the output: {summary['problem']}. On a cluster the output "
            "must be a folder every worker can write (a shared file system) or an object-store URL")
    run.computed += 1
    run.cpu_seconds += summary.get("cpu_seconds", 0.0)
    run.renamed.update(summary.get("renamed", []))
    _advance(run, bar, summary["documents"], summary["words"])


def _advance(run: _Run, bar, documents: int, words: float) -> None:
    run.documents += documents
    run.words += words
    if bar is not None:
        bar.update(documents)
        bar.set_postfix_str(f"{run.words:,.0f} words", refresh=False)


def _finish(out: _Output, stamp: dict, run: _Run, skips: list, complete: bool, source: Any) -> None:
    """Write the manifest; remove the partition files that belong to no partition of this run."""
    if not complete and not (run.computed or run.reused):
        return  # stopped before anything (no scheduler, a bad source): an earlier manifest stays valid
    manifest = dict(stamp, format="analysis.engine dataset", complete=complete and not run.failed,
                    source=_describe(source), documents=run.documents, words=run.words,
                    computed=run.computed, reused=run.reused, failed=len(run.failed),
                    worker_cpu_seconds=round(run.cpu_seconds, 3),
                    partitions=run.partitions, skipped=[list(s) for s in skips],
                    updated=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    try:
        out.write_json(MANIFEST, manifest)
    except OSError as exc:
        warnings.warn(f"{out.uri}: could not write {MANIFEST} ({exc})", EngineWarning, stacklevel=3)
    if not complete:
        return  # an interrupted run keeps every file: the next run reuses them
    keep = {p["key"] for p in run.partitions}
    for key, path in out.parts().items():
        if key not in keep:
            try:
                out.fs.delete_file(path)
            except OSError:
                pass


def _describe(source: Any) -> str:
    if isinstance(source, pd.DataFrame):
        return f"table ({getattr(source, 'source', None) or 'in memory'})"
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return f"iterable ({type(source).__name__})"


def _collect(out: _Output, run: _Run) -> pd.DataFrame:
    frames = []
    for p in run.partitions:
        if p["key"] in run.failed:
            frames.append(run.failed[p["key"]])
            continue
        try:
            frames.append(_read_part(out.fs, out.path(p["file"])))
        except Exception as exc:  # noqa: BLE001
            raise EngineError(f"{out.path(p['file'])}: written by a worker but unreadable here ({exc}); "
                              "the client must see the same output as the workers") from exc
    if not frames:
        return pd.DataFrame(columns=["id", "error"])
    columns: dict[str, None] = {}
    for f in sorted(frames, key=lambda f: -len(f.columns)):  # a failed partition has no measure columns
        columns.update(dict.fromkeys(f.columns))
    columns.pop("error", None)
    # A partition without rows (e.g. one retried after a lost worker) would turn every integer column
    # of the concatenation into float: concatenate the frames that hold rows.
    result = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True, sort=False)
    return result[[*columns, "error"]]


def map_partitions(
    source: Any,
    func,
    *args: Any,
    on_result,
    scheduler: str | None = None,
    workers: int | None = None,
    partition_size: int | None = None,
    progress: bool | None = None,
    desc: str = "dask",
    skipped: list | None = None,
    in_flight: int = 2,
    timeout: float = 30,
) -> dict:
    """Run ``func(partition, *args)`` on Dask for every partition of a source; no Parquet output.

    The streaming, bounded window, retries and failure handling of
    :func:`analyze_dask`, for a computation whose result is not a row per
    document (``analysis.norms`` counts words per session in the same pass
    as it measures).  ``func`` must be importable on the workers (a
    module-level function of this package) and return something small.

    Parameters
    ----------
    source
        Anything :func:`iter_partitions` reads.
    func, args
        The task: ``func(partition, *args)``, ``partition`` a table with
        ``id``, ``text`` and metadata.  Pure: keyed by the partition's content,
        the package code, ``func`` and ``args``.
    on_result
        ``on_result(partition, result, error)``, called in this process as each
        task finishes (in completion order, not corpus order); ``error`` is
        ``None``, or why the task failed (its worker died three times, it
        raised), with ``result`` ``None``.
    scheduler, workers, partition_size, progress, in_flight, timeout
        As for :func:`analyze_dask`; ``progress`` is a tqdm bar of documents
        named ``desc``.
    skipped
        A list that receives ``(item, reason)`` for what the source left out.

    Returns
    -------
    dict
        ``partitions``, ``documents``, ``failed`` (partitions) and ``seconds``.
    """
    from dask.base import tokenize

    code = code_fingerprint()
    name = f"{func.__module__}.{func.__qualname__}"
    token = tokenize(name, *args)
    skips = skipped if skipped is not None else []
    parts_iter = iter_partitions(source, size=partition_size or DEFAULT_PARTITION_SIZE, skipped=skips)
    summary = {"partitions": 0, "documents": 0, "failed": 0, "seconds": 0.0}
    bar = _bar(_expected_documents(source), progress, desc=desc)
    t0 = time.perf_counter()

    def jobs():
        for frame in parts_iter:
            key = content_key(frame, extra=[name, token], code=code)
            summary["partitions"] += 1
            yield frame, f"analysis-map-{key}", func, (frame, *args)

    def settle(frame, result, failure) -> None:
        if failure is not None:  # KilledWorker after repeated deaths, an error in func
            summary["failed"] += 1
        summary["documents"] += len(frame)
        if bar is not None:
            bar.update(len(frame))
        on_result(frame, result, failure)

    try:
        with ExitStack() as stack:
            clients: list = []

            def client():
                if not clients:
                    clients.append(stack.enter_context(_connect(scheduler, workers, timeout=timeout)))
                    stack.enter_context(_quiet_distributed())
                return clients[0]

            stack.enter_context(_system_pool())
            _pump(client, jobs(), settle, in_flight=in_flight, timeout=timeout)
    finally:
        if bar is not None:
            bar.close()
    summary["seconds"] = time.perf_counter() - t0
    return summary


def open_result(output: str | os.PathLike):
    """The dataset of a finished run, read lazily (:class:`pyarrow.dataset.Dataset`), in corpus order.

    For outputs too large for memory: ``open_result(out).to_batches()``, or
    ``.to_table(columns=[...], filter=...)`` for a few columns.
    """
    import pyarrow.dataset as ds

    out = _Output.open(output)
    manifest = out.read_json(MANIFEST)
    if manifest is None:
        raise EngineError(f"{out.uri}: no {MANIFEST}; not an output of analysis.engine (or never finished)")
    import analysis

    version = str(getattr(analysis, "__version__", "?"))
    if manifest.get("engine_schema") != ENGINE_SCHEMA or manifest.get("analysis_version") != version \
            or not isinstance(manifest.get("partitions"), list):
        raise EngineError(
            f"{out.uri}: written by analysis {manifest.get('analysis_version', '?')} (engine schema "
            f"{manifest.get('engine_schema', '?')}); this is analysis {version} (schema {ENGINE_SCHEMA}), "
            "whose columns may differ: rerun analyze(source, engine='dask', output=...) on it to recompute "
            "it (the old files are replaced)")
    if not manifest.get("complete"):
        warnings.warn(f"{out.uri}: the last run did not finish (or some partitions failed); this dataset "
                      "holds only the partitions written; rerun the analysis to complete it",
                      EngineWarning, stacklevel=2)
    files = [out.path(p["file"]) for p in manifest["partitions"] if "failed" not in p]
    return ds.dataset(files, filesystem=out.fs, format="parquet")


def error_table(result: pd.DataFrame) -> pd.DataFrame:
    """Everything not measured: documents with an ``error`` and items that could not be read.

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` (a document id, or the file/record/source left out),
        ``kind`` ('document' or 'skipped') and ``reason``.
    """
    rows = [(str(i), "document", e) for i, e in zip(result["id"], result["error"]) if e is not None]
    # (item, reason), or (id, item, reason) as main's loaders record them
    rows += [(str(s[-2]), "skipped", s[-1]) for s in (getattr(result, "_skipped", None) or [])]
    return pd.DataFrame(rows, columns=["item", "kind", "reason"])
