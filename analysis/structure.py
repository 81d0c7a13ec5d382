"""How a speech is built: numbered parts ("First" ... "In conclusion"), sections, anaphora.

:func:`structure` is the match table (one row per enumeration marker or
anaphora run, with the shared leading columns of :mod:`analysis.matches`); the
profile's ``enumeration_markers`` and ``anaphora_runs`` count its rows, and
:func:`sections` labels every sentence with the part it belongs to.
"""

from __future__ import annotations

from itertools import compress, count, islice
from operator import eq
from typing import Any

import pandas as pd

from analysis.matches import match_table
from analysis.text import Document, Sentence, as_document

__all__ = ["structure", "sections", "section_summary", "structure_measures"]

_W = frozenset

_ORDINALS = {
    "first": "First", "firstly": "First", "second": "Second", "secondly": "Second",
    "third": "Third", "thirdly": "Third", "fourth": "Fourth", "fourthly": "Fourth",
    "fifth": "Fifth", "fifthly": "Fifth", "sixth": "Sixth", "sixthly": "Sixth",
    "seventh": "Seventh", "eighth": "Eighth", "ninth": "Ninth", "tenth": "Tenth",
    "finally": "Finally", "lastly": "Lastly", "last": "Last",
}
_CLOSING_FIRST = _W(["in", "to"])
_CLOSINGS = {("in", "conclusion"): "In conclusion", ("to", "conclude"): "To conclude", ("in", "closing"): "In closing"}
_ANAPHORA_IGNORE = _W("and but so or yet".split())
# Openings made only of these are marked stopword_only (and not counted in structure_measures).
_STOPWORDS = _W(
    """the a an this that these those it its it's there there's here i we you he she they me us him
    them my our your his her their is are was were be been am has have had do does did of in on at
    to for with by from as and but or so if not no""".split()
)


def _marker(s: Sentence) -> str | None:
    """The enumeration marker opening ``s`` ("First", "Finally", "In conclusion"), if any.

    An ordinal counts only when a comma follows it ("First, ...") or "of all"
    does ("First of all"); "First Lady" and "Last year" are not markers.
    """
    ws = s.words
    if not ws:
        return None
    w0 = ws[0].lower()
    if w0 in _ORDINALS:
        if len(ws) > 2 and ws[1].lower() == "of" and ws[2].lower() == "all":
            return _ORDINALS[w0]
        text = s.text.lstrip("\"'\u201c\u2018([")
        if text[len(ws[0]):len(ws[0]) + 1] in (",", ":", ";") or len(ws) == 1:
            return _ORDINALS[w0]
        return None
    if len(ws) > 1 and (w0, ws[1].lower()) in _CLOSINGS:
        return _CLOSINGS[(w0, ws[1].lower())]
    return None


# First words (lower case) of every enumeration marker.
_MARKER_FIRST = frozenset(_ORDINALS) | frozenset(w for w, _ in _CLOSINGS)

# Formulas that open a speech's closing part ("Let me conclude", "Allow me to close", "I will end").
_CLOSING_OPENERS = (
    ("let", "me", "conclude"), ("let", "me", "close"), ("let", "me", "end"), ("allow", "me", "to", "conclude"),
    ("allow", "me", "to", "close"), ("i", "will", "conclude"), ("i", "will", "close"), ("i", "conclude"),
    ("i", "will", "end"), ("to", "close"), ("before", "i", "close"), ("before", "i", "conclude"),
)
# Thanks that end a speech: "Thank you.", "Thank you very much.", "I thank you.", "Thank you, Mr. President."
_THANKS = (("thank", "you"), ("i", "thank", "you"), ("thanks",), ("many", "thanks"), ("and", "thank", "you"))
_THANKS_MAX_WORDS = 12
# First words of every closing formula: a sentence opening otherwise is skipped at once.
_CLOSING_LEADS = frozenset(t[0] for t in _CLOSING_OPENERS) | _CLOSING_FIRST


def _is_thanks(s: Sentence) -> bool:
    lw = tuple(w.lower() for w in s.words[:4])
    return len(s.words) <= _THANKS_MAX_WORDS and any(lw[:len(t)] == t for t in _THANKS)


_OPENER_SET = frozenset(_CLOSING_OPENERS)
_OPENER_LENGTHS = tuple(sorted({len(t) for t in _CLOSING_OPENERS}))


def _first_words(doc: Document) -> list[str]:
    """The first word of each sentence, lower case ("" for a sentence without words)."""
    low = doc.lower_words
    return [low[s.first_word] if s.words else "" for s in doc.sentences]


def _sentence_lw(s: Sentence, low: tuple[str, ...], n: int) -> tuple[str, ...]:
    """The first ``n`` words of ``s``, lower case, from the document's ``low`` (``Document.lower_words``)."""
    f = s.first_word
    return low[f:f + min(n, len(s.words))]


def _closing_start(doc: Document, firsts: list[str]) -> int | None:
    """Where the speech's closing part starts (a sentence index), or None.

    The last sentence opening with a closing formula ("Let me conclude",
    "Allow me to close", "I will end", "Before I close") starts it; without
    one, the run of thanks that ends the speech ("Thank you very much.", "I
    thank you.") is the closing.  A speech that is only thanks has none.
    ``firsts`` is :func:`_first_words`: a sentence whose first word opens no formula is skipped
    at once (one C-level pass picks the others).
    """
    sents = doc.sentences
    low = doc.lower_words
    formulas = set(_CLOSINGS.values())
    leads = list(compress(sents, map(_CLOSING_LEADS.__contains__, firsts)))
    for s in reversed(leads):
        lw = _sentence_lw(s, low, 4)
        if any(lw[:n] in _OPENER_SET for n in _OPENER_LENGTHS):
            return s.index if s.index > 0 else None
        if lw[0] in _CLOSING_FIRST and _marker(s) in formulas:
            return None  # "In conclusion, ...": the closing is already a numbered part of its own
    k = len(sents)
    while k > 0 and _is_thanks(sents[k - 1]):
        k -= 1
    return k if 0 < k < len(sents) else None


def _opening(s: Sentence, low: tuple[str, ...]) -> tuple[str, ...]:
    """The opening of ``s``, from the document's lower-cased words ``low`` (``Document.lower_words``)."""
    return _opening_lw(_sentence_lw(s, low, 4))


def _opening_lw(lw: tuple[str, ...]) -> tuple[str, ...]:
    """The first three words (lower case), after a leading "And", "But", "So", "Or", "Yet"."""
    if lw and lw[0] in _ANAPHORA_IGNORE:
        return tuple(lw[1:4])
    return tuple(lw[:3])


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    k = 0
    for x, y in zip(a, b):
        if x != y:
            break
        k += 1
    return k


def _anaphora_runs(doc: Document, firsts: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first sentence, last sentence, opening words) of each anaphora run.

    Two sentences can share an opening only if their openings' first words are equal: those
    pairs are found with one C-level comparison of the neighbouring first words (``firsts``,
    from :func:`_first_words`; the word after a leading "And", "But", ... where there is one),
    and only their sentences' openings are built.
    """
    low = doc.lower_words
    sents = doc.sentences
    heads = list(firsts)
    for i in compress(count(), map(_ANAPHORA_IGNORE.__contains__, firsts)):
        heads[i] = low[sents[i].first_word + 1] if len(sents[i].words) > 1 else ""
    pairs = list(compress(count(), map(eq, heads, islice(heads, 1, None))))
    ops: dict[int, tuple[str, ...]] = {}
    for i in pairs:
        for j in (i, i + 1):
            if j not in ops:
                ops[j] = _opening(sents[j], low)
    return _runs(ops, pairs, len(sents))


def _runs(ops: dict[int, tuple[str, ...]], pairs: list[int], n: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """The runs over the openings ``ops`` of ``n`` sentences, given by sentence; ``pairs`` (ascending)
    are the sentences that may share an opening with the next (the others are missing from ``ops``)."""
    runs = []
    start = 0  # the sentences before ``start`` are in a run already
    for i in pairs:
        if i < start:
            continue
        k = _shared(ops[i], ops[i + 1])
        if k == 0:
            continue
        if i + 2 < n and _shared(ops[i + 1], ops.get(i + 2, ())) > k and all(w in _STOPWORDS for w in ops[i][:k]):
            continue  # "We need ... / We must ... / We must ...": the run is "we must", not "we"
        j = i + 1
        while j + 1 < n and _shared(ops[j], ops.get(j + 1, ())) >= k:
            j += 1
        runs.append((i, j, ops[i][:k]))
        start = j + 1
    return runs


def structure(doc: str | Document) -> pd.DataFrame:
    """Enumeration markers and anaphora runs, with the sentences each spans.

    Enumeration
        A sentence opening with an ordinal followed by a comma ("First,",
        "Secondly,", "Fifth,"), "First of all", "Finally,", "Lastly,", or a
        closing formula ("In conclusion", "To conclude", "In closing").  Its
        section runs from that sentence to the sentence before the next
        marker, or to the end of the text.
    Anaphora
        Two or more consecutive sentences opening with the same one to three
        words (case-insensitive; a leading "And", "But", "So", "Or" or "Yet"
        is ignored, so "We need ..." / "And we need ..." repeat "we need").
        The opening is the longest one (up to three words) shared by the
        first two sentences of the run, and the run continues while the next
        sentence shares it; when the first two share only stop words and
        the second and third share a longer opening, the run starts at the
        second ("We need jobs. We must act. We must listen." is the run "we
        must", not "we"), but "We need them. And we need to ... We need to
        ..." stays one run "we need".
        Runs whose opening is only stop words ("We ...", "They ...", "The
        ...") are listed with ``stopword_only=True``.

    Returns
    -------
    pandas.DataFrame
        The shared leading columns (:data:`analysis.matches.LEADING`;
        ``sentence`` is the first sentence of the part or run, and
        ``start``/``end`` span the words of all its sentences), then ``kind``
        ('enumeration', 'closing' — the speech's closing part, see
        :func:`sections` — or 'anaphora'), ``marker`` (the section label or the
        shared opening, lower case for anaphora), ``sentence_end`` (its last
        sentence, inclusive), ``n_sentences``, ``stopword_only`` (always False
        for enumeration).  Sorted by ``sentence``, enumeration first.
    """
    doc = as_document(doc, "structure")
    sents = doc.sentences
    rows = [(a, sents[a].first_word, sents[b].first_word + len(sents[b].words), kind, marker, b, b - a + 1, sw)
            for kind, marker, a, b, sw in _structure_rows(doc)]
    return match_table(doc, rows, ["kind", "marker", "sentence_end", "n_sentences", "stopword_only"],
                       dtypes={"kind": "object", "marker": "object", "sentence_end": "int64",
                               "n_sentences": "int64", "stopword_only": "bool"})


def _structure_rows(doc: Document) -> list[tuple[str, str, int, int, bool]]:
    """(kind, marker, first sentence, last sentence, stopword_only) of every part and run, once."""
    rows = []
    firsts = _first_words(doc)  # a first word that opens no marker rules the sentence out at once
    leads = compress(doc.sentences, map(_MARKER_FIRST.__contains__, firsts))
    marks = [(s.index, m) for s in leads if (m := _marker(s)) is not None]
    last = doc.n_sentences - 1
    closing = _closing_start(doc, firsts)
    for k, (start, label) in enumerate(marks):
        end = marks[k + 1][0] - 1 if k + 1 < len(marks) else last
        if closing is not None and start < closing <= end:
            end = closing - 1  # the closing is a part of its own
        rows.append(("enumeration", label, start, end, False))
    for a, b, op in _anaphora_runs(doc, firsts):
        rows.append(("anaphora", " ".join(op), a, b, all(w in _STOPWORDS for w in op)))
    if closing is not None:
        rows.append(("closing", "Closing", closing, last, False))
    rows.sort(key=lambda r: (r[2], {"enumeration": 0, "closing": 1}.get(r[0], 2)))
    return rows


def structure_measures(doc: str | Document) -> dict[str, float]:
    """The structure measures of the profile, counted from :func:`structure`'s rows.

    ``enumeration_markers``: parts opened by an enumeration marker;
    ``anaphora_runs``: anaphora runs whose opening is not only stop words (the
    runs of "We ..." or "The ..." are listed in :func:`structure` but not counted).
    """
    doc = as_document(doc, "structure_measures")
    rows = _structure_rows(doc)
    return {
        "enumeration_markers": sum(1 for r in rows if r[0] == "enumeration"),
        "anaphora_runs": sum(1 for r in rows if r[0] == "anaphora" and not r[4]),
    }


def sections(doc: str | Document) -> pd.Series:
    """Section label of each sentence, from the enumeration markers of :func:`structure`.

    Sentences before the first marker are "Opening"; each marker opens a
    section named by it ("First", "Second", ..., "Finally", "In conclusion").
    A label that recurs (two lists in one speech) gets a number: "First (2)".
    The speech's closing is a part of its own, "Closing", so that the last
    numbered point does not swallow it: from the last sentence opening with a
    closing formula ("Let me conclude", "Allow me to close", "I will end"),
    or else the thanks that end the speech ("Thank you very much.").

    Returns
    -------
    pandas.Series
        Indexed by sentence index (name ``sentence``), values the labels
        (name ``section``); empty for a text without sentences.
    """
    doc = as_document(doc, "sections")
    labels = []
    current = "Opening"
    seen: dict[str, int] = {}
    for s in doc.sentences:
        m = _marker(s)
        if m is not None:
            seen[m] = seen.get(m, 0) + 1
            current = m if seen[m] == 1 else f"{m} ({seen[m]})"
        labels.append(current)
    closing = _closing_start(doc, _first_words(doc))
    if closing is not None:
        labels[closing:] = ["Closing"] * (len(labels) - closing)
    return pd.Series(
        labels, index=pd.RangeIndex(len(labels), name="sentence"), name="section", dtype="object"
    )


def section_summary(doc: str | Document, sections: pd.Series, *, opening_words: int = 8) -> pd.DataFrame:
    """One row per part of the speech: where it starts, how long it is, how it opens.

    Parameters
    ----------
    doc
        The speech (str or :class:`~analysis.text.Document`).
    sections
        Section label of each sentence, indexed by sentence index (as
        ``analysis.sections(text)`` returns it: "Opening", "First" .. "Fifth").
        A part is a run of consecutive sentences with the same label.
    opening_words
        How many words of the part's first sentence to quote in ``opening``.

    Returns
    -------
    DataFrame
        Columns ``section``, ``first_sentence`` (1-based), ``sentences``,
        ``words`` (count), ``share_of_words`` (percent of the speech's words) and
        ``opening`` (its first words, raw speech text: escape before use in Markdown).
    """
    doc = as_document(doc, "section_summary")
    if not isinstance(sections, pd.Series):
        raise TypeError(f"section_summary: sections must be a pandas Series, not {type(sections).__name__}")
    labels = sections.to_dict()
    missing = [s.index for s in doc.sentences if s.index not in labels]
    if missing:
        raise ValueError(
            f"section_summary: sections has no label for sentence(s) {missing[:10]} "
            f"(it has {len(labels)} labels for {doc.n_sentences} sentences)"
        )
    rows: list[dict[str, Any]] = []
    for s in doc.sentences:
        label = str(labels[s.index])
        if not rows or rows[-1]["section"] != label:
            rows.append({"section": label, "first_sentence": s.index + 1, "sentences": 0, "words": 0,
                         "opening": " ".join(s.words[:opening_words]) + (" ..." if s.n_words > opening_words else "")})
        rows[-1]["sentences"] += 1
        rows[-1]["words"] += s.n_words
    out = pd.DataFrame(rows, columns=["section", "first_sentence", "sentences", "words", "opening"])
    total = doc.n_words or 1
    out.insert(4, "share_of_words", (100 * out["words"] / total).round(1))
    return out
