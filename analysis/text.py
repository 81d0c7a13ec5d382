"""The one segmentation: paragraphs, sentences, words and syllables.

Every metric in the package is derived from :func:`segment`, which splits a text
once into paragraphs and sentences, tokenises each sentence into words and
counts the syllables of each word.  Nothing else in the package tokenises text.

Rules (each one is exercised in ``tests/test_text.py``, ``tests/test_segment_genre.py``
and in the hard-case set ``tests/data/sentence_cases.tsv``):

Normalisation
    The text is read through :func:`normalise` first: line endings, invisible
    characters (soft hyphen, zero-width space and joiners, bidirectional marks,
    BOM; the full list is in its docstring) deleted, full-width letters and
    digits as ASCII, composed accents (NFC).  Use the same function on a KWIC
    pattern or a theme entry.
Markup
    HTML tags, Markdown headings, tables and links pasted into a text are
    stripped before anything else, listed in ``Document.removed`` (kind
    'markup'; headings 'heading') and announced by a :class:`MarkupWarning`.
Page furniture
    Lines above and below the text that belong to the page, not to the speech
    (kind 'furniture'): place, date and title lines, "[as delivered]" and other
    bracketed notes, bylines ("Author Archives: ...", "by the President of
    ..."), "Watch the video ...", share, print, subscribe, copyright,
    navigation and breadcrumb lines, document symbols ("SG/SM/19999"), page
    numbers, addresses and signatures, a headline repeated in the text, and a
    translation after a separator ("***").  Above the text, a line without
    sentence punctuation is a title only where the text has punctuated
    sentences, never when it is wrapped prose (the next line starts in lower
    case, or the line ends with "of", "the", ...); below it, names and offices
    only go with other furniture.  The title, date (ISO 8601) and place found
    above the text are ``Document.header`` (:func:`header_fields`), to prefill
    metadata.  Paragraphs are numbered from the first paragraph of the text.
Salutations
    A salutation or vocative on a line of its own ("Mr. President,",
    "Excellencies,", "Ladies and gentlemen,", "Dear friends,", "Your
    Excellency Mr. ...,", "Fellow-Citizens of the Senate ...:", French and
    Spanish forms) is a unit of kind 'salutation': it is never merged into the
    next sentence and it is not a sentence.  Decision: salutations are listed
    in ``Document.removed`` (and ``Document.salutations``) and kept out of
    sentence length, readability and every rate, because they are forms of
    address, not sentences the speaker composed: "Excellencies," would count
    as a one-word sentence and lower every sentence-length measure.  A
    vocative inside a sentence ("Thank you, Mr. President.") is speech.
Sentences
    A blank line is always a boundary.  A single line break is a boundary only
    around a salutation, a heading in capitals and a date standing on a line
    of their own (after a line that ends a sentence or clause, before a line
    that does not start in lower case); never in ordinary wrapped prose.  A
    run of ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets
    after it) followed by white space is a candidate boundary; so is a full
    stop, ! or ? glued to the next capitalised word ("together.May"), and
    Chinese and Japanese "。", "！", "？" with or without a space.  It is *not*
    a boundary when the next word starts in lower case, when the word before
    the full stop is a title (Mr., Dr., Gen., Mme., …; two titles in a row,
    "Maj. Gen. Smith", unless a usual sentence opener follows: "Prof. Sen. He
    ..."), a numbering abbreviation followed by a number (No. 5, art. 3, p.
    12), a month or other abbreviation followed by a number or a lower-case
    word, a single capital initial ("Amina J. Mohammed", "Jonathan P. Braga")
    unless a usual sentence opener follows ("King George V. In honor ..."), or
    an acronym with periods (U.S., U.N., a.m.) followed by a capitalised word
    that does not usually start a sentence ("the U.S. Congress" is one
    sentence; "in the U.S. We" is two).  A stray ". ." ends the sentence.
    Colons and semicolons never end a sentence.  Stage directions standing
    between sentences ("[Applause]", "(Laughter.)") are segments of their own.
Speaker turns
    In a transcript, paragraphs (or lines after a sentence end) that open with
    a label "Name:", "NAME:", "Q:", "Question:", "Secretary-General:", "Mr. X
    (Country):" split the text into turns.  A text is a transcript when a
    known label (Q, A, Question, Secretary-General, SG, Spokesperson,
    Moderator, Correspondent, ...) opens a paragraph, or when two labels
    alternate (one of them twice): "Energy: ..." and "Water: ..." headings
    are not turns.  ``segment(text, speaker=...)`` analyses the turns of that
    speaker (the label equal to it, or the same with a name after it, else one
    holding its words: "Guterres" for "António Guterres"); by default, the
    speaker who speaks most, questioners aside.  The text before the first
    label is kept (pages put the speaker's statement first, then the
    questions).  Labels are never words (kind 'speaker label'); the turns of
    the others are 'other speaker' with ``Removed.speaker``; :func:`turns`
    tables them.  "The President." / "Audience members." labels of
    transcripts of addresses work as before.
Words
    Letters and digits; contractions ("don't", "we'll") and hyphenated compounds
    ("counter-terrorism") are one word each (Flesch 1948); numbers, including
    "1,000" and "2.5", are one word; acronyms with periods ("U.S.") are one word.
    Punctuation is never a word.  Curly apostrophes are read as straight ones.
Syllables
    Counted by :mod:`analysis.syllable_counts` (CMUdict, then documented fallbacks).
Checks
    :func:`language_check` (script of the letters and share of English function
    words; :class:`LanguageWarning` from :func:`segment` when the text does not
    look like English) and ``Document.unpunctuated`` (a text without sentence
    punctuation) tell when readability and word lists do not apply.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
import warnings
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path
from typing import Literal, NamedTuple

from analysis.memo import WordMemo
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
    "normalise",
    "MarkupWarning",
    "LanguageWarning",
    "SpeakerWarning",
    "Turn",
    "turns",
    "header_fields",
    "language_check",
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
        hint = _utf16_hint(raw) if skip == 0 and encoding == "utf-8" else ""
        raise TextDecodeError(
            f"{path}: cannot decode as {encoding.upper()} at byte offset {exc.start + skip} "
            f"(byte {body[exc.start:exc.start + 1]!r}: {exc.reason}){hint}; "
            "save the file as UTF-8 and try again"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        bom = {"utf-8": skip, "utf-16": 2, "utf-32": 4}[encoding]
        offset = bom + len(text[:nul].encode(encoding if encoding == "utf-8" else encoding + "-le"))
        hint = _utf16_hint(raw) if encoding == "utf-8" else ""
        raise TextDecodeError(
            f"{path}: NUL character at byte offset {offset} after decoding as {encoding.upper()}{hint}; "
            "the file is binary, or UTF-16/UTF-32 saved without a byte-order mark; "
            "save it as UTF-8 and try again"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_hint(raw: bytes) -> str:
    """", it looks like UTF-16-LE saved without a byte-order mark" when NUL bytes alternate with text."""
    sample = raw[:4096]
    if len(sample) < 4:
        return ""
    even, odd = sample[0::2], sample[1::2]
    for zeros, order in ((odd, "LE"), (even, "BE")):
        if zeros.count(0) >= 0.6 * len(zeros):
            other = even if zeros is odd else odd
            if other.count(0) <= 0.1 * len(other):
                return (f"; it looks like UTF-16-{order} saved without a byte-order mark "
                        f"(every other byte is 0): re-save it as UTF-8, or as UTF-16 with a BOM")
    if sample[0::4].count(0) + sample[1::4].count(0) + sample[2::4].count(0) >= 0.6 * 3 * len(sample) / 4:
        return "; it looks like UTF-32 saved without a byte-order mark: re-save it as UTF-8"
    return ""


# ---------------------------------------------------------------------------
# Normalisation: invisible characters, full-width letters, composed accents
# ---------------------------------------------------------------------------

# Deleted: they are invisible and split or glue words ("Terror\u200bism", "coun\u00adter").
_INVISIBLE = (
    "\u00ad"  # SOFT HYPHEN
    "\u034f"  # COMBINING GRAPHEME JOINER
    "\u061c"  # ARABIC LETTER MARK
    "\u180e"  # MONGOLIAN VOWEL SEPARATOR
    "\u200b\u200c\u200d"  # ZERO WIDTH SPACE, ZERO WIDTH NON-JOINER, ZERO WIDTH JOINER
    "\u200e\u200f"  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # bidirectional embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # WORD JOINER and the invisible mathematical operators
    "\u2066\u2067\u2068\u2069"  # bidirectional isolates
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE (a byte-order mark inside the text)
)
_TRANSLATE: dict[int, str | None] = {ord(c): None for c in _INVISIBLE}
_TRANSLATE.update({
    0x2028: "\n",  # LINE SEPARATOR
    0x2029: "\n\n",  # PARAGRAPH SEPARATOR
    0x0085: "\n",  # NEXT LINE
    0x000B: "\n",  # VERTICAL TAB
    0x000C: "\n\n",  # FORM FEED (a page break of a PDF's text)
    0x3000: " ",  # IDEOGRAPHIC SPACE
})
# Full-width digits and Latin letters (U+FF10-FF19, FF21-FF3A, FF41-FF5A) as ASCII (their NFKC form).
_TRANSLATE.update({cp: chr(cp - 0xFEE0) for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for cp in range(*r)})
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TRANSLATE) if c > 0x7F) + "]")


def normalise(text: str, *, marks: bool = False) -> str:
    """The text as :func:`segment` reads it: one normalisation for texts, patterns and theme entries.

    Applied, in this order:

    1. line endings: CRLF and CR become ``\\n``; LINE SEPARATOR (U+2028), NEXT
       LINE (U+0085) and VERTICAL TAB become ``\\n``; PARAGRAPH SEPARATOR
       (U+2029) and FORM FEED (U+000C, a PDF page break) become a blank line;
    2. invisible characters are deleted: SOFT HYPHEN U+00AD (so
       "coun\\u00adter-terrorism" is "counter-terrorism"), COMBINING GRAPHEME
       JOINER U+034F, ARABIC LETTER MARK U+061C, MONGOLIAN VOWEL SEPARATOR
       U+180E, ZERO WIDTH SPACE U+200B (so "Terror\\u200bism" is one word),
       ZERO WIDTH NON-JOINER U+200C, ZERO WIDTH JOINER U+200D, LEFT-TO-RIGHT
       and RIGHT-TO-LEFT MARKS U+200E/U+200F, the bidirectional embeddings,
       overrides and isolates U+202A-U+202E and U+2066-U+2069, WORD JOINER
       U+2060, the invisible operators U+2061-U+2064 and ZERO WIDTH NO-BREAK
       SPACE U+FEFF;
    3. IDEOGRAPHIC SPACE U+3000 becomes a space; full-width digits and Latin
       letters (U+FF10-U+FF19, U+FF21-U+FF3A, U+FF41-U+FF5A) become ASCII, as
       NFKC reads them ("ｔｅｒｒｏｒ" is "terror"); full-width punctuation is
       kept (Chinese "！" and "？" end sentences as they are);
    4. composed form, NFC (an accent typed as a combining mark: "e" + U+0301
       is "é").

    With ``marks=True`` also curly apostrophes and Unicode hyphens are read as
    "'" and "-" (:func:`normalise_marks`), the spelling of :func:`words`: use it
    for a KWIC pattern or a theme entry, so that it matches what the words are.
    Plain ASCII text without CR, VT or FF is returned as is (one C-speed check).
    """
    _check_text(text, "normalise")
    out = _normalise(text)
    return normalise_marks(out) if marks else out


def _normalise(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        if "\x0b" in text or "\x0c" in text:
            text = text.translate(_TRANSLATE)
        return text
    if _SPECIAL.search(text) or "\x0b" in text or "\x0c" in text:
        text = text.translate(_TRANSLATE)
    return _nfc(text)


# ---------------------------------------------------------------------------
# Markup pasted in: HTML tags, Markdown headings and tables
# ---------------------------------------------------------------------------


class MarkupWarning(UserWarning):
    """The text held markup (HTML tags, Markdown headings or a table), stripped before counting.

    :func:`segment` strips it and lists what it removed in ``Document.removed``
    (kind 'markup'; a heading of the markup is kind 'heading'); what was found
    is in ``Document.markup``.  Read a saved web page through the HTML reader
    of the ingestion module rather than pasting its source.
    """


_HTML_TAGS = (
    "html|head|body|title|meta|link|script|style|noscript|div|span|p|br|hr|h[1-6]|ul|ol|li|dl|dt|dd|a|b|i|u|s|em|"
    "strong|small|big|sup|sub|mark|font|center|blockquote|q|cite|pre|code|kbd|table|thead|tbody|tfoot|tr|td|th|"
    "caption|section|article|header|footer|nav|aside|main|figure|figcaption|img|picture|source|iframe|svg|path|"
    "form|input|button|label|select|option|textarea|abbr|time|address|details|summary|wbr"
)
_HTML_TAG = re.compile(r"<(/?)(" + _HTML_TAGS + r")\b[^<>]{0,2000}?(/?)>", re.IGNORECASE)
_HTML_DROP = re.compile(
    r"<(script|style|noscript|head|nav|aside|form|iframe|svg|footer|template)\b[^<>]*>.*?</\1\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_HTML_BLOCK = frozenset(
    "p div br hr h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre table thead tbody tfoot tr caption section "
    "article header main figure figcaption address details summary title body html".split()
)
_HTML_HEADING = re.compile(r"<(h[1-6]|title)\b[^<>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#[xX][0-9a-fA-F]{2,5});")
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$|^\*\*([^*\n]{1,120}?)(?<![.!?:,;])\*{0,2}[ \t]*$", re.MULTILINE)
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]\n]{0,300})\]\((?:https?://|www\.|/|#|mailto:)[^)\s]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,300}?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)


def _may_hold_markup(text: str) -> bool:
    return ("<" in text and ">" in text) or "#" in text or "|" in text or "**" in text or "&" in text or "](" in text


def _strip_markup(text: str) -> tuple[str, list[str], list[tuple[str, str]], frozenset[str]]:
    """``text`` without markup: (text, what was found, removed (kind, text), heading texts).

    HTML: comments and the content of script, style, head, nav, aside, form,
    footer and iframe elements are removed (kind 'markup'); block elements
    (p, div, br, h1-h6, li, tr, ...) become paragraph breaks; other tags are
    deleted; character references (``&amp;``, ``&#8217;``) are decoded.
    Markdown: heading lines ("# ...", "**..." alone on a line) and h1-h6 are
    headings; table rows ("| a | b |") and horizontal rules are removed (kind
    'markup'); links keep their text; bold markers are deleted.
    """
    found: list[str] = []
    removed: list[tuple[str, str]] = []
    headings: set[str] = set()
    if "<" in text and _HTML_TAG.search(text):
        found.append("HTML tags")

        def drop(m: re.Match) -> str:
            inner = _WS.sub(" ", re.sub(r"<[^<>]*>", " ", m.group(0))).strip()
            removed.append(("markup", inner[:200] if inner else m.group(0)[:60]))
            return "\n\n"

        text = _HTML_DROP.sub(drop, text)
        for m in _HTML_HEADING.finditer(text):
            h = _WS.sub(" ", html.unescape(re.sub(r"<[^<>]*>", "", m.group(2)))).strip()
            if h:
                headings.add(h)

        def tag(m: re.Match) -> str:
            name = m.group(2).lower()
            if name == "br":
                return "\n"
            return "\n\n" if name in _HTML_BLOCK else ""

        text = _HTML_TAG.sub(tag, text)
    if "&" in text and _ENTITY.search(text):
        if not found:
            found.append("HTML character references")
        text = html.unescape(text)
    if "|" in text:
        rows = _MD_TABLE_ROW.findall(text)
        if len(rows) >= 2:
            found.append("a table")
            removed.extend(("markup", r.strip()) for r in rows)
            text = _MD_TABLE_ROW.sub("", text)
    if "#" in text or "**" in text:
        md = [m for m in _MD_HEADING.finditer(text)]
        if md:
            found.append("Markdown headings")
            for m in md:
                headings.add((m.group(2) or m.group(3)).strip().strip("*").strip())
            text = _MD_HEADING.sub(lambda m: "\n\n" + (m.group(2) or m.group(3)).strip().strip("*").strip() + "\n\n", text)
    if found or "](" in text:
        if _MD_LINK.search(text):
            found.append("Markdown links")
            text = _MD_LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), text)
    if found:
        if "**" in text or "__" in text:
            text = _MD_EMPHASIS.sub(r"\2", text)
        for m in _MD_RULE.finditer(text):
            removed.append(("markup", m.group(0).strip()))
        text = _MD_RULE.sub("", text)
        text = _MD_QUOTE.sub("", text)
    return text, found, removed, frozenset(headings)


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

_PARA_SPLIT = re.compile(r"\n[ \t\u00a0]*\n\s*")
# (closing quotes or brackets, then white space, the end, or a capitalised word glued on)
_CANDIDATE_TAIL = r"[\"'\u201d\u2019\u00bb)\]]*(?=\s|$|[A-Z][a-z])"
_CANDIDATE = re.compile(r"[.!?\u2026](?:[.!?\u2026]| +\.)*" + _CANDIDATE_TAIL)
# The same pattern for a paragraph whose only end marks are full stops: led by a literal, which the
# regular expression engine finds with a fast scan instead of testing a character class at every position.
_STOP_CANDIDATE = re.compile(r"\.(?:\.| +\.)*" + _CANDIDATE_TAIL)
# Chinese and Japanese: 。！？ end a sentence, with or without a space after them (a
# separate pattern: one alternation in _CANDIDATE would make it four times slower).
_CJK_CANDIDATE = re.compile(r"[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019\uff09)\"']*")
_CJK_ENDS = "\u3002\uff01\uff1f"
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
    r"\[\s*(?:" + _STAGE_WORDS + r")[^\]\n]{0,120}\]|\(\s*(?:" + _STAGE_WORDS + r")[^)\n]{0,120}\)"
    # a recording's time code standing alone ("(02:15)", "[1:04:10]"): issue 10, transcription services
    r"|[\[(]\s*\d{1,2}:\d{2}(?::\d{2})?\s*[\])]",
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
    """Cheap pre-check for :func:`_list_markers`: a list starts at 1 or a, or at a bullet.

    True when the paragraph starts with "1.", "1)", "a." or "a)", holds one of them after a space or a
    line break, or holds a bullet.  The three-character needles are looked for only in a paragraph
    that holds their shorter part ("1"; "a." or "a)"; a character beyond ASCII for the bullets): the
    same answer, at a fraction of the scans (most paragraphs hold no digit 1 and no "a." or "a)").
    """
    return (
        para.startswith(("1.", "1)", "a.", "a)"))
        or ("1" in para and (" 1." in para or " 1)" in para or "\n1." in para or "\n1)" in para))
        or (("a." in para or "a)" in para)
            and (" a." in para or " a)" in para or "\na." in para or "\na)" in para))
        or (not para.isascii() and ("\u2022" in para or "\u2043" in para or "\u25e6" in para))
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
    if " " in punct and punct.replace(" ", "") == "..":
        return end  # a stray second full stop ("here. . We", "here.  . We"): the sentence ends after it
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
    if len(tok) == 1 and tok.isupper():
        # an initial ("Amina J. Mohammed", "Jonathan P. Braga") or a roman numeral ("King George V.")
        # unless a usual sentence opener follows ("Plan B. We", "George V. In honor")
        return _next_token(para, end) in _STARTERS
    if low in _TITLES:
        prev = para[max(0, tok_start - 12):tok_start].split()
        if prev and prev[-1].rstrip(".").lower() in _TITLES and prev[-1].endswith("."):
            # "Prof. Sen. He has the floor": the second is a name; "Maj. Gen. Smith": two titles
            return _next_token(para, end) in _STARTERS
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
    if "." in tok and _ACRONYM.match(tok + "."):  # (two "X." pairs at least: a full stop inside the token)
        # "U.S." / "a.m.": a boundary only before a usual sentence opener.
        if low in ("e.g", "i.e", "cf"):
            return False
        return _next_token(para, end) in _STARTERS
    return True


def _has_cjk_ends(text: str) -> bool:
    return not text.isascii() and ("\u3002" in text or "\uff01" in text or "\uff1f" in text)


def _candidates(para: str) -> Iterator[re.Match]:
    """The matches of ``_CANDIDATE.finditer(para)``, found faster in most paragraphs.

    A paragraph whose only end marks are full stops (most paragraphs) is searched with
    :data:`_STOP_CANDIDATE`, the same pattern led by a literal full stop: the same matches.
    """
    if "." not in para or "!" in para or "?" in para or "\u2026" in para:
        return _CANDIDATE.finditer(para)
    return _STOP_CANDIDATE.finditer(para)


def _split_paragraph(para: str, cjk: bool | None = None) -> list[str]:
    """Split one paragraph (no blank lines) into stripped, space-normalised sentences.

    ``cjk``: whether the text holds Chinese or Japanese sentence ends (checked once per
    document by :func:`segment`; None: check this paragraph).
    """
    cuts: list[int] = []
    markers = _list_markers(para) if _may_hold_list(para) else []
    marker_ends = {e for _, e in markers} if markers else ()
    n = len(para)
    for m in _candidates(para):
        end = m.end()
        if end < n and not para[end].isspace():
            # glued to the next capitalised word: "together.May the Lord" (no space typed)
            start = m.start()
            if end - start == 1 and start >= 2 and para[start - 2:start].isalpha() and para[start - 2:start].islower():
                tok = para[para.rfind(" ", 0, start) + 1:start].lstrip(_OPENERS)
                low = tok.lower()
                if not ("/" in tok or "@" in tok or "." in tok or low in _TITLES or low in _ABBREVIATIONS):
                    cuts.append(end)
            continue
        if end in marker_ends:
            continue  # "1." of a numbered list is no sentence end
        c = _cut(para, m.start(), end)
        if c is not None:
            cuts.append(c)
    if (_has_cjk_ends(para) if cjk is None else cjk):
        cuts.extend(m.end() for m in _CJK_CANDIDATE.finditer(para) if m.end() < len(para))
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
    cuts.append(len(para))
    # the sentences are parts of the paragraph: squashed only when the paragraph holds white space to squash
    squash = _needs_squash(para)
    out = []
    prev = 0
    for c in cuts:
        s = para[prev:c].strip()
        if s:
            out.append(_squash(s) if squash else s)
        prev = c
    return out


# White space other than what _squash replaces (and " "): a sentence's text (stripped, then squashed or
# rewritten by _WS) is its chunks one space apart unless it holds one of these.
_RARE_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n\t\u00a0")
_RARE_ASCII_SPACES = "".join(c for c in _RARE_SPACES if c.isascii())


def _has_rare_space(text: str) -> bool:
    """Does ``text`` hold a character of :data:`_RARE_SPACES`?  (One ``in`` per character: C scans.)"""
    for c in _RARE_ASCII_SPACES if text.isascii() else _RARE_SPACES:
        if c in text:
            return True
    return False


def _needs_squash(s: str) -> bool:
    """Does ``s`` hold white space that :func:`_squash` rewrites?  (False for a part of a string that holds none.)"""
    return "\n" in s or "  " in s or "\t" in s or "\u00a0" in s


def _squash(s: str) -> str:
    """Normalise inner white space to single spaces (cheap when there is none to fix)."""
    if _needs_squash(s):
        return " ".join(s.split())
    return s


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blocks separated by one or more blank lines."""
    _check_text(text, "paragraphs")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p for p in (q.strip() for q in _PARA_SPLIT.split(text)) if p]


def _line_units(para: str) -> list[tuple[str | None, str]]:
    """The paragraph as (kind, text) units: lines of their own (kind 'salutation', 'heading', 'date') and prose (None).

    A single line break is a boundary only around a salutation or vocative,
    an all-capitals heading line and a date line, each standing on a line of
    its own after a line that ends a sentence (or a clause: , ; :) and before
    a line that does not start in lower case; never in wrapped prose.
    """
    if not para:
        return []
    if "\n" not in para:
        if len(para) <= 100 or (len(para) <= 240 and para[-1] != "."):
            kind = _unit_kind(para, False)
            if kind:
                return [(kind, para)]
        return [(None, para)]
    lines = para.split("\n")
    units: list[tuple[str | None, str]] = []
    buf: list[str] = []
    last = len(lines) - 1
    j = 0
    while j <= last:
        line = lines[j]
        s = line.strip()
        kind = None
        in_block = bool(units) and units[-1][0] == "salutation" and not buf
        if s and len(s) <= 240 and (not buf or lines[j - 1].rstrip()[-1:] in _ENDS_LINE):
            nxt = lines[j + 1].strip() if j < last else ""
            if not nxt[:1].islower() or (nxt.startswith("and ") and _is_salutation(nxt)):
                kind = _unit_kind(s, True)
                if kind is None and in_block and s[-1:] in ",:;" and _is_salutation(s, need_head=False):
                    kind = "salutation"  # a later line of a block of salutations
            elif s.startswith("and ") and in_block:
                kind = _unit_kind(s, True)
            if kind == "salutation" and s[-1:].isalpha() and j > 0 and lines[j - 1].rstrip()[-1:] not in ".!?:" \
                    and not in_block:
                kind = None  # a name list of wrapped prose ("..., Sir Ramaswami Mudaliar of India, Jan Smuts")
            if kind == "salutation" and s[-1:].isalpha():
                if nxt and _is_salutation(s + " " + nxt, need_head=False) and not _is_salutation(nxt):
                    s = s + " " + nxt  # a salutation wrapped over two lines ("... Members of the General / Assembly,")
                    j += 1
                elif s.rsplit(None, 1)[-1].lower() in _FUNCTION_WORDS:
                    kind = None  # "Mr. X, Minister for Foreign Affairs of / Uruguay, on his election ...": prose
        if kind:
            if buf:
                units.append((None, "\n".join(buf)))
                buf = []
            if (kind == "salutation" and in_block and units[-1][1][:1] in "-\u2022*" and s[:1] not in "-\u2022*"):
                units[-1] = ("salutation", units[-1][1] + " " + s)  # "- His Excellency ...,\nSecretary-General ...,"
            else:
                units.append((kind, s))
        else:
            buf.append(line)
        j += 1
    if buf:
        units.append((None, "\n".join(buf)))
    return units


def _unit_kind(s: str, line: bool) -> str | None:
    """'salutation', 'date' or (for a line inside a paragraph) 'heading' when ``s`` stands alone as one, else None."""
    if not s:
        return None
    c = s[0]
    if c in "-\u2022*" and len(s) > 2:
        bare = s.strip(" *_").lstrip(_BULLETS)
        c = bare[:1]
        if c.isupper() and bare.split(None, 1)[0].lower().rstrip(".,:;!") in _VOC_HEADS and _is_salutation(s):
            return "salutation"
        return None
    if c.isupper() or s.startswith("and "):
        first = s.split(None, 1)[0].lower().rstrip(".,:;!")
        if first in _VOC_HEADS and _is_salutation(s):
            return "salutation"
        if first in _DATE_FIRST_WORDS and _date_line(s):
            return "date"
        if line and len(s) <= 80 and _HEADING.fullmatch(s) and len(s.split()) <= 12 and not _SPEAKER_LABEL.fullmatch(s):
            return "heading"
    elif c.isdigit() and len(s) <= 100:
        if _date_line(s):
            return "date"
        if _NUMBERED_HEADING.fullmatch(s):
            return "heading"  # "1. STRENGTHENING THE ECONOMY"
    return None


_NUMBERED_HEADING = re.compile(r"\d{1,2}[.)]?\s+[^a-z!?]*[A-Z]{3}[^a-z!?]*")


def _sentences_with_paragraphs(text: str) -> list[tuple[int, str, str | None]]:
    out: list[tuple[int, str, str | None]] = []
    for i, para in enumerate(paragraphs(text)):
        for kind, chunk in _line_units(para):
            if kind:
                out.append((i, _squash(chunk), kind))
            else:
                out.extend((i, s, None) for s in _split_paragraph(chunk))
    return out


def sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, in order, stripped, with white space normalised.

    Empty or whitespace-only text gives ``[]``; text with no final punctuation is
    one sentence.  No non-space character is lost or duplicated (the text is
    read through :func:`normalise` first, as in :func:`segment`).  A
    salutation, a heading in capitals or a date on a line of its own is a
    segment of its own.  See the module docstring for the rules.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.
    """
    _check_text(text, "sentences")
    return [s for _, s, _ in _sentences_with_paragraphs(_normalise(text))]


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
    return _words(_normalise(text))


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


def _words(text: str, odd_marks: bool = True, marked: list | None = None) -> list[str]:
    # Same result as _WORD.findall(text), faster: a word never spans white space,
    # and a chunk that is letters/digits inside wrapping punctuation is one word;
    # only the other chunks ("don't", "1,000", "U.S.", "well-known") go to the regex.
    # Most chunks are bare words: tested first, without the strip (_WRAPPERS holds no letter or digit).
    # ``marked``: a list that receives, for each chunk that is not a bare word, ``(index of its word, chunk)``,
    # or None for a chunk that is not exactly one word (a by-product for the figures of speech: the marks
    # between two words stand only in these chunks; see Document.marked_chunks).
    ws: list[str] = []
    append = ws.append
    for chunk in text.split():
        if chunk.isalnum():
            append(chunk)
            continue
        core = chunk.strip(_WRAPPERS)
        if core.isalnum():
            if marked is not None:
                marked.append((len(ws), chunk))
            append(core)
        elif core:
            found = _WORD.findall(chunk)
            if marked is not None:
                marked.append((len(ws), chunk) if len(found) == 1 else None)
            ws.extend(found)
        elif marked is not None:
            marked.append(None)
    if odd_marks and _has_odd_marks(text):
        ws = [normalise_marks(w) for w in ws]
    return ws


# ---------------------------------------------------------------------------
# The segmented document
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Page furniture, dates, salutations and speaker turns (the genre of UN pages)
# ---------------------------------------------------------------------------

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTH_NUMBER = {m: i for i, ms in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1) for m in (ms,)}
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_DATE = re.compile(
    rf"(?:\b(?:{_WEEKDAYS})\.?,?\s+)?(?:"
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTHS})\.?,?\s+(?P<y1>\d{{4}})\b"
    rf"|\b(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b"
    rf"|\b(?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})\b"
    rf"|\b(?P<d4>\d{{1,2}})[/.](?P<m4>\d{{1,2}})[/.](?P<y4>\d{{4}})\b"
    rf"|\b(?P<m5>{_MONTHS})\.?\s+(?P<y5>\d{{4}})\b)",
    re.IGNORECASE,
)
_DATE_FIRST_WORDS = frozenset(_MONTHS.split("|")) | frozenset(_WEEKDAYS.split("|"))
_SEPARATORS = " \t,;|\u00b7\u2022\u2013\u2014-/."
# A place: a few capitalised words ("New York", "UN Headquarters", "Addis Ababa, Ethiopia").
_PLACE = re.compile(
    r"(?:[A-Z][\w'\u2019.\-]*|of|de|du|des|la|le|the|and|al|el|upon|am|on)"
    r"(?:,?\s(?:[A-Z][\w'\u2019.\-]*|of|de|du|des|la|le|the|and|al|el|upon|am|on)){0,5},?"
)
_NOT_PLACES = frozenset("thank thanks good welcome hello dear god long viva".split())


def _date_iso(m: re.Match) -> str | None:
    """The ISO form (YYYY-MM-DD, or YYYY-MM) of a date match, or None when it is no real date."""
    import datetime

    g = m.groupdict()
    for k in "12345":
        if g.get("y" + k):
            y = int(g["y" + k])
            mo = g.get("m" + k)
            month = int(mo) if mo and mo.isdigit() else _MONTH_NUMBER.get((mo or "")[:3].lower())
            d = g.get("d" + k)
            if not month:
                return None
            if d is None:
                return f"{y:04d}-{month:02d}" if 1 <= month <= 12 else None
            try:
                return datetime.date(y, month, int(d)).isoformat()
            except ValueError:
                return None
    return None


_TIME = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs?\b|h\b)|\b\d{1,2}h\d{2}\b"
                   r"|\b(?:[01]?\d|2[0-3]):[0-5]\d\b", re.IGNORECASE)  # issue 10 held-out: "2 June 2026 / 10:42"


_DELIVERY_NOTE = re.compile(r"[\[(]?\b(?:as delivered|check against delivery|as prepared(?: for delivery)?)\b[\])]?",
                            re.IGNORECASE)


def _date_line(line: str) -> tuple[str, str | None] | None:
    """(ISO date, place or None) when ``line`` is a date line ("29 June 2018", "New York, 29 June 2018"), else None."""
    if len(line) > 100:
        return None
    first = line[:1]
    if not (first.isdigit() or first.isupper()):
        return None
    m = _DATE.search(line)
    if m is None:
        return None
    iso = _date_iso(m)
    if iso is None:
        return None
    rest = [_TIME.sub("", p).strip(_SEPARATORS) for p in (line[: m.start()], line[m.end():])]
    # "Brussels, 11 February 2025 -- as delivered": the delivery note is no part of the place
    rest = [_DELIVERY_NOTE.sub("", p).strip(_SEPARATORS) for p in rest]
    rest = [p for p in rest if p]
    if not rest:
        return iso, None
    place = ", ".join(rest)
    if len(place.split()) <= 8 and _PLACE.fullmatch(place) and not any(c.isdigit() for c in place):
        return iso, place
    return None


# "New York, 14 May 2025 — The Secretary-General ...": a dateline glued to the first sentence.
_DATELINE_PREFIX = re.compile(r"(?P<dateline>[^\n\u2014\u2013]{4,80}?)\s*(?:\u2014|\u2013|--| - )\s*(?=[A-Z\"\u201c])")


def _is_place(line: str) -> bool:
    s = line.rstrip(",")
    if not s or len(s) > 60 or any(c.isdigit() for c in s) or not s[0].isupper():
        return False
    words = s.split()
    first = words[0].lower().strip(".,")
    if len(words) > 6 or first in _NOT_PLACES or first in _VOC_HEADS:
        return False
    return _PLACE.fullmatch(s) is not None and not (s.endswith(".") and not _ACRONYM.search(s.split()[-1]))


# A line of capitalised words (a name, an office, an address block): "Permanent Mission of
# Naloa to the United Nations", "Stéphane Lemaire, Spokesperson for the Secretary-General".
_TITLE_CASE_SMALL = frozenset(
    "a an the of on in at to for from by with and or de du des la le les et van von der al el da di".split()
)


def _is_title_case(line: str) -> bool:
    if len(line) > 120 or line[-1:] in ".!?:;\u2026":
        return False
    words = line.replace(",", " ").split()
    if not words or len(words) > 14 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_CASE_SMALL for w in words)


_ADDRESS = re.compile(
    r"(?:\d{1,5}\s+)?(?:[A-Z][\w.'\-]*\s){0,4}(?:Avenue|Street|Road|Plaza|Place|Boulevard|Square|Lane|Drive|Ave\.?|St\.|Rd\.?)"
    r"\b.{0,80}|.{0,60}\b(?:NY|N\.Y\.|DC|D\.C\.)\s+\d{5}(?:-\d{4})?|(?:P\.\s?O\.\s)?Box\s\d+.{0,60}"
    r"|(?:Tel|Tél|Phone|Fax|E-?mail)\.?\s?:?\s?[+\d(][\d\s().+-]{5,}.{0,40}"
)

# Salutations and vocatives: the head word opens the line; every other word is a name
# (capitalised) or one of the words of address.  English, French and Spanish forms.
_VOC_HEADS = frozenset(
    """mr mrs ms mme madam madame mister sir dame dear my your his her excellency excellencies distinguished
    honourable honorable hon esteemed respected ladies gentlemen fellow fellow-citizens fellow-americans friends
    colleagues brothers sisters heads members delegates representatives ministers ambassadors president
    vice-president secretary-general deputy chair chairman chairperson chairwoman co-chairs co-chair to and
    ambassador minister senators congressmen compatriots monsieur messieurs mesdames excellences cher chers
    ch\u00e8re ch\u00e8res se\u00f1or se\u00f1ora se\u00f1ores se\u00f1oras excelent\u00edsimo excelent\u00edsima
    excelencias queridos queridas estimados estimadas""".split()
)
_VOC_WORDS = frozenset(
    """and of the for to all my our your his her dear distinguished honourable honorable esteemed respected fellow
    ladies gentlemen friends colleagues delegates delegations guests participants excellencies excellency members
    representatives ministers ambassadors brothers sisters citizens americans everyone everybody heads state states
    government governments partners leaders youth media press in at from honoured honored special invited observers
    organizations organisations civil society chairs co-chairs vice president presidents secretary-general secretary
    general deputy high commissioner director executive director-general madam mr mrs ms sir dame mme assembly
    council congress senate house people peoples nations united beloved dearest here today present other
    van von de da del della di du der den al el bin ibn la le les y dos das et des g\u00e9n\u00e9rale g\u00e9n\u00e9ral
    secr\u00e9taire pr\u00e9sident pr\u00e9sidente r\u00e9publique monsieur madame messieurs mesdames chers
    ch\u00e8res amis amies excellences presidente secretario secretaria general se\u00f1or se\u00f1ora se\u00f1ores
    se\u00f1oras queridos queridas amigos amigas estimados estimadas old new former good great colleague
    friend guest""".split()
)
_SALUTATION_TOKEN = re.compile(r"[\w'\u2019.\-]+|&")
_BULLETS = "-\u2022\u2013\u2014*\u00b7 \t"


def _is_salutation(line: str, need_head: bool = True) -> bool:
    """True when ``line`` is only a salutation or vocative ("Mr. President,", "Excellencies, ladies and gentlemen,").

    Bullets and bold markers around the line are ignored ("- Heads of Delegation,", "**Mr. President,**");
    ``need_head=False`` for the later lines of a block of salutations ("United Nations Secretary-General, ...").
    """
    line = line.strip(" *_\t").lstrip(_BULLETS)
    if len(line) > 240 or line[-1:] not in ",:;!.\u2014\u2013-" and not line[-1:].isalpha():
        return False
    tokens = [t for t in _SALUTATION_TOKEN.findall(line) if not t[0].isdigit()]  # "79th Session"
    if not tokens or len(tokens) > 30:
        return False
    head = tokens[0].lower().rstrip(".")
    if head == "and" and len(tokens) > 1:
        head = tokens[1].lower().rstrip(".")  # "and Ladies and Gentlemen:" closing a salutation of several lines
    if head not in _VOC_HEADS and (need_head or not tokens[0][0].isupper()):
        return False
    if line.endswith(".") and (_SPEAKER_LABEL.fullmatch(line) or len(tokens) < 2):
        return False  # "Members of Congress." is a speaker label of a transcript
    if line.isupper() and line[-1:] not in ",:":
        return False  # "HEADS OF DEPARTMENTS SHOULD HAVE SEATS": a heading in capitals
    if _more_than_one_sentence(line):
        return False  # "Mr. Nikoui. United States Marines!"
    if head in ("dear", "cher", "chers", "ch\u00e8re", "ch\u00e8res", "queridos", "queridas") and len(tokens) <= 5:
        return line[-1:] in ",:!" and "," not in line[:-1]  # "Dear peacekeepers,"; not "Dear all, thank you!"
    for t in tokens:
        if not (t[0].isupper() or t == "&" or t.lower().rstrip(".") in _VOC_WORDS):
            return False
    if head == "to" and (len(tokens) < 2 or tokens[1].lower() != "the"):
        return False
    return True


# Lines of a web page around the text: navigation, sharing, bylines, notes on delivery, copyright.
_FURNITURE = re.compile(
    r"(?:skip to (?:main )?content|in progress at unhq|back to top|jump to (?:navigation|content)|toggle navigation"
    r"|main menu|menu|search|home|you are here:?.*|back to (?:the )?.{1,50}|print(?: this)?(?: page)?|e-?mail(?: this)?(?: page)?"
    r"|share(?: this)?(?: (?:page|story|article|on \w+))?:?.*|subscribe.*|download(?: (?:the )?(?:pdf|document|full text|statement|video|audio|file|here))?.*"
    r"|tweet|follow us.*|like|related(?: (?:content|stories|news|links|documents|articles))?:?.*"
    r"|(?:facebook|twitter|x|linkedin|whatsapp|instagram|youtube|reddit|telegram|flickr|email|print|copy link)"
    r"(?:[\s,|\u00b7\u2022/]+(?:facebook|twitter|x|linkedin|whatsapp|instagram|youtube|reddit|telegram|flickr|email|print|copy link))*"
    r"|author archives?:.*|(?:posted|published|updated|last updated|last modified)(?: (?:on|by|in))?:? .*|filed under:?.*"
    r"|tags?:.*|tagged .*|categor(?:y|ies):.*|topics?:.*|[\w /]{0,40}\|\s*date:.*|date:.*"
    r"|watch (?:the )?(?:full )?(?:video|webcast|recording|live).*|(?:full )?video(?: message)?(?: of| on| at)? .{0,80}|listen to .*"
    r"|(?:un )?photo ?[:/].*|credit:.*|source:.*|\u00a9.*|\(c\) .*|copyright.*|all rights reserved.*|terms of use.*"
    r"|privacy (?:notice|policy).*|fraud alert.*|contact us|site ?map|accessibility|faq|help"
    r"|(?:[\w'\u2019-]+ ){0,4}logo|welcome to the united nations.*"
    r"|\*(?:\s*\*)*|[-_=~\u2022\u00b7](?:\s*[-_=~\u2022\u00b7]){2,}|for information media\W+not an official record\.?"
    r"|meetings coverage and press releases|press releases?|statements?|speeches|remarks|messages?|news|read more.*"
    r"|(?:previous|next|older|newer)(?: (?:article|post|story|statement|item|page))?.{0,80}|more (?:news|stories|statements|speeches).*"
    r"|languages?:.*|english|fran\u00e7ais|espa\u00f1ol|\u0440\u0443\u0441\u0441\u043a\u0438\u0439|\u4e2d\u6587|\u0627\u0644\u0639\u0631\u0628\u064a\u0629|portugu\u00eas|kiswahili"
    r"|(?:https?://|www\.)\S+|[\w.-]+\.(?:org|com|net|int|gov|edu)(?:/\S*)?"
    r"|(?:the )?following is .*[:.]|(?:as )?prepared for delivery\.?|check against delivery\.?|embargoed.*|as delivered\.?"
    r"|near[- ]verbatim transcript.*|unofficial (?:transcript|translation).*|\(?translated from .*"
    r"|(?:original|translation|language|original language)\s?: ?[a-z\u00c0-\u024f]+\.?"
    r"|this record contains the text of speeches.*|corrections (?:should|to this record).*|\d{2}-\d{4,6} ?\([A-Z]\)"
    r"|page \d+(?: of \d+)?|\d+ ?/ ?\d+|[-\u2013\u2014] ?\d{1,4} ?[-\u2013\u2014]"
    # issue 10, held-out pages: a government site's breadcrumb and page tools, a mission site's
    # notice, a transcription service's note, time codes of a recording standing alone
    r"|government|speech|about(?: us| the mission)?|contact|from: .{1,80}|delivered on:? .{1,120}"
    r"|is this page useful\??.*|was this (?:page|information) (?:useful|helpful)\??.*|report a problem.{0,40}"
    r"|please note that .{0,80}\b(?:pdf|will open in a new).*|transcribed by .{1,80}|this transcript may not be .*"
    r"|\(?\d{1,2}:\d{2}(?::\d{2})?\)?"
    r"|[A-Z]{1,6}/(?:[A-Z0-9.]{1,8}/)*[\w.]*\d[\w./-]*(?:\s*[-\u2013]\s*[A-Z]{1,6}/[\w./-]+)*"
    r"|.{1,60}(?:\s[>\u00bb\u203a|]\s.{1,60})+)",
    re.IGNORECASE,
)
_PAGE_NOTE = re.compile(
    r"deliver|scroll|version|\brev\b|check against|embargo|trilingual|bilingual|translation|original|prepared",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"(?:By|BY|Written by|Posted by)\s(?:[A-Z\u00c0-\u00de][\w'\u2019.\-]*\s?){1,5}|by (?:the )?[A-Z].{0,80}")
_DECORATION = " \t|\u2190\u2192\u00ab\u00bb\u2039\u203a<>\u2022\u00b7"
_FIRST_PERSON = re.compile(r"(?:^|\s)(?:I|I'm|I'd|I've|I'll)(?=\s|$)")
_THANKS = re.compile(r"(?:thank|thanks|good (?:morning|afternoon|evening)|welcome|hello|dear)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*(?:\s|$)")
_ENDS_LINE = ".!?\u2026:;,\"'\u201d\u2019)]\u3002\uff01\uff1f"
_SEPARATOR_LINE = re.compile(r"[*\-_=~\u2022\u00b7](?:\s*[*\-_=~\u2022\u00b7]){2,}")


def _more_than_one_sentence(line: str) -> bool:
    """True when the sentence rules cut ``line`` ("The President. Mr. Speaker", not "Remarks by Mr. Guterres")."""
    return ("." in line or "!" in line or "?" in line) and len(_split_paragraph(line)) > 1


def _strong_furniture(line: str) -> bool:
    if len(line) > 200:
        return False
    if (line[0] == "[" and line[-1] == "]" and line.count("[") == 1) or (line[0] == "(" and line[-1] == ")" and line.count("(") == 1):
        # "[as delivered]", "[Scroll down for ...]", "[Rev. 1]", "(check against delivery)"; "[Applause]" and
        # "[Before speaking, the President ...]" are stage directions
        if _PAGE_NOTE.search(line):
            return True
        return len(line.split()) <= 3 and _STAGE_DIRECTION.fullmatch(line) is None
    bare = line.strip(_DECORATION)
    if not bare:
        return True  # "|", "->"
    return _FURNITURE.fullmatch(bare) is not None or _BYLINE.fullmatch(bare) is not None


def _title_key(line: str) -> str:
    return _WS.sub(" ", re.sub(r"\[[^\]]*\]", " ", line)).strip(" .:-\u2013\u2014").casefold()


def _header_line(line: str, titles_ok: bool, after_title: bool = False) -> tuple[str, str | None] | None:
    """What a line at the top of a page is: ('furniture'|'date'|'place'|'title', value), or None for the text."""
    if _is_salutation(line):
        return None
    d = _date_line(line)
    if d is not None:
        return "date", d
    if _strong_furniture(line):
        return "furniture", None
    if _turn_label(line) is not None:
        return None
    if _is_place(line):
        return "place", line.rstrip(",")
    if (
        titles_ok
        and (not line[0].islower() or after_title)
        and (line[-1] not in _ENDS_LINE or line.endswith(("]", ")")))
        and not _more_than_one_sentence(line)
        and len(line.split()) <= 25
        and not _THANKS.match(line)
        and not _FIRST_PERSON.search(line)  # "I should like first of all": the text itself
    ):
        # a title, or the continuation of a title on the next line ("by the President ...")
        return "title", _WS.sub(" ", re.sub(r"\s*\[[^\]]*\]\s*", " ", line)).strip()
    return None


def _footer_line(line: str) -> str | None:
    """'furniture', 'date', 'soft' (a place, a name or an office: furniture above furniture) or None."""
    if _strong_furniture(line) or _ADDRESS.fullmatch(line):
        return "furniture"
    if _date_line(line) is not None:
        return "date"
    if _is_place(line) or _is_title_case(line) or (line.isupper() and len(line.split()) <= 8 and line[-1:] not in _ENDS_LINE):
        return "soft"
    return None


_MAX_FURNITURE_LINES = 15
# Words a wrapped line of prose ends with, and a title does not.
_FUNCTION_WORDS = frozenset("a an the of on in at to for from by with and or but as that this our its their".split())


def _next_is_header(paras: list[str], i: int, j: int) -> bool:
    """True when a date, place or furniture line follows line ``j`` of paragraph ``i`` (titles in capitals between)."""
    seen = 0
    for p in paras[i:i + 5]:
        for line in (p.split("\n")[j + 1:] if p is paras[i] else p.split("\n")):
            line = line.strip()
            if not line:
                continue
            if _header_line(line, False) is not None:
                return True
            seen += 1
            if seen >= 3 or not (_HEADING.fullmatch(line) or line[:1].islower()):
                return False
    return False


def _header_block_ends(paras: list[str], i: int, lines: list[str], j: int) -> bool:
    """True when, within three lines without sentence punctuation after line ``j``, a date or furniture line follows."""
    following = lines[j + 1:j + 5] + (paras[i + 1].split("\n")[:1] if i + 1 < len(paras) else [])
    summary = False
    for n, line in enumerate(following):
        line = line.strip()
        if not line:
            return False
        if _date_line(line) is not None:
            return not _TIME.sub("", line).rstrip().endswith(".")  # "We signed it on / January 21, 1980." is a sentence
        if line[:1] in "[(" and _strong_furniture(line) or (line[-1:] in ",:;" and _is_salutation(line)):
            return True  # "[as delivered]", "(check against delivery)", "Mr. President,"
        if _strong_furniture(line):
            return True  # "Transcribed by ...", "From: Prime Minister's Office", "Published 27 May 2026"
        if n >= 3:
            return False
        if _SENTENCE_END.search(line):
            if n == 0 and not summary and not _more_than_one_sentence(line) and not _FIRST_PERSON.search(line):
                summary = True  # a one-sentence summary under a title, furniture below it
                continue
            return False
    return False


def _translation_block(paras: list[str]) -> int | None:
    """Index of a separator ("***") after which the rest of the text is in another language (a translation)."""
    for k in range(len(paras) - 1, 0, -1):
        if len(paras[k]) <= 40 and _SEPARATOR_LINE.fullmatch(paras[k].strip()):
            after = [w for p in paras[k + 1:] for w in _words(p)]
            before = [w for p in paras[:k] for w in _words(p)]
            if len(after) >= 8 and before and _language_of(after)["english_share"] < 0.08:
                return k
            return None
    return None


def _cut_furniture(paras: list[str]) -> tuple[list[str], list[str], list[str], dict]:
    """(body paragraphs, furniture lines above, furniture lines below, header fields) of a page."""
    header: dict = {}
    head: list[str] = []
    if not paras:
        return paras, head, [], header
    # Titles (lines without sentence punctuation) only where the text has sentences below them.
    titles_ok = any(_SENTENCE_END.search(p) for p in paras[:50])
    n_titles = 0
    last_kind = None
    i = 0
    lines: list[str] = []
    while i < len(paras) and len(head) < _MAX_FURNITURE_LINES:
        lines = paras[i].split("\n")
        j = 0
        while j < len(lines) and len(head) < _MAX_FURNITURE_LINES:
            line = lines[j].strip()
            if not line:
                j += 1
                continue
            more = j + 1 < len(lines)  # a line of the same paragraph follows (a single line break)
            # A line followed by another line of the same paragraph may be wrapped prose ("We
            # signed it on / January 21, 1980.", "On behalf of the Government of the Lao People's /
            # Democratic Republic, I ..."): a title or a place only when a date, furniture or a
            # salutation ends the block within three lines (a title wrapped over lines of a PDF).
            block_ok = not more or _header_block_ends(paras, i, lines, j)
            title_ok = titles_ok and n_titles < 4 and not (i == len(paras) - 1 and not more) and block_ok
            continued = last_kind == "title" and (head[-1].rsplit(None, 1)[-1].lower() in _FUNCTION_WORDS or line[:1].islower())
            what = _header_line(line, title_ok, last_kind == "title" or (last_kind == "furniture" and head[-1][:3].lower() == "by "))
            if "title" in header and _title_key(line) == _title_key(header["title"]):
                what = ("furniture", None)  # the headline, repeated
            elif continued and what is not None and what[0] == "place":
                what = ("title", line)  # "Remarks ... to the / Economic and Social Council"
            elif what is not None and what[0] == "place" and not block_ok:
                what = None  # "First, I / congratulate ...": the first words of the text
            if what is not None and what[0] in ("title", "place") and not head and _HEADING.fullmatch(line) \
                    and not _next_is_header(paras, i, j):
                what = None  # a heading in capitals opening the text itself ("NATIONAL DEFENSE"), not a page title
            if (what is None and last_kind == "title" and len(line.split()) <= 30 and _SENTENCE_END.search(line)
                    and not _more_than_one_sentence(line) and not _FIRST_PERSON.search(line)
                    and _next_is_header(paras, i, j)):
                what = ("furniture", None)  # a one-sentence summary under the title, above "From:" / "Published ..."
            if what is None:
                m = _DATELINE_PREFIX.match(line) if head or i == 0 else None
                if m is not None and _date_line(m.group("dateline").strip()):
                    iso, place = _date_line(m.group("dateline").strip())
                    header.setdefault("date", iso)
                    if place:
                        _add_place(header, place)
                    head.append(line[: m.end()].strip())
                    lines[j] = line[m.end():]
                break
            kind, value = what
            if kind == "date":
                header.setdefault("date", value[0])
                if value[1]:
                    _add_place(header, value[1])
            elif kind == "place":
                _add_place(header, value)
            elif kind == "title":
                n_titles += 1
                if last_kind == "title" and "title" in header and n_titles <= 3:
                    header["title"] = header["title"] + " " + value
                else:
                    header.setdefault("title", value)
            last_kind = kind
            head.append(line)
            j += 1
        if j < len(lines):
            rest = "\n".join(lines[j:]).strip()
            paras = [rest] + paras[i + 1:] if rest else paras[i + 1:]
            break
        i += 1
    else:
        paras = paras[i:]
    if len(head) >= _MAX_FURNITURE_LINES or not paras:
        return paras, head, [], header
    # Below the text: strong furniture and dates; a place, a name or an office ("soft") only with
    # furniture below or above it, or as the last line when it holds a comma (a signature:
    # "Name, Spokesperson for ...").  Read from the last lines up.
    title_key = _title_key(header["title"]) if header.get("title") else None
    flat: list[tuple[int, int, str]] = []  # (paragraph, line, text) of the last lines
    for pi in range(len(paras) - 1, -1, -1):
        plines = paras[pi].split("\n")
        flat[:0] = [(pi, li, ln.strip()) for li, ln in enumerate(plines)]
        if len(flat) >= 3 * _MAX_FURNITURE_LINES:
            break
    cut = len(flat)  # the footer is flat[cut:]
    anchored = False
    seen = 0
    for k in range(len(flat) - 1, -1, -1):
        line = flat[k][2]
        if not line:
            continue
        kind = "furniture" if title_key and _title_key(line) == title_key else _footer_line(line)
        if kind is None or seen >= _MAX_FURNITURE_LINES:
            break
        seen += 1
        if kind == "soft" and not anchored:
            if k == len(flat) - 1 or not any(x[2] for x in flat[k + 1:]):
                if "," in line and _is_title_case(line) and flat[k][0] > 0:
                    anchored = True  # a signature as the last line
                    cut = k
            continue  # pending: furniture only if furniture stands above it
        anchored = True
        cut = k
    tail = [x[2] for x in flat[cut:] if x[2]]
    if cut < len(flat):
        pi, li, _ = flat[cut]
        kept = "\n".join(paras[pi].split("\n")[:li]).strip()
        paras = paras[:pi] + ([kept] if kept else [])
    tail.reverse()  # put back in reading order below, after a translation block is added
    # A translation after a separator ("***" then the French version): not the speech.
    k = _translation_block(paras) if len(paras) > 2 else None
    if k is not None:
        tail.extend(reversed([ln.strip() for p in paras[k:] for ln in p.split("\n") if ln.strip()]))
        paras = paras[:k]
    tail.reverse()
    return paras, head, tail, header


# Speaker turns of press conferences, interviews and verbatim records: "Question:", "SG:",
# "Secretary-General:", "Mr. Nebenzia (Russian Federation):" opening a paragraph.
_NAME_TOKEN = r"[A-Z\u00c0-\u00de][\w'\u2019.\-]*"
_TURN_LABEL = re.compile(
    r"(?P<label>(?:The\s)?(?:(?:Mr|Mrs|Ms|Mme|Dr|Prof|Amb|H\.\s?E)\.?\s)?" + _NAME_TOKEN
    + r"(?:\s(?:" + _NAME_TOKEN + r"|de|da|del|della|di|du|van|von|der|al|bin|ibn|la|le|of|the|y)){0,5}"
    r"(?:\s\d{1,2})?"  # "Speaker 1 (00:04):", "Participant 2:" (transcription services)
    r"(?:\s\([^()\n]{1,60}\)){0,2})\s*:(?=\s|$)"
)
_NOT_LABELS = frozenset(
    """first second third fourth fifth sixth seventh eighth ninth tenth finally lastly note nb ps example examples
    here now today yes no why what how where when result results step goal goals objective objectives title subject
    re date place location venue time source update agenda chapter article section part annex item topic theme
    background summary conclusion conclusions recommendation recommendations quote warning lesson lessons message
    mission vision priority priorities thanks thank excellencies ladies gentlemen friends dear my your to fellow
    fellow-citizens members colleagues distinguished also and but so then this that these those our we it there
    key main one two three four five important remember definition contents table figure box""".split()
)
_KNOWN_LABELS = frozenset(
    """q a question questions answer secretary-general sg spokesperson spokesman spokeswoman deputy spokesperson
    moderator interviewer journalist reporter correspondent host president""".split()
) | {"deputy spokesperson", "deputy spokesman", "associate spokesperson", "audience member"}
_QUESTION_LABELS = frozenset(
    """q question questions journalist reporter correspondent interviewer moderator host audience participant
    participants student students""".split()
) | {"audience member"}
_LABEL_ALIASES = {"sg": "secretary-general", "q": "question", "a": "answer", "questions": "question",
                  "the secretary-general": "secretary-general"}


def _label_key(label: str) -> str:
    key = re.sub(r"\s*\([^)]*\)", "", label).strip().casefold().replace("\u2019", "'")
    key = re.sub(r"^the\s+", "", key)
    key = key.replace(".", "")
    return _LABEL_ALIASES.get(key, key)


def _turn_label(line: str) -> str | None:
    """The speaker label opening ``line`` ("Question:", "Secretary-General:"), or None."""
    if ":" not in line[:120]:
        return None
    m = _TURN_LABEL.match(line)
    if m is None:
        return None
    label = m.group("label")
    words = label.split()
    first = words[1] if words[0] == "The" and len(words) > 1 else words[0]
    if first.lower().rstrip(".") in _NOT_LABELS:
        return None
    rest = line[m.end():].lstrip()
    if rest[:1].islower():
        return None  # "Africa: a continent of hope" is a sentence
    if not rest and _is_salutation(line):
        return None  # "Members of the Congress:" is a salutation
    return line[: m.end()]


class Turn(NamedTuple):
    """One speaker turn of a transcript: who speaks, whether it is analysed, how long it is."""

    turn: int
    speaker: str | None  # the label as written; None for the text before the first label
    kept: bool
    paragraphs: int
    words: int


class SpeakerWarning(UserWarning):
    """``segment(text, speaker=...)`` names no speaker of the transcript: the one who speaks most is analysed."""


_HONORIFICS = frozenset({"mr", "mrs", "ms", "mme", "dr", "prof", "the", "h", "e", "he"})


def _speaker_overlap(key: str, wanted: str) -> int:
    """How well a label matches a wanted speaker: 2 when equal or the same with a name after it
    ("deputy spokesperson farah nouri" for "deputy spokesperson"), 1 when one holds the words of
    the other ("guterres" for "antónio guterres"), else 0."""
    if key == wanted or key.startswith(wanted + " "):
        return 2
    a = set(key.replace("-", " ").split()) - _HONORIFICS
    b = set(wanted.replace("-", " ").split()) - _HONORIFICS
    return 1 if a and b and (a <= b or b <= a) else 0


def _find_turns(paras: list[str]) -> tuple[list[str], list[str | None]] | None:
    """Paragraphs split at speaker labels and the label opening each (None), or None when no transcript."""
    if not any(":" in p for p in paras):
        return None
    out: list[str] = []
    labels: list[str | None] = []
    for para in paras:
        if "\n" in para and ":" in para:
            chunk: list[str] = []
            lines = para.split("\n")
            for j, line in enumerate(lines):
                lab = _turn_label(line) if (j == 0 or lines[j - 1].rstrip()[-1:] in _ENDS_LINE) else None
                if lab is not None and chunk:
                    out.append("\n".join(chunk))
                    labels.append(_turn_label(chunk[0]))
                    chunk = []
                chunk.append(line)
            out.append("\n".join(chunk))
            labels.append(_turn_label(chunk[0]))
        else:
            out.append(para)
            labels.append(_turn_label(para))
    # the key of the label without its colon, as segment() keys the turns ("Secretary-General:" is known)
    keys = [_label_key(lab.rstrip().rstrip(":").strip()) for lab in labels if lab is not None]
    if not keys:
        return None
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    if not (set(counts) & _KNOWN_LABELS or (len(counts) >= 2 and max(counts.values()) >= 2)):
        return None
    return out, labels


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


RemovedKind = Literal[
    "stage direction", "speaker label", "other speaker", "heading", "no words", "furniture", "salutation", "markup"
]


@dataclass(frozen=True, slots=True)
class Removed:
    """What was taken out before counting: what, why and where.

    ``speaker`` names the speaker of a 'speaker label' or 'other speaker' item
    of a transcript with turns ("Question", "Secretary-General"), else None.
    """

    kind: RemovedKind
    text: str
    paragraph: int
    sentence: int | None  # index of the kept sentence it sat in, if inline
    speaker: str | None = None


@dataclass(frozen=True)
class Document:
    """A text segmented once: the sentences (cleaned of transcript noise) every metric uses.

    ``header``: the title, date (ISO 8601) and place found in the page furniture
    above the text (see :func:`header_fields`); ``markup``: the kinds of markup
    stripped ("HTML tags", "Markdown headings", "a table", ...); ``turns``: the
    speaker turns of a transcript (see :func:`turns`), empty for a speech
    without "Name:" labels.
    """

    text: str
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]
    header: dict = field(default_factory=dict, compare=False)
    markup: tuple[str, ...] = ()
    turns: tuple[Turn, ...] = ()
    notes: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)  # (warning class, message)
    # For the figures of speech (analysis.rhetorical_figures), recorded by segment()'s word pass at almost no
    # cost: ``(sentences, per_sentence)``, where ``per_sentence[i]`` lists the white-space chunks of sentence
    # i's text that are not a bare word, as ``(index of the chunk's word in the sentence, chunk)`` (None for a
    # chunk that is not exactly one word).  Valid only while ``sentences is self.sentences`` (a Document built
    # otherwise, or by dataclasses.replace with other sentences, has none: the figures then find the
    # punctuation in the text).  Not compared, not shown.
    marked_chunks: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def words(self) -> list[str]:
        return [w for s in self.sentences for w in s.words]

    @cached_property
    def lower_words(self) -> tuple[str, ...]:
        """All words of the document, lower-cased, in order (computed once, then shared)."""
        return tuple(map(str.lower, chain.from_iterable([s.words for s in self.sentences])))

    @cached_property
    def word_codes(self) -> tuple:
        """``(codes, types)``: :attr:`lower_words` factorised (``pandas.factorize``): each word's type number,
        numbered in order of first occurrence, and the types.  Computed once per Document and shared (lexical
        diversity's previous occurrences, the figures of speech's conjunctions); read-only."""
        import numpy as np
        import pandas as pd

        codes, types = pd.factorize(np.asarray(self.lower_words, dtype=object))
        codes.flags.writeable = False
        return codes, types

    @cached_property
    def previous_word(self):
        """For each word of :attr:`lower_words`, the index of the previous occurrence of the same word (-1 if
        none): ``analysis.lexical._previous``, computed once per Document and shared (the diversity measures,
        the figures of speech's repetition tests); a read-only numpy array."""
        from analysis.lexical import _previous

        prev = _previous(self.lower_words, self.word_codes)
        prev.flags.writeable = False
        return prev

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.first_word for s in self.sentences]

    def sentence_of(self, word: int) -> Sentence:
        """The sentence holding document word index ``word`` (bisection over the sentences' first words;
        of sentences sharing a first word, the last: the one with words)."""
        return self.sentences[bisect_right(self._sentence_starts, word) - 1]

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

    @cached_property
    def language(self) -> dict:
        """Script and English function-word share of the words (see :func:`language_check`)."""
        # whole sentences spread over the text, about _LANGUAGE_SAMPLE words in all
        n = self.n_words
        step = max(1, -(-n // _LANGUAGE_SAMPLE) if n else 1)
        sents = self.sentences[::step] if step > 1 else self.sentences
        return _language_of(list(chain.from_iterable([s.words for s in sents])))

    @cached_property
    def unpunctuated(self) -> bool:
        """True for a text without sentence punctuation: sentences far longer than any real speech's.

        At least 100 words, and a mean of 100 words or more per sentence or a
        sentence of 500 words or more (the longest sentence among the 237 State
        of the Union addresses has 380 words, their highest mean is 52): the
        seed speech with its punctuation stripped is one 914-word "sentence".
        Readability formulas mean nothing on such a text.
        """
        n = self.n_words
        if n < 100:
            return False
        longest = max(len(s.words) for s in self.sentences)
        return n / len(self.sentences) >= _UNPUNCTUATED_MEAN or longest >= _UNPUNCTUATED_LONGEST

    @property
    def salutations(self) -> tuple[str, ...]:
        """The salutations and vocatives kept out of the counts ("Mr. President,", "Excellencies,")."""
        return tuple(r.text for r in self.removed if r.kind == "salutation")


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
# "The President.—Thank you" / "The President. -- Thank you": the label and its dashes.
_SPEAKER_LABEL_DASH = re.compile(r"(?P<label>" + _SPEAKER_LABEL.pattern + r")\s*[\u2014\u2013\-]+\s*")


# ---------------------------------------------------------------------------
# Language and punctuation checks (offline, no dependency)
# ---------------------------------------------------------------------------


class LanguageWarning(UserWarning):
    """The text does not look like English prose: readability formulas and word lists do not apply."""


# Unicode blocks of the scripts a speech may be written in: (first code point, script).
_SCRIPT_BLOCKS = [
    (0x0000, "Latin"), (0x0250, "other"), (0x0370, "Greek"), (0x0400, "Cyrillic"), (0x0530, "Armenian"),
    (0x0590, "Hebrew"), (0x0600, "Arabic"), (0x0700, "other"), (0x0750, "Arabic"), (0x0780, "other"),
    (0x08A0, "Arabic"), (0x0900, "Indic"), (0x0E00, "Thai"), (0x0E80, "other"), (0x10A0, "Georgian"),
    (0x1100, "Hangul"), (0x1200, "Ethiopic"), (0x13A0, "other"), (0x1E00, "Latin"), (0x1F00, "Greek"),
    (0x2000, "other"), (0x2C60, "Latin"), (0x2C80, "other"), (0x3040, "Kana"), (0x3100, "other"),
    (0x3130, "Hangul"), (0x3190, "other"), (0x3400, "Han"), (0x4DC0, "other"), (0x4E00, "Han"),
    (0xA000, "other"), (0xA720, "Latin"), (0xA800, "other"), (0xAC00, "Hangul"), (0xD7B0, "other"),
    (0xF900, "Han"), (0xFB00, "Latin"), (0xFB50, "Arabic"), (0xFE00, "other"), (0xFE70, "Arabic"),
    (0xFF00, "other"), (0xFF21, "Latin"), (0xFF5B, "other"),
]
_BLOCK_STARTS = [b[0] for b in _SCRIPT_BLOCKS]
# The most frequent English function words: a share below 15 % of the words is not English prose
# (English running text has 40-55 %; French, Spanish or German text written in the Latin script 2-8 %).
_ENGLISH_STOP = frozenset(
    """the of and to a in is that it for on with as was be by this are we not have at from or an but they which
    you has will their our all his i been were can its would there more also these one who must so what them he
    she her if no us my your do had than those into only should about any such been being because when while
    where how very us me him up out over now then here just more most other some may shall could""".split()
)
_ENGLISH_MIN_SHARE = 0.15
_LANGUAGE_SAMPLE = 1000  # words read by the check (every k-th sentence): enough, and cheap on long texts
_LANGUAGE_MIN_WORDS = 20  # below this the stop-word share says nothing; the script alone decides
_UNPUNCTUATED_MEAN = 100  # words per sentence: no real speech comes near (the SOTU maximum is 52)
_UNPUNCTUATED_LONGEST = 500  # a sentence this long is a text without sentence punctuation (SOTU maximum: 380)


def _script_of(ch: str) -> str:
    return _SCRIPT_BLOCKS[bisect_right(_BLOCK_STARTS, ord(ch)) - 1][1]


#: character -> its script (:class:`analysis.memo.WordMemo`: the function is pure).
_SCRIPT_OF: WordMemo[str, str] = WordMemo(lambda c: _script_of(c) if c > "\x7f" else "Latin", "script of a character")


def _language_of(words: list[str]) -> dict:
    sample = words
    joined = "".join(sample)
    letters: dict[str, int] = {}
    if joined.isascii():
        n = len(joined)
        letters["Latin"] = n - sum(map(joined.count, "0123456789")) if not joined.isalpha() else n
    else:
        script_of = _SCRIPT_OF
        for c in joined:
            if c.isalpha():
                sc = script_of[c]
                letters[sc] = letters.get(sc, 0) + 1
    total = sum(letters.values())
    if total == 0:
        return {"script": None, "script_share": float("nan"), "english_share": float("nan"),
                "is_english": None, "words_checked": len(sample)}
    stop = sum(map(_ENGLISH_STOP.__contains__, map(str.lower, sample)))
    script = max(letters, key=letters.__getitem__)
    english = stop / len(sample)
    is_english = script == "Latin" and (len(sample) < _LANGUAGE_MIN_WORDS or english >= _ENGLISH_MIN_SHARE)
    return {
        "script": script,
        "script_share": letters[script] / total,
        "english_share": english,
        "is_english": is_english,
        "words_checked": len(sample),
    }


def language_check(doc: "str | Document") -> dict:
    """Is the text English prose?  A documented offline test: the script of its letters and English function words.

    Returns a dict:

    ``script``
        the writing system of most letters ('Latin', 'Cyrillic', 'Arabic',
        'Han', 'Kana', 'Hangul', 'Greek', 'Hebrew', 'Indic', 'Thai', ...;
        None for a text without letters), from the Unicode block of each
        letter of the words of every k-th sentence (about 1,000 words, spread over the text);
    ``script_share``
        the share of those letters in that script (0-1);
    ``english_share``
        the share of those words that are among the ~110 most frequent English
        function words ("the", "of", "and", "to", "we", ...): 0.40-0.55 in
        English speeches, 0.02-0.08 in French, Spanish or German;
    ``is_english``
        script 'Latin' and ``english_share`` >= 0.15 (texts under 20 words:
        the script alone decides); None without letters;
    ``words_checked``
        how many words the test read;
    ``unpunctuated``
        :attr:`Document.unpunctuated`: a text without sentence punctuation.

    :func:`segment` warns (:class:`LanguageWarning`) when ``is_english`` is
    False: readability formulas, syllable counts and the word lists of the
    package are for English.  No language model is used: the test cannot tell
    English from Scots, and a speech that quotes a long passage in another
    language keeps its verdict from its majority.
    """
    d = as_document(doc, "language_check")
    return {**d.language, "unpunctuated": d.unpunctuated}


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


def segment(text: str, *, speaker: str | None = None) -> Document:
    """Segment ``text`` once: the :class:`Document` that every metric reads.

    The text is read through :func:`normalise` (invisible characters,
    full-width letters, composed accents); ``Document.text`` keeps the input
    as given.  Then, each taken out before counting and listed in
    ``Document.removed`` with its kind (see the module docstring for the
    rules):

    * markup pasted in (HTML tags, Markdown headings, table rows): 'markup' or
      'heading', with a :class:`MarkupWarning`;
    * page furniture above and below the text (place, date, title,
      "[as delivered]", bylines, "Watch the video ...", share, print,
      copyright and navigation lines) and a repeated headline: 'furniture';
      the title, date and place found there are ``Document.header``;
    * salutations and vocatives on a line of their own ("Mr. President,",
      "Excellencies,"): 'salutation'; date lines: 'furniture'; headings in
      capitals: 'heading';
    * speaker turns of a transcript ("Question:", "Secretary-General:"): the
      labels ('speaker label') and the turns of the other speakers ('other
      speaker', with ``Removed.speaker``); ``speaker`` chooses whose turns
      are analysed (default: the one who speaks most, questions aside);
    * stage directions ("[Applause]", "(Laughter.)"), speaker labels of the
      form "The President." and the paragraphs of someone else after
      "Audience members." ('stage direction', 'speaker label', 'other
      speaker'), paragraphs that are only a heading ('heading') and segments
      without words ('no words').

    The result is cached by (text, speaker): the function is pure.  Warnings
    (:class:`MarkupWarning`, :class:`LanguageWarning` when the text does not
    look like English, :class:`SpeakerWarning` when ``speaker`` names nobody
    in the transcript) are issued on every call that builds a Document from a
    str.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str`` (checked before the cache, so an unhashable
        argument gets the same clear message), or ``speaker`` is neither a str
        nor None.
    """
    return _checked_segment(text, speaker, _segment)


def _segment_afresh(text: str) -> Document:
    """:func:`segment` (the same checks, warnings and Document) without the in-memory LRU.

    The text is segmented even when the LRU holds it, and its Document is not
    put there: for a corpus run that measures each text once
    (:func:`analysis.corpus.analyze`), so that it holds one Document at a time
    and leaves the caller's LRU as it was.
    """
    return _checked_segment(text, None, _segment.__wrapped__)


def _checked_segment(text: str, speaker: str | None, build) -> Document:
    """The body of :func:`segment`: check the arguments, ``build(text, speaker)``, warn (for the caller's caller)."""
    _check_text(text, "segment")
    if speaker is not None and not isinstance(speaker, str):
        raise TypeError(f"analysis.segment(): speaker must be a str or None, got {type(speaker).__name__}")
    doc = build(text, speaker or None)
    for category, message in doc.notes:
        warnings.warn(message, _WARNINGS[category], stacklevel=3)
    if doc.sentences:
        lang = doc.language
        if lang["is_english"] is False:
            warnings.warn(
                f"segment(): the text does not look like English prose (most letters {lang['script']} script, "
                f"{lang['script_share']:.0%}; English function words {lang['english_share']:.0%} of the words, "
                f"English speeches have 40-55%): readability, syllables and word lists are for English",
                LanguageWarning,
                stacklevel=3,
            )
    return doc


_WARNINGS = {"markup": MarkupWarning, "speaker": SpeakerWarning}


def turns(doc: "str | Document"):
    """The speaker turns of a transcript: one row per turn.

    Columns: ``turn`` (0-based), ``speaker`` (the label as written, None for
    the text before the first label), ``kept`` (analysed, or set aside as
    another speaker's), ``paragraphs`` and ``words`` (of the turn, label
    excluded).  Empty (same columns) for a text without "Name:" turns.
    """
    import pandas as pd

    d = as_document(doc, "turns")
    return pd.DataFrame({
        "turn": pd.Series([t.turn for t in d.turns], dtype="int64"),
        "speaker": pd.Series([t.speaker for t in d.turns], dtype=object),
        "kept": pd.Series([t.kept for t in d.turns], dtype="bool"),
        "paragraphs": pd.Series([t.paragraphs for t in d.turns], dtype="int64"),
        "words": pd.Series([t.words for t in d.turns], dtype="int64"),
    })


def header_fields(doc: "str | Document") -> dict:
    """Title, date and place found in the page furniture above the text, to prefill metadata.

    Returns ``{"title": str | None, "date": "YYYY-MM-DD" | None, "place": str | None}``
    (a date with no day is "YYYY-MM").  For the seed page: ``{"title":
    "Secretary-General's closing remarks at High-Level Conference on
    Counter-Terrorism", "date": "2018-06-29", "place": "New York"}``.
    """
    d = as_document(doc, "header_fields")
    out = {k: d.header.get(k) for k in ("title", "date", "place")}
    # the first place line that names a place: "UNITED NATIONS" above "New York, 3 May 2025" is
    # furniture all the same, but no place to put in the metadata
    out["place"] = next((p for p in d.header.get("places", ()) if _plausible_place(p)), None)
    return out


def _add_place(header: dict, place: str) -> None:
    """Record a place line of the header: the first one is ``header["place"]``, all are ``header["places"]``."""
    header.setdefault("place", place)
    header.setdefault("places", []).append(place)


# issue 10 (prefilling metadata): lines the furniture rules take for a place that name no place --
# an organ or office ("UNITED NATIONS", "General Assembly"), a page title in capitals ("OPENING
# REMARKS"), a salutation after a date ("09 June 2025 Mr. President,")
_NOT_PLACE_WORDS = frozenset(
    """remarks remark statement statements address message speech opening closing keynote briefing press
    conference session meeting debate logo menu plenary assembly council secretary-general president nations
    committee office delegation mission video transcript published posted updated delivered issued released
    dated date""".split()
)


def _plausible_place(place: str) -> bool:
    words = [w.strip(".,;:").casefold() for w in place.split()]
    if not words or words[0] in _VOC_HEADS or words[0] in ("mr", "mrs", "ms", "mme", "h.e"):
        return False
    return not any(w in _NOT_PLACE_WORDS for w in words)


def _nfc(text: str) -> str:
    """``text`` in composed form (NFC); a no-op (two C-speed checks) for ordinary text."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _choose_speaker(keys: list[str | None], words: list[int], names: dict[str, str],
                    speaker: str | None) -> tuple[set[str], str | None]:
    """The label keys whose turns are analysed, and a warning (or None)."""
    spoken: dict[str, int] = {}
    for k, n in zip(keys, words):
        if k is not None:
            spoken[k] = spoken.get(k, 0) + n
    note = None
    if speaker is not None:
        wanted = _label_key(speaker)
        score = {k: _speaker_overlap(k, wanted) for k in spoken}
        best_score = max(score.values(), default=0)
        if best_score:
            return {k for k, v in score.items() if v == best_score}, None
        note = (f"segment(): speaker {speaker!r} is none of the speakers of the transcript "
                f"({', '.join(names[k] for k in spoken)}); the turns of the one who speaks most are analysed")
    answering = {k: n for k, n in spoken.items() if k not in _QUESTION_LABELS} or spoken
    best = max(answering, key=lambda k: (answering[k], -keys.index(k)))
    # the same speaker labelled with and without a name ("Deputy Spokesperson Farah Nouri:", "Deputy Spokesperson:")
    return {k for k in spoken if k == best or k.startswith(best + " ") or best.startswith(k + " ")}, note


@lru_cache(maxsize=256)
def _segment(original: str, speaker: str | None = None) -> Document:
    text = _normalise(original)
    syl_n = _SYLN.__getitem__
    make_sentence = Sentence._make
    out: list[Sentence] = []
    marked: list[list] = []  # per sentence of out: the chunks that are not bare words (Document.marked_chunks)
    removed: list[Removed] = []
    notes: list[tuple[str, str]] = []
    markup: list[str] = []
    headings: frozenset[str] = frozenset()
    if _may_hold_markup(text):
        text, markup, stripped, headings = _strip_markup(text)
        removed.extend(Removed(kind, t, 0, None) for kind, t in stripped)
        if markup:
            notes.append(("markup", f"segment(): the text holds markup ({', '.join(markup)}); stripped before "
                                    f"counting ({len(stripped)} piece(s) removed, listed in Document.removed)"))
    odd = _has_odd_marks(text)
    cjk = _has_cjk_ends(text)
    paras = paragraphs(text)
    paras, head, tail, header = _cut_furniture(paras)
    removed.extend(Removed("furniture", line, 0, None) for line in head)
    title_key = _title_key(header["title"]) if header.get("title") else ""
    # Speaker turns ("Question:", "Secretary-General:")
    labels: list[str | None] | None = None
    turn_rows: list[list] = []
    turn_of: list[int] = []
    kept_turn: list[bool] = []
    if ":" in text:
        found = _find_turns(paras)
        if found is not None:
            paras, labels = found
            keys: list[str | None] = []
            names: dict[str, str] = {}
            for i, lab in enumerate(labels):
                if lab is not None or not turn_rows:
                    name = lab.rstrip().rstrip(":").strip() if lab else None
                    key = _label_key(name) if name else None
                    if key is not None:
                        names.setdefault(key, name)
                    turn_rows.append([len(turn_rows), name, True, 0, 0])
                    keys.append(key)
                turn_of.append(len(turn_rows) - 1)
            words_of = [0] * len(turn_rows)
            for i, para in enumerate(paras):
                lab = labels[i]
                words_of[turn_of[i]] += len(_words(para[len(lab):] if lab else para))
            chosen, note = _choose_speaker(keys, words_of, names, speaker)
            if note:
                notes.append(("speaker", note))
            kept_turn = [k is None or k in chosen for k in keys]
            for row, kept in zip(turn_rows, kept_turn):
                row[2] = kept
    first_word = 0
    other_speaker = -1  # a paragraph given to someone else ("Audience members. U.S.A.!")
    for i, para in enumerate(paras):
        turn = -1
        if labels is not None:
            turn = turn_of[i]
            turn_rows[turn][3] += 1
            lab = labels[i]
            who = turn_rows[turn][1]
            if lab:
                removed.append(Removed("speaker label", lab.strip(), i, None, who))
                para = para[len(lab):].strip()
            if not kept_turn[turn]:
                n_before = len(removed)
                for _, raw, _kind in _sentences_with_paragraphs(para):
                    removed.append(Removed("other speaker", raw, i, None, who))
                turn_rows[turn][4] += sum(len(_words(r.text)) for r in removed[n_before:])
                continue
            if not para:
                continue
        if headings and para in headings:
            removed.append(Removed("heading", _squash(para), i, None))
            continue
        k = para.find(".", 0, 40)
        if k > 0 and para[k + 1:k + 4].lstrip()[:1] in ("\u2014", "\u2013", "-") and para[k + 1:k + 4].strip():
            m = _SPEAKER_LABEL_DASH.match(para)
            if m is not None:
                removed.append(Removed("speaker label", m.group("label"), i, None))
                para = para[m.end():].strip()
                if not para:
                    continue
        line_units = _line_units(para)
        kinds: list[str | None] | None = None
        if len(line_units) == 1 and line_units[0][0] is None:
            sents = _split_paragraph(para, cjk)
            n_sent = len(sents)
        else:
            sents, kinds = [], []
            for kind, chunk in line_units:
                if kind:
                    sents.append(_squash(chunk))
                    kinds.append(kind)
                else:
                    pieces = _split_paragraph(chunk, cjk)
                    sents.extend(pieces)
                    kinds.extend([None] * len(pieces))
            n_sent = kinds.count(None)
        para_start = True
        words_before = first_word
        brackets = "[" in para or "(" in para
        for k, raw in enumerate(sents):
            if kinds is not None and kinds[k] is not None:
                kind = kinds[k]
                removed.append(Removed("furniture" if kind == "date" else kind, raw, i, None))
                continue
            at_start = para_start
            para_start = False
            if title_key and abs(len(raw) - len(title_key)) < 16 and _title_key(raw) == title_key:
                removed.append(Removed("furniture", raw, i, None))  # the headline, repeated
                continue
            if at_start and _SPEAKER_LABEL.fullmatch(raw):
                removed.append(Removed("speaker label", raw, i, None))
                if _OTHER_SPEAKER_LABEL.fullmatch(raw):
                    other_speaker = i
                continue
            if i == other_speaker:
                removed.append(Removed("other speaker", raw, i, None))
                continue
            if at_start and n_sent == 1 and len(raw) <= 80 and _HEADING.fullmatch(raw) and len(raw.split()) <= 12:
                removed.append(Removed("heading", raw, i, None))
                continue
            if (
                raw[0] == "[" and raw[-1] == "]" and raw.count("[") == 1 and len(raw) > 2
                and not raw[1:2].islower() and raw[1:4] != "..."
            ):
                # a bracketed line standing alone: a transcript note ("[At this point, ... was escorted ...]")
                removed.append(Removed("stage direction", raw, i, None))
                continue
            # (a stage direction needs a bracket: looked for once per paragraph, whose parts the sentences are)
            clean, noise = _clean_sentence(raw) if brackets else (raw, ())
            if noise:
                target = len(out) if clean else None
                removed.extend(Removed("stage direction", n, i, target) for n in noise)
                if not clean:
                    continue
            mk: list = []
            ws = _words(clean, odd, mk)
            if not ws:
                removed.append(Removed("no words", clean, i, None))
                continue
            marked.append(mk)
            sy = tuple(map(syl_n, ws))
            # Sentence._make of the fields in order: the same named tuple as Sentence(...), built
            # at a third of the cost, without the Python-level __new__ that a NamedTuple call runs
            out.append(make_sentence((len(out), i, clean, tuple(ws), sy, first_word)))
            first_word += len(ws)
        if turn >= 0:
            turn_rows[turn][4] += first_word - words_before
    last = max(len(paras) - 1, 0)
    removed.extend(Removed("furniture", line, last, None) for line in tail)
    sentences = tuple(out)
    # (the chunks are valid for the figures only when each sentence's text is its chunks one space apart: true
    # unless the text holds a white-space character that _squash and _WS do not replace; checked once here)
    spaced = not _has_rare_space(text)
    return Document(
        original,
        sentences,
        tuple(removed),
        header=header,
        markup=tuple(markup),
        turns=tuple(Turn(*row) for row in turn_rows),
        notes=tuple(notes),
        marked_chunks=(sentences, tuple(marked)) if spaced else None,
    )


def clear_cache() -> None:
    """Forget the segmentations kept in memory (the bounded LRU of the 256 most recent texts).

    The only in-process cache of Documents; corpus runs call it so that a long
    run holds no Documents it will not ask for again.
    """
    _segment.cache_clear()
