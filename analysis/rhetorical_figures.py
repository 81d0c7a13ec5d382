"""Figures of speech: lists and tricolons, contrasts, questions, epistrophe, anadiplosis, chiasmus, claptraps.

One extractor, :func:`figures_of_speech`, returns every figure found in a
document, one row each, with the shared leading columns of
:func:`analysis.matches.match_table`; :func:`figure_measures` gives the rates
per 1,000 words for the corpus profile; :func:`applause_after_figures`
describes how often a transcript's applause markers follow a flagged sentence.

Everything reads the one segmentation (:func:`analysis.text.segment`): the
words of each sentence, and the sentence's text only to see the punctuation
*between* two words (commas, semicolons, colons, dashes, quotation marks),
found by locating each word of the segmentation in order.  Nothing here
tokenises text.  Pure Python, rules kept as data (word sets at the top).

Figures and how they are found
------------------------------
``list`` / ``tricolon``
    Parallel items joined by commas (or semicolons) and a final *and*/*or*/
    *nor* ("security, intelligence and law enforcement officials"), by a
    repeated conjunction ("hands and heads and hearts", items of at most four
    words), or by a repeated opening word ("of business, of labor, and of
    agriculture"; "right here, right now").  A list of three is a
    ``tricolon``; lists of two (only when the opening word is repeated: plain
    "X and Y" pairs are everywhere and are not reported) and of four or more
    are ``list`` rows with their ``n_items``.  Items that are all numbers
    ("1967, 1966, or 1965") are enumerations, not rhetoric, and are skipped.
    Two tricolons need no conjunction: three one-word items joined by bare
    commas before the word they qualify ("these sudden, harsh, arbitrary
    cuts": ``asyndeton``), and three items of one frame whose first and last
    words change ("power for the sake of power, ...": ``repetition``).
    Subtypes: ``conjunction``, ``polysyndeton``, ``repetition``, ``asyndeton``.
``contrast``
    Subtypes ``not X but Y``, ``X, not Y`` (also "and not", "but not"),
    ``rather than``, ``instead of``, ``as opposed to``, ``on the one hand``
    (or "on the other hand"), ``whereas``, ``while`` (a sentence opening with
    *While*, or a *while* clause that holds a negation: "while asking nothing";
    temporal *while* is not a contrast), ``parallel clauses`` (two clauses of
    one sentence, split at "; " or ", but"/", yet", that repeat a content word
    and differ in polarity: "Our Government shouldn't make promises we cannot
    keep, but we must keep the promises we've already made"; or that open with
    the same two words with different polarity: "Now is not the time ..., now
    is the time ...") and ``across sentences`` (a sentence opening with *But*,
    *Yet* or *Or* that repeats content words of the sentence before, with a
    polarity flip for *But*/*Yet*; "Two years ago ... And today ...").
``question``
    A sentence ending in "?".  Inside a quotation (the "?" is followed by a
    closing quotation mark, or a quotation opened in the sentence is still
    open) it is not the speaker's question and is not reported.  Subtypes:
    ``addressed`` (a vocative: "Where are you, Mitch?", "Mr. President, will
    you ...?"), ``answered`` (the next sentence is not a question: the speaker
    goes on), ``unanswered`` (followed by another question, or the last
    sentence).
``epistrophe``
    Two successive sentences, or two clauses of a sentence, ending with the
    same one to three words, at least one of them a content word ("...
    everywhere in the world. ... everywhere in the world.").
``anadiplosis``
    The last word of a clause or sentence (a content word) repeated as the
    first word of the next one, skipping an article ("came together. Came
    together to defend ..."; "a revolution -- a revolution which goes on").
``chiasmus``
    Antimetabole candidates: two content words ``a ... b ... b ... a`` in
    inverted order within one sentence or two successive ones, at most 30 words
    apart, scored with features of Dubremetz & Nivre (2015, 2018): exact
    repetition, no other repetition of the words, shared context words,
    punctuation or a conjunction or negation at the centre, short distance.
    ``score`` ranks them; it is not a probability and there is no yes/no
    threshold: read the top candidates.
``claptrap``
    Atkinson's (1984) applause-inviting formats: a contrast or three-part list
    that closes its sentence (its last part ends at the sentence's last word).
    Subtype ``contrast`` or ``tricolon``, with ``, paragraph end`` when the
    sentence also closes its paragraph.

What is not seen: other lists without a conjunction or repetition ("cost us
jobs, hurt our economy, visit hardship"), contrasts carried by meaning alone ("the economy is growing,
but wages are flat"), questions without a question mark, figures spread over
more than two sentences, irony, and whether any of it is deliberate.

References: Atkinson, J. M. (1984), *Our Masters' Voices*; Heritage, J. &
Greatbatch, D. (1986), "Generating applause", *American Journal of Sociology*
92(1); Dubremetz, M. & Nivre, J. (2015), "Rhetorical figure detection: the case
of chiasmus", *NAACL Workshop on Computational Linguistics for Literature*;
Dubremetz, M. & Nivre, J. (2018), "Rhetorical figure detection: chiasmus,
epanaphora, epiphora", *Frontiers in Digital Humanities* 5:10.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import partial
from itertools import accumulate
from itertools import compress, filterfalse
from itertools import chain, starmap
from operator import contains, itemgetter, ne
from typing import Iterable, Literal, Sequence

import numpy as np
import pandas as pd

from analysis.rates import Bootstrap, rates
from analysis.matches import match_table
from analysis.memo import WordMemo
from analysis.text import Document, Sentence, as_document, normalise_marks

__all__ = ["FIGURES", "figures_of_speech", "figure_measures", "figure_rates", "applause_after_figures"]

Figure = Literal["tricolon", "list", "contrast", "question", "epistrophe", "anadiplosis", "chiasmus", "claptrap"]
#: Every kind :func:`figures_of_speech` reports, in the order of its rows' ``figure`` categories.
FIGURES: tuple[str, ...] = ("tricolon", "list", "contrast", "question", "epistrophe", "anadiplosis", "chiasmus",
                            "claptrap")
#: Kinds counted by :func:`figure_measures` (chiasmus is ranked, never counted).
COUNTED: tuple[str, ...] = ("tricolon", "list", "contrast", "question", "epistrophe", "anadiplosis", "claptrap")

COLUMNS = ["figure", "subtype", "n_items", "parts", "text", "score"]
DTYPES = {"figure": "object", "subtype": "object", "n_items": "int64", "parts": "object", "text": "object",
          "score": "float64"}


def _W(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Function words: never the content words of an epistrophe, anadiplosis or chiasmus.
STOPWORDS = _W(
    "a an the and or nor but yet so for of in on at to by with from into onto upon about as than then that "
    "this these those there here it its it's is are was were be been being am do does did doing done have has had "
    "having i me my mine we us our ours you your yours he him his she her hers they them their theirs who whom "
    "whose which what when where why how all any some no not n't each every both either neither one ones other "
    "such own same very can could may might must shall should will would let let's i'm we're we've we'll you're "
    "they're they've it'll that's there's don't doesn't didn't can't won't isn't aren't wasn't weren't "
    "if because while although though also too just only even more most much many few less up down out over "
    "off again further once ever never now s t")
CONJUNCTIONS = _W("and or nor")
NEGATIONS = _W("not no never nothing nobody none neither nor cannot n't don't doesn't didn't can't won't "
               "wouldn't shouldn't couldn't isn't aren't wasn't weren't haven't hasn't hadn't mustn't")
# A list item does not open with these (a clause or an aside, not a parallel item).
NOT_ITEM_START = _W(
    "which who whom whose that if when where whereas while because although though since unless until as "
    "however moreover therefore indeed but so yet then thus hence also i'm")
# Sentence openers set off by a comma that are not a list's first item ("Now, ...", "Folks, ...").
DISCOURSE = _W(
    "now yes no well so today tonight tomorrow yesterday first second third finally however indeed folks look "
    "and but or thus then therefore instead still meanwhile again also here there oh please friends together "
    "moreover furthermore nevertheless certainly clearly sadly unfortunately fortunately")
NUMBER_WORDS = _W("one two three four five six seven eight nine ten eleven twelve hundred thousand million "
                  "billion trillion percent per cent")
SEPARATORS = ",;:\u2014\u2013()!?"  # a gap holding one of these ends a clause or an item
_QUOTES_CLOSE = "\"\u201d'\u2019"
_QUOTES = "\"\u201c\u201d"
TITLES = _W("mr. mrs. ms. madam mr mrs ms dr. dr president speaker senator sir chairman secretary-general")
MAX_ITEM = 7  # words in a list item (comma lists)
MAX_POLY_ITEM = 4  # words in an item of "X and Y and Z"
CHIASMUS_WINDOW = 30  # words between the two outer words


# ---------------------------------------------------------------------------
# Word positions: the punctuation between two words of the segmentation
# ---------------------------------------------------------------------------


_SEP_RE = re.compile(r"[,;:()!?\u2014\u2013]|--| - |\. ")
_SEP_SEARCH = _SEP_RE.search


def _has_sep(t: str) -> bool:
    """``_SEP_SEARCH(t) is not None``, faster: one ``in`` per alternative of :data:`_SEP_RE` (each a C scan
    with no regex machinery; _SEP_RE opens with a class *or* a literal, so the regex engine has no prefix to
    skip to and tries a match at every character).  Most texts hold a comma: the first test answers."""
    return ("," in t or ";" in t or ":" in t or "(" in t or ")" in t or "!" in t or "?" in t or "\u2014" in t
            or "\u2013" in t or "--" in t or " - " in t or ". " in t)
_SEP_CHARS = frozenset(",;:()!?\u2014\u2013")
_END = itemgetter(1)  # the end of a span (made once: one made per use makes the claptrap test 40% slower)


_ODD_MARKS = "\u2019\u2010\u2011"  # what normalise_marks changes (text._has_odd_marks)


def _odd_sep(text: str) -> bool:
    """Does the text, marks normalised, hold a separator its raw form does not?  (Unicode hyphens become "-":
    "\u2010\u2010" is "--", " \u2010 " is " - ".)"""
    return ("\u2010" in text or "\u2011" in text) and _has_sep(normalise_marks(text))


class _Gaps(WordMemo):
    """The gaps of a fast-path sentence, computed when asked for (``gaps[i]``, 0 <= i <= n), then kept.

    A :class:`~analysis.memo.WordMemo` of the sentence's gaps, owned by the sentence (not registered): a gap
    read again is a plain dict lookup.  It holds the sentence's chunks and words, not the sentence: no
    reference cycle, so a sentence is freed as soon as the driver drops it, without waiting for the cyclic
    garbage collector.  Made by :func:`_new_gaps`, not by calling the class.
    """

    __slots__ = ()
    name = "gaps of a sentence"  # (for repr: the same for every sentence, so not stored in each memo)


_GAPS_NEW = dict.__new__


def _new_gaps(items: Sequence[tuple[int, str]], words: Sequence[str], n: int) -> _Gaps:
    """The :class:`_Gaps` of a fast-path sentence (``items``: ``(k, chunk of word k)``, k rising, for the
    chunks that are not their word alone), unregistered.

    Built without WordMemo.__init__ (its super().__init__() and the register test: two more Python-level calls
    per sentence): ``dict.__new__`` gives the empty memo, and the function is its one slot to set (the name is
    the class's).  The pairs are kept as they come (a chunk is found by bisection, :func:`_gap`), not copied
    into a dict, nor split into two lists.  (Measured: 0.2 us a sentence, against 0.7 us with WordMemo.__init__
    and a dict, 0.55 us with two lists.)
    """
    g = _GAPS_NEW(_Gaps)
    g.func = partial(_gap, items, words, n)
    return g


def _gap(items: Sequence[tuple[int, str]], words: Sequence[str], n: int, i: int) -> str:
    """What stands between word ``i - 1`` and word ``i`` of a fast-path sentence (``items``: ``(k, chunk of
    word k)``, k rising, for the chunks that are not their word alone)."""
    # (i - 1,) sorts before every pair (i - 1, chunk) and after every pair of a lesser k: j is the first pair
    # of word i - 1 or later
    j = bisect_left(items, (i - 1,))
    m = len(items)
    before = ""
    if i > 0:
        if j < m and items[j][0] == i - 1:
            c = items[j][1]
            w = words[i - 1]
            before = c[c.find(w) + len(w):]
            j += 1
        if i < n:
            before += " "
    after = ""
    if i < n and j < m and items[j][0] == i:
        c = items[j][1]
        after = c[:c.find(words[i])]
    return before + after


def _marked_seps(items: Iterable[tuple[int, str]], words: Sequence[str], n: int) -> set[int]:
    """The separators of a fast-path sentence (one word per white-space chunk, single spaces), read off the
    chunks that are not their word alone (``items``: ``(k, chunk of word k)``): a separator can only sit in
    such a chunk, and only its few leading and trailing marks are looked at.  A word starts with a letter or a
    digit and ends with one or with the full stop of an acronym (text._WORD), so what precedes the word in its
    chunk stands before word k, what follows it after (before word k + 1): the same separators as a search of
    _SEP_RE over each gap ("." + space inside the sentence: a chunk ending with a full stop after its word, not
    the last chunk)."""
    seps = set()
    last = n - 1
    for k, c in items:
        w = words[k]
        if c[:-1] == w:  # the word and one mark after it ("word,"; "word." closing the sentence): most chunks
            x = c[-1]
            if x in _SEP_CHARS or x == "." and k < last:
                seps.add(k + 1)
            continue
        cs = c.find(w)
        if cs and (not _SEP_CHARS.isdisjoint(c[:cs]) or "--" in c[:cs]):
            seps.add(k)
        post = c[cs + len(w):]
        if post and (not _SEP_CHARS.isdisjoint(post) or "--" in post or k < last and post[-1] == "."):
            seps.add(k + 1)
    return seps


class _S:
    """One sentence prepared for the rules: lower-cased words and the punctuation before each word.

    Each word of the segmentation is located in the sentence's text in order with
    ``str.find``, so ``gaps[i]`` is exactly what stands between word ``i - 1`` and
    word ``i`` (``gaps[0]``: before the first word; ``gaps[n]``: after the last).
    ``seps[i]`` says whether that gap holds clause punctuation (comma, semicolon,
    colon, dash, bracket, a full stop inside the sentence); ``cuts`` lists those ``i``.
    ``marked``: the chunks of the text that are not a bare word, as the segmentation recorded them
    (``Document.marked_chunks``), or None.
    """

    __slots__ = ("s", "low", "n", "first", "text", "gaps", "seps", "cuts", "_starts", "marked", "odd")

    def tail(self) -> str:
        """What follows the last word (the closing punctuation and quotation marks)."""
        w = self.s.words[-1]
        t = normalise_marks(self.s.text)
        return t[t.rfind(w) + len(w):]

    def __init__(self, s: Sentence, low: Sequence[str], marked: list | None = None, odd: bool = True):
        self.s = s
        self.low = low
        self.n = len(low)
        self.first = s.first_word
        self.text = s.text
        self.marked = marked
        self.odd = odd  # False: the caller knows the text holds no mark that normalise_marks changes
        self.gaps: list[str] | None = None  # filled by ready(), only for sentences a rule may fire on

    def ready(self) -> "_S":
        """Locate the words in the text (the separators and cuts; the gaps on demand); once."""
        if self.gaps is not None:
            return self
        s = self.s
        raw = s.text
        t = self.text = normalise_marks(raw) if self.odd else raw
        words = s.words
        n = self.n
        # mk: the chunks that are not their word alone, (k, chunk of word k), when the sentence is its chunks one
        # space apart and word k is chunk k (so every other chunk is its word alone); else None.  The
        # segmentation's word pass records them (each exactly one word, or None for a chunk that is not) only
        # for texts whose sentences are their chunks one space apart: then the text need not be split.
        mk = self.marked
        if mk is None:
            chunks = t.split()
            # (operator.contains / operator.ne rather than str.__contains__ / str.__ne__: the same tests, but a
            # slot wrapper packs its arguments into a tuple for every word, the operator functions do not)
            if len(chunks) == n and " ".join(chunks) == t and all(map(contains, chunks, words)):
                # Fast path: one word per white-space chunk, single spaces, so a separator can only sit in a
                # chunk that is not its word alone; those chunks are picked out at C speed.
                mk = [(k, chunks[k]) for k in compress(range(n), map(ne, chunks, words))]
        elif None in mk:
            # A chunk that is not exactly one word.  Either it holds no letter or digit (a dash standing alone,
            # "--"), so no word lies in it, or it holds two words or more, and then there are fewer than n
            # chunks or some other chunk holds no word: either way the split's test above (n chunks, word k
            # inside chunk k, every word holding a letter or a digit) cannot hold, so it is not tried.
            mk = None
        elif t is not raw:
            mk = [(k, normalise_marks(c)) for k, c in mk]
        if mk is not None:
            seps = _marked_seps(mk, words, n)
            self.gaps = _new_gaps(mk, words, n)
        else:
            gaps = self._find_gaps()
            self.gaps = gaps
            seps = {i for i, g in enumerate(gaps) if g != " " and g != "" and _SEP_SEARCH(g) is not None}
        self.seps = seps
        cuts = self.cuts = sorted(seps)  # (without 0 and n, the least and the greatest a separator can be)
        if cuts and cuts[0] == 0:
            del cuts[0]
        if cuts and cuts[-1] == n:
            cuts.pop()
        self._starts = None
        return self

    def _find_gaps(self) -> list[str]:
        t = self.text
        gaps: list[str] = []
        app = gaps.append
        find = t.find
        pos = 0
        for w in self.s.words:
            j = find(w, pos)
            if j < 0:  # cannot happen for the segmentation's own words; keep going rather than fail
                j = pos
            app(t[pos:j])
            pos = j + len(w)
        app(t[pos:])
        return gaps

    def gap_list(self) -> list[str]:
        """Every gap, as a list (``gaps[0]`` .. ``gaps[n]``)."""
        self.ready()
        return self.gaps if isinstance(self.gaps, list) else [self.gaps[i] for i in range(self.n + 1)]

    def sep(self, i: int) -> bool:
        """Is there clause punctuation before word ``i``?"""
        return i in self.seps

    def span_text(self, a: int, b: int) -> str:
        """The sentence's own text of words ``a`` .. ``b - 1`` (with their punctuation)."""
        self.ready()
        if self._starts is None:
            starts, pos = [], 0
            for w, g in zip(self.s.words, self.gap_list()):
                pos += len(g)
                starts.append(pos)
                pos += len(w)
            self._starts = starts
        words = self.s.words
        return self.s.text[self._starts[a]:self._starts[b - 1] + len(words[b - 1])]


def _polarity(words: Sequence[str]) -> bool:
    """Does a negation occur in ``words`` (not, no, never, ..., any "n't" form)?"""
    return not NEGATIONS.isdisjoint(words) or "n't" in " ".join(words)


def _content(words: Iterable[str]) -> set[str]:
    return {w for w in set(words) - STOPWORDS if not w.isdigit()}


def _shared_content(x: Sequence[str], y: Sequence[str]) -> int:
    """``len(_content(x) & _content(y))``: the words of both, set operations first."""
    both = set(x).intersection(y)
    both.difference_update(STOPWORDS)
    return len(both) - sum(map(str.isdigit, both))


def _numbers(low: Sequence[str], spans: Iterable[tuple[int, int]]) -> bool:
    """Does every item (``(start, end)`` in ``spans``) open with a number ("12, 14 and 19": an enumeration)?"""
    for a, _ in spans:  # (a plain loop: it returns at the first item, most often)
        w = low[a]
        if not (w[:1].isdigit() or w in NUMBER_WORDS):
            return False
    return True


def _clauses(p: _S) -> list[tuple[int, int]]:
    """Word ranges of the sentence's clauses, split at clause punctuation."""
    bounds = [0, *p.cuts, p.n]
    return [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k + 1] > bounds[k]]


def _parts(p: _S, spans: Sequence[tuple[int, int]]) -> str:
    return "|".join(f"{p.first + a}-{p.first + b}" for a, b in spans)


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


def _item_end(p: _S, i: int, limit: int) -> int:
    """End (exclusive) of the item that starts at word ``i``: the next clause punctuation or conjunction."""
    # (the first cut after i bounds the walk: before word j < n, clause punctuation is a cut)
    cuts = p.cuts
    x = bisect_right(cuts, i)
    stop = min(p.n, i + limit, cuts[x] if x < len(cuts) else p.n)
    low = p.low
    if CONJUNCTIONS.isdisjoint(low[i + 1:stop]):  # (most items: no conjunction before the punctuation)
        return max(stop, i + 1)
    j = i + 1
    while low[j] not in CONJUNCTIONS:
        j += 1
    return j


# Which list rules may fire in a sentence (bits of :func:`_list_rules`; :func:`_lists` runs only those).
_COMMA_RULE, _POLY_RULE, _ASYNDETON_RULE, _REP_RULE, _FRAME_RULE = 1, 2, 4, 8, 16
_ALL_RULES = _COMMA_RULE | _POLY_RULE | _ASYNDETON_RULE | _REP_RULE | _FRAME_RULE


def _conjunctions(low: Sequence[str]) -> list[int]:
    """The positions of the conjunctions (and, or, nor) among ``low``."""
    return list(compress(range(len(low)), map(CONJUNCTIONS.__contains__, low)))


def _lists(p: _S, rules: int = _ALL_RULES, conj: list[int] | None = None) -> list[tuple[str, list[tuple[int, int]]]]:
    """``(subtype, item spans)`` for every list of the sentence (sentence word indices).

    ``rules``: the rules that may fire (:func:`_list_rules`); the others are not run (they find nothing).
    ``conj``: the positions of the conjunctions, when known (:func:`_conjunctions`).
    """
    low, n = p.low, p.n
    found: list[tuple[str, list[tuple[int, int]]]] = []
    used: set[int] = set()  # conjunctions already inside a list
    covered: set[int] = set()  # words already inside a list
    comma, poly = rules & _COMMA_RULE, rules & _POLY_RULE
    if conj is None:
        conj = _conjunctions(low)
    for c in conj if comma or poly else ():
        if c == 0 or c >= n - 1 or c in used:
            continue
        # 1. A comma list: ..., A, B(,) and C
        items = _comma_list(p, c) if comma else None
        sub = "conjunction"
        if items is None:
            items = _poly_list(p, c) if poly else None
            sub = "polysyndeton"
        if items is None:
            continue
        if _numbers(low, items):  # "12, 14 and 19": an enumeration of numbers
            continue
        # the words of the items: none inside a list already found
        if covered and not covered.isdisjoint(chain.from_iterable(starmap(range, items))):
            continue
        covered.update(chain.from_iterable(starmap(range, items)))
        # (the conjunctions inside the items: those of the lists before are in used already, so the
        # conjunctions among all the covered words)
        used.update(covered.intersection(conj))
        used.add(c)
        found.append((sub, items))
    if rules & _REP_RULE:
        reps = _repetition_lists(p, used, conj)
        if reps:
            found.extend(r for r in reps if r[1][0][0] not in covered)
    if rules & (_ASYNDETON_RULE | _FRAME_RULE):  # (the words inside a list, for the two rules that read them)
        for _, spans in found:
            covered.update(chain.from_iterable(starmap(range, spans)))
    if rules & _ASYNDETON_RULE:
        found.extend(_asyndeton(p, covered))
    if rules & _FRAME_RULE:
        found.extend(_frames(p, covered))
    return found


def _frames(p: _S, covered: set[int]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Three items of one frame, only their first and last word changing, joined by bare commas:
    "fighting for the sake of fighting, power for the sake of power, conflict for the sake of conflict".
    The middle item lies between two commas; the frame (its words but the first and the last, at least
    two) is the same in the item before and the one after."""
    low, n, seps = p.low, p.n, p.seps
    cuts = p.cuts
    out = []
    for i, j in zip(cuts, cuts[1:]):
        size = j - i
        if size < 4 or i < size or j + size > n:
            continue
        # (the words, then the gaps: the same tests, the cheap ones first; first the frame's first word in the
        # three items, before any slice)
        w = low[i + 1]
        if low[i - size + 1] != w or low[j + 1] != w:
            continue
        frame = low[i + 1:j - 1]
        if low[i - size + 1:i - 1] != frame or low[j + 1:j + size - 1] != frame:
            continue
        gaps = p.gaps
        if gaps[i] != ", " or gaps[j] != ", " or STOPWORDS.issuperset(frame) \
                or not covered.isdisjoint(range(i - size, j + size)) \
                or not seps.isdisjoint(range(i - size + 1, i)) or not seps.isdisjoint(range(j + 1, j + size)):
            continue
        out.append(("repetition", [(i - size, i), (i, j), (j, j + size)]))
        covered.update(range(i - size, j + size))
    return out


_NOT_HEADS = _W("etc without whereby except namely unless including")


def _asyndeton(p: _S, covered: set[int]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Three one-word items joined by bare commas before the word they qualify: "These sudden, harsh,
    arbitrary cuts".  After a function word (these, the, a, our, more ...) and not after clause punctuation
    (so no opening "Today, ..."); the items and the head in lower case (no "Jackson, Mississippi, public"),
    none a stop word, a discourse word, an -ly adverb ("namely") or a number; the head no stop word and
    none of :data:`_NOT_HEADS`; exactly ", " between the items (the prefilter looks for that)."""
    low, n, gaps, seps = p.low, p.n, p.gaps, p.seps
    out = []
    for i in p.cuts:  # i: the second item, after the first comma
        a = i - 1
        if a < 1 or a in seps or i + 2 >= n or i + 1 not in seps or i + 2 in seps or i + 3 in seps \
                or gaps[i] != ", " or gaps[i + 1] != ", " or gaps[i + 2] != " ":
            continue
        # (the word tests, the cheap ones first, before any slice)
        head = low[i + 2]
        if head in STOPWORDS or head in _NOT_HEADS or low[a - 1] not in STOPWORDS:
            continue
        items = low[a:i + 2]
        if not _NOT_ASYNDETON.isdisjoint(items) or any(w.endswith("ly") for w in items) \
                or not all(w[:1].islower() for w in p.s.words[a:i + 3]) \
                or covered and not covered.isdisjoint(range(a, i + 3)):
            continue
        out.append(("asyndeton", [(a, a + 1), (i, i + 1), (i + 1, i + 2)]))
        covered.update(range(a, i + 2))
    return out


# No item of an asyndeton (the items' -ly adverbs are tested apart).
_NOT_ASYNDETON = STOPWORDS | DISCOURSE | _NOT_HEADS | NUMBER_WORDS


_PREPOSITIONS = _W("of for in to with on by at from about into")
_ARTICLES = _W("a an the")


# Words after which a list's first item may start inside a longer segment ("things like education, ...").
LIST_INTRO = _W("like including include includes of to for in on with about from between among by as are is "
                "were was be such especially particularly namely it we they you he she i who that which will would "
                "can must should through across against without within under over into towards toward beyond around "
                "behind via")


_ADVERBIAL = _W("for in after since when if as because during over before until while at by from with on")


def _adverbial(low: Sequence[str], k: int, j: int) -> bool:
    """Is ``low[k:j]`` an introductory adverbial ("but for more than a decade")?"""
    k += low[k] in CONJUNCTIONS or low[k] in ("but", "yet", "so")
    return k < j and low[k] in _ADVERBIAL


def _comma_list(p: _S, c: int) -> list[tuple[int, int]] | None:
    """A, B(,) and C (or longer): items between commas, the last after the conjunction."""
    low, n, seps, cuts = p.low, p.n, p.seps, p.cuts
    c1 = c + 1  # first word of the last item, after an aside ("and, above all, concern")
    if c1 < n and c1 in seps:
        c1 = next((m for m in range(c1 + 1, min(n, c1 + 4)) if m in seps), n)
    if c1 >= n or low[c1] in NOT_ITEM_START:
        return None
    # j: start of the item before the conjunction, the last cut before it (a cut is a separator, never 0 or c);
    # each segment before starts at the cut before (x: j's place among the cuts), or at the sentence start
    x = bisect_left(cuts, c) - 1
    if x < 0:
        return None
    j = cuts[x]
    lb = c - j
    if lb > 6:  # (tested before the gap is built: longer than either bound)
        return None
    gaps = p.gaps
    g = gaps[c]
    oxford = "," in g or ";" in g
    if lb > 4 and not oxford:
        return None
    g = gaps[j]
    if ";" in g:
        sep_kind = ";"
    elif "," in g:
        sep_kind = ","
    else:
        return None
    items = [(j, c)]  # (last first: reversed at the end)
    longest = lb  # the widest item so far
    parallel = False  # the first two items open with the same word
    bound = max(lb, 1)
    while True:
        x -= 1
        k = cuts[x] if x >= 0 else 0
        if k == 0 and low[0] in CONJUNCTIONS:  # a sentence opening with "And ...": the segment starts after it
            k = 1
        seg = j - k
        if k > 1 and low[k] in CONJUNCTIONS and 1 < seg <= bound + 3:
            items.append((k + 1, j))  # "and consumers, patients, and homeowners": the list starts here
            longest = max(longest, seg - 1)
            break
        if seg <= bound + 2 and not (k == 0 and seg == 1 and low[0] in DISCOURSE) and low[k] not in NOT_ITEM_START \
                and not (k <= 1 and _adverbial(low, k, j)):  # "In 2019, teachers and nurses": an opening phrase
            items.append((k, j))
            if seg > longest:
                longest = seg
            if k > 0 and k < j and sep_kind in gaps[k]:
                j = k
                continue
            break
        # a longer segment (or a clause opener): its tail is the first item, if a list could start there
        width = longest
        h = low[items[-1][0]]
        lo = max(k, j - 9)
        same = None
        if h in low[lo:j]:  # the last word before j that is the first item's first word
            same = j - 1
            while low[same] != h:
                same -= 1
        if same is not None and (low[same] not in _ARTICLES or j - same <= width + 1):
            items.append((same, j))
            longest = max(longest, j - same)
            parallel = True
        else:
            intro = None
            for q in range(j - 1, max(k, j - 6) - 1, -1):
                if low[q] in LIST_INTRO:
                    intro = q
                    break
            if intro is not None and intro + 1 < j and CONJUNCTIONS.isdisjoint(low[intro + 1:j]) and (
                    oxford or low[intro] == "to" and h not in STOPWORDS and low[c1] not in STOPWORDS):
                # "to prevent conflicts, build durable peace and promote ...": an infinitive list needs no Oxford comma
                items.append((intro + 1, j))
                longest = max(longest, j - intro - 1)
            elif width == 1 and j - 1 >= k and low[j - 1] not in STOPWORDS and (oxford or not _adverbial(low, k, j)):
                items.append((j - 1, j))
        break
    if len(items) < 2:
        return None
    for a, b in items:
        if low[a] in NOT_ITEM_START or STOPWORDS.issuperset(low[a:b]) or b - a == 1 and low[a] in DISCOURSE:
            return None
    items.reverse()
    end = _item_end(p, c1, n)
    if end - c1 > longest + (4 if oxford else 2) and longest > 1 and not parallel and not _same_form(
            [low[a] for a, _ in items] + [low[c1]]):
        return None
    last = (c1, min(end, c1 + longest + 2))
    if STOPWORDS.issuperset(low[c1:last[1]]):
        return None
    items.append(last)
    return items


def _same_form(heads: list[str]) -> bool:
    """Do the items' first words share an ending ("s", "ed", "ing"), none a stop word?"""
    return any(all(h.endswith(x) and h not in STOPWORDS for h in heads) for x in ("s", "ed", "ing"))


def _poly_list(p: _S, c: int) -> list[tuple[int, int]] | None:
    """X and Y and Z: the same conjunction twice, no punctuation, items of one or two words."""
    low, n = p.low, p.n
    conj = low[c]
    d = c + 1
    while d < n and d - c < 3 and low[d] != conj and not p.sep(d):
        d += 1
    if d >= n - 1 or low[d] != conj or d == c + 1 or p.sep(d) or p.sep(d + 1):
        return None
    mid = (c + 1, d)
    width = d - c - 1
    a = c - width
    if a < 0 or any(p.sep(k) for k in range(a + 1, c + 1)):
        return None
    e = d + 1
    while e < n and e - d <= width + 1 and not p.sep(e) and low[e] not in CONJUNCTIONS and low[e] not in _PREPOSITIONS:
        e += 1
    items = [(a, c), mid, (d + 1, e)]
    for x, y in items:
        if low[x] in NOT_ITEM_START or not _PREPOSITIONS.isdisjoint(low[x:y]) or STOPWORDS.issuperset(low[x:y]):
            return None
    return items


# Opening words whose repetition marks parallel items ("of X, of Y"; "to restore ...; to rebuild ..."; "right here, right now").
_OPENERS = _W("a an the it i we they he she you that")
REPEATABLE = (STOPWORDS - _OPENERS - _W("and or nor but")) | _W("right because")


def _repetition_lists(p: _S, used: set[int], conj: list[int] | None = None) -> list[tuple[str, list[tuple[int, int]]]]:
    """Items that open with the same word after a comma, semicolon or conjunction ("of X, of Y, and of Z").

    The repeated opening is one word of :data:`REPEATABLE` ("of", "to", "more", "right" ...), or two
    words when the first is an article or pronoun ("a Tax Code that ...; a Tax Code that ...").
    ``conj``: the positions of the conjunctions, when known (:func:`_conjunctions`).
    """
    low, n, cuts = p.low, p.n, p.cuts
    if conj is None:
        conj = _conjunctions(low)
    # positions that open an item: after clause punctuation or after a conjunction (a cut is never 0 or n; the
    # word after a conjunction may be n).  A conjunction itself is no key and never the key of a run, so the
    # openings that are conjunctions are left in: they change nothing.
    if conj:
        opens = set(cuts)
        opens.update([c + 1 for c in conj])
        opens = sorted(opens)
        if opens[-1] == n:
            opens.pop()
    else:
        opens = cuts
    seps = p.seps
    out = []
    done: set[int] = set()
    for k, i in enumerate(opens):
        # A run needs its key again within reach after the opening (the first step) or up to 8 words before it
        # (the earlier item): looked for in those windows (a slice and an ``in``), not counted over the sentence.
        # A run holds the openings with the key (the others never end or extend it: they only lie further
        # on), so only those are compared; the earlier item is the last position before i with the key.
        w = low[i]
        if w in _REP_ONE:
            if i in done:
                continue
            lo = max(0, i - 8)
            before = w in low[lo:i]
            if not before and w not in low[i + 1:i + 13]:
                continue
            run = [i]
            last = i
            for i2 in opens[k + 1:]:
                if i2 - last > 12:
                    break
                if low[i2] == w:
                    run.append(i2)
                    last = i2
            j = None
            if before:  # (the item before i, not after punctuation: "by shifting ... or by forcing")
                j = i - 1
                while low[j] != w:
                    j -= 1
        elif w in _REP_TWO:
            if i in done or i + 1 >= n:
                continue
            v = low[i + 1]
            if v in STOPWORDS or v not in low[i + 2:i + 32] and v not in low[max(0, i - 7):i]:
                continue
            run = [i]
            last = i
            for i2 in opens[k + 1:]:
                if i2 - last > 30:
                    break
                if low[i2] == w and i2 + 1 < n and low[i2 + 1] == v:
                    run.append(i2)
                    last = i2
            lo = max(0, i - 8)
            j = None
            if v in low[lo:i + 1]:
                for x in range(i - 1, lo - 1, -1):
                    if low[x] == w and low[x + 1] == v:
                        j = x
                        break
        else:
            continue
        if j is not None:
            # the cuts between the earlier item and i: none with a semicolon (a gap is text of the sentence:
            # none without one in the text)
            if ";" in p.text:
                gaps = p.gaps
                x = bisect_right(cuts, j)
                for y in cuts[x:bisect_left(cuts, i, x)]:
                    if ";" in gaps[y]:
                        break
                else:
                    run.insert(0, j)
            else:
                run.insert(0, j)
        if len(run) < 2:
            continue
        done.update(run)
        spans = []
        a = run[0]
        for b in run[1:]:
            e = b
            while e - 1 > a and low[e - 1] in CONJUNCTIONS:  # an item ends before the next one's conjunction
                e -= 1
            spans.append((a, e))
            a = b
        b = _item_end(p, a, MAX_ITEM + 4)
        while b - 1 > a and low[b - 1] in CONJUNCTIONS:
            b -= 1
        spans.append((a, b))
        if low[a - 1] in CONJUNCTIONS and a in seps and b < n and b in seps:  # "or, in some cases, ...": an aside
            continue
        # an item that opens with the whole item before it: a restart, not a list
        restart = False
        a0, b0 = spans[0]
        for a1, b1 in spans[1:]:
            m = b0 - a0
            if b1 - a1 >= m and low[a1:a1 + m] == low[a0:b0]:
                restart = True
                break
            a0, b0 = a1, b1
        if restart:
            continue
        inner = conj[bisect_left(conj, run[0]):bisect_left(conj, b)]  # the conjunctions inside the list
        if not used.isdisjoint(inner) or _numbers(low, spans):
            continue
        out.append(("repetition", spans))
        used.update(inner)
    return out


# The first word of a one-word key and of a two-word key (no clause opener).
_REP_ONE = REPEATABLE - NOT_ITEM_START
_REP_TWO = _OPENERS - NOT_ITEM_START


# ---------------------------------------------------------------------------
# Contrasts
# ---------------------------------------------------------------------------


def _second_part(p: _S, i: int) -> int:
    """End of the part that starts at word ``i``: the next clause punctuation, or the sentence end."""
    cuts = p.cuts  # (the first cut after i: the first j > i with clause punctuation before it)
    k = bisect_right(cuts, i)
    return cuts[k] if k < len(cuts) else p.n


def _first_part(p: _S, i: int) -> int:
    """Start of the part that ends before word ``i``: back to clause punctuation (or 12 words)."""
    cuts = p.cuts  # (the last cut before i, if it is at most 11 words back; else 12 words back)
    k = bisect_left(cuts, i) - 1
    if k >= 0 and cuts[k] >= i - 11:
        return cuts[k]
    return max(i - 12, 0)


_TRIGGERS = _W("not rather instead but opposed hand whereas while")


def _contrasts(p: _S, prev: _S | None, within: bool = True) -> list[tuple[str, list[tuple[int, int]]]]:
    low, n = p.low, p.n
    out: list[tuple[str, list[tuple[int, int]]]] = []
    if not within:
        cross = _across(prev, p) if prev is not None else None
        return [cross] if cross else []
    seen: set[int] = set()

    def add(sub: str, a: int, m: int, b: int) -> None:
        if m in seen or not (a < m < b):
            return
        seen.add(m)
        out.append((sub, [(a, m), (m, b)]))

    for i in list(compress(range(n), map(_TRIGGERS.__contains__, low))):
        w = low[i]
        nxt = low[i + 1] if i + 1 < n else ""
        if w == "not" and nxt != "only":
            # "not X but Y": a "but" (not "but also") within 12 words (the loop only adds a row at a "but": none
            # in the window, nothing to do)
            for j in range(i + 1, min(n, i + 14)) if "but" in low[i + 1:i + 14] else ():
                if low[j] == "but" and (j + 1 >= n or low[j + 1] != "also"):
                    add("not X but Y", i, j, _second_part(p, j + 1) if j + 1 < n else n)
                    break
                if low[j] == "not" or j in p.seps and ";" in p.gaps[j]:  # (a ";" is clause punctuation)
                    break
            if i in seen or (i - 1 in seen):
                continue
            # "X, not Y", "and not Y", "but not Y"
            # (the tests in order of cost, each only when the ones before pass: the same answer)
            before = p.gaps[i] if i > 0 else ""
            if ("," in before or "\u2014" in before) \
                    and not ("either" in low[:i] or "or" in low[max(0, i - 5):i]) \
                    and not (i <= 3 and _first_part(p, i) == 0):  # an alternative; an aside ("Of course, not all ...")
                add("X, not Y", _first_part(p, i), i, _second_part(p, i))
            elif i > 0 and low[i - 1] in ("and", "but") and (p.sep(i - 1) or "," in p.gaps[i - 1] or low[i - 1] == "and") and nxt != "only":
                add("X, not Y", _first_part(p, i - 1), i - 1, _second_part(p, i))
        elif w in ("rather", "instead") and (nxt == "than" and w == "rather" or nxt == "of" and w == "instead"):
            add(f"{w} {nxt}", _first_part(p, i), i, _second_part(p, i))
        elif w == "but" and ("rather" in low[i + 1:i + 4] or "instead" in low[i + 1:i + 4]) \
                and _polarity(low[max(0, i - 20):i]):
            add("not X but Y", _first_part(p, i), i, _second_part(p, i + 1))
        elif w == "opposed" and i > 0 and low[i - 1] == "as" and nxt == "to":
            add("as opposed to", _first_part(p, i - 1), i - 1, _second_part(p, i))
        elif w == "hand" and i >= 2 and low[i - 2] in ("one", "other") and low[i - 1] in ("the",):
            add("on the one hand", _first_part(p, i), i - 3 if i >= 3 and low[i - 3] == "on" else i - 2,
                _second_part(p, i))
        elif w == "whereas":
            add("whereas", _first_part(p, i), i, _second_part(p, i))
        elif w == "while":
            if i == 0 or (i == 1 and low[0] in ("but", "and", "yet", "now")):
                # concessive "While X, Y": the whole sentence
                m = _second_part(p, i)
                if m < n:
                    add("while", i, m, _second_part(p, m))
            else:
                b = _second_part(p, i)
                if _polarity(low[i + 1:b]):
                    add("while", _first_part(p, i), i, b)
    if not out and p.cuts and _polarity(low):
        out.extend(_parallel_clauses(p))
    if not out and prev is not None:
        cross = _across(prev, p)
        if cross:
            out.append(cross)
    return out


def _parallel_clauses(p: _S) -> list[tuple[str, list[tuple[int, int]]]]:
    """Two clauses, split at "; " or ", but"/", yet" (or a comma with the same two opening words), that differ in polarity."""
    low, n = p.low, p.n
    semi = ";" in p.text  # (without a semicolon in the text, a cut matters only before but/yet or the opening)
    for i in p.cuts:
        if i < 2 or i >= n - 2:
            continue
        if not semi and low[i] not in ("but", "yet") and (low[i] != low[0] or low[i + 1] != low[1]):
            continue
        g = p.gaps[i]
        m = None
        if ";" in g or "\u2014" in g and low[i] in ("but", "yet"):
            m = i + (1 if low[i] in ("but", "yet") else 0)
        elif "," in g and low[i] in ("but", "yet"):
            m = i + 1
        elif "," in g and low[i:i + 2] == low[0:2] and i + 2 < n:
            m = i
        if m is None:
            continue
        left, right = low[:i], low[m:]
        if m == i and low[i:i + 2] == low[0:2]:  # the same opening: compare the two frames
            if _polarity(left[:5]) != _polarity(right[:5]):
                return [("parallel clauses", [(0, i), (i, n)])]
            continue
        if _polarity(left) == _polarity(right):
            continue
        if _shared_content(left, right) or "," in g and _auxiliaries(left) & _auxiliaries(right):
            return [("parallel clauses", [(0, i), (i, n)])]
    return []


_AUX = {"can": "can", "cannot": "can", "can't": "can", "could": "could", "couldn't": "could", "will": "will",
        "won't": "will", "would": "would", "wouldn't": "would", "should": "should", "shouldn't": "should",
        "must": "must", "mustn't": "must", "do": "do", "don't": "do", "does": "does", "doesn't": "does",
        "did": "did", "didn't": "did", "is": "is", "isn't": "is", "are": "are", "aren't": "are", "was": "was",
        "wasn't": "was", "were": "were", "weren't": "were", "have": "have", "haven't": "have", "has": "has",
        "hasn't": "has"}


def _auxiliaries(words: Sequence[str]) -> set[str]:
    return {_AUX[w] for w in words if w in _AUX}


_THEN = _W("ago past yesterday once")
_ACROSS_HEADS = _W("but yet or and today now tonight")
_NOW = _W("today now tonight")


def _across(prev: _S, p: _S):
    """A contrast with the previous sentence: 'But/Yet ...' repeating its words with a polarity flip, 'Or ...'
    repeating two or more of its content words, or 'years ago ...' followed by 'today ...'."""
    low = p.low
    head = low[0]
    if head not in _ACROSS_HEADS:
        return None
    whole = [(-prev.n, 0), (0, p.n)]  # parts relative to this sentence (the previous one before it)
    # (the three tests give the same row: the cheap ones first, the shared content words only when needed)
    k = 1 if head in ("and", "but") else 0
    if p.n > k and low[k] in _NOW and not _THEN.isdisjoint(prev.low[:8]):
        return ("across sentences", whole)
    if head in ("but", "yet"):
        if _polarity(prev.low) != _polarity(low) and _shared_content(prev.low, low):
            return ("across sentences", whole)
    elif head == "or" and _shared_content(prev.low, low) >= 2:
        return ("across sentences", whole)
    return None


# ---------------------------------------------------------------------------
# Questions, epistrophe, anadiplosis
# ---------------------------------------------------------------------------


def _is_question(p: _S) -> Literal["", "question", "quoted"]:
    if "?" not in p.s.text:
        return ""
    tail = p.tail().strip()
    if "?" not in tail:
        return ""
    after = tail[tail.rindex("?") + 1:]
    if any(c in _QUOTES_CLOSE for c in after):
        return "quoted"
    t = p.text
    if (t.count('"') % 2 == 1) or t.count("\u201c") > t.count("\u201d"):
        return "quoted"
    return "question"


def _vocative(p: _S) -> bool:
    """A name or title set off by a comma at the start or the end of the question."""
    low, words = p.low, p.s.words
    if low[0] in TITLES or low[0] in ("madam", "mister"):
        return True
    # ", Mitch?" / ", Mr. Leader?": the last comma-delimited part is one to three capitalised words
    j = p.n - 1
    while j > 0 and not p.sep(j):
        j -= 1
    if 0 < j and "," in p.gaps[j] and p.n - j <= 3 and all(w[:1].isupper() for w in words[j:]) \
            and low[j] not in ("i",):
        return True
    return False


def _epistrophe(p: _S, q: _S | None, clauses: bool = True) -> list[tuple[str, list[tuple[int, int]], int]]:
    """Clauses of ``p`` (and ``p`` with the next sentence ``q``) ending with the same 1-3 words."""
    out = []
    cl = _clauses(p) if clauses else []
    for (a1, b1), (a2, b2) in zip(cl, cl[1:]):
        k = _shared_end(p.low, a1, b1, p.low, a2, b2)
        if k and max(b1 - a1, b2 - a2) <= 2 * min(b1 - a1, b2 - a2):  # balanced clauses
            out.append(("clauses", [(a1, b1), (a2, b2)], 0))
    if q is not None and q.s.paragraph - p.s.paragraph <= 1:
        k = _shared_end(p.low, 0, p.n, q.low, 0, q.n)
        if k >= 2:  # one shared last word between sentences is mostly chance ("... the Council. ... the Council.")
            out.append(("sentences", [(0, p.n), (p.n, p.n + q.n)], 1))
    return out


def _shared_end(x: Sequence[str], a1: int, b1: int, y: Sequence[str], a2: int, b2: int) -> int:
    if b1 - a1 < 3 or b2 - a2 < 3:
        return 0
    k = 0
    while k < 3 and x[b1 - 1 - k] == y[b2 - 1 - k]:
        k += 1
    if k == 0:
        return 0
    if not _content(x[b1 - k:b1]):
        return 0
    if k >= min(b1 - a1, b2 - a2):  # a clause that is only the repeated words
        return 0
    return k


def _anadiplosis(p: _S, q: _S | None, clauses: bool = True) -> list[tuple[str, list[tuple[int, int]]]]:
    out = []
    low = p.low
    for i in p.cuts if clauses else ():
        if i < 2 or i >= p.n - 1:
            continue
        last = low[i - 1]
        j = i + (1 if low[i] in _ARTICLES else 0)
        if j < p.n and low[j] == last and last not in STOPWORDS and not last.isdigit():
            out.append(("clauses", [(i - 1, i), (j, j + 1)]))
    if q is not None and q.s.paragraph == p.s.paragraph and p.n >= 2:
        last = low[-1]
        j = 1 if q.low[0] in _ARTICLES else 0
        if q.n > j and q.low[j] == last and last not in STOPWORDS and not last.isdigit():
            out.append(("sentences", [(p.n - 1, p.n), (p.n + j, p.n + j + 1)]))
    return out


# ---------------------------------------------------------------------------
# Chiasmus (ranked candidates)
# ---------------------------------------------------------------------------


def _chiasmus(words: Sequence[str], low: Sequence[str], gaps: Sequence[str]) -> list[tuple[float, int, int, int, int]]:
    """Candidates ``(score, a1, b1, b2, a2)`` in a run of words (one sentence or two)."""
    positions: dict[str, list[int]] = {}
    for i, w in enumerate(low):
        if w not in STOPWORDS and len(w) > 2 and not w[:1].isdigit():
            positions.setdefault(w, []).append(i)
    rep = {w: ps for w, ps in positions.items() if len(ps) >= 2}
    if len(rep) < 2:
        return []
    out = []
    # Work per outer pair is its window (at most CHIASMUS_WINDOW words), never the whole run: a
    # text without punctuation is one 100,000-word "sentence" (issue 9 item 8).  The candidates
    # and their order are those of trying every repeated word of the run as the inner pair.
    for wa, pa in sorted(rep.items()):
        for i, a1 in enumerate(pa):
            for a2 in pa[i + 1:bisect_right(pa, a1 + CHIASMUS_WINDOW)]:
                if a2 <= a1 + 2:
                    continue
                for wb in sorted({w for w in low[a1 + 1:a2] if w in rep and w != wa}):
                    pb = rep[wb]
                    lo, hi = bisect_right(pb, a1), bisect_left(pb, a2)
                    if hi - lo < 2:
                        continue
                    b1, b2 = pb[lo], pb[hi - 1]
                    out.append((_chiasmus_score(words, low, gaps, a1, b1, b2, a2, rep), a1, b1, b2, a2))
    # keep the best candidate per outer pair
    best: dict[tuple[int, int], tuple] = {}
    for c in out:
        key = (c[1], c[4])
        if key not in best or c[0] > best[key][0]:
            best[key] = c
    return sorted(best.values(), key=lambda c: (-c[0], c[1]))


def _chiasmus_score(words, low, gaps, a1, b1, b2, a2, rep) -> float:
    """Dubremetz & Nivre's (2015) feature groups, hand-weighted."""
    score = 0.0
    wa, wb = low[a1], low[b1]
    # exact repetition (same form, case aside) is given; the same spelling including case is a small bonus
    score += 0.5 * (words[a1] == words[a2]) + 0.5 * (words[b1] == words[b2])
    # counted in the span only (its words), not over every position of the run
    inside_span = Counter(low[a1:a2 + 1])
    # other repetitions of the two words inside the span: noise
    score -= 1.0 * (inside_span[wa] - 2)
    score -= 1.0 * (inside_span[wb] - 2)
    # other repeated content words inside: noise (a passage that just repeats itself)
    others = sum(1 for w, k in inside_span.items() if k >= 2 and w in rep and w not in (wa, wb))
    score -= 0.5 * others
    # context: the same neighbours around a and b in both halves ("can do for you" / "can do for your country")
    def ctx(i):
        return {low[j] for j in (i - 1, i + 1) if 0 <= j < len(low)}
    score += 0.75 * len(ctx(a1) & ctx(a2)) + 0.75 * len(ctx(b1) & ctx(b2))
    # punctuation: one clause break between the two halves, none inside each half
    centre = [i for i in range(b1 + 1, b2 + 1) if any(c in ",;:\u2014" for c in gaps[i])]
    score += 1.0 if centre else -0.5
    inside = sum(1 for i in list(range(a1 + 1, b1 + 1)) + list(range(b2 + 1, a2 + 1)) if any(c in ",;:\u2014" for c in gaps[i]))
    score -= 0.5 * inside
    # two sentences: a weaker candidate than one sentence (the inversion is usually built inside one)
    score -= 1.0 * any(". " in gaps[i] for i in range(a1 + 1, a2 + 1))
    # a conjunction or negation at the centre ("not ... but", "and", "; ask")
    mid = low[b1 + 1:b2]
    score += 0.75 * any(w in ("but", "and", "not", "nor", "yet") for w in mid)
    # shorter is better: the two halves balanced, the whole compact
    span = a2 - a1
    score -= 0.1 * span
    score -= 0.2 * abs((b1 - a1) - (a2 - b2))
    return round(score, 4)


# ---------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------


def _check_kinds(kinds) -> tuple[str, ...]:
    if kinds is None:
        return FIGURES
    if isinstance(kinds, str):
        kinds = (kinds,)
    kinds = tuple(kinds)
    bad = [k for k in kinds if k not in FIGURES]
    if bad:
        raise ValueError(f"figures_of_speech: unknown kind(s) {bad}; choose from {list(FIGURES)}")
    return kinds


# Necessary conditions, tested before the rules (word-index tests on the separators for the lists; regexes over
# the sentence's text and set and tuple methods over its words for the other figures): a sentence that fails
# them cannot hold the figure, so the rules above never see it (same rows, less work;
# tests/test_rhetorical_figures.py runs the rules with and without them over SOTU addresses).


def _list_rules(p: _S, conj: list[int] | None = None, dup: bool | None = None) -> int:
    """Which rules of :func:`_lists` could fire in the sentence (bits; 0: it holds no list).

    First what every rule needs of the words and the text (a conjunction for the comma lists and "X and Y and
    Z"; two ", " for the asyndeton and the frames; a word twice for the frames and the repetition lists; a
    comma or semicolon for a comma list, the same conjunction again two or three words on for "X and Y and Z",
    ", word, " for the asyndeton, a separator mark or a conjunction for a repetition list), so that a sentence
    none of them allows is never located; then, on the separators of :meth:`_S.ready` (cheap from the
    segmentation's chunks), what each rule tests first, read off word indices: a comma list (``_COMMA_RULE``) a conjunction whose item before it starts at
    a cut with a comma or semicolon at most six words back (four without a comma or semicolon before the
    conjunction), and an item after it; "X and Y and Z" (``_POLY_RULE``) the same conjunction again two or
    three words later, with no separator in or around the middle item; the asyndeton (``_ASYNDETON_RULE``)
    and the frames (``_FRAME_RULE``) their rules themselves (loops over the cuts); a repetition list
    (``_REP_RULE``) an item-opening word (at a cut or after a conjunction) of :data:`REPEATABLE` again within
    12 words after it or 8 before it, or an article or pronoun whose next word (no stop word) occurs again
    within 30 words after or 7 before: the first step of a run or the item before it.
    ``conj``: the positions of the conjunctions, when known (:func:`_conjunctions`); ``dup``: whether a word
    occurs twice, when known (:class:`_DocGate`).
    """
    low, n = p.low, p.n
    text = p.s.text
    if conj is None:
        conj = _conjunctions(low)
    commas = text.count(", ") > 1
    if dup is None:
        dup = len(set(low)) < n
    if not conj and not commas and not dup:
        return 0
    # What the text and the words allow, before the separators are located (the text's marks hold them all).
    cut = commas or _has_sep(text) or _odd_sep(text)  # a cut is possible
    pairs = _poly_pairs(low, conj) if len(conj) > 1 else ()
    comma = bool(conj) and ("," in text or ";" in text)  # (the mark opening the item before the conjunction)
    asyndeton = commas and _ASYNDETON_SHAPE(text) is not None
    repeat = dup and (cut or conj)  # (an item opening: a cut, or after a conjunction)
    if not (pairs or comma or asyndeton or commas and dup or repeat):
        return 0
    p.ready()
    cuts = p.cuts
    if not cuts and not conj:
        return 0
    rules = 0
    if pairs and _may_poly(p, pairs):
        rules = _POLY_RULE
    if comma and cuts and _may_comma_list(p, conj):
        rules |= _COMMA_RULE
    if commas and len(cuts) > 1:
        if asyndeton and _asyndeton(p, set()):
            rules |= _ASYNDETON_RULE
        if dup and _frames(p, set()):
            rules |= _FRAME_RULE
    if repeat and _may_repeat_list(p, conj):
        rules |= _REP_RULE
    return rules


# The text around the asyndeton's two middle gaps ", " (the chunk between them is a word and its comma).
_ASYNDETON_SHAPE = re.compile(", [^ ]+, ").search


def _poly_pairs(low: Sequence[str], conj: list[int]) -> list[tuple[int, int]]:
    """What :func:`_poly_list` tests first of the words: a conjunction c, the same one next at d = c + 2 or c + 3
    (d < n - 1, and the middle item's width d - c - 1 words before c); the pairs (c, d)."""
    last = len(low) - 1
    pairs = []
    for c in conj:
        # (d: the first of the next three conjunctions that is the same word, when it is two or three words on:
        # a conjunction is the same word as low[c] when it is low[c]; the next three hold c + 1 .. c + 3)
        w = low[c]
        if c + 2 >= last or low[c + 1] == w:
            continue
        if low[c + 2] == w:
            d = c + 2
        elif c + 3 < last and low[c + 3] == w:
            d = c + 3
        else:
            continue
        if c - (d - c - 1) >= 0:
            pairs.append((c, d))
    return pairs


def _may_poly(p: _S, pairs: list[tuple[int, int]]) -> bool:
    """What :func:`_poly_list` tests first of the separators, for the pairs of :func:`_poly_pairs`: none before
    words c - (d - c - 1) + 1 .. d + 1."""
    seps = p.seps
    for c, d in pairs:
        if seps.isdisjoint(range(2 * c - d + 2, d + 2)):
            return True
    return False


def _may_comma_list(p: _S, conj: list[int]) -> bool:
    """What :func:`_comma_list` tests first: a conjunction c (0 < c < n - 1); the last cut j before it, with a
    comma or semicolon, c - j <= 6 (<= 4 without a comma or semicolon before the conjunction); an item after
    it (its first word c1 before the end of the sentence, not a clause opener)."""
    low, seps, cuts, gaps, n = p.low, p.seps, p.cuts, p.gaps, p.n
    for c in conj:
        if c == 0 or c >= n - 1:
            continue
        x = bisect_left(cuts, c) - 1
        if x < 0 or c - cuts[x] > 6:
            continue
        j = cuts[x]
        g = gaps[j]
        if "," not in g and ";" not in g:
            continue
        if c - j > 4:
            g = gaps[c]
            if "," not in g and ";" not in g:
                continue
        c1 = c + 1
        if c1 in seps:
            c1 = next((m for m in range(c1 + 1, min(n, c1 + 4)) if m in seps), n)
        if c1 < n and low[c1] not in NOT_ITEM_START:
            return True
    return False


def _may_repeat_list(p: _S, conj: list[int]) -> bool:
    """What :func:`_repetition_lists` tests first: an item opening (at a cut, or after a conjunction) whose key
    occurs again in the window a run can reach (the first step after it, or the earlier item before it)."""
    low, n = p.low, p.n
    for i in (*p.cuts, *(c + 1 for c in conj)):
        if i >= n:
            continue
        w = low[i]
        if w in _REPEAT_OPEN:
            if w in low[i + 1:i + 13] or w in low[max(0, i - 8):i]:
                return True
        elif w in _OPENERS and i + 1 < n:
            v = low[i + 1]
            if v not in STOPWORDS and (v in low[i + 2:i + 32] or v in low[max(0, i - 7):i]):
                return True
    return False


_REPEAT_OPEN = REPEATABLE - NOT_ITEM_START - CONJUNCTIONS


_MARKERS = _W("rather instead opposed hand whereas")

# A comma or dash, the rest of the gap (a gap holds no letter or digit: every run of them is a word of the
# segmentation), then "not", "but" or "yet" in any case: the gap before a word holds a comma or a dash ("X,
# not Y"; the parallel clauses ", but" / ", yet" / "\u2014 but").  One pattern per mark, each opening with its
# literal (the engine skips to a literal quickly; a leading class is tried at every character), over the
# text as written (no lower-cased copy).
_NOT_BUT_YET = r"[\W_]*(?:[Nn][Oo][Tt]|[Bb][Uu][Tt]|[Yy][Ee][Tt])"
_COMMA_BEFORE_NOT_BUT_YET = re.compile("," + _NOT_BUT_YET).search
_DASH_BEFORE_NOT_BUT_YET = re.compile("\u2014" + _NOT_BUT_YET).search


_CONTRAST_WORDS = _MARKERS | NEGATIONS | {"while"}


def _may_contrast(low: Sequence[str], text: str, contracted: bool | None = None, t: str | None = None) -> bool:
    """Could a rule of :func:`_contrasts` inside the sentence fire?

    One of rather, instead, opposed, hand, whereas, or a sentence opening with While (or And/But/Yet/Now
    while); else every rule needs a negation ("n't" is looked for in the text, which holds every word) and
    one of: "while" (with a negation in its clause) or a semicolon (parallel clauses); a comma or a dash
    just before "not" (X, not Y) or before "but"/"yet" (parallel clauses); "not" (not "not only") with a
    "but" (not "but also") in the 13 words after it (not X but Y) or with "and"/"but" just before it, not
    as the first two words (and not Y); a comma with the sentence's first two words again later (parallel
    clauses with the same opening).  Each is what the rule itself tests, or less.  ``contracted``: False when
    the caller knows the text holds no "n't" (nor "n\u2019t"), True when it may; ``t``: the text, marks
    normalised, lower case, when the caller has it.
    """
    found = _CONTRAST_WORDS.intersection(low)  # (one pass over the words; the tests below look at found)
    if contracted is None:  # a negation written as a contraction (in any case: "SHAN'T" is the word "shan't")
        lt = text.lower()
        contracted = "n't" in lt or "n\u2019t" in lt
    if not found and not contracted:
        return False
    if not _MARKERS.isdisjoint(found) or low[0] == "while" \
            or len(low) > 1 and low[1] == "while" and low[0] in ("but", "and", "yet", "now"):
        return True
    if NEGATIONS.isdisjoint(found) and not contracted:
        return False
    if ";" in text or "while" in found:
        return True
    comma = "," in text
    if comma and _COMMA_BEFORE_NOT_BUT_YET(text) or "\u2014" in text and _DASH_BEFORE_NOT_BUT_YET(text):
        return True
    n = len(low)
    if "not" in found:
        index = low.index
        i = -1
        for _ in range(low.count("not")):
            i = index("not", i + 1)
            if i + 1 < n and low[i + 1] == "only":
                continue
            if i >= 2 and low[i - 1] in ("and", "but"):
                return True
            if "but" in low[i + 1:i + 14]:  # (a slice and an ``in`` first: most "not"s have no "but" after them)
                for j in range(i + 1, min(n, i + 14)):
                    if low[j] == "but" and (j + 1 >= n or low[j + 1] != "also"):
                        return True
    if comma and n > 4:  # the first two words again at i (2 <= i <= n - 3)
        a, b = low[0], low[1]
        if t is None:
            t = normalise_marks(text).lower()
        if t.find(b, t.find(",") + 1) < 0 and "\u03c3" not in b and "\u03c2" not in b:
            # (word i + 1 follows the comma before word i: b after the first one; the text lower-cased as a
            # whole spells a word as the word lower-cased alone does, but for a Greek sigma: "\u03a3" is
            # "\u03c2" or "\u03c3" by what follows it)
            return False
        index = low.index
        i = 0
        for _ in range(low.count(a) - 1):
            i = index(a, i + 1)
            if i >= n - 2:
                break
            if i >= 2 and low[i + 1] == b:
                return True
    return False


def _repeats_content(low: Sequence[str]) -> bool:
    """Does a word that is no stop word occur twice or more?  (Without collecting the words.)"""
    content = list(filterfalse(STOPWORDS.__contains__, low))  # (filtered at C speed)
    return len(set(content)) < len(content)


_OTHER_MARKS = ";:()!?\u2014\u2013"  # the one-character marks of _SEP_RE but the comma
# Marks that may stand between a word and the clause punctuation after it ("Future*,", "said\u201d,").
_TRAILING = "\"'*_[]{}<>/\\|~`^\u201c\u201d\u2018\u2019\u00ab\u00bb.&#%$@+=-"


def _may_close_repeat(t: str) -> bool:
    """Could a word closing a clause occur again later in the sentence?  (``t``: the text, marks normalised,
    lower case.)  Every epistrophe and anadiplosis inside a sentence needs it (the last word before the cut
    occurs again after it: the last of the shared end; the word opening the next clause).

    On the text, with string methods only: the text is cut at each mark of :data:`_SEP_RE` that is one
    character; the end of the last word of each piece but the last (the letters and digits after any
    trailing marks) is looked for in the rest of the text.  A sentence this cannot read (a "--", " - " or
    ". " separator; a piece not ending in a plain word) passes, so the test never drops a figure."""
    if "--" in t or " - " in t or ". " in t:
        return True
    if not t.isascii() and ("\u03c3" in t or "\u03c2" in t):
        return True  # a Greek sigma: lower-cased in the text, a word may be spelt unlike the word alone
    t2 = t
    for m in _OTHER_MARKS:  # each one-character mark as a comma (str.replace: a C scan; translate is slower)
        if m in t2:
            t2 = t2.replace(m, ",")
    pieces = t2.split(",")
    pos = 0
    find = t.find
    for piece in pieces[:-1]:
        pos += len(piece) + 1
        last = piece.rsplit(None, 1)
        if not last:
            continue  # a piece without a word (two marks in one gap): no clause ends here
        r = last[-1].rstrip(_TRAILING)
        if not r.isalnum():
            return True  # a word with inner marks ("don't", "u.s"), or marks alone: not read here
        if find(r, pos) >= 0:
            return True
    return False


def _cut_repeat(p: _S) -> bool:
    """Could the clauses of a located sentence hold an epistrophe or an anadiplosis?  Read off its cuts: an
    epistrophe of clauses needs two successive clauses ending with the same word (:func:`_shared_end`'s first
    test), an anadiplosis a clause's last word again as one of the next clause's first two words
    (:func:`_anadiplosis`).  Exact for those tests, and a few list lookups a cut."""
    low = p.low
    last = p.n - 1
    prev = None  # the last word of the clause before
    for c in p.cuts:
        w = low[c - 1]
        if w == prev or c < last and (low[c] == w or low[c + 1] == w):
            return True
        prev = w
    return low[last] == prev


def _sentences_with(whole: str, ends: list[int], needle: str, out: set[int]) -> set[int]:
    """Add to ``out`` the sentences whose text holds ``needle`` (``whole``: their texts joined; ``ends``: the
    offset in it after each sentence).  One ``str.find`` per sentence found, skipping to the next sentence; a
    needle running over two sentences adds the first (a superset, for necessary conditions)."""
    find = whole.find
    i = find(needle)
    while i >= 0:
        k = bisect_right(ends, i)
        out.add(k)
        i = find(needle, ends[k])
    return out


def _contracted_sentences(whole: str, ends: list[int]) -> set[int]:
    """The sentences whose text holds "n't" in any case ("SHAN'T" is the word "shan't"), with a straight or a
    curly apostrophe (``whole``, ``ends``: as for :func:`_sentences_with`; one that runs over two sentences
    adds the first).  Found from the apostrophes (a C scan each, then their neighbours): cheaper than one
    scan per spelling of the three characters."""
    out = set()
    find = whole.find
    for apostrophe in ("'", "\u2019"):
        i = find(apostrophe, 1)
        while i >= 0:
            if whole[i - 1] in "nN" and whole[i + 1:i + 2] in ("t", "T"):
                out.add(bisect_right(ends, i - 1))
            i = find(apostrophe, i + 1)
    return out


class _DocGate:
    """What the list gate asks of every sentence's words, computed once for the whole document with numpy from
    the segmentation's shared arrays (``Document.word_codes``, ``Document.previous_word``: lexical diversity
    computes them too) instead of a Python pass over each sentence's words.

    ``conj[i]``: the positions of the conjunctions (and, or, nor) in sentence ``i`` (:func:`_conjunctions`);
    ``dup[i]``: does a word occur twice in it (``len(set(low)) < n``: a word whose previous occurrence lies in
    the sentence).
    """

    __slots__ = ("conj", "dup")

    def __init__(self, doc: Document, sentences: Sequence[Sentence]):
        lower = doc.lower_words
        total = len(lower)
        starts = np.fromiter((s.first_word for s in sentences), np.int64, len(sentences))
        prev = doc.previous_word
        codes = doc.word_codes[0]
        # the conjunctions' type numbers (each its first word's: tuple.index stops there, and compares strings
        # in C; a comparison of every type with each of them costs more), then their words
        ids = []
        for w in CONJUNCTIONS:
            try:
                ids.append(codes[lower.index(w)])
            except ValueError:  # not in the document
                pass
        is_conj = codes == ids[0] if len(ids) else np.zeros(total, bool)
        for t in ids[1:]:
            is_conj |= codes == t
        glob = np.flatnonzero(is_conj)
        # each conjunction's sentence (the last one starting at or before it: sentences without words start
        # where the next one does, and hold none), its position in that sentence, and each sentence's share
        owner = np.searchsorted(starts, glob, side="right") - 1
        local = (glob - starts[owner]).tolist()
        bounds = np.searchsorted(glob, starts).tolist()
        bounds.append(len(local))
        self.conj = [local[bounds[i]:bounds[i + 1]] for i in range(len(sentences))]
        # a word repeats inside sentence i when the latest previous occurrence of one of its words lies in it
        ends = np.append(starts[1:], total)
        full = ends > starts
        latest = np.full(len(sentences), -1, np.int64)
        if full.any():
            latest[full] = np.maximum.reduceat(prev, starts[full])
        self.dup = (latest >= starts).tolist()


def _rows(doc: Document, kinds: tuple[str, ...], *, texts: bool = True, prefilter: bool = True,
          count: bool = False) -> list:
    """The rows of every figure of ``kinds`` (and the tricolons and contrasts a claptrap needs).

    ``prefilter=False`` runs every rule on every sentence (for the test that the prefilters change nothing).
    ``count=True``: only the figure of each row, a str (all :func:`figure_measures` needs: no spans, no texts).
    """
    want = set(kinds)
    if "claptrap" in want:
        want |= {"tricolon", "contrast"}
    do_lists = bool(want & {"tricolon", "list"})
    do_contrast = "contrast" in want
    do_question = "question" in want
    do_epi = "epistrophe" in want
    do_ana = "anadiplosis" in want
    do_chiasmus = "chiasmus" in want
    do_claptrap = "claptrap" in want
    sentences = doc.sentences
    n_s = len(sentences)
    lower = doc.lower_words
    rows: list[tuple] = []
    prepared: dict[int, _S] = {}
    contracted = questions = None  # the sentences whose text may hold "n't" (or "n\u2019t"), and those with "?"
    odd = None  # the sentences whose text may hold a mark that normalise_marks changes (None: any may)
    if prefilter:
        # looked for once in the whole text (a C scan per needle) rather than in each sentence's
        texts_ = [s.text for s in sentences]
        whole = "".join(texts_)
        ends = list(accumulate(map(len, texts_)))
        if do_contrast or do_question:
            contracted = _contracted_sentences(whole, ends)
            questions = _sentences_with(whole, ends, "?", set())
        odd = set()
        for mark in _ODD_MARKS:
            _sentences_with(whole, ends, mark, odd)
    # the list gate's word tests for every sentence at once (a Document whose sentences are its own: its shared
    # arrays are made of those sentences' words)
    gate = _DocGate(doc, sentences) if prefilter and do_lists and sentences is doc.sentences else None
    mc = doc.marked_chunks  # the chunks that are not bare words, from the segmentation (when made for these sentences)
    marks = mc[1] if mc is not None and mc[0] is sentences else None

    def S(i: int) -> _S | None:
        """Sentence ``i`` prepared for the rules (on first use; None without words)."""
        p = prepared.get(i)
        if p is None:
            s = sentences[i]
            if not s.words:
                return None
            p = prepared[i] = _S(s, lower[s.first_word:s.first_word + len(s.words)],
                                 marks[i] if marks is not None else None, odd is None or i in odd)
        return p

    def row(si: int, p: _S, fig: str, sub: str, n_items: int, spans: list[tuple[int, int]], score: float = math.nan,
            q: _S | None = None):
        if count:
            rows.append(fig)
            return
        a = min(x for x, _ in spans)
        b = max(y for _, y in spans)
        if texts:
            if q is None:
                text = p.span_text(max(a, 0), min(b, p.n))
            elif a < 0:  # parts starting in the previous sentence q
                text = q.span_text(q.n + a, q.n) + q.tail().rstrip() + " " + p.span_text(0, b)
            else:  # parts running into the next sentence q
                text = (p.span_text(a, p.n) + p.tail().rstrip() + " " + q.span_text(0, b - p.n)
                        if b > p.n else p.span_text(a, b))
        else:
            text = ""
        rows.append((si, p.first + a, p.first + b, fig, sub, n_items, _parts(p, spans), text, score))

    for si, s in enumerate(sentences):
        # (the rules of sentence si read sentences si - 1 .. si + 1 only: the one before those is dropped, and
        # freed at once, so the prepared sentences never pile up for the garbage collector)
        prepared.pop(si - 2, None)
        n = len(s.words)
        if not n:
            continue
        f = s.first_word
        low = lower[f:f + n]
        # sentence si prepared, on the slice just made (already prepared if the rules of sentence si - 1 read it)
        ps = prepared.get(si)
        if ps is None:
            ps = prepared[si] = _S(s, low, marks[si] if marks is not None else None, odd is None or si in odd)
        text = s.text
        nxt_s = sentences[si + 1] if si + 1 < n_s else None
        nn = len(nxt_s.words) if nxt_s is not None else 0  # words of the next sentence
        closes: list[tuple[str, list]] = []
        t = None  # the text, marks normalised, lower case (when a prefilter needs it)
        if do_lists:
            if gate is not None:
                conj = gate.conj[si]
                rules = _list_rules(ps, conj, gate.dup[si])
            else:
                conj = _conjunctions(low)  # (for the gate and the rules)
                rules = _list_rules(ps, conj) if prefilter else _ALL_RULES
            if rules:
                p = ps.ready()
                for sub, spans in _lists(p, rules, conj):
                    fig = "tricolon" if len(spans) == 3 else "list"
                    if fig in want:
                        row(si, p, fig, sub, len(spans), spans)
                    if fig == "tricolon":
                        closes.append(("tricolon", spans))
        if do_contrast:
            if not prefilter:
                within = True
            elif si in contracted:
                within = _may_contrast(low, text, True, t)
            else:  # (no contrast word: no rule inside the sentence can fire; one C pass over the words)
                within = not _CONTRAST_WORDS.isdisjoint(low) and _may_contrast(low, text, False, t)
            if within or low[0] in _ACROSS_HEADS and si > 0 and sentences[si - 1].paragraph == s.paragraph:
                prev = si > 0 and sentences[si - 1].paragraph == s.paragraph and sentences[si - 1].words
                p = ps
                if within:
                    p.ready()
                for sub, spans in _contrasts(p, S(si - 1) if prev else None, within):
                    row(si, p, "contrast", sub, 2, spans, q=S(si - 1) if spans[0][0] < 0 else None)
                    closes.append(("contrast", spans))
        if do_question and (not prefilter or si in questions):
            p = ps
            if _is_question(p) == "question":
                nxt = S(si + 1) if nn else None
                if _vocative(p.ready()):
                    sub = "addressed"
                elif nxt is not None and _is_question(nxt) == "":
                    sub = "answered"
                else:
                    sub = "unanswered"
                row(si, p, "question", sub, 1, [(0, p.n)])
        if do_epi or do_ana:
            clauses = not prefilter
            if prefilter:
                # A sentence another rule has located (its cuts known) is tested on its cuts, exactly; any other
                # first by its text and words, and located only when a clause's last word occurs again later and
                # a content word repeats (locating it costs less than testing the cuts in the text).
                if ps.gaps is None and ("," in text or _has_sep(text) or si in odd and _odd_sep(text)):
                    # (most texts: a comma)
                    if t is None:
                        t = (normalise_marks(text) if si in odd else text).lower()
                    if _may_close_repeat(t) and _repeats_content(low):
                        ps.ready()
                clauses = ps.gaps is not None and bool(ps.cuts) and _cut_repeat(ps)
            if nn:
                g = nxt_s.first_word
                last = low[-1]
                # epistrophe of two sentences: their last two words the same; anadiplosis: the last word opens
                # the next sentence (after an article)
                epi_s = (not prefilter or n >= 3 and nn >= 3 and last == lower[g + nn - 1]
                         and low[-2] == lower[g + nn - 2]) and nxt_s.paragraph - s.paragraph <= 1
                ana_s = not prefilter or (last == lower[g] or nn > 1 and last == lower[g + 1]) \
                    and nxt_s.paragraph == s.paragraph  # (last in lower[g:g + 2], without the slice)
            else:
                epi_s = ana_s = False
            if clauses:
                ps.ready()
            if do_epi and (clauses or epi_s):
                p = ps
                nxt = S(si + 1) if nn else None
                for sub, spans, cross in _epistrophe(p, nxt, clauses):
                    row(si, p, "epistrophe", sub, 2, spans, q=nxt if cross else None)
            if do_ana and (clauses or ana_s):
                p = ps
                nxt = S(si + 1) if nn else None
                for sub, spans in _anadiplosis(p, nxt, clauses):
                    row(si, p, "anadiplosis", sub, 2, spans, q=nxt if spans[1][1] > p.n else None)
        if do_chiasmus:
            p = ps.ready()
            nxt = S(si + 1).ready() if nn else None
            _chiasmus_rows(p, nxt, si, row)
        if do_claptrap and closes:
            p = ps
            for src, spans in closes:
                if max(map(_END, spans)) >= n and (src == "tricolon" or spans[0][0] >= 0):
                    last_in_para = si + 1 == n_s or nxt_s.paragraph != s.paragraph
                    where = "paragraph end" if last_in_para else "sentence end"
                    row(si, p, "claptrap", f"{src}, {where}", len(spans), spans)
    return rows


def _chiasmus_rows(p: _S, nxt: _S | None, si: int, row) -> None:
    both = nxt is not None and nxt.s.paragraph == p.s.paragraph and p.n < CHIASMUS_WINDOW
    words = list(p.s.words) + (list(nxt.s.words) if both else [])
    low = list(p.low) + (list(nxt.low) if both else [])
    pg = p.gap_list()
    gaps = pg[:p.n] + ([". " + nxt.gap_list()[0]] + nxt.gap_list()[1:nxt.n] if both else [])
    for score, a1, b1, b2, a2 in _chiasmus(words, low, gaps):
        if a1 >= p.n:  # inside the next sentence: reported there
            continue
        if not both and a2 >= p.n:
            continue
        spans = [(a1, a1 + 1), (b1, b1 + 1), (b2, b2 + 1), (a2, a2 + 1)]
        row(si, p, "chiasmus", f"{low[a1]} {low[b1]} / {low[b2]} {low[a2]}", 4, spans, score,
            q=nxt if a2 >= p.n else None)


def figures_of_speech(doc: str | Document, *, kinds: Sequence[Figure] | Figure | None = None) -> pd.DataFrame:
    """Every figure of speech found in ``doc``, one row each.

    Parameters
    ----------
    doc : str or analysis.Document
        The speech (segmented once by :func:`analysis.segment`).
    kinds : sequence of str, keyword-only
        Which figures to look for (default: all of :data:`FIGURES`):
        ``tricolon``, ``list``, ``contrast``, ``question``, ``epistrophe``,
        ``anadiplosis``, ``chiasmus``, ``claptrap``.

    Returns
    -------
    pandas.DataFrame
        The leading columns ``sentence, start, end, word_in_sentence,
        position`` (:mod:`analysis.matches`; ``start``/``end`` are document
        word indices, end exclusive, spanning every part), then ``figure``,
        ``subtype`` (the pattern or, for questions, ``answered`` /
        ``unanswered`` / ``addressed``), ``n_items`` (items of a list; 2 for
        contrasts, epistrophe and anadiplosis; 4 words for chiasmus; 1 for a
        question), ``parts`` (the parts' document word spans as
        ``"a-b|c-d|..."``, end exclusive: a plain string, stored as is in
        Parquet), ``text`` (the figure's words with their punctuation, from the
        sentence's text) and ``score`` (chiasmus only: higher = more likely a
        true antimetabole; NaN for the other kinds).  Rows in sentence order,
        then by figure in the order found.  A figure spanning two sentences
        (across-sentence contrast, epistrophe of sentences, chiasmus) is listed
        under its second (contrast) or first (epistrophe, chiasmus) sentence.

    Notes
    -----
    The rules and their limits are in the module docstring
    (:mod:`analysis.rhetorical_figures`); ``benchmarks/bench_figures.py``
    prints their precision and recall on the hand-annotated development set.
    """
    d = as_document(doc, "figures_of_speech")
    kinds = _check_kinds(kinds)
    rows = _rows(d, kinds)
    if set(kinds) != set(FIGURES):
        rows = [r for r in rows if r[3] in kinds]
    return match_table(d, rows, COLUMNS, dtypes=DTYPES)


def figure_measures(doc: str | Document) -> dict[str, float]:
    """Figures per 1,000 words, one measure per counted kind: ``<kind>_per_1000``.

    Kinds: tricolon, list, contrast, question, epistrophe, anadiplosis,
    claptrap (chiasmus candidates are ranked, never counted).  ``1000 *
    rows of the kind in figures_of_speech(doc) / words``; NaN for a document
    without words.  Higher = the speech uses the figure more often.
    """
    d = as_document(doc, "figure_measures")
    keys = [f"{k}_per_1000" for k in COUNTED]
    if d.n_words == 0:
        return dict.fromkeys(keys, math.nan)
    counts = Counter(_rows(d, COUNTED, count=True))
    scale = 1000.0 / d.n_words
    return {f"{k}_per_1000": counts[k] * scale for k in COUNTED}


# ---------------------------------------------------------------------------
# Applause
# ---------------------------------------------------------------------------


def _char_starts(doc: Document) -> list[int]:
    """Character offset in ``doc.text`` of each sentence's first word (words located in order)."""
    t = doc.text
    pos = 0
    out = []
    for s in doc.sentences:
        st = None
        for tok in s.text.split():
            j = t.find(tok, pos)
            if j < 0:
                continue
            if st is None:
                st = j
            pos = j + len(tok)
        out.append(pos if st is None else st)
    return out


def _applause_sentences(doc: Document) -> list[int]:
    """For each applause marker of ``doc.removed``, the sentence it follows (or interrupts)."""
    marks = [r for r in doc.removed if r.kind == "stage direction" and "applause" in r.text.lower()]
    if not marks:
        return []
    starts = _char_starts(doc)
    t = doc.text
    out = []
    pos = 0
    for r in doc.removed:
        if r.kind != "stage direction":
            continue
        j = t.find(r.text, pos)
        if j < 0:
            continue
        pos = j + len(r.text)
        if "applause" in r.text.lower():
            k = bisect_right(starts, j) - 1
            if k >= 0:
                out.append(k)
    return out


def applause_after_figures(doc: str | Document) -> pd.Series:
    """How often the transcript's applause markers follow a sentence flagged as a claptrap, against the base rate.

    Applause markers are the stage directions "(Applause.)", "[applause]" ...
    that :func:`analysis.segment` removed (``Document.removed``); each is
    assigned to the sentence it follows, or interrupts, by its place in the
    text.  A description, not a prediction: it says whether applause came more
    often after claptrap sentences in this transcript, nothing about why.

    Returns
    -------
    pandas.Series
        ``sentences``, ``applause_markers``, ``sentences_with_applause``,
        ``flagged_sentences`` (sentences with a claptrap row),
        ``flagged_with_applause``, ``share_flagged_with_applause`` and
        ``share_all_with_applause`` (the base rate), and ``ratio`` (the first
        share over the second; NaN when there is no applause or no flagged
        sentence).
    """
    d = as_document(doc, "applause_after_figures")
    clap = {r[0] for r in _rows(d, ("claptrap",), texts=False) if r[3] == "claptrap"}
    after = _applause_sentences(d)
    with_applause = set(after)
    n = d.n_sentences
    share_flag = len(clap & with_applause) / len(clap) if clap else math.nan
    share_all = len(with_applause) / n if n else math.nan
    ratio = share_flag / share_all if share_all and not math.isnan(share_flag) else math.nan
    return pd.Series({
        "sentences": n,
        "applause_markers": len(after),
        "sentences_with_applause": len(with_applause),
        "flagged_sentences": len(clap),
        "flagged_with_applause": len(clap & with_applause),
        "share_flagged_with_applause": share_flag,
        "share_all_with_applause": share_all,
        "ratio": ratio,
    }, dtype="float64", name="applause")


def figure_rates(doc: str | Document, matches: pd.DataFrame | None = None, *,
                 interval: Bootstrap | None = Bootstrap()) -> pd.DataFrame:
    """Each counted kind per 1,000 words, with a bootstrap interval over sentences.

    ``matches``: the table of :func:`figures_of_speech` for ``doc`` (computed when
    not given).  One row per kind of :data:`COUNTED`, in that order, with
    ``figure, count, per_1000, ci_low, ci_high``: :func:`analysis.rates` over the
    match table (a percentile bootstrap, Efron & Tibshirani 1993, whose limits
    apply: sentences are not independent).  NaN rates for a text without words.
    Higher = the figure is used more often.
    """
    d = as_document(doc, "figure_rates")
    m = figures_of_speech(d) if matches is None else matches
    return rates(m, d, by="figure", categories=COUNTED, interval=interval)
