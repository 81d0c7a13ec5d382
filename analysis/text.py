"""The one segmentation: paragraphs, sentences, words and syllables.

Every metric in the package is derived from :func:`segment`, which splits a text
once into paragraphs and sentences, tokenises each sentence into words and
counts the syllables of each word.  Nothing else in the package tokenises text.

Rules (each one is exercised in ``tests/test_text.py`` and in the hard-case set
``tests/data/sentence_cases.tsv``):

Sentences
    A blank line is always a boundary; a single line break inside a paragraph is
    not.  A run of ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
    brackets after it) followed by white space is a candidate boundary.  It is
    *not* a boundary when the next word starts in lower case, when the word
    before the full stop is a title (Mr., Dr., Gen., Sen., St., …), a numbering
    abbreviation followed by a number (No. 5, art. 3), a month or other
    abbreviation followed by a number or a lower-case word, a single capital
    initial ("Amina J. Mohammed"), or an acronym with periods (U.S., U.N., a.m.)
    followed by a capitalised word that does not usually start a sentence
    ("the U.S. Congress" is one sentence; "in the U.S. We" is two).  Colons and
    semicolons never end a sentence.  Stage directions standing between
    sentences ("[Applause]", "(Laughter.)") are segments of their own.
Words
    Letters and digits; contractions ("don't", "we'll") and hyphenated compounds
    ("counter-terrorism") are one word each (Flesch 1948); numbers, including
    "1,000" and "2.5", are one word; acronyms with periods ("U.S.") are one word.
    Punctuation is never a word.  Curly apostrophes are read as straight ones.
Syllables
    Counted by :mod:`analysis.syllable_counts` (CMUdict, then documented fallbacks).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path
from typing import Literal, NamedTuple

from analysis.syllable_counts import _SYLN, SyllableSource, spell_number, syllable_source, syllables

__all__ = [
    "Sentence",
    "Removed",
    "Document",
    "EmptyTextWarning",
    "TextDecodeError",
    "read_text",
    "paragraphs",
    "sentences",
    "words",
    "syllables",
    "syllable_source",
    "segment",
    "as_document",
    "normalise_marks",
    "is_stage_direction",
]

# ---------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------


class TextDecodeError(ValueError):
    """A file's bytes are not valid text in the encoding its BOM announces."""


class EmptyTextWarning(UserWarning, RuntimeWarning):
    """A text with no words: counts are zero and every rate is NaN.

    One class for every measure of the package (a ``UserWarning``: the input
    is the problem; also a ``RuntimeWarning``, the class some measures used
    before, so that filters written for either keep working).
    """


def warn_empty(doc: "Document", func: str, what: str = "rates are NaN") -> bool:
    """Warn (:class:`EmptyTextWarning`) when ``doc`` has no words; True if it has none.

    The one check behind every measure's "empty text" behaviour: the message
    names the function and says what the caller gets back.
    """
    if doc.n_words:
        return False
    noise = f" ({len(doc.removed)} transcript-noise segment(s) removed)" if doc.removed else ""
    warnings.warn(
        f"{func}(): the text has no words (empty, whitespace or transcript noise only{noise}); "
        f"counts are 0 and {what}",
        EmptyTextWarning,
        stacklevel=3,
    )
    return True


def read_text(path: str | Path) -> str:
    """Read a speech file: UTF-8 (with or without BOM), or UTF-16 or UTF-32 with a BOM.

    Line endings (CRLF, CR) become ``\\n``.  Undecodable bytes raise
    :class:`TextDecodeError` naming the file and the byte offset; nothing is
    silently replaced.  A NUL character in the decoded text (UTF-16 or
    UTF-32 saved without a BOM, or a binary file) is an error too.

    Raises
    ------
    TypeError
        If ``path`` is not a str or path.
    FileNotFoundError, OSError
        The file is missing or cannot be read (a folder, no permission); the
        message names the path.
    TextDecodeError
        Undecodable bytes or NUL characters; the message names the file and
        the byte offset.
    """
    if not isinstance(path, (str, Path)) and not hasattr(path, "__fspath__"):
        raise TypeError(f"analysis.read_text() expects a file path (str or os.PathLike), got {type(path).__name__}")
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise IsADirectoryError(f"{path}: is a folder, not a text file") from None
    except OSError as exc:
        raise OSError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if raw.startswith(codecs.BOM_UTF8):
        encoding, body, skip = "utf-8", raw[3:], 3
    elif raw.startswith(codecs.BOM_UTF32_LE) or raw.startswith(codecs.BOM_UTF32_BE):
        encoding, body, skip = "utf-32", raw, 0  # before UTF-16: FF FE 00 00 starts with FF FE
    elif raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        encoding, body, skip = "utf-16", raw, 0
    else:
        encoding, body, skip = "utf-8", raw, 0
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TextDecodeError(
            f"{path}: cannot decode as {encoding.upper()} at byte offset {exc.start + skip} "
            f"(byte {body[exc.start:exc.start + 1]!r}: {exc.reason}); "
            "save the file as UTF-8 and try again"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        bom = {"utf-8": skip, "utf-16": 2, "utf-32": 4}[encoding]
        offset = bom + len(text[:nul].encode(encoding if encoding == "utf-8" else encoding + "-le"))
        raise TextDecodeError(
            f"{path}: NUL character at byte offset {offset} after decoding as {encoding.upper()}; "
            "the file is binary, or UTF-16/UTF-32 saved without a byte-order mark; "
            "save it as UTF-8 and try again"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

_PARA_SPLIT = re.compile(r"\n[ \t\u00a0]*\n\s*")
_CANDIDATE = re.compile(
    r"[.!?\u2026](?:[.!?\u2026]| +\.)*[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)"
)
# List markers: "1." "2.)" "3)" "a." "• 9." - a list when two or more follow in sequence.
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)([\u2022\u2043\u25e6\-*]\s?)?(\d{1,2}|[a-z])(\.\)|\.|\))(?=\s)")
_WS = re.compile(r"\s+")

# Titles are always followed by a name: never a sentence end.
_TITLES = frozenset(
    """mr mrs ms messrs mme dr prof gen gens sen sens rep reps gov lt col capt cmdr
    adm maj sgt cpl pvt hon rev fr st mt ft pres supt amb sec'y esq""".split()
)
# Numbering abbreviations: not a sentence end when a number follows.
_NUMBERING = frozenset("no nos art arts p pp para paras vol vols fig figs ch chap sec sect ed op nr".split())
# Other abbreviations: not a sentence end before a number, a lower-case word or a
# capitalised word (they are normally followed by the thing they abbreviate).
_ABBREVIATIONS = frozenset(
    """approx vs v cf al viz ca est dept univ assn bros govt jan feb mar apr jun
    jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    etc inc ltd co corp jr sr""".split()
)
# Of those, these always link to what follows.
_LINKING_ABBREVIATIONS = frozenset("vs v cf viz approx ca est".split())
# Of those, these also end sentences ("... and so on, etc. The next ...").
_SENTENCE_FINAL_ABBREVIATIONS = frozenset("etc inc ltd co corp jr sr".split())
_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}$")
# Capitalised words that usually open a sentence: after "U.S." they mark a boundary.
_STARTERS = frozenset(
    """a an the this that these those there here it its i we you he she they our
    my your his her their in on at as and but or so yet for if when while after
    before since although though because what which who how why where now today
    tonight then let thank thanks no not nor all each every many most some one
    let's it's we're we've i'm that's there's is are was were will can do does
    did has have had to from with by of also however moreover finally first
    second third meanwhile still such""".split()
)
_OPENERS = "\"'\u201c\u2018\u00ab([\u2014-"

_STAGE_WORDS = (
    r"applause|laughter|laughs|cheers|cheering|booing|boos|inaudible|crosstalk|"
    r"audience|members of the audience|there was|see app note|as delivered|delivered|"
    r"pause|music|chanting|recess|standing ovation|ovation|silence|interruption|"
    r"disruption|protest|noise|off mic|end of remarks"
)
_STAGE_DIRECTION = re.compile(
    r"\[\s*(?:" + _STAGE_WORDS + r")[^\]\n]{0,120}\]|\(\s*(?:" + _STAGE_WORDS + r")[^)\n]{0,120}\)",
    re.IGNORECASE,
)


def is_stage_direction(segment: str) -> bool:
    """True when ``segment`` is nothing but a bracketed stage direction."""
    m = _STAGE_DIRECTION.fullmatch(segment.strip())
    return m is not None


def _check_text(text: object, func: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"analysis.{func}() expects text as a str, got {type(text).__name__}")
    return text


def _next_word_start(para: str, pos: int) -> str:
    """The first letter or digit of the next token after ``pos`` (skipping openers)."""
    n = len(para)
    while pos < n and para[pos].isspace():
        pos += 1
    while pos < n and para[pos] in _OPENERS:
        pos += 1
    return para[pos] if pos < n else ""


_NEXT_TOKEN = re.compile(r"\s*[\"'\u201c\u2018(\[]*([\w'\u2019]+)")


def _next_token(para: str, pos: int) -> str:
    m = _NEXT_TOKEN.match(para, pos)
    return m.group(1).lower().replace("\u2019", "'") if m else ""


def _may_hold_list(para: str) -> bool:
    """Cheap pre-check for :func:`_list_markers`: a list starts at 1 or a, or at a bullet."""
    return (
        para.startswith(("1.", "1)", "a.", "a)"))
        or " 1." in para or " 1)" in para or " a." in para or " a)" in para
        or "\n1." in para or "\n1)" in para or "\na." in para or "\na)" in para
        or "\u2022" in para or "\u2043" in para or "\u25e6" in para
    )


def _list_markers(para: str) -> list[tuple[int, int]]:
    """(start, end) of list markers that form a sequence (1, 2, 3 / a, b, c / 9, 10) in ``para``."""
    found = []
    for m in _LIST_MARKER.finditer(para):
        label = m.group(2)
        value = int(label) if label.isdigit() else ord(label) - ord("a") + 1
        before = para[: m.start()].rstrip()
        anchored = m.group(1) is not None or not before or before[-1] in ".!?:;"
        found.append((value, m.start(), m.end(), anchored))
    # A sequence must start where a list can start (paragraph start, after a sentence
    # end or a colon, or at a bullet): "Article 2. ... Article 3." is no list.
    keep: set[int] = set()
    for i in range(1, len(found)):
        if found[i][0] == found[i - 1][0] + 1 and (found[i - 1][3] or i - 1 in keep):
            keep.update((i - 1, i))
    return [(found[i][1], found[i][2]) for i in sorted(keep)]


def _cut(para: str, start: int, end: int) -> int | None:
    """Where the candidate ``para[start:end]`` cuts the paragraph, or None if it is no boundary."""
    punct = para[start:end]
    if " ." in punct:
        # A spaced ellipsis ". . ." (MLA style).  Three spaced dots after a space are an
        # omission inside a sentence; four end the sentence.  A full stop attached to a
        # word and followed by a spaced ellipsis before a capital ends the sentence there:
        # the ellipsis opens the next one.
        dots = punct.count(".")
        attached = start > 0 and not para[start - 1].isspace()
        nxt = _next_word_start(para, end)
        if nxt == "":
            return end
        if attached and dots >= 4 and not nxt.islower():
            return start + 1
        if not attached and dots >= 4 and not nxt.islower():
            return end
        return None
    if start > 0 and para[start - 1] == "[":
        return None  # "[...]": an editorial omission
    return end if _is_boundary(para, start, end) else None


def _is_boundary(para: str, start: int, end: int) -> bool:
    punct = para[start:end]
    nxt = _next_word_start(para, end)
    if nxt == "":
        return True
    if nxt.islower():
        return False
    if punct[0] != "." or "!" in punct or "?" in punct or punct.startswith("..."):
        return True  # ! ? … and ellipses before a capital or digit
    # A single full stop: look at the token it closes.
    tok_start = para.rfind(" ", 0, start) + 1
    nl = para.rfind("\n", 0, start) + 1
    tok = para[max(tok_start, nl):start].lstrip(_OPENERS)
    if not tok:
        return True
    low = tok.lower()
    if low in _TITLES:
        prev = para[max(0, tok_start - 12):tok_start].split()
        if prev and prev[-1].rstrip(".").lower() in _TITLES and prev[-1].endswith("."):
            return True  # "Prof. Sen." - the second is a name
        return False
    if low in _NUMBERING:
        return not nxt.isdigit()
    if low in _ABBREVIATIONS:
        if nxt.isdigit():
            return False
        if low in _SENTENCE_FINAL_ABBREVIATIONS:
            return True
        return low not in _LINKING_ABBREVIATIONS and _next_token(para, end) in _STARTERS
    if low in ("n\u00b0", "n\u00ba", "nr"):
        return not nxt.isdigit()
    if len(tok) == 1 and tok.isupper():
        # an initial ("Amina J. Mohammed") unless a usual sentence opener follows ("Plan B. We")
        return _next_token(para, end) in _STARTERS
    if _ACRONYM.match(tok + "."):
        # "U.S." / "a.m.": a boundary only before a usual sentence opener.
        if low in ("e.g", "i.e", "cf"):
            return False
        return _next_token(para, end) in _STARTERS
    return True


def _split_paragraph(para: str) -> list[str]:
    """Split one paragraph (no blank lines) into stripped, space-normalised sentences."""
    cuts: list[int] = []
    markers = _list_markers(para) if _may_hold_list(para) else []
    marker_ends = {e for _, e in markers}
    for m in _CANDIDATE.finditer(para):
        if m.end() in marker_ends:
            continue  # "1." of a numbered list is no sentence end
        c = _cut(para, m.start(), m.end())
        if c is not None:
            cuts.append(c)
    cuts.extend(s for s, _ in markers if s > 0)  # each list item starts a segment
    # Stage directions standing between sentences are segments of their own.
    for m in _STAGE_DIRECTION.finditer(para) if ("[" in para or "(" in para) else ():
        before = para[: m.start()].rstrip()
        if not before or before[-1] in ".!?\u2026\"'\u201d\u2019)]":
            cuts.append(m.start())
            cuts.append(m.end())
    if not cuts:
        s = _squash(para.strip())
        return [s] if s else []
    cuts = sorted(set(cuts))
    out = []
    prev = 0
    for c in cuts:
        s = para[prev:c].strip()
        if s:
            out.append(_squash(s))
        prev = c
    s = para[prev:].strip()
    if s:
        out.append(_squash(s))
    return out


def _squash(s: str) -> str:
    """Normalise inner white space to single spaces (cheap when there is none to fix)."""
    if "\n" in s or "  " in s or "\t" in s or "\u00a0" in s:
        return " ".join(s.split())
    return s


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blocks separated by one or more blank lines."""
    _check_text(text, "paragraphs")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in (q.strip() for q in _PARA_SPLIT.split(text)) if p]


def _sentences_with_paragraphs(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for i, para in enumerate(paragraphs(text)):
        for s in _split_paragraph(para):
            out.append((i, s))
    return out


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, in order, stripped, with white space normalised.

    Empty or whitespace-only text gives ``[]``; text with no final punctuation is
    one sentence.  No non-space character is lost or duplicated (decomposed
    accents are composed first, as in :func:`segment`).  See the module
    docstring for the rules.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.
    """
    _check_text(text, "sentences")
    return [s for _, s in _sentences_with_paragraphs(_nfc(text))]


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

_WORD = re.compile(
    r"[^\W_]+"  # letters and digits, then any of:
    r"(?:[-'\u2019\u2010\u2011][^\W_]+"  # contractions and compounds: don't, counter-terrorism
    r"|(?<=\d)[.,]\d+"  # numbers with separators: 1,000  2.5
    r"|(?<=\b[^\W\d_])\.(?:[^\W\d_]\.)+"  # acronyms with periods: U.S., a.m.
    r")*"
)


def words(text: str) -> list[str]:
    """The words of ``text`` (see the module docstring for what a word is).

    Curly apostrophes are returned as straight ones, so "we’ll" and "we'll" are
    the same word.
    """
    _check_text(text, "words")
    return _words(_nfc(text))


def _has_odd_marks(text: str) -> bool:
    """Curly apostrophes or Unicode hyphens, which words are normalised from."""
    return "\u2019" in text or "\u2010" in text or "\u2011" in text


_MARKS = str.maketrans({"\u2019": "'", "\u2010": "-", "\u2011": "-"})


def normalise_marks(text: str) -> str:
    """Curly apostrophes as straight ones, Unicode hyphens as "-": how :func:`words` spells a word.

    Use it to find a word of the segmentation in ``Sentence.text`` (which keeps
    the marks as written), or to normalise a user's pattern the same way.
    """
    return text.translate(_MARKS) if _has_odd_marks(text) else text


# Characters that may wrap a word ("(terror," -> "terror") without being part of it.
_WRAPPERS = "".join(sorted(set(
    "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~\u00a1\u00a7\u00ab\u00b0\u00b6\u00b7\u00bb\u00bf"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2032\u2033"
)))


def _words(text: str, odd_marks: bool = True) -> list[str]:
    # Same result as _WORD.findall(text), faster: a word never spans white space,
    # and a chunk that is letters/digits inside wrapping punctuation is one word;
    # only the other chunks ("don't", "1,000", "U.S.", "well-known") go to the regex.
    ws: list[str] = []
    append = ws.append
    for chunk in text.split():
        core = chunk.strip(_WRAPPERS)
        if core.isalnum():
            append(core)
        elif core:
            ws.extend(_WORD.findall(chunk))
    if odd_marks and _has_odd_marks(text):
        ws = [normalise_marks(w) for w in ws]
    return ws


# ---------------------------------------------------------------------------
# The segmented document
# ---------------------------------------------------------------------------


class Sentence(NamedTuple):
    """One sentence of a document, with its words and their syllables.

    ``first_word`` is the position of its first word among all the words of the
    document, so a word's relative position in the speech is
    ``(first_word + i) / document.n_words``.  Immutable (a named tuple: cheap to
    build for the ~100,000 sentences of a large corpus).
    """

    index: int
    paragraph: int
    text: str
    words: tuple[str, ...]
    syllables: tuple[int, ...]
    first_word: int

    @property
    def n_words(self) -> int:
        return len(self.words)

    @property
    def n_syllables(self) -> int:
        return sum(self.syllables)


@dataclass(frozen=True, slots=True)
class Removed:
    """Transcript noise taken out before counting: what, why and where."""

    kind: Literal["stage direction", "speaker label", "other speaker", "heading", "no words"]
    text: str
    paragraph: int
    sentence: int | None  # index of the kept sentence it sat in, if inline


@dataclass(frozen=True)
class Document:
    """A text segmented once: the sentences (cleaned of transcript noise) every metric uses."""

    text: str
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]

    @property
    def words(self) -> list[str]:
        return [w for s in self.sentences for w in s.words]

    @cached_property
    def lower_words(self) -> tuple[str, ...]:
        """All words of the document, lower-cased, in order (computed once, then shared)."""
        return tuple(map(str.lower, chain.from_iterable([s.words for s in self.sentences])))

    @property
    def syllables(self) -> list[int]:
        return [n for s in self.sentences for n in s.syllables]

    @property
    def n_sentences(self) -> int:
        return len(self.sentences)

    @cached_property
    def n_words(self) -> int:
        return sum(len(s.words) for s in self.sentences)

    @cached_property
    def n_syllables(self) -> int:
        return sum(sum(s.syllables) for s in self.sentences)

    @cached_property
    def n_paragraphs(self) -> int:
        return len({s.paragraph for s in self.sentences})


# Labels of someone other than the speaker: the rest of their paragraph is not the speech.
_OTHER_SPEAKER_LABEL = re.compile(
    r"(?:Some )?(?:Audience members?|Audience|Members of Congress|Members|Participants?|Moderator|Q)\s*[.:]"
    r"|(?:Rep\.|Representative|Sen\.|Senator|Delegate)(?: [A-Z][a-z'\-]+){1,3}\.",
)
# A paragraph that is only a heading: capitals ("NATIONAL DEFENSE") or a numeral ("II.", "3.").
_HEADING = re.compile(r"(?:[IVXLC]+|\d{1,2})\.?|[^a-z!?]*[A-Z]{2}[^a-z!?]*")

_SPEAKER_LABEL = re.compile(
    r"(?:The |Mr\. |Madam |Mrs\. |Ms\. )?(?:President|Vice President|Speaker|Audience members?|Audience|"
    r"Members of Congress|Participants?|Moderator|Q|A)\s*[.:]"
    r"|(?:Rep\.|Representative|Sen\.|Senator|Delegate)(?: [A-Z][a-z'\-]+){1,3}\.",
)


def _clean_sentence(s: str) -> tuple[str, list[str]]:
    if "[" not in s and "(" not in s:
        return s, []
    found = _STAGE_DIRECTION.findall(s)
    if not found:
        return s, []
    return _WS.sub(" ", _STAGE_DIRECTION.sub(" ", s)).strip(), found


def as_document(text: str | Document, func: str = "segment") -> Document:
    """The segmented document for ``text``: a ``str`` is segmented (cached), a Document passes.

    Every public measure accepts either, through this one function.  ``func``
    names the caller in the ``TypeError`` raised for anything else.
    """
    if isinstance(text, Document):
        return text
    if isinstance(text, str):
        return segment(text)
    raise TypeError(f"analysis.{func}() expects a str or an analysis.Document, got {type(text).__name__}")


def segment(text: str) -> Document:
    """Segment ``text`` once: the :class:`Document` that every metric reads.

    Transcript noise is removed before counting and listed in
    ``Document.removed``: stage directions ("[Applause]", "(Laughter.)",
    "[see APP Note]"), wherever they stand; speaker labels ("The President.",
    "Audience members.") that open a paragraph, and, after the label of someone
    other than the speaker ("Audience members. U.S.A.! U.S.A.!"), the rest of
    that paragraph ("other speaker"); paragraphs that are only a heading in
    capitals or a numeral ("NATIONAL DEFENSE", "II."; "heading").  Segments with
    no words (a lone dash) are listed too.  The result is cached by text (the
    function is pure).

    Text in decomposed Unicode (an accent typed as a combining mark, "e" +
    U+0301) is read in its composed form (NFC), so "résumé" is one word
    however it was typed; ``Document.text`` keeps the input as given.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str`` (checked before the cache, so an unhashable
        argument gets the same clear message).
    """
    _check_text(text, "segment")
    return _segment(text)


def _nfc(text: str) -> str:
    """``text`` in composed form (NFC); a no-op (two C-speed checks) for ordinary text."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=256)
def _segment(original: str) -> Document:
    text = _nfc(original)
    syl_n = _SYLN.__getitem__
    odd = _has_odd_marks(text)
    out: list[Sentence] = []
    removed: list[Removed] = []
    first_word = 0
    last_para = -1
    other_speaker = -1  # a paragraph given to someone else ("Audience members. U.S.A.!")
    pieces = _sentences_with_paragraphs(text)
    n_pieces = len(pieces)
    for k, (para, raw) in enumerate(pieces):
        para_start = para != last_para
        last_para = para
        if para_start and _SPEAKER_LABEL.fullmatch(raw):
            removed.append(Removed("speaker label", raw, para, None))
            if _OTHER_SPEAKER_LABEL.fullmatch(raw):
                other_speaker = para
            continue
        if para == other_speaker:
            removed.append(Removed("other speaker", raw, para, None))
            continue
        if (
            para_start
            and (k + 1 == n_pieces or pieces[k + 1][0] != para)
            and len(raw) <= 80
            and _HEADING.fullmatch(raw)
            and len(raw.split()) <= 12
        ):
            removed.append(Removed("heading", raw, para, None))
            continue
        if raw[0] == "[" and raw[-1] == "]" and raw.count("[") == 1 and len(raw) > 2 and not raw[1:2].islower() and raw[1:4] != "...":
            # a bracketed line standing alone: a transcript note ("[At this point, ... was escorted ...]")
            removed.append(Removed("stage direction", raw, para, None))
            continue
        clean, noise = _clean_sentence(raw)
        if noise:
            target = len(out) if clean else None
            removed.extend(Removed("stage direction", n, para, target) for n in noise)
            if not clean:
                continue
        ws = _words(clean, odd)
        if not ws:
            removed.append(Removed("no words", clean, para, None))
            continue
        sy = tuple(map(syl_n, ws))
        out.append(Sentence(len(out), para, clean, tuple(ws), sy, first_word))
        first_word += len(ws)
    return Document(original, tuple(out), tuple(removed))


segment.cache_clear = _segment.cache_clear  # type: ignore[attr-defined]
segment.cache_info = _segment.cache_info  # type: ignore[attr-defined]
