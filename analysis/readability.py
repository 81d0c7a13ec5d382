"""Readability formulas, computed from the counts of the one segmentation.

Every score here is arithmetic on seven counts taken from
:func:`analysis.text.segment` (never from a tokenisation of our own):

sentences
    ``Document.n_sentences``.
words
    ``Document.n_words``: contractions, hyphenated compounds and numbers are one
    word each (see :mod:`analysis.text`).
syllables
    The sum of ``Sentence.syllables`` (CMUdict first pronunciation, else the
    documented fallbacks of :func:`analysis.text.syllables`).
characters
    Letters and digits of the words (apostrophes, hyphens and the full stops of
    "U.S." are not counted).  Used by Coleman-Liau and ARI.
polysyllables
    Words of three or more syllables, every occurrence, with no exclusions
    (McLaughlin 1969: proper nouns and repeated words count).  Used by SMOG.
complex
    Gunning's (1952) "hard words": three or more syllables, except

    * proper nouns: a capitalised word that is not the first word of its
      sentence (this also excludes all-capital acronyms such as "UNOCT" and
      capitalised titles such as "Member States"); a capitalised first word
      cannot be told from an ordinary one and is judged as a common word;
    * compounds of easy words: a hyphenated compound none of whose parts has
      three or more syllables ("well-being", "all-of-government").  Closed
      compounds ("bookkeeper", "together") are not detected;
    * numbers in figures ("1,000", "25"): they are read as several
      syllables but are not hard words (they do count as polysyllables for
      SMOG, which McLaughlin asks to read aloud);
    * words made three syllables by an inflection: a word of exactly three
      syllables ending in -ed, -es or -ing whose stem (the word minus the
      ending, also tried with a final "e" restored or a doubled consonant
      undone) is a two-syllable CMUdict word ("created", "committed",
      "finishes", "beginning").
difficult
    Dale-Chall unfamiliar words: words not on the Dale-Chall list of familiar
    words.  The list is the one shipped with textstat
    (``textstat/resources/en/easy_words.txt``, 2,941 entries, MIT licence),
    read from the installed package.  Following the counting rules of Dale &
    Chall, a word is *familiar* when it is on the list, or when it is

    * a regular inflection of a listed word: -s, -es, -ies (y -> i), -'s, -s',
      -d, -ed, -ied, -ing (with a final "e" restored or a doubled consonant
      undone), -r, -er, -est, -ier, -iest (derivations such as -ly, -ness,
      -tion are *not* familiar);
    * a contraction of a listed word ("we'll", "isn't": the part before the
      apostrophe is listed and the ending is 's, 'll, 're, 've, 'd, 'm or n't);
    * a hyphenated compound whose parts are all familiar (a capitalised part
      after the first is a name: "all-of-UN");
    * a number written in figures ("1,000", "2396");
    * a proper noun (capitalised, not the first word of its sentence).

    textstat itself counts proper nouns and inflected forms as difficult (see
    its docstring of ``dale_chall_readability_score``).

Reliability: the formulas were normed on samples of about 100 words (SMOG on
30 sentences); :func:`readability_report` flags shorter texts.

All per-word decisions are cached by word form, so scoring a long corpus costs
one dictionary lookup per word on top of segmentation.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import chain

import numpy as np
import pandas as pd

from analysis.matches import match_table
from analysis.memo import WordMemo
from analysis.measures import READABILITY
from analysis.text import Document, syllable_source, syllables
from analysis.text import as_document as _as_document
from analysis.text import warn_empty

__all__ = [
    "FORMULAS",
    "readability",
    "readability_counts",
    "readability_report",
    "word_table",
    "grade_label",
    "fre_label",
    "dale_chall_label",
    "dale_chall_words",
]

#: The seven formulas, in the order of :func:`readability` and :func:`readability_report`.
FORMULAS: tuple[str, ...] = READABILITY

_COUNT_KEYS = ("sentences", "words", "syllables", "characters", "polysyllables", "complex", "difficult")

# Which counts each formula reads (the report shows only these).
_USES: dict[str, tuple[str, ...]] = {
    "flesch_reading_ease": ("sentences", "words", "syllables"),
    "flesch_kincaid_grade": ("sentences", "words", "syllables"),
    "gunning_fog": ("sentences", "words", "complex"),
    "smog": ("sentences", "polysyllables"),
    "coleman_liau": ("sentences", "words", "characters"),
    "ari": ("sentences", "words", "characters"),
    "dale_chall": ("sentences", "words", "difficult"),
}

_MIN_WORDS = 100
_SMOG_SENTENCES = 30


# ---------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# The formulas, on counts (each is tested against published arithmetic)
# ---------------------------------------------------------------------------


def _flesch(words: int, sentences: int, syllables: int) -> float:
    """Flesch (1948) Reading Ease: 206.835 - 1.015 ASL - 84.6 ASW."""
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def _flesch_kincaid(words: int, sentences: int, syllables: int) -> float:
    """Kincaid et al. (1975) grade: 0.39 ASL + 11.8 ASW - 15.59."""
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def _gunning_fog(words: int, sentences: int, complex_words: int) -> float:
    """Gunning (1952) Fog Index: 0.4 (ASL + 100 complex / words)."""
    return 0.4 * (words / sentences + 100.0 * complex_words / words)


def _smog(polysyllables: int, sentences: int) -> float:
    """McLaughlin (1969) SMOG grade: 1.0430 sqrt(polysyllables * 30 / sentences) + 3.1291."""
    return 1.0430 * math.sqrt(polysyllables * _SMOG_SENTENCES / sentences) + 3.1291


def _coleman_liau(words: int, sentences: int, characters: int) -> float:
    """Coleman & Liau (1975): 0.0588 L - 0.296 S - 15.8, L and S per 100 words."""
    letters_per_100 = 100.0 * characters / words
    sentences_per_100 = 100.0 * sentences / words
    return 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8


def _ari(words: int, sentences: int, characters: int) -> float:
    """Senter & Smith (1967) Automated Readability Index: 4.71 chars/words + 0.5 words/sentences - 21.43."""
    return 4.71 * (characters / words) + 0.5 * (words / sentences) - 21.43


def _dale_chall(words: int, sentences: int, difficult: int) -> float:
    """Dale-Chall (1948): 0.1579 PDW + 0.0496 ASL + 3.6365 (PDW in per cent).

    The original definition adds the constant 3.6365 to every score.  Adding it
    only when PDW > 5 is a later convention (textstat, quanteda's
    ``Dale.Chall.old``, Wikipedia); for texts with more than 5 per cent
    unfamiliar words - nearly all speeches - the two agree.
    """
    pdw = 100.0 * difficult / words
    return 0.1579 * pdw + 0.0496 * (words / sentences) + 3.6365


# ---------------------------------------------------------------------------
# Per-word decisions, cached by word form
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def dale_chall_words() -> frozenset[str]:
    """The Dale-Chall list of familiar words (lower case), as shipped with textstat.

    Read from the installed ``textstat`` package
    (``textstat/resources/en/easy_words.txt``, 2,941 entries in textstat 0.7.x,
    MIT licence); nothing is downloaded.
    """
    from importlib import resources

    ref = resources.files("textstat").joinpath("resources/en/easy_words.txt")
    try:
        with ref.open(encoding="utf-8") as fh:
            out = frozenset(w for w in (line.strip().lower() for line in fh) if w)
    except FileNotFoundError:  # pragma: no cover - depends on the textstat install
        raise FileNotFoundError(
            f"{ref}: the Dale-Chall word list of textstat is missing; reinstall textstat"
        ) from None
    return out


_CONTRACTION_ENDINGS = frozenset({"s", "ll", "re", "ve", "d", "m"})
_VOWELS = frozenset("aeiouy")


# The last letters of every ending :func:`_inflection_bases` strips ('s s' ies ied iest ier
# ing est ed er es s d r): a word ending otherwise has no base form to try.
_INFLECTED_LAST = frozenset("s'dtrg")
_SUFFIXES_3 = frozenset({"ing", "est"})
_SUFFIXES_2 = frozenset({"ed", "er", "es"})
_LAST_STRIPPED = frozenset("sdr")


def _inflection_bases(w: str) -> list[str]:
    """Candidate base forms of a regular inflection (-s, -es, -ies, -ed, -ing, -er, -est, ...).

    The endings are compared as slices (``w[-3:] == "ies"``), not with ``str.endswith``, whose
    argument parsing costs more than the test (this runs once per new word form).
    """
    out: list[str] = []
    last = w[-1:]
    if last not in _INFLECTED_LAST:
        return out  # fast path: no ending below can match (half the word forms of a speech)
    e2, e3 = w[-2:], w[-3:]
    if e2 == "'s" or e2 == "s'":
        out.append(w[:-2])
    if e3 == "ies" or e3 == "ied":
        out.append(w[:-3] + "y")
    if w[-4:] == "iest":
        out.append(w[:-4] + "y")
    elif e3 == "ier":
        out.append(w[:-3] + "y")
    # at most one of ing, est, ed, er, es ends a word
    suffix = e3 if e3 in _SUFFIXES_3 else e2 if e2 in _SUFFIXES_2 else None
    if suffix is not None and len(w) > len(suffix) + 1:
        stem = w[: -len(suffix)]
        out.append(stem)
        out.append(stem + "e")  # hoping, later, latest, used
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            out.append(stem[:-1])  # running, bigger, stopped
    if last in _LAST_STRIPPED:
        out.append(w[:-1])
    return out


def _is_familiar(word: str, easy: frozenset[str]) -> bool:
    """Dale-Chall familiarity of a word form, judged as a common word (see the module docstring)."""
    low = word.lower()
    if low in easy:
        return True
    if low[:1].isdigit():
        return True  # numbers in figures
    if "-" in low:
        parts = [p for p in word.split("-") if p]
        # A capitalised part after the first is a name ("all-of-UN"): familiar.
        return bool(parts) and all(
            (i > 0 and p[:1].isupper()) or _is_familiar(p, easy) for i, p in enumerate(parts)
        )
    if low + "s" in easy or (low[-1:] == "y" and low[:-1] + "ies" in easy):
        return True  # the list has some words only in the plural ("babies", not "baby")
    if "'" in low:
        head, _, tail = low.partition("'")
        if tail in _CONTRACTION_ENDINGS and _is_familiar(head, easy):
            return True
        if low.endswith("n't") and low[:-3] in easy:
            return True
    return not easy.isdisjoint(_inflection_bases(low))  # any base form on the list (C-level test)


def _made_three_by_ending(low: str) -> bool:
    """Gunning's exception: a 3-syllable word whose -ed/-es/-ing ending adds the third syllable."""
    for suffix in ("ing", "ed", "es"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            candidates = [stem, stem + "e"]
            if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                candidates.append(stem[:-1])
            for c in candidates:
                if syllable_source(c) == "cmudict" and syllables(c) == 2:
                    return True
    return False


def _is_complex_common(word: str, n_syllables: int) -> bool:
    """Gunning complex word, judged as a common (not proper) noun."""
    if n_syllables < 3 or word[:1].isdigit():
        return False  # numbers in figures are not hard words
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1 and all(syllables(p) < 3 for p in parts):
            return False  # a compound of easy words
    if n_syllables == 3 and _made_three_by_ending(word.lower()):
        return False
    return True


# A word form's flags are one int: its letters and digits in the low 32 bits, then five one-bit
# flags (an int, not a tuple: no object of the cyclic collector, one per distinct word form for
# the life of the process).  It fits a numpy int64, so :func:`readability_counts` reads the flags
# of every word of a document into one array and counts each field there.
_CHARACTERS = (1 << 32) - 1  # mask of the letters and digits (2**32 letters would be a 4 GB word)
_POLYSYLLABLE = 1 << 32  # three or more syllables (SMOG)
_COMPLEX = 1 << 33  # Gunning complex, as a word after the first of its sentence (not when capitalised)
_DIFFICULT = 1 << 34  # Dale-Chall difficult, likewise
_COMPLEX_COMMON = 1 << 35  # Gunning complex when not read as a proper noun (as a sentence's first word)
_DIFFICULT_COMMON = 1 << 36  # Dale-Chall difficult when not read as a proper noun


def _word_flags(word: str) -> int:
    n = syllables(word)
    complex_common = _is_complex_common(word, n)
    difficult_common = not _is_familiar(word, dale_chall_words())
    proper = word[:1].isupper()  # capitalised: a proper noun when not sentence-initial
    # letters and digits; a word of nothing else (most) is its length
    characters = len(word) if word.isalnum() else sum(map(str.isalnum, word))
    return (
        characters
        | (_POLYSYLLABLE if n >= 3 else 0)
        | (_COMPLEX if complex_common and not proper else 0)
        | (_DIFFICULT if difficult_common and not proper else 0)
        | (_COMPLEX_COMMON if complex_common else 0)
        | (_DIFFICULT_COMMON if difficult_common else 0)
    )


#: word form -> its flags (:class:`analysis.memo.WordMemo`: the function is pure).
_FLAGS: WordMemo[str, int] = WordMemo(_word_flags, "readability flags")


# ---------------------------------------------------------------------------
# Counts
# ---------------------------------------------------------------------------


def _count(flags: np.ndarray, flag: int) -> int:
    """How many of ``flags`` (an array of word flags) have ``flag`` set."""
    return int(np.count_nonzero(flags & flag))


def readability_counts(doc: str | Document) -> dict[str, int]:
    """The counts every readability formula is computed from.

    Parameters
    ----------
    doc : str or Document
        A text, or a document already segmented by :func:`analysis.segment`.

    Returns
    -------
    dict[str, int]
        ``sentences``, ``words``, ``syllables``, ``characters`` (letters and
        digits of the words), ``polysyllables`` (three or more syllables, for
        SMOG), ``complex`` (Gunning's hard words, with his exclusions) and
        ``difficult`` (words not familiar by the Dale-Chall rules).  The module
        docstring states each rule; :func:`word_table` lists the decision for
        every word, and its columns sum to these counts.
    """
    doc = _as_document(doc, "readability_counts")
    sents = doc.sentences
    # The flags of every word, in order (one memo lookup per word: at C speed, and the entries of
    # the common words stay in the processor's cache), then each field counted over the array.
    # Every word is first judged as a later word of its sentence (a capitalised one as a proper
    # noun), then the sentence-initial words, judged as common words, get their difference added.
    flags = np.fromiter(map(_FLAGS.__getitem__, chain.from_iterable([s.words for s in sents])),
                        dtype=np.int64, count=doc.n_words)
    first = np.fromiter(map(_FLAGS.__getitem__, [s.words[0] for s in sents]), dtype=np.int64,
                        count=len(sents))
    n_chars = int((flags & _CHARACTERS).sum())
    n_poly = _count(flags, _POLYSYLLABLE)
    n_complex = _count(flags, _COMPLEX) + _count(first, _COMPLEX_COMMON) - _count(first, _COMPLEX)
    n_difficult = _count(flags, _DIFFICULT) + _count(first, _DIFFICULT_COMMON) - _count(first, _DIFFICULT)
    return {
        "sentences": len(sents),
        "words": doc.n_words,
        "syllables": doc.n_syllables,
        "characters": n_chars,
        "polysyllables": n_poly,
        "complex": n_complex,
        "difficult": n_difficult,
    }


def _scores(c: dict[str, int]) -> dict[str, float]:
    w, s = c["words"], c["sentences"]
    return {
        "flesch_reading_ease": _flesch(w, s, c["syllables"]),
        "flesch_kincaid_grade": _flesch_kincaid(w, s, c["syllables"]),
        "gunning_fog": _gunning_fog(w, s, c["complex"]),
        "smog": _smog(c["polysyllables"], s),
        "coleman_liau": _coleman_liau(w, s, c["characters"]),
        "ari": _ari(w, s, c["characters"]),
        "dale_chall": _dale_chall(w, s, c["difficult"]),
    }


def readability(doc: str | Document) -> dict[str, float]:
    """Seven classic readability scores of a text.

    Parameters
    ----------
    doc : str or Document
        A text, or a document already segmented by :func:`analysis.segment`.

    Returns
    -------
    dict[str, float]
        With ASL = words / sentences and ASW = syllables / words:

        ``flesch_reading_ease``
            Flesch (1948), 206.835 - 1.015 ASL - 84.6 ASW.  *Higher is easier*
            (0-100 for ordinary prose; see :func:`fre_label`).
        ``flesch_kincaid_grade``
            Kincaid, Fishburne, Rogers & Chissom (1975), 0.39 ASL + 11.8 ASW -
            15.59.  US school grade; higher is harder.
        ``gunning_fog``
            Gunning (1952), 0.4 (ASL + 100 complex / words).  Years of
            schooling; higher is harder.
        ``smog``
            McLaughlin (1969), 1.0430 sqrt(polysyllables x 30 / sentences) +
            3.1291.  Grade; higher is harder.
        ``coleman_liau``
            Coleman & Liau (1975), 0.0588 L - 0.296 S - 15.8, with L the
            letters and digits per 100 words and S the sentences per 100 words.
            Grade; higher is harder.
        ``ari``
            Senter & Smith (1967), 4.71 characters / words + 0.5 ASL - 21.43.
            Grade; higher is harder.
        ``dale_chall``
            0.1579 PDW + 0.0496 ASL + 3.6365, where PDW is the percentage of
            words not familiar by the Dale-Chall list and rules.  This is the
            *original* formula of Dale & Chall (1948), not the new Dale-Chall
            formula of Chall & Dale (1995), which replaced the equation by a
            cloze-score table and is not implemented here; only the word list
            is the (new, 1995-style) list shipped with textstat.  The constant
            is added to every score, as in 1948; textstat, quanteda
            (``Dale.Chall.old``) and Wikipedia add it only when PDW > 5, so for
            a text with 5 per cent or fewer unfamiliar words they give 3.6365
            less.  Higher is harder; see :func:`dale_chall_label`.

        For a text with no words every value is NaN and a warning says so.
        The counts behind the scores are :func:`readability_counts`; the
        per-word decisions are :func:`word_table`; reliability flags are in
        :func:`readability_report`.
    """
    doc = _as_document(doc, "readability")
    c = readability_counts(doc)
    if warn_empty(doc, "readability", "all scores are NaN"):
        return {k: math.nan for k in FORMULAS}
    return _scores(c)


# ---------------------------------------------------------------------------
# Labels for prose
# ---------------------------------------------------------------------------

_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}
_COLLEGE = {13: "college freshman", 14: "college sophomore", 15: "college junior", 16: "college senior"}


def grade_label(grade: float) -> str:
    """A US school grade in plain words, for prose in notebooks.

    The grade is truncated ("a score of 8.2 ... an average student in 8th
    grade", Kincaid et al. 1975); grades 13-16 are the college years and 17 or
    more is a college graduate, as in Gunning's (1952) fog table.

    Examples
    --------
    >>> grade_label(8.2)
    '8th grade (ages 13-14)'
    >>> grade_label(14.5)
    'college sophomore'
    """
    if grade is None or (isinstance(grade, float) and math.isnan(grade)):
        return "not available"
    g = math.floor(float(grade))
    if g < 1:
        return "kindergarten or below"
    if g <= 12:
        return f"{_ORDINAL.get(g, f'{g}th')} grade (ages {g + 5}-{g + 6})"
    if g <= 16:
        return _COLLEGE[g]
    return "college graduate"


# Flesch (1948), "A new readability yardstick", table of reading-ease bands.
_FRE_BANDS = (
    (90.0, "very easy (5th grade)"),
    (80.0, "easy (6th grade)"),
    (70.0, "fairly easy (7th grade)"),
    (60.0, "standard (8th-9th grade)"),
    (50.0, "fairly difficult (10th-12th grade)"),
    (30.0, "difficult (college)"),
)


def fre_label(score: float) -> str:
    """Flesch's (1948) own description of a Reading Ease score.

    90-100 very easy, 80-90 easy, 70-80 fairly easy, 60-70 standard, 50-60
    fairly difficult, 30-50 difficult, 0-30 very difficult (college
    graduate).  A band includes its lower bound; scores above 100 are "very
    easy" and below 0 "very difficult".
    """
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return "not available"
    for lower, label in _FRE_BANDS:
        if score >= lower:
            return label
    return "very difficult (college graduate)"


# Dale & Chall (1948) correction table: raw score -> grade band.
_DC_BANDS = (
    (10.0, "college graduate (grade 16 and above)"),
    (9.0, "college (grades 13-15)"),
    (8.0, "grades 11-12"),
    (7.0, "grades 9-10"),
    (6.0, "grades 7-8"),
    (5.0, "grades 5-6"),
)


def dale_chall_label(score: float) -> str:
    """The grade band of a Dale-Chall score (Dale & Chall 1948 table).

    4.9 and below: grade 4 and below; 5.0-5.9: grades 5-6; 6.0-6.9: grades 7-8;
    7.0-7.9: grades 9-10; 8.0-8.9: grades 11-12; 9.0-9.9: college (13-15);
    10 and above: college graduate.
    """
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return "not available"
    for lower, label in _DC_BANDS:
        if score >= lower:
            return label
    return "grade 4 and below"


def _interpret(formula: str, score: float) -> str:
    if formula == "flesch_reading_ease":
        return fre_label(score)
    if formula == "dale_chall":
        return dale_chall_label(score)
    return grade_label(score)


# ---------------------------------------------------------------------------
# Report and word table
# ---------------------------------------------------------------------------


def readability_report(doc: str | Document) -> pd.DataFrame:
    """One row per formula: the score, the counts it used, a plain reading and a reliability flag.

    The flags are folded into the report rather than returned by a separate
    function, so that a score is never shown without its caveat.

    Returns
    -------
    pandas.DataFrame
        Columns ``formula``, ``score``, ``interpretation`` (see
        :func:`fre_label`, :func:`dale_chall_label`, :func:`grade_label`),
        ``reliable`` (bool), ``note`` (why not; "" when reliable), then the
        counts ``sentences``, ``words``, ``syllables``, ``characters``,
        ``polysyllables``, ``complex``, ``difficult`` as nullable integers,
        filled only for the counts the formula uses.

        A text under 100 words is flagged for every formula ("fewer than 100
        words: unreliable"); SMOG with fewer than 30 sentences is flagged
        ("SMOG was normed on 30-sentence samples; N sentences here").  A text
        with no words gives NaN scores (and the warning of :func:`readability`).
    """
    doc = _as_document(doc, "readability_report")
    c = readability_counts(doc)
    if warn_empty(doc, "readability_report", "all scores are NaN"):
        scores = {k: math.nan for k in FORMULAS}
    else:
        scores = _scores(c)
    rows = []
    lang = doc.language if doc.n_words else {}
    for formula in FORMULAS:
        notes = []
        if c["words"] == 0:
            notes.append("no words: no score")
        elif lang.get("is_english") is False:  # issue 9: formulas and syllables are for English
            notes.append(f"not English ({lang.get('script') or 'no'} script, "
                         f"{lang.get('english_share', 0):.0%} English function words): the formulas do not apply")
        elif doc.unpunctuated:
            notes.append("no sentence punctuation: the whole text counts as one sentence, so the score means nothing")
        elif c["words"] < _MIN_WORDS:
            notes.append(f"fewer than {_MIN_WORDS} words: unreliable")
        if formula == "smog" and 0 < c["sentences"] < _SMOG_SENTENCES:
            notes.append(
                f"SMOG was normed on {_SMOG_SENTENCES}-sentence samples; {c['sentences']} sentences here"
            )
        row = {
            "formula": formula,
            "score": scores[formula],
            "interpretation": _interpret(formula, scores[formula]),
            "reliable": not notes,
            "note": "; ".join(notes),
        }
        for key in _COUNT_KEYS:
            row[key] = c[key] if key in _USES[formula] else pd.NA
        rows.append(row)
    df = pd.DataFrame(rows)
    df["score"] = df["score"].astype("float64")
    df["reliable"] = df["reliable"].astype(bool)
    for key in _COUNT_KEYS:
        df[key] = df[key].astype("Int64")
    return df


_WORD_TABLE_DTYPES = {
    "word": "object",
    "syllables": "int64",
    "syllable_source": "object",
    "characters": "int64",
    "proper_noun": "bool",
    "polysyllable": "bool",
    "complex": "bool",
    "dale_chall_difficult": "bool",
}


def word_table(doc: str | Document) -> pd.DataFrame:
    """One row per word: every decision behind :func:`readability_counts`.

    Returns
    -------
    pandas.DataFrame
        The shared leading columns (:data:`analysis.matches.LEADING`; each
        word is a match of one word, ``end = start + 1``), then ``word``,
        ``syllables`` and ``syllable_source`` (from
        :func:`analysis.syllable_source`), ``characters`` (letters and
        digits), ``proper_noun`` (capitalised and not sentence-initial),
        ``polysyllable`` (three or more syllables; SMOG), ``complex``
        (Gunning) and ``dale_chall_difficult``.  The sums of ``syllables``,
        ``characters``, ``polysyllable``, ``complex`` and
        ``dale_chall_difficult`` equal the counts of
        :func:`readability_counts`.
    """
    doc = _as_document(doc, "word_table")
    rows = []
    for s in doc.sentences:
        for i, (w, n) in enumerate(zip(s.words, s.syllables)):
            f = _FLAGS[w]
            proper = i > 0 and w[:1].isupper()
            p = s.first_word + i
            rows.append(
                (
                    s.index,
                    p,
                    p + 1,
                    w,
                    n,
                    syllable_source(w),
                    f & _CHARACTERS,
                    proper,
                    bool(f & _POLYSYLLABLE),
                    bool(f & (_COMPLEX if i > 0 else _COMPLEX_COMMON)),
                    bool(f & (_DIFFICULT if i > 0 else _DIFFICULT_COMMON)),
                )
            )
    return match_table(doc, rows, list(_WORD_TABLE_DTYPES), dtypes=_WORD_TABLE_DTYPES)
