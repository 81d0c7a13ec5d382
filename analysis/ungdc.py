"""The United Nations General Debate Corpus (UNGDC), 1946-2024, read as distributed.

The corpus (Jankin, Baturo & Dasandi, *Journal of Peace Research*; Baturo,
Dasandi & Mikhaylov 2017, *Research & Politics*; CC0, doi:10.7910/DVN/0TJX8Y)
comes as an archive ``UNGDC_1946-2024.tgz`` with this layout::

    TXT/Session NN - YYYY/ISO_NN_YYYY.txt     one statement per file
    README.txt                                the distributor's notes
    Speakers_by_session.xlsx                  name and post of each speaker

This module reads the ``.tgz`` directly as a stream (``tarfile`` mode
``'r|gz'``: one member at a time, nothing unpacked to disk, memory bounded by
the largest file) or the folder it unpacks to.  The project never ships the
texts; the archive is something a user downloads once and points the project
at: :func:`default_archive` reads the environment variable ``ANALYSIS_UNGDC``,
else ``config.UNGDC_ARCHIVE`` (``data/corpora/UNGDC_1946-2024.tgz`` in the
project).

Like any real corpus it is not clean (2,936 files start with a UTF-8
byte-order mark, 269 use bare CR line ends, and five stray files that are not
statements sit among the sessions: ``.Rhistory``, ``.Rapp.history``,
``.DS_Store-to-UTF-8.txt``).  The BOM is stripped, line ends become ``\\n``,
and nothing is dropped silently: a member that is not a statement, or cannot be
decoded, is a record with ``error`` set (see :func:`iter_statements`); a
truncated archive ends with one such record saying how far it got.

The speakers sheet has its own typos in the ISO column (``YDYE`` for
Democratic Yemen, ``EC`` for the EU, ``POR`` for Portugal ...): codes that are
not in the country table are mapped by :data:`SPEAKER_CODE_FIXES` before
matching on ISO code + session.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import tarfile
import warnings
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Literal

import pandas as pd

from analysis import config
from analysis.text import TextDecodeError

__all__ = [
    "COLUMNS",
    "SPEAKER_CODE_FIXES",
    "countries",
    "country_name",
    "default_archive",
    "iter_statements",
    "is_ungdc",
    "load_ungdc",
    "read_speakers",
]

#: Columns of :func:`load_ungdc`, in order.
COLUMNS = ("id", "text", "iso", "country", "session", "year", "speaker", "post", "file", "error")

#: ``TXT/Session NN - YYYY/ISO_NN_YYYY.txt`` (the last two path components).
_FOLDER = re.compile(r"Session (?P<session>\d{1,3}) - (?P<year>\d{4})")
_STATEMENT = re.compile(r"(?P<iso>[A-Z]{2,3})_(?P<session>\d{1,3})_(?P<year>\d{4})\.txt")
#: Files of the distribution that are not statements and not stray.
_SPEAKERS = "Speakers_by_session.xlsx"
_KNOWN = {"README.txt", _SPEAKERS}

#: ISO codes of the speakers sheet (v12) that are typos for a code of the corpus.
SPEAKER_CODE_FIXES = {
    "YDYE": "YMD",  # Democratic Yemen
    "EC": "EU",  # European Community / Union
    "POR": "PRT",  # Portugal
    "CZK": "CSK",  # Czechoslovakia (1947)
    "DKN": "DNK",  # Denmark
    "PAR": "PRY",  # Paraguay
    "PKR": "PRK",  # Democratic People's Republic of Korea (row says so)
    "ZFA": "ZAF",  # South Africa
}

_COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "countries.csv"


def default_archive() -> Path:
    """Where the UNGDC archive (or the folder it unpacks to) is expected.

    The environment variable ``ANALYSIS_UNGDC`` if set, else
    ``config.UNGDC_ARCHIVE`` (``data/corpora/UNGDC_1946-2024.tgz`` inside
    the project).
    """
    env = os.environ.get("ANALYSIS_UNGDC")
    return Path(env) if env else Path(config.UNGDC_ARCHIVE)


def _missing_message(path: Path) -> str:
    return (
        f"UN General Debate corpus not found at {path}. Download UNGDC_1946-2024.tgz "
        "(United Nations General Debate Corpus, CC0, Harvard Dataverse doi:10.7910/DVN/0TJX8Y) "
        f"and put it at {config.UNGDC_ARCHIVE}, or point at it (the .tgz or the folder it "
        "unpacks to) with the environment variable ANALYSIS_UNGDC=/path/to/UNGDC_1946-2024.tgz. "
        "The shipped norms (analysis.norms.load_norms) need no archive."
    )


# ---------------------------------------------------------------------------
# Country names
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_table() -> pd.DataFrame:
    return pd.read_csv(_COUNTRIES_FILE, dtype=str, keep_default_na=False)


def countries() -> pd.DataFrame:
    """The shipped country table: ``iso3``, ``name``, ``status``.

    ISO 3166-1 alpha-3 codes of the UN member and observer states
    (``status`` 'current'), the historical codes the corpus uses (CSK, DDR,
    SUN, YMD, YUG and a few more: 'historical') and ``EU`` ('organisation').
    """
    return _country_table().copy()


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    t = _country_table()
    return dict(zip(t["iso3"], t["name"]))


def country_name(iso: str) -> str | None:
    """The country name of an ISO code of the corpus, or ``None`` if the table lacks it."""
    return _names().get(iso)


# ---------------------------------------------------------------------------
# Reading members
# ---------------------------------------------------------------------------


def _decode(raw: bytes, name: str) -> str:
    """A statement's text: UTF-8, BOM stripped, line ends ``\\n``; undecodable bytes or NUL raise."""
    skip = 3 if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TextDecodeError(
            f"{name}: cannot decode as UTF-8 at byte offset {exc.start + skip} "
            f"(byte {raw[exc.start + skip:exc.start + skip + 1]!r}: {exc.reason})"
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise TextDecodeError(f"{name}: NUL character at byte offset {skip + len(text[:nul].encode())}; a binary file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _classify(name: str) -> tuple[str, dict | None, str | None]:
    """('statement', metadata, None) | ('known', None, None) | ('stray', None, reason) for a member path."""
    parts = name.strip("/").split("/")
    base = parts[-1]
    m = _STATEMENT.fullmatch(base)
    folder = _FOLDER.fullmatch(parts[-2]) if len(parts) >= 2 else None
    if m and folder:
        meta = {"iso": m["iso"], "session": int(m["session"]), "year": int(m["year"])}
        if (int(folder["session"]), int(folder["year"])) != (meta["session"], meta["year"]):
            return "stray", None, (
                f"file name says session {meta['session']} ({meta['year']}) but it sits in "
                f"folder {parts[-2]!r}; not read as a statement"
            )
        return "statement", meta, None
    if base in _KNOWN and not folder:
        return "known", None, None
    if m:
        return "stray", None, "a statement file outside a 'Session NN - YYYY' folder; not read"
    return "stray", None, "not a statement (the name is not ISO_NN_YYYY.txt); skipped"


def _record(file: str, *, meta: dict | None = None, text: str | None = None, error: str | None = None) -> dict:
    meta = meta or {}
    iso = meta.get("iso")
    stem = Path(file).name[: -len(".txt")] if meta else file
    return {
        "id": stem,
        "iso": iso,
        "country": country_name(iso) if iso else None,
        "session": meta.get("session"),
        "year": meta.get("year"),
        "file": file,
        "text": text,
        "error": error,
    }


def _members_tgz(path: Path) -> Iterator[tuple[str, "callable"]]:
    """(name, read) of each regular file of a .tgz, streamed; truncation raises _Truncated."""
    try:
        tf = tarfile.open(path, mode="r|gz")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise _Truncated(f"{path}: not a readable .tgz archive ({type(exc).__name__}: {exc})", None) from None
    last = None
    with tf:
        while True:
            try:
                member = tf.next()
            except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
                raise _Truncated(f"{type(exc).__name__}: {exc}", last) from None
            if member is None:
                return
            if not member.isfile():
                continue
            last = member.name

            def read(member=member):
                try:
                    return tf.extractfile(member).read()
                except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
                    raise _Truncated(f"{type(exc).__name__}: {exc}", member.name) from None

            yield member.name, read


def _members_folder(path: Path) -> Iterator[tuple[str, "callable"]]:
    for p in sorted(q for q in path.rglob("*") if q.is_file()):
        yield p.relative_to(path).as_posix(), p.read_bytes


class _Truncated(Exception):
    def __init__(self, reason: str, last: str | None):
        super().__init__(reason)
        self.reason, self.last = reason, last


def is_ungdc(path: str | os.PathLike) -> bool:
    """Whether ``path`` looks like the UNGDC: a ``.tgz``/``.tar.gz`` file, or a folder with ``TXT/Session NN - YYYY`` (or ``Session NN - YYYY``) subfolders."""
    p = Path(path)
    if p.is_file():
        return p.name.endswith((".tgz", ".tar.gz"))
    if p.is_dir():
        root = p / "TXT" if (p / "TXT").is_dir() else p
        try:
            return any(q.is_dir() and _FOLDER.fullmatch(q.name) for q in root.iterdir())
        except OSError:
            return False
    return False


def _open(path: str | os.PathLike | None) -> tuple[Path, Iterator]:
    from analysis.corpus import CorpusError

    p = default_archive() if path is None else Path(path)
    if p.is_dir():
        return p, _members_folder(p)
    if p.is_file():
        return p, _members_tgz(p)
    if path is None:
        raise CorpusError(_missing_message(p))
    raise CorpusError(f"{p}: no such file or folder; expected the UNGDC .tgz or the folder it unpacks to")


def _iter(path, sessions, speakers_out: list | None) -> Iterator[dict]:
    wanted = None if sessions is None else {int(s) for s in sessions}
    root, members = _open(path)
    n = 0
    try:
        for name, read in members:
            kind, meta, reason = _classify(name)
            if kind == "known":
                if speakers_out is not None and name.rsplit("/", 1)[-1] == _SPEAKERS:
                    speakers_out.append(read())
                continue
            if kind == "stray":
                if wanted is None:
                    yield _record(name, error=reason)
                continue
            if wanted is not None and meta["session"] not in wanted:
                continue
            try:
                text = _decode(read(), name)
            except TextDecodeError as exc:
                yield _record(name, meta=meta, error=f"{exc}; statement not read")
                continue
            n += 1
            yield _record(name, meta=meta, text=text)
    except _Truncated as exc:
        where = f" (while reading {exc.last})" if exc.last else ""
        yield {
            **_record(root.name),
            "id": f"{root.name}:truncated",
            "error": (
                f"{root}: archive truncated or corrupt after {n} statements{where}: {exc.reason}; "
                "the statements read before are kept, the rest of the archive is missing"
            ),
        }


def iter_statements(
    path: str | os.PathLike | None = None,
    *,
    sessions: Iterable[int] | None = None,
    speakers: bool = False,
) -> Iterator[dict]:
    """The statements of the UNGDC, one at a time, streamed from the ``.tgz`` or the folder.

    Parameters
    ----------
    path
        The archive (``.tgz``, read as a stream, nothing unpacked to disk) or
        the folder it unpacks to; ``None``: :func:`default_archive`.
    sessions
        Only these session numbers (the others are skipped without decoding;
        stray files are then not reported).
    speakers
        Add ``speaker`` and ``post`` (:func:`read_speakers`) to every record.
        The sheet is the last member of the archive, so this reads it first in
        a pass that skips the texts (a few seconds of decompression); off by
        default (:func:`load_ungdc` merges it at the end of its one pass).

    Yields
    ------
    dict
        ``id`` (``'USA_73_2018'``), ``iso``, ``country`` (from the shipped
        table; ``None`` for a code it lacks), ``session``, ``year``, ``file``
        (the path inside the archive or folder), ``text`` (BOM stripped,
        ``\\n`` line ends) and ``error`` (``None``).  A member that is not a
        statement (a stray file) or cannot be decoded is yielded too, with
        ``text`` ``None`` and ``error`` saying why (a stray file's ``id`` is
        its path).  A truncated or corrupt archive ends with a record whose
        ``id`` is ``'<archive name>:truncated'`` and whose ``error`` says how
        many statements were read and where it stopped.

    Raises
    ------
    CorpusError
        ``path`` does not exist (for ``None``: the message says how to get the
        archive and point at it).
    """
    if not speakers:
        return _iter(path, sessions, None)
    return _with_speakers(path, sessions)


def _with_speakers(path, sessions) -> Iterator[dict]:
    sp = read_speakers(path)
    table = {(i, s): (n, p) for i, s, n, p in zip(sp["iso"], sp["session"], sp["speaker"], sp["post"])}
    for rec in _iter(path, sessions, None):
        name, post = table.get((rec["iso"], rec["session"]), (None, None))
        yield {**rec, "speaker": None if pd.isna(name) else name, "post": None if pd.isna(post) else post}


# ---------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------

_SPEAKER_HEADERS = {"iso": "ISO Code", "session": "Session", "year": "Year",
                    "speaker": "Name of Person Speaking", "post": "Post"}


def _speakers_from_bytes(data: bytes, where: str) -> tuple[pd.DataFrame, int]:
    """One row per (iso, session): ``speaker`` and ``post`` (distinct values joined by '; ')."""
    import openpyxl

    from analysis.corpus import CorpusError

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise CorpusError(f"{where}: cannot read the speakers workbook ({type(exc).__name__}: {exc})") from None
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        missing = [h for h in _SPEAKER_HEADERS.values() if h not in header]
        if missing:
            raise CorpusError(f"{where}: first sheet has no column(s) {', '.join(map(repr, missing))}")
        col = {k: header.index(h) for k, h in _SPEAKER_HEADERS.items()}
        known = _names()
        recs = []
        for r in rows:
            def get(k):
                v = r[col[k]] if col[k] < len(r) else None
                return v.strip() if isinstance(v, str) else v
            iso, session = get("iso"), get("session")
            if not iso or session is None:
                continue
            iso = str(iso).upper()
            if iso not in known:
                iso = SPEAKER_CODE_FIXES.get(iso, iso)
            try:
                session = int(session)
            except (TypeError, ValueError):
                continue
            recs.append((iso, session, get("speaker") or None, get("post") or None))
    finally:
        wb.close()
    df = pd.DataFrame(recs, columns=["iso", "session", "speaker", "post"])

    def join(values):
        out = list(dict.fromkeys(str(v) for v in values if pd.notna(v) and str(v).strip()))
        return "; ".join(out) if out else None

    out = df.groupby(["iso", "session"], sort=True).agg(speaker=("speaker", join), post=("post", join)).reset_index()
    return out, len(df)


def read_speakers(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """``Speakers_by_session.xlsx`` of the archive or folder, one row per ISO code and session.

    Columns ``iso``, ``session``, ``speaker``, ``post`` (several rows for one
    statement, as for a few 1950s sessions, give their distinct values joined by
    ``'; '``; the sheet's ISO typos are fixed with :data:`SPEAKER_CODE_FIXES`).
    Empty table if the workbook is absent.
    """
    p = default_archive() if path is None else Path(path)
    if p.is_dir():
        hits = sorted(p.rglob(_SPEAKERS))
        blobs = [hits[0].read_bytes()] if hits else []
    else:
        blobs = []
        for _ in _iter(p, sessions=(), speakers_out=blobs):
            pass
    if not blobs:
        return pd.DataFrame(columns=["iso", "session", "speaker", "post"])
    return _speakers_from_bytes(blobs[0], f"{p}: {_SPEAKERS}")[0]


# ---------------------------------------------------------------------------
# The corpus table
# ---------------------------------------------------------------------------


def load_ungdc(
    path: str | os.PathLike | None = None,
    *,
    errors: Literal["rows", "skip"] = "rows",
    sessions: Iterable[int] | None = None,
    speakers: bool = True,
) -> pd.DataFrame:
    """The UNGDC as a corpus table: one row per statement, with its metadata.

    Parameters
    ----------
    path
        The ``.tgz`` (streamed) or the folder it unpacks to; ``None``:
        :func:`default_archive` (``ANALYSIS_UNGDC`` or ``config.UNGDC_ARCHIVE``).
    errors
        ``'rows'``: members that could not be read as statements (stray files,
        undecodable files, a truncation) are rows with ``text`` ``None`` and
        ``error`` set.  ``'skip'``: they are left out of the table and listed in
        the table's ``skipped`` (a :class:`analysis.Corpus`), and there is no ``error`` column (the form
        :func:`analysis.analyze` accepts today; ``load_corpus('ungdc')`` uses it).
    sessions
        Only these session numbers (e.g. ``[1, 2]``).
    speakers
        Add ``speaker`` and ``post`` from ``Speakers_by_session.xlsx``, matched on
        ISO code + session.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``id``, ``text``, ``iso``, ``country``,
        ``session`` and ``year`` (``Int64``), ``speaker``, ``post`` (``None``
        where the sheet has no entry), ``file``, ``error``; sorted by session
        and id, error rows last.  The table is a :class:`analysis.Corpus`:
        ``skipped`` lists every member not read as a statement (``id``,
        ``item`` = the file, ``reason``), ``source`` the archive.

    Warns
    -----
    CorpusWarning
        Once, listing the members not read as statements (if any), and once
        for ISO codes missing from the country table.
    """
    from analysis.corpus import CorpusError, CorpusWarning

    if errors not in ("rows", "skip"):
        raise ValueError(f"load_ungdc(): errors must be 'rows' or 'skip', got {errors!r}")
    blobs: list[bytes] = []
    recs = list(_iter(path, sessions, blobs if speakers else None))
    src = default_archive() if path is None else Path(path)
    df = pd.DataFrame(recs, columns=[c for c in COLUMNS if c not in ("speaker", "post")], dtype=object)
    for c in ("session", "year"):
        df[c] = df[c].astype("Int64")
    ok = df["error"].isna()
    if not ok.any():
        what = "; ".join(df["error"].head(3)) if len(df) else "no member at all"
        raise CorpusError(f"{src}: no UNGDC statement (TXT/Session NN - YYYY/ISO_NN_YYYY.txt) in it ({what})")
    if speakers and blobs:
        sp, _ = _speakers_from_bytes(blobs[0], f"{src}: {_SPEAKERS}")
        df = df.merge(sp, on=["iso", "session"], how="left")
    else:
        df["speaker"] = None
        df["post"] = None
    for c in ("id", "text", "iso", "country", "speaker", "post", "file", "error"):  # str or None
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    df = df.sort_values(["error", "session", "id"], key=lambda s: s.notna() if s.name == "error" else s,
                        na_position="last", kind="stable")
    df = df[list(COLUMNS)].reset_index(drop=True)
    bad = df[df["error"].notna()]
    skipped = list(zip(bad["file"], bad["error"]))
    if skipped:
        shown = "; ".join(f"{f}: {e}" for f, e in skipped[:5])
        more = f" (and {len(skipped) - 5} more)" if len(skipped) > 5 else ""
        warnings.warn(f"UNGDC {src.name}: {len(skipped)} member(s) not read as statements: {shown}{more}",
                      CorpusWarning, stacklevel=2)
    unknown = sorted(set(df.loc[df["error"].isna() & df["country"].isna(), "iso"]))
    if unknown:
        warnings.warn(f"UNGDC: ISO code(s) not in analysis/data/countries.csv: {', '.join(unknown)}",
                      CorpusWarning, stacklevel=2)
    if errors == "skip":
        df = df[df["error"].isna()].drop(columns=["error"]).reset_index(drop=True)
    return _as_corpus_table(df, bad, str(src))


def _as_corpus_table(df: pd.DataFrame, bad: pd.DataFrame, source: str) -> pd.DataFrame:
    """The table in the form ``analysis.corpus`` gives its tables (a ``Corpus`` where it has one)."""
    from analysis import corpus as _corpus

    make = getattr(_corpus, "_as_corpus", None)  # the Corpus table of the architecture change (issue 8)
    if make is None:
        return df
    ids = [i if i and not str(i).startswith("TXT/") and not str(i).endswith(":truncated") else None
           for i in bad["id"]]
    return make(df, list(zip(ids, bad["file"], bad["error"])), source)
