"""The shape every extractor returns: one row per match, the same leading columns everywhere.

An extractor ``f(doc, *, ...) -> DataFrame`` (``word_table``, ``modal_phrases``,
``pronoun_matches``, ``theme_matches``, ``kwic``, ``structure``,
``figures_of_speech`` ...) returns one row per match whose first columns are
:data:`LEADING`:

``sentence``
    index of the sentence in the document (0-based in the API; reports show
    ``sentence + 1`` through :func:`analysis.prose.sentence_number`);
``start``, ``end``
    document word indices of the match, ``end`` exclusive (``doc.words[start:end]``
    are its words);
``word_in_sentence``
    index of the first word within its sentence (``start - first_word``);
``position``
    where the match falls in the speech, ``start / doc.n_words``: 0 at the
    first word, approaching 1 at the last;

then the extractor's own columns.  :func:`match_table` builds such a frame from
rows and is the one place that computes the shared columns;
:func:`analysis.rates.rates` reads any of them.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import pandas as pd

from analysis.text import Document, Sentence, normalise_marks

__all__ = ["LEADING", "LEADING_DTYPES", "match_table", "check_matches", "word_spans"]

LEADING: tuple[str, ...] = ("sentence", "start", "end", "word_in_sentence", "position")
LEADING_DTYPES: dict[str, str] = {
    "sentence": "int64", "start": "int64", "end": "int64", "word_in_sentence": "int64", "position": "float64",
}


def match_table(
    doc: Document,
    rows: Iterable[Sequence],
    columns: Sequence[str],
    *,
    dtypes: dict[str, str] | None = None,
) -> pd.DataFrame:
    """A per-match table from ``rows`` of ``(sentence, start, end, *own columns)``.

    ``columns`` names the extractor's own columns (after ``sentence, start,
    end``); ``word_in_sentence`` and ``position`` are derived here from the
    document, so every extractor computes them the same way.  ``dtypes`` fixes
    the own columns' types (so an empty table has the same schema as a full one).
    """
    rows = list(rows)
    n = doc.n_words or 1
    firsts = [s.first_word for s in doc.sentences]
    out = []
    for r in rows:
        sent, start, end = int(r[0]), int(r[1]), int(r[2])
        out.append((sent, start, end, start - firsts[sent], start / n, *r[3:]))
    df = pd.DataFrame(out, columns=[*LEADING, *columns])
    types = dict(LEADING_DTYPES)
    if dtypes:
        types.update(dtypes)
    return df.astype({c: t for c, t in types.items() if c in df.columns})


def check_matches(matches: pd.DataFrame, func: str = "rates") -> pd.DataFrame:
    """``matches`` if it carries the leading columns, else a ``ValueError`` naming what is missing."""
    if not isinstance(matches, pd.DataFrame):
        raise TypeError(f"analysis.{func}() expects a match table (DataFrame), got {type(matches).__name__}")
    missing = [c for c in LEADING if c not in matches.columns]
    if missing:
        raise ValueError(f"analysis.{func}(): the match table has no {', '.join(missing)} column(s)")
    return matches


def word_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Character span ``(start, end)`` of each word of ``sentence`` in ``sentence.text``.

    The words are found in order (curly apostrophes and Unicode hyphens read as
    the straight marks the words are spelled with), so an extractor can quote
    a match with its punctuation: ``sentence.text[spans[i][0]:spans[j][1]]``.
    """
    text = normalise_marks(sentence.text)
    out: list[tuple[int, int]] = []
    pos = 0
    for w in sentence.words:
        p = text.find(w, pos)
        if p < 0:  # should not happen; fall back to the running position
            p = pos
        out.append((p, p + len(w)))
        pos = p + len(w)
    return out
