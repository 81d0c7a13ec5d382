"""Theme dictionaries (YAML) and their matches in a speech: counts, rates, positions.

A theme dictionary maps each theme to a list of entries; a speech's theme rate is
the number of entry matches per 1,000 words of the shared segmentation
(:func:`analysis.text.segment`).  Every rate has its per-match table
(:func:`theme_matches`) behind it.

Dictionary files
----------------
YAML, one mapping::

    name: counter_terrorism          # optional metadata
    description: ...                 # optional
    version: "1.0"                   # optional
    themes:                          # required, in display order
      security:                      # identifier [a-z][a-z0-9_]*
        label: Security and threats  # optional (default: "Security")
        description: ...             # optional
        entries: [terror*, counter-terror*, rule of law, ...]
      youth: [youth*, young people]  # short form: the entries only
    exclude: [social security]       # optional: matched, but counted for no theme

The packaged dictionaries live in ``analysis/themes/*.yaml``
(:data:`analysis.config.THEMES_DIR`); the default is ``counter_terrorism``.

Entries
-------
- An entry is one word or a phrase of words separated by spaces, matched
  case-insensitively.  Each word is either an exact word (``terrorism``) or a
  prefix ending in ``*`` (``radicali*`` matches radicalization, radicalized...).
  ``*`` is allowed only at the end of a word (fnmatch's other wildcards are
  not supported).
- An entry word must be one word of the shared segmentation, which keeps
  hyphenated compounds and contractions whole: ``counter-terrorism`` and
  ``all-of-society`` are single words; an entry ``counter terrorism`` (two
  words) matches "counter terrorism" but not "counter-terrorism".  List each
  spelling that matters.  Curly apostrophes and Unicode hyphens in entries are
  read as ``'`` and ``-``, as in the segmentation.
- Phrases match inside one sentence (never across a sentence boundary);
  punctuation between the words of a sentence is not seen ("civil, society"
  matches "civil society").

Counting rule
-------------
Each sentence is scanned from left to right.  At each word, the entry with the
most words that matches there wins (ties: fewer ``*``, then the longer pattern,
then dictionary order) and consumes its words; so a word is counted at most
once, and "human rights council" counts once (for the theme that lists it), not
also as "human rights".  A match of an ``exclude`` entry consumes its words and
counts for nothing.  An exact entry may appear only once in a file: the same
entry in two themes is an error at load time, while overlapping entries
("rights" and "human rights", "terror*" and "terrorist content") are allowed and
resolved by the rule above.  A multi-word match counts as one.

Rates are per 1,000 words: ``per_1000 = 1000 * count / n_words``; higher means
the theme is more present.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pandas as pd
import yaml

from analysis.config import DEFAULT_THEMES, THEMES_DIR
from analysis.matches import match_table
from analysis.rates import Bootstrap, rates
from analysis.text import Document, normalise_marks
from analysis.text import as_document as _doc
from analysis.text import warn_empty
from analysis.text import words as _segment_words

__all__ = [
    "Theme",
    "ThemeDictionary",
    "load_themes",
    "packaged_themes",
    "theme_rates",
    "theme_matches",
    "theme_dispersion",
    "theme_by_section",
    "theme_measures",
]


# ---------------------------------------------------------------------------
# Dictionaries
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """One theme: identifier, label for display, description and its normalised entries."""

    name: str
    label: str
    description: str
    entries: tuple[str, ...]


@dataclass(frozen=True)
class ThemeDictionary:
    """A validated theme dictionary (see the module docstring for the file format).

    ``source`` is the file it was read from (or ``"<memory>"``); ``exclude`` are
    the phrases that are matched but counted for no theme.
    """

    name: str
    description: str
    version: str
    source: str
    themes: tuple[Theme, ...]
    exclude: tuple[str, ...] = ()
    _matcher: Any = field(default=None, init=False, repr=False, compare=False, hash=False)

    def summary(self, *, first: int = 6) -> pd.DataFrame:
        """One row per theme: ``theme`` (its label), ``entries`` (how many) and ``first entries`` (up to ``first``)."""
        return pd.DataFrame({
            "theme": [t.label for t in self.themes],
            "entries": [len(t.entries) for t in self.themes],
            "first entries": [", ".join(t.entries[:first]) + (", ..." if len(t.entries) > first else "")
                              for t in self.themes],
        })

    @property
    def names(self) -> list[str]:
        """Theme identifiers, in dictionary order."""
        return [t.name for t in self.themes]

    def __len__(self) -> int:
        return len(self.themes)

    def theme(self, name: str) -> Theme:
        """The theme called ``name`` (KeyError naming the known themes otherwise)."""
        for t in self.themes:
            if t.name == name:
                return t
        raise KeyError(f"{self.source}: no theme {name!r}; themes are {', '.join(self.names)}")


def packaged_themes() -> list[str]:
    """Names of the packaged theme dictionaries (``analysis/themes/*.yaml``)."""
    return sorted(p.stem for p in THEMES_DIR.glob("*.yaml"))


_THEME_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_TOP_KEYS = {"name", "description", "version", "themes", "exclude"}
_THEME_KEYS = {"label", "description", "entries"}
_PREFIX_CHARS = re.compile(r"[^\W_](?:[\w'.\-]*)\Z")


def _normalise_entry(entry: str) -> str:
    e = normalise_marks(entry).replace("\u2018", "'")
    return " ".join(e.lower().split())


def _entry_problem(entry: str) -> str | None:
    """Why a normalised entry cannot be matched, or None if it is fine."""
    if not entry:
        return "is empty"
    for w in entry.split(" "):
        if "*" in w[:-1]:
            return f"has '*' inside the word {w!r}; '*' is allowed only at the end of a word"
        if w.endswith("*"):
            prefix = w[:-1]
            if prefix.endswith("."):
                return (
                    f"has {w!r}: '.*' is regular-expression syntax, which is not supported; "
                    f"write {prefix.rstrip('.') + '*'!r} ('*' = any ending)"
                )
            if not prefix:
                return "has a bare '*'; a '*' must follow at least one letter or digit"
            if "_" in prefix or not _PREFIX_CHARS.match(prefix):
                return (
                    f"has unsupported characters in {w!r}; a word may hold letters, digits, "
                    "inner hyphens, apostrophes and periods"
                )
        else:
            if _segment_words(w) != [w]:
                return (
                    f"has unsupported characters in {w!r}: it is not one word of the segmentation "
                    "(letters, digits, inner hyphens and apostrophes)"
                )
    return None


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key repeated in one mapping.

    Plain YAML loading keeps the last of two ``security:`` themes and silently
    drops the other's entries; a theme dictionary must not lose entries.
    """

    def construct_mapping(self, node, deep=False):  # noqa: D102
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base class reports it
                break
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"duplicate key {key!r} (first at line {first.line + 1}); "
                    "a second entry with the same name would replace the first",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def _yaml_error(path: str, exc: yaml.YAMLError) -> ValueError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc)
    return ValueError(f"{path}: YAML syntax error{where}: {problem}")


def _parse(data: Any, source: str, default_name: str) -> ThemeDictionary:
    if not isinstance(data, dict):
        raise ValueError(
            f"{source}: a theme dictionary must be a YAML mapping with a 'themes' key, got {type(data).__name__}"
        )
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ValueError(
            f"{source}: unknown top-level key(s) {sorted(map(str, unknown))}; allowed: {sorted(_TOP_KEYS)}"
        )
    raw_themes = data.get("themes")
    if not isinstance(raw_themes, dict) or not raw_themes:
        raise ValueError(f"{source}: 'themes' must be a non-empty mapping theme -> entries")
    seen: dict[str, str] = {}  # normalised entry -> owner (theme name or 'exclude')

    def check_entries(raw: Any, owner: str) -> tuple[str, ...]:
        where = f"theme {owner!r}" if owner != "exclude" else "'exclude'"
        if not isinstance(raw, list):
            raise ValueError(f"{source}: {where}: entries must be a list, got {type(raw).__name__}")
        if not raw and owner != "exclude":
            raise ValueError(f"{source}: {where} has no entries")
        out = []
        for i, entry in enumerate(raw, start=1):
            if not isinstance(entry, str):
                raise ValueError(
                    f"{source}: {where}, entry {i} ({entry!r}) is not a string "
                    f"(a {type(entry).__name__}); quote it in the YAML"
                )
            norm = _normalise_entry(entry)
            problem = _entry_problem(norm)
            if problem:
                raise ValueError(f"{source}: {where}, entry {i} {entry!r} {problem}")
            if norm in seen:
                other = seen[norm]
                other_where = f"theme {other!r}" if other != "exclude" else "'exclude'"
                raise ValueError(
                    f"{source}: {where}, entry {i} {entry!r} is a duplicate: already listed in {other_where}"
                )
            seen[norm] = owner
            out.append(norm)
        return tuple(out)

    themes_out = []
    for name, spec in raw_themes.items():
        if not isinstance(name, str) or not _THEME_NAME.match(name):
            raise ValueError(
                f"{source}: theme {name!r}: a theme name must be lower-case letters, digits and '_', "
                "starting with a letter"
            )
        label = name.replace("_", " ").capitalize()
        description = ""
        if isinstance(spec, dict):
            bad = set(spec) - _THEME_KEYS
            if bad:
                raise ValueError(
                    f"{source}: theme {name!r}: unknown key(s) {sorted(map(str, bad))}; allowed: {sorted(_THEME_KEYS)}"
                )
            if "entries" not in spec or spec["entries"] is None:
                raise ValueError(f"{source}: theme {name!r} has no entries")
            label = str(spec.get("label") or label)
            description = str(spec.get("description") or "")
            raw_entries = spec["entries"]
        elif spec is None:
            raise ValueError(f"{source}: theme {name!r} has no entries")
        else:
            raw_entries = spec
        themes_out.append(Theme(name, label, description, check_entries(raw_entries, name)))
    exclude = check_entries(data.get("exclude") or [], "exclude")
    return ThemeDictionary(
        name=str(data.get("name") or default_name),
        description=str(data.get("description") or ""),
        version=str(data.get("version") or ""),
        source=source,
        themes=tuple(themes_out),
        exclude=exclude,
    )


@lru_cache(maxsize=32)
def _load_file(path: str, mtime_ns: int, size: int) -> ThemeDictionary:
    """Parse one file; cached by (path, modification time, size), so an edit is re-read."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte offset {exc.start})") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise _yaml_error(path, exc) from None
    return _parse(data, path, Path(path).stem)


def load_themes(dictionary: ThemeDictionary | str | os.PathLike | None = None) -> ThemeDictionary:
    """Load and validate a theme dictionary.

    Parameters
    ----------
    dictionary : None, str, path or ThemeDictionary
        ``None``: the packaged default (:data:`analysis.config.DEFAULT_THEMES`,
        ``counter_terrorism``); the name of a packaged dictionary (see
        :func:`packaged_themes`); a path to a YAML file; or an already loaded
        :class:`ThemeDictionary` (returned as is).

    Returns
    -------
    ThemeDictionary

    Raises
    ------
    FileNotFoundError
        If the name is not packaged and no such file exists.
    ValueError
        If the file is malformed; the message names the file, the theme and the
        entry (empty entry, non-string, unsupported characters, misplaced
        ``*``, theme without entries, duplicate entry, YAML syntax error with
        its line).
    """
    if isinstance(dictionary, ThemeDictionary):
        return dictionary
    if dictionary is None:
        dictionary = DEFAULT_THEMES
    if not isinstance(dictionary, (str, os.PathLike)):
        raise TypeError(
            f"load_themes() expects None, a dictionary name, a path or a ThemeDictionary, "
            f"got {type(dictionary).__name__}"
        )
    text = os.fspath(dictionary)
    packaged = THEMES_DIR / f"{text}.yaml"
    if isinstance(dictionary, str) and re.fullmatch(r"[\w-]+", text) and packaged.is_file():
        path = packaged
    else:
        path = Path(text)
        if not path.is_file():
            raise FileNotFoundError(
                f"{text}: no such theme dictionary file, and not a packaged dictionary "
                f"(packaged: {', '.join(packaged_themes())})"
            )
    path = path.resolve()
    st = path.stat()
    return _load_file(str(path), st.st_mtime_ns, st.st_size)


def themes_from_mapping(data: dict, *, source: str = "<memory>") -> ThemeDictionary:
    """Build a :class:`ThemeDictionary` from an in-memory mapping with the YAML file's schema."""
    return _parse(data, source, "custom")


# ---------------------------------------------------------------------------
# Compiled matcher
# ---------------------------------------------------------------------------

# A pattern: (n_words, rest, theme index (-1 = exclude), entry), where rest is a
# tuple of (word, is_prefix) for the words after the first.




class _Matcher:
    """First word -> candidate patterns (best first), memoised per lower-cased word form.

    ``opening`` maps each word form met that opens a pattern to its patterns; ``seen`` holds
    every word form met.  A document's words are classified once per new form, then found
    with one C-level pass (:meth:`openings`): most words open no pattern, and a set lookup
    that misses costs less than a dict lookup that hits.
    """

    __slots__ = ("exact", "prefixes", "head", "by_head", "opening", "seen")

    def __init__(self, dictionary: ThemeDictionary):
        owners: list[tuple[str, int]] = [
            (e, ti) for ti, t in enumerate(dictionary.themes) for e in t.entries
        ] + [(e, -1) for e in dictionary.exclude]
        exact: dict[str, list] = {}
        prefixes: list[tuple[str, tuple]] = []
        for order, (entry, ti) in enumerate(owners):
            ws = entry.split(" ")
            rest = tuple((w[:-1], True) if w.endswith("*") else (w, False) for w in ws[1:])
            n_glob = sum(w.endswith("*") for w in ws)
            key = (-len(ws), n_glob, -len(entry.replace("*", "")), order)
            pattern = (key, (len(ws), rest, ti, entry))
            first = ws[0]
            if first.endswith("*"):
                prefixes.append((first[:-1], pattern))
            else:
                exact.setdefault(first, []).append(pattern)
        self.exact = exact
        self.prefixes = prefixes
        # the end-globs by their first ``head`` letters (at most 4, the shortest glob's length): a word
        # form is tested only against the globs that share its first letters, not all of them
        self.head = min(4, *(len(p) for p, _ in prefixes)) if prefixes else 0
        self.by_head: dict[str, list[tuple[str, tuple]]] = {}
        for p, pattern in prefixes:
            self.by_head.setdefault(p[: self.head], []).append((p, pattern))
        # a pure, derived memo of lookup (it lives and dies with the dictionary)
        self.opening: dict[str, tuple] = {}
        self.seen: set[str] = set()

    def openings(self, lw: tuple[str, ...]) -> Iterator[int]:
        """Positions in ``lw`` (lower-cased words) of the words that open a pattern, in order."""
        if not self.seen.issuperset(lw):
            new = set(lw).difference(self.seen)
            for w in new:
                found = self.lookup(w)
                if found:
                    self.opening[w] = found
            self.seen |= new
        return compress(count(), map(self.opening.__contains__, lw))

    def lookup(self, word: str) -> tuple:
        low = word.lower()
        found = self.exact.get(low)
        globs = self.by_head.get(low[: self.head]) if self.prefixes else None
        if globs:
            found = [*(found or ()), *(pat for p, pat in globs if low.startswith(p))]
        elif found is None:
            return ()  # most word forms open no pattern
        found = sorted(found, key=lambda kp: kp[0])  # (the keys are distinct: the order of ``found`` does not matter)
        return tuple(p for _, p in found)


def _matcher(dictionary: ThemeDictionary) -> _Matcher:
    m = dictionary._matcher
    if m is None:
        m = _Matcher(dictionary)
        object.__setattr__(dictionary, "_matcher", m)  # a pure, derived cache
    return m


def _rest_matches(lw: tuple[str, ...], start: int, end: int, rest: tuple) -> bool:
    """Do the lower-cased words ``lw[start:end]`` begin with the pattern words ``rest``?"""
    if start + len(rest) > end:
        return False
    for k, (w, is_prefix) in enumerate(rest, start=start):
        if (not lw[k].startswith(w)) if is_prefix else (lw[k] != w):
            return False
    return True


def _all_matches(doc: Document, dictionary: ThemeDictionary):
    """Matches of the document, leftmost-longest in each sentence: (sentence, start word, n words,
    theme index, entry); exclude matches consume their words and are not yielded.

    One C-level pass over the document's lower-cased words finds the words that open a pattern
    (a few in a hundred); only those are looked at, with their sentence found by bisection.
    """
    m = _matcher(dictionary)
    patterns = m.opening
    lw = doc.lower_words
    skip = 0  # a match never crosses a sentence end, so one bound serves every sentence
    for p in m.openings(lw):
        if p < skip:
            continue
        s = doc.sentence_of(p)
        end = s.first_word + len(s.words)
        for n, rest, ti, entry in patterns[lw[p]]:
            if n == 1 or _rest_matches(lw, p + 1, end, rest):
                if ti >= 0:
                    yield s, p - s.first_word, n, ti, entry
                skip = p + n
                break


# ---------------------------------------------------------------------------
# Public measures
# ---------------------------------------------------------------------------


def theme_measures(doc: Document | str, *, themes: ThemeDictionary | str | os.PathLike | None = None) -> dict[str, float]:
    """Theme rates of one document, for the corpus profile: ``theme_<name>_per_1000``.

    ``per_1000 = 1000 * matches / n_words`` for every theme in dictionary order,
    counting the rows :func:`theme_matches` lists (the same scan, without the
    table); NaN for a text without words, with an
    :class:`~analysis.text.EmptyTextWarning`.  The dictionary is compiled once
    per :class:`ThemeDictionary` object.
    """
    doc = _doc(doc, "theme_measures")
    d = load_themes(themes)
    counts = [0] * len(d.themes)
    for _s, _i, _n, ti, _e in _all_matches(doc, d):
        counts[ti] += 1
    if warn_empty(doc, "theme_measures"):
        return {f"theme_{t.name}_per_1000": math.nan for t in d.themes}
    n_words = doc.n_words
    return {f"theme_{t.name}_per_1000": 1000.0 * c / n_words for t, c in zip(d.themes, counts)}


_MATCH_DTYPES = {"theme": "object", "entry": "object", "match": "object"}


def theme_matches(doc: Document | str, *, themes: ThemeDictionary | str | os.PathLike | None = None) -> pd.DataFrame:
    """Every theme match in the speech: the match table behind :func:`theme_rates`.

    Returns
    -------
    pandas.DataFrame
        One row per match, in text order: the shared leading columns
        (:data:`analysis.matches.LEADING`: ``sentence``, ``start``, ``end``,
        ``word_in_sentence``, ``position`` = ``start / n_words``, from 0 at the
        first word; 0.5 is the middle of the speech), then ``theme``
        (identifier), ``entry`` (the dictionary entry that matched,
        normalised) and ``match`` (the words as they stand in the speech,
        joined by a space).
    """
    doc = _doc(doc, "theme_matches")
    d = load_themes(themes)
    rows = (
        (s.index, s.first_word + i, s.first_word + i + n, d.themes[ti].name, entry, " ".join(s.words[i : i + n]))
        for s, i, n, ti, entry in _all_matches(doc, d)
    )
    return match_table(doc, rows, list(_MATCH_DTYPES), dtypes=_MATCH_DTYPES)


def theme_rates(
    doc: Document | str,
    *,
    themes: ThemeDictionary | str | os.PathLike | None = None,
    interval: Bootstrap | None = Bootstrap(),
) -> pd.DataFrame:
    """Theme counts and rates of a speech, with bootstrap intervals.

    ``per_1000 = 1000 * count / n_words`` (higher: the theme is more present),
    where ``count`` is the number of rows of :func:`theme_matches` for the
    theme (a phrase counts once; see the module docstring for the matching
    rule), counted by :func:`analysis.rates`.  ``ci_low`` and ``ci_high`` are a
    percentile bootstrap interval over sentences (Efron & Tibshirani 1993): all
    themes share the same resamples.

    Returns
    -------
    pandas.DataFrame
        One row per theme, all themes in dictionary order (zero counts
        included): ``theme``, ``label``, ``count``, ``per_1000``, ``ci_low``,
        ``ci_high``, ``sentences`` (the number of sentences with at least one
        match).  For a text without words the rates and intervals are NaN (one
        :class:`~analysis.text.EmptyTextWarning`, also a ``RuntimeWarning``).
    """
    doc = _doc(doc, "theme_rates")
    d = load_themes(themes)
    matches = theme_matches(doc, themes=d)
    warn_empty(doc, "theme_rates", "rates and intervals are NaN")
    table = rates(matches, doc, by="theme", categories=d.names, interval=interval)
    hit = matches.groupby("theme")["sentence"].nunique()
    table.insert(1, "label", [t.label for t in d.themes])
    table["sentences"] = pd.Series([int(hit.get(t, 0)) for t in d.names], dtype="int64")
    return table


def theme_dispersion(
    doc: Document | str,
    *,
    themes: ThemeDictionary | str | os.PathLike | None = None,
    bins: int = 10,
) -> pd.DataFrame:
    """Theme matches per stretch of the speech, for a dispersion plot.

    The speech's words are cut into ``bins`` stretches of (nearly) equal
    length; a match falls in bin ``floor(word * bins / n_words)``, by the
    position of its first word.

    Returns
    -------
    pandas.DataFrame
        Tidy, ``len(themes) * bins`` rows (zeros included), theme-major:
        ``theme``, ``label``, ``bin`` (0 = opening), ``start`` and ``end``
        (the bin's bounds as positions, 0..1), ``words`` (words in the bin),
        ``count`` and ``per_1000`` (``1000 * count / words``; NaN for an empty
        bin).  A text without words gives NaN rates and an
        :class:`~analysis.text.EmptyTextWarning`.
    """
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 1:
        raise ValueError(f"bins must be a positive integer, got {bins!r}")
    doc = _doc(doc, "theme_dispersion")
    d = load_themes(themes)
    n_words = doc.n_words
    warn_empty(doc, "theme_dispersion", "every bin's rate is NaN")
    counts = np.zeros((len(d.themes), bins), dtype="int64")
    for s, i, _n, ti, _e in _all_matches(doc, d):
        counts[ti, (s.first_word + i) * bins // n_words] += 1
    edges = np.arange(bins + 1)
    # bin b holds word indices w with w * bins // n_words == b
    first_word = -(-edges * n_words // bins)  # ceil(b * n / bins)
    bin_words = np.diff(first_word)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(bin_words > 0, 1000.0 * counts / np.maximum(bin_words, 1), np.nan)
    k = len(d.themes)
    return pd.DataFrame(
        {
            "theme": np.repeat([t.name for t in d.themes], bins).astype(object),
            "label": np.repeat([t.label for t in d.themes], bins).astype(object),
            "bin": np.tile(np.arange(bins, dtype="int64"), k),
            "start": np.tile(edges[:-1] / bins, k),
            "end": np.tile(edges[1:] / bins, k),
            "words": np.tile(bin_words.astype("int64"), k),
            "count": counts.ravel(),
            "per_1000": rate.ravel().astype(float),
        }
    )


def theme_by_section(
    doc: Document | str,
    sections: pd.Series,
    *,
    themes: ThemeDictionary | str | os.PathLike | None = None,
    unassigned: str | None = "(unassigned)",
) -> pd.DataFrame:
    """Theme counts and rates per section of the speech.

    Parameters
    ----------
    sections : pandas.Series
        Sentence index -> section label (e.g. ``analysis.sections(doc)``).
        Sections are ordered as the Series' categories if it is categorical,
        else by their first sentence.
    unassigned : str or None, keyword-only
        Label for sentences missing from ``sections`` (or labelled NaN); with
        ``None`` they are left out, and the table then does not sum to the
        speech's totals.

    Returns
    -------
    pandas.DataFrame
        Tidy, one row per theme and section (theme-major, zeros included):
        ``theme``, ``label``, ``section``, ``words`` (words in the section's
        sentences), ``count`` and ``per_1000`` (``1000 * count / words``).

    Raises
    ------
    ValueError
        If ``sections`` names sentence indices the document does not have.
    """
    if not isinstance(sections, pd.Series):
        raise TypeError(f"theme_by_section() expects sections as a pandas Series, got {type(sections).__name__}")
    doc = _doc(doc, "theme_by_section")
    d = load_themes(themes)
    n = doc.n_sentences
    extra = [i for i in sections.index if not (isinstance(i, (int, np.integer)) and 0 <= i < n)]
    if extra:
        raise ValueError(
            f"theme_by_section(): sections has sentence indices not in the document (0..{n - 1}): {extra[:5]}"
        )
    label_of = {int(i): v for i, v in sections.items() if not pd.isna(v)}
    if isinstance(sections.dtype, pd.CategoricalDtype):
        order = [c for c in sections.cat.categories]
    else:
        order = []
        for i in sorted(label_of):
            if label_of[i] not in order:
                order.append(label_of[i])
    if unassigned is not None and len(label_of) < n:
        order.append(unassigned)
    position = {lab: j for j, lab in enumerate(order)}
    sec_of_sentence = np.full(n, -1, dtype="int64")
    for s in doc.sentences:
        lab = label_of.get(s.index, unassigned)
        if lab is not None:
            sec_of_sentence[s.index] = position[lab]
    words = np.zeros(len(order), dtype="int64")
    for s in doc.sentences:
        j = sec_of_sentence[s.index]
        if j >= 0:
            words[j] += len(s.words)
    counts = np.zeros((len(d.themes), len(order)), dtype="int64")
    for s, _i, _n, ti, _e in _all_matches(doc, d):
        j = sec_of_sentence[s.index]
        if j >= 0:
            counts[ti, j] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(words > 0, 1000.0 * counts / np.maximum(words, 1), np.nan)
    k = len(d.themes)
    return pd.DataFrame(
        {
            "theme": np.repeat([t.name for t in d.themes], len(order)).astype(object),
            "label": np.repeat([t.label for t in d.themes], len(order)).astype(object),
            "section": pd.Series(order * k, dtype=object),
            "words": np.tile(words, k),
            "count": counts.ravel(),
            "per_1000": rate.ravel().astype(float),
        }
    )


# ---------------------------------------------------------------------------
# issue 14: which packaged dictionary fits a speech
# ---------------------------------------------------------------------------

#: Below this share of the words matched, a theme ranking says little (report 04 says so first).
LOW_COVERAGE = 0.02


def theme_coverage(doc: Document | str, *, themes: ThemeDictionary | str | os.PathLike | None = None) -> dict[str, Any]:
    """How much of a speech a dictionary covers: matches, words matched and their share.

    ``share = words matched / words``, where a multi-word match counts all its
    words and an ``exclude`` phrase counts none (the rows of
    :func:`theme_matches`, ``end - start`` words each).  Returns ``dictionary``
    (its name), ``matches``, ``words_matched``, ``words``, ``share`` (0-1;
    NaN for a text without words) and ``themes_matched`` (themes with a match).
    """
    doc = _doc(doc, "theme_coverage")
    d = load_themes(themes)
    m = theme_matches(doc, themes=d)
    matched = int((m["end"] - m["start"]).sum())
    return {
        "dictionary": d.name,
        "matches": len(m),
        "words_matched": matched,
        "words": doc.n_words,
        "share": matched / doc.n_words if doc.n_words else math.nan,
        "themes_matched": int(m["theme"].nunique()),
    }


def choose_themes(doc: Document | str, *, candidates: list[str] | None = None) -> tuple[str, pd.DataFrame]:
    """The packaged dictionary that covers a speech best, and the coverage of every candidate.

    Parameters
    ----------
    doc
        The speech (a Document or a text).
    candidates, keyword-only
        Names of packaged dictionaries to compare (default: all of
        :func:`packaged_themes`).

    Returns
    -------
    (name, table)
        ``name`` is the candidate with the highest share of words matched
        (:func:`theme_coverage`); on a tie (shares equal to 1e-12) the default
        dictionary (:data:`analysis.config.DEFAULT_THEMES`) wins if it is among
        the tied, else the first tied name in alphabetical order.  ``table``
        has one row per candidate, best first: ``dictionary``, ``matches``,
        ``words_matched``, ``words``, ``share``, ``themes_matched`` and
        ``chosen`` (True for the one row chosen).
    """
    doc = _doc(doc, "choose_themes")
    names = sorted(candidates) if candidates is not None else packaged_themes()
    if not names:
        raise ValueError("choose_themes(): no candidate dictionaries")
    rows = [theme_coverage(doc, themes=n) for n in names]
    table = pd.DataFrame(rows)
    share = table["share"].fillna(0.0)
    best = share.max()
    tied = [n for n, s in zip(table["dictionary"], share) if abs(s - best) <= 1e-12]
    chosen = DEFAULT_THEMES if DEFAULT_THEMES in tied else tied[0]
    table["chosen"] = table["dictionary"] == chosen
    table = table.assign(_d=~table["chosen"]).sort_values(["_d", "share"], ascending=[True, False],
                                                          kind="stable").drop(columns="_d")
    return chosen, table.reset_index(drop=True)


__all__ += ["LOW_COVERAGE", "theme_coverage", "choose_themes"]
