"""Modal verbs: their force, negation and who carries them (the subject).

Every modal use is found once, by :func:`_modal_uses`; :func:`modal_phrases`
is its match table (one row per use, with the shared leading columns of
:mod:`analysis.matches`), and every modal rate (:func:`modal_counts`, the
profile's ``modals_per_1000``, ``obligation_per_1000``, ``we_must_per_1000`` ...)
is a count of those rows.

Modality (Biber et al. 1999, *Longman Grammar of Spoken and Written English*,
§6.6; Coates 1983, *The Semantics of the Modal Auxiliaries*) is grouped by
force:

* ``obligation`` (deontic: necessity, duty, advice): must, need (need to,
  needs to, needed to, need not, main-verb "we need them"), have to (have/has/
  had/having to, have got to, gotta), should, ought to, had better, and *shall*
  when its subject is not first person ("Member States shall report": the
  legal, deontic use).
* ``possibility`` (permission, ability, possibility): can, could, may, might.
* ``prediction-volition`` (future, intention, hypothesis): will, would, be
  going to (gonna), and *shall* with a first-person subject ("we shall
  overcome": Coates's volitional/predictive shall).

*need* is an obligation (necessity) modal in all its forms: "We need to
uphold the rights of victims" and "We need them to help" both say what is
necessary; "need not" is a negated obligation.  Non-modal senses are not
counted: nouns ("the needs of victims", "the need to act", "political will",
"the will of the people", "a can of", "military might", "a must"), the month
("in May", "May 2018", mid-sentence "May"), and "had" read from "'d" ("we'd
seen": past perfect; "we'd better" is counted, as *had better*).

Subjects are found without a parser: walk left from the modal over adverbs
("also", "therefore", "all", ...) and parentheticals set off by commas; a
pronoun there is the subject; otherwise the noun phrase back to a clause
boundary (a conjunction, a preposition other than *of*, a verb form, a comma,
the sentence start).  "we, the international community, must" has the
subject "we, the international community," (first plural).  Inverted
questions ("Can we ...?", "How must we ...") take the pronoun after the
modal.  Limitation: a noun phrase with a post-modifier other than an
*of*-phrase is cut at its preposition ("countries affected by terrorism
must" -> "terrorism"), and a subject containing a relative clause is
cut at its verb ("Those who can help should help": the subject of
*should* is reported as "help").  These cases are visible in
:func:`modal_phrases`, which is the table to audit.

All rates are per 1,000 words of the segmentation (``Document.n_words``); a
document with no words gives NaN rates.
"""

from __future__ import annotations

from itertools import compress, count
from typing import Iterator, Literal, NamedTuple, Sequence

import pandas as pd

from analysis.matches import match_table, word_spans
from analysis.rates import Bootstrap, per_1000, rates
from analysis.text import Document, Sentence, as_document, normalise_marks, warn_empty

__all__ = ["MODALS", "FORCE", "modal_phrases", "obligation_table", "modal_counts", "modal_measures"]

Force = Literal["obligation", "possibility", "prediction-volition"]
SubjectType = Literal[
    "first_plural", "first_singular", "second", "third_plural", "third_singular", "noun_phrase", "none"
]

#: The normalised modal lemmas, in the order tables show them.
MODALS: tuple[str, ...] = (
    "must", "need", "have to", "should", "ought to", "had better", "shall",
    "will", "would", "be going to", "can", "could", "may", "might",
)
#: Force of each modal lemma (*shall* is decided by its subject, see the module docstring).
FORCE: dict[str, str] = {
    "must": "obligation", "need": "obligation", "have to": "obligation", "should": "obligation",
    "ought to": "obligation", "had better": "obligation", "shall": "obligation",
    "will": "prediction-volition", "would": "prediction-volition", "be going to": "prediction-volition",
    "can": "possibility", "could": "possibility", "may": "possibility", "might": "possibility",
}
_FORCES = ("obligation", "possibility", "prediction-volition")


# ---------------------------------------------------------------------------
# Word classes (all lower case)
# ---------------------------------------------------------------------------

_W = frozenset
# Pronoun subjects and their types.
_SUBJECT_PRONOUN = {
    "we": "first_plural", "i": "first_singular", "you": "second", "they": "third_plural",
    "he": "third_singular", "she": "third_singular", "it": "third_singular",
    "this": "third_singular", "that": "third_singular", "these": "third_plural", "those": "third_plural",
    "one": "third_singular", "everyone": "third_singular", "everybody": "third_singular",
    "someone": "third_singular", "somebody": "third_singular", "anyone": "third_singular",
    "anybody": "third_singular", "nobody": "third_singular", "nothing": "third_singular",
    "everything": "third_singular", "something": "third_singular", "anything": "third_singular",
    "none": "third_singular", "there": "none",
}
# Object forms that head "all of us" / "each of them" / "many of you".
_OBJECT_PRONOUN = {"us": "first_plural", "them": "third_plural", "you": "second", "me": "first_singular"}
_QUANTIFIERS = _W("all both each many most some none several few one two three neither either".split())
# Pronoun part of a fused contraction: "we'll", "i'd", "we're", "we've".
_FUSED_SUBJECT = {
    "we": "first_plural", "i": "first_singular", "you": "second", "they": "third_plural",
    "he": "third_singular", "she": "third_singular", "it": "third_singular", "that": "third_singular",
    "this": "third_singular", "there": "none", "who": "noun_phrase", "what": "noun_phrase",
}
_INVERTED_SUBJECT = _W("we i you they he she it".split())
_RELATIVE = _W("who which that".split())
_WH = _W("what who which how why when where whom whose".split())
# Words skipped when walking left from a modal to its subject.
_ADVERBS = _W(
    """also really now still therefore thus then certainly surely indeed truly simply just only
    clearly obviously together too always ever already again collectively urgently further hence
    however consequently accordingly equally likewise jointly first finally ultimately
    alone ourselves themselves myself yourselves yourself itself himself herself all both each
    increasingly necessarily absolutely definitely perhaps probably possibly sometimes often
    usually generally quickly immediately soon today tonight frankly honestly""".split()
)
_QUANT_ADVERBS = _W("all both each".split())  # skipped only when a pronoun stands before them
_DETERMINERS = _W(
    """the a an this that these those our their its his her my your all every each some many
    most no any both several few more much other such another whose""".split()
)
# Words that cannot belong to a subject noun phrase: the walk stops before them.
_NP_STOP = _W(
    """and or but nor so yet because if when while although though since unless whether that which
    who whom whose where why how what than as then
    in on at for with by from to into through across among about against under over after before
    during without within between upon toward towards onto beyond via per like
    is are was were be been being am has have had do does did not n't never
    will would shall should can could may might must ought
    i we you they he she it me us them him
    said says say know think believe see saw hope want let make made
    ensure ensures ensured insist insists insisted requires required means meant
    understand understands understood recognize recognizes recognise recognises
    agree agrees agreed expect expects expected suggest suggests suggested
    propose proposes proposed recommend recommends recommended urge urges urged
    realize realizes realise realises remember remembers decided declare declares declared
    announce announces announced sure confident convinced
    there here yes no""".split()
)
# Closed set of possessives/determiners/adjectives before "will", "might", "need", "can" that
# make them nouns ("the will of", "military might", "the need to", "a can of").
_NOUN_BEFORE = _W(
    """the a an this that our their his her its my your whose every no
    political good free collective common popular national sovereign
    last iron ill own same firm unwavering shared people's nation's world's country's
    military great urgent pressing growing real clear basic special particular critical
    immediate real specific human evident obvious desperate dire acute such""".split()
)
_CAN_NOUN_BEFORE = _W("tin garbage trash soda beer paint oil spray watering".split())  # "a tin can"
_MODAL_NOUNS = _W("will can might must".split())
_PRONOMINAL = _W(
    """more much many most some all both each few several any those these everyone everybody
    anyone anybody someone somebody""".split()
)
_PREPOSITIONS = _W(
    """of in on at for with by from to into through across among about against under over after
    before during without within between upon toward towards onto beyond via per like""".split()
)
_BE = _W("am is are was were be being been".split())
_BE_NEG = _W("isn't aren't wasn't weren't".split())
_FUSED_BE = _W("i'm we're you're they're he's she's it's that's there's who's what's".split())
_HAVE = _W("have has had having".split())
_DO_NEG = _W("don't doesn't didn't".split())
_DO = _W("do does did".split())
_NEGATORS = _W("not never".split())
_AUX_SKIP = _W(
    """will would shall should can could may might must do does did don't doesn't didn't
    won't wouldn't shouldn't can't couldn't cannot mightn't not never""".split()
)
# Past participles that follow "'d" = had (we'd seen, I'd given): the "'d" is not "would".
_PARTICIPLES = _W(
    """been done gone seen had made taken given known become come begun brought bought thought
    told said found left lost kept held heard met paid sent spent built won written spoken chosen
    broken forgotten driven fallen eaten grown shown thrown drawn flown worn torn sworn gotten got
    put set let read cut hit hurt shut quit led fed fought sought taught caught felt meant slept
    stood understood sold struck hung sung rung swum drunk sunk overcome undergone undertaken
    forgiven hidden ridden risen arisen proven woken beaten bitten already ever never just""".split()
)
# "'d" + one of these = "had" too, but "never", "already", "ever", "just" are handled above
# (they are followed by a participle in "we'd never seen"; "we'd never" + verb = would).
_HAD_ADVERBS = _W("already ever never just".split())
# Nouns after "going to" that show motion, not the future ("going to war").
_GOING_PLACES = _W(
    """the a an my our their his her your its this that these those war school work church bed
    college jail prison court market town sea hell waste sleep pieces me you us them him her""".split()
)
# Modal triggers (lower case): one set lookup per word.
_SIMPLE = {
    "must": "must", "should": "should", "shall": "shall", "will": "will", "would": "would",
    "can": "can", "could": "could", "may": "may", "might": "might",
}
_NEG_CONTRACTIONS = {
    "can't": "can", "cannot": "can", "won't": "will", "mustn't": "must", "needn't": "need",
    "shouldn't": "should", "couldn't": "could", "wouldn't": "would", "shan't": "shall",
    "mightn't": "might", "oughtn't": "ought to", "mayn't": "may",
}
_NEED = _W("need needs needed".split())
_TRIGGERS = _W(
    set(_SIMPLE) | set(_NEG_CONTRACTIONS) | _NEED | _HAVE | {"ought", "going", "gonna", "gotta", "got", "better"}
)
_MONTH_BEFORE = _W(
    """in of on since until till by from early late last next this mid during before after
    through between and or""".split()
)


# ---------------------------------------------------------------------------
# Modal detection
# ---------------------------------------------------------------------------


class _Modal(NamedTuple):
    word: int  # index in the sentence of the first word of the modal expression
    end: int  # index after its last word (negation included)
    modal: str
    negated: bool
    subject_start: int  # word span of the subject (-1 when none); fused = inside word `word`
    subject_end: int
    subject_type: str
    fused: str  # subject text when fused in a contraction ("we" of "we'll"), else ""
    appositive: bool  # subject span ends with a parenthetical set off by commas


def _is_participle(w: str) -> bool:
    if w in _PARTICIPLES:
        return True
    return w.endswith("ed") and not w.endswith(("eed", "ead")) and len(w) > 4


# Possessive *have* + to-infinitive: "much that India has to share", "what Africa has to offer",
# "everything we have to give": the relativised word is the object of the infinitive and of
# *have* (what one has, to share), not an obligation.  Only verbs of giving and showing, only
# with no object after them, only after what/that/which of a quantity word (or a pronoun
# subject right after the quantity word): "All countries have to share." stays an obligation.
_POSSESSION_HEADS = frozenset("much little lot nothing something everything anything all more plenty".split())
_POSSESSION_WHAT = frozenset(["what", "whatever"])
_POSSESSION_VERBS = frozenset("offer share give contribute say show teach bring tell spare".split())
_PRONOUN_SUBJECTS = frozenset("we i you they he she it".split())
_NO_OBJECT_AFTER = frozenset(
    "to with for and or but is are was were in on at from through as today now here so if because".split())


def _possessive_have(lw: Sequence[str], i: int) -> bool:
    """Is ``lw[i]`` (a form of *have*, ``lw[i + 1] == "to"``) possessive: "much that India has to share"?

    Shared by the rules and the parse (``analysis.parse``): ``lw`` is the lower-cased
    words (or tokens) of the sentence.
    """
    if i + 2 >= len(lw) or lw[i + 2] not in _POSSESSION_VERBS:
        return False
    after = lw[i + 3] if i + 3 < len(lw) else ""
    if after and any(c.isalnum() for c in after) and after not in _NO_OBJECT_AFTER:
        return False  # an object follows: "has to share its data"
    for k in range(i - 1, max(-1, i - 6), -1):
        w = lw[k]
        if w in _POSSESSION_WHAT:
            return True
        if w in ("that", "which"):
            return k > 0 and lw[k - 1] in _POSSESSION_HEADS
        if w in _POSSESSION_HEADS and k == i - 2 and lw[i - 1] in _PRONOUN_SUBJECTS:
            return True  # "everything we have to give"
    return False


def _detect(lw: list[str], i: int, words: tuple[str, ...]) -> tuple[str, int, int, bool, int] | None:
    """Is ``lw[i]`` the start (or the head) of a modal expression?

    Returns ``(modal, first, end, negated, fused_len)`` where ``first..end`` is the word span
    of the modal expression, or ``None`` for a non-modal sense.  ``fused_len`` > 0 when the
    subject is fused into word ``first`` ("we'll", "we're going to", "we've got to").
    """
    w = lw[i]
    n = len(lw)
    nxt = lw[i + 1] if i + 1 < n else ""
    prev = lw[i - 1] if i > 0 else ""
    if w in _SIMPLE:
        modal = _SIMPLE[w]
        if w == "may":
            if words[i] == "May" and i > 0:
                return None  # mid-sentence capital: the month ("in May") or a name
            if nxt[:1].isdigit():
                return None  # "May 2018", "May 5"
        elif w in ("will", "might", "can", "must"):
            if (
                prev in _NOUN_BEFORE and prev not in ("this", "that")
                or prev.endswith("'s") and prev not in _FUSED_BE and prev != "let's"
                or w == "can" and prev in _CAN_NOUN_BEFORE
            ):
                return None  # "political will", "a can", "military might", "a must"
            if prev in ("this", "that") and nxt in ("of", "to", ""):
                return None  # "this will to live"
            if nxt in ("of", "to") and w != "can" or (w == "can" and nxt == "of"):
                return None  # "the will of the people", "will to win", "a can of"
        end = i + 1
        negated = False
        if nxt in _NEGATORS:
            negated, end = True, i + 2
        elif nxt in _INVERTED_SUBJECT and i + 2 < n and lw[i + 2] in _NEGATORS:
            negated = True  # "Can we not ...?"
        return modal, i, end, negated, 0
    if w in _NEG_CONTRACTIONS:
        modal = _NEG_CONTRACTIONS[w]
        end = i + 1
        if modal == "ought to" and nxt == "to":
            end = i + 2
        return modal, i, end, True, 0
    if w in _NEED:
        return _detect_need(lw, i, words)
    if w in _HAVE:
        if nxt == "to":
            if i + 3 < n and lw[i + 2] == "do" and lw[i + 3] == "with":
                return None  # "has to do with"
            if _possessive_have(lw, i):
                return None  # "much that India has to share": possession
            return "have to", i, i + 2, _neg_before(lw, i), 0
        if nxt == "got" and i + 2 < n and lw[i + 2] == "to":
            return "have to", i, i + 3, _neg_before(lw, i), 0
        if w == "had" and nxt == "better":
            return "had better", i, i + 2, i + 2 < n and lw[i + 2] in _NEGATORS, 0
        return None
    if w == "got":
        # "we've got to": the have-form is fused into the previous word.
        if nxt == "to" and prev.endswith("'ve"):
            return "have to", i - 1, i + 2, False, len(prev) - 3
        return None
    if w == "gotta":
        return "have to", i, i + 1, _neg_before(lw, i), 0
    if w == "ought":
        if nxt == "to":
            return "ought to", i, i + 2, False, 0
        if nxt == "not" and i + 2 < n and lw[i + 2] == "to":
            return "ought to", i, i + 3, True, 0
        return None
    if w == "better":
        if prev.endswith("'d") and len(prev) > 2:
            return "had better", i - 1, i + 1, nxt in _NEGATORS, len(prev) - 2
        return None
    if w in ("going", "gonna"):
        return _detect_going(lw, i, words)
    return None


def _neg_before(lw: list[str], i: int) -> bool:
    """Do-support or adverb negation before a semi-modal: "don't need to", "do not have to"."""
    p1 = lw[i - 1] if i > 0 else ""
    if p1 in _DO_NEG or p1 in _NEGATORS:
        return True
    p2 = lw[i - 2] if i > 1 else ""
    return p1 in _NEGATORS or (p2 in _DO and p1 == "not") or (p2 in _DO_NEG and p1 in _ADVERBS)


def _detect_need(lw: list[str], i: int, words: tuple[str, ...]):
    w = lw[i]
    n = len(lw)
    nxt = lw[i + 1] if i + 1 < n else ""
    prev = lw[i - 1] if i > 0 else ""
    # Find the word before, skipping adverbs and auxiliaries ("we will also need to").
    j = i - 1
    while j >= 0 and (lw[j] in _ADVERBS and lw[j] not in _QUANT_ADVERBS or lw[j] in _AUX_SKIP):
        j -= 1
    left = lw[j] if j >= 0 else ""
    neg = _neg_before(lw, i)
    pronoun_subject = left in _SUBJECT_PRONOUN and left not in ("this", "that", "one", "there") or (
        left.endswith(("'ll", "'d")) and left.split("'")[0] in _FUSED_SUBJECT
    ) or left in _RELATIVE and j > 0
    if w == "needed":
        if nxt == "to" and (pronoun_subject and left not in _RELATIVE):
            return "need", i, i + 2, neg, 0
        return None
    if prev in ("this", "that"):
        # "this needs to change", "reforms that need to happen" (relative) are verbs;
        # "that need to act" after a verb or at the start is the noun.
        if w != "needs" and not (i >= 2 and lw[i - 2] not in _NP_STOP and lw[i - 2] not in _DETERMINERS):
            return None
    elif prev in _NOUN_BEFORE or prev.endswith("'s") and prev not in _FUSED_BE and prev != "let's":
        return None  # "the need to act", "the needs of victims", "urgent need", "America's needs"
    if prev in ("of", "to", "for", "with", "by", "in", "on", "at", "from", "into", "whose") or prev in _BE:
        return None  # "in need", "meet the needs", "is needed"
    if nxt == "to":
        return "need", i, i + 2, neg, 0
    if nxt == "not":
        return "need", i, i + 2, True, 0
    # Main-verb need ("We need them", "what we need is"): a subject is required.
    if pronoun_subject or neg:
        return "need", i, i + 1, neg, 0
    if nxt in ("of", "for", "are", "is", "were", "was", "and", "or", ""):
        return None  # "the needs of", "needs are"
    if i == 0 or nxt in _NP_STOP or nxt in _ADVERBS:
        return None  # sentence-initial "Needs ...", "health needs must be met"
    if w == "needs" and j >= 0 and left not in _NP_STOP and left not in _DETERMINERS and j == i - 1:
        # "the United Nations needs more resources": a third-person noun subject.
        if left[:1].isalpha() and (words[j][:1].isupper() or left.endswith("s") is False):
            return "need", i, i + 1, neg, 0
    if w == "need" and j == i - 1 and left not in _NP_STOP and left not in _DETERMINERS and words[j][:1].isupper():
        return "need", i, i + 1, neg, 0  # "Member States need resources"
    return None


def _detect_going(lw: list[str], i: int, words: tuple[str, ...]):
    n = len(lw)
    if lw[i] == "gonna":
        after = i + 1
        first = i
    else:
        if i + 1 >= n or lw[i + 1] != "to":
            return None
        after = i + 2
        first = -1
    nxt = lw[after] if after < n else ""
    if nxt == "" or nxt in _GOING_PLACES or nxt[:1].isdigit() or words[after][:1].isupper() and nxt != "i":
        return None  # "going to the store", "going to Europe", "going to you": motion
    end = after
    # The be-form before "going" (possibly fused: "we're going to", or with "not").
    j = i - 1
    negated = False
    while j >= 0 and (lw[j] in _NEGATORS or lw[j] in _ADVERBS and lw[j] not in _QUANT_ADVERBS):
        if lw[j] in _NEGATORS:
            negated = True
        j -= 1
    if j < 0:
        return None
    b = lw[j]
    if b in _BE or b in _BE_NEG:
        return "be going to", j, end, negated or b in _BE_NEG, 0
    if b in _FUSED_BE:
        return "be going to", j, end, negated, b.index("'")
    if b.endswith("'m") or b.endswith("'re"):
        return "be going to", j, end, negated, b.index("'")
    if b in _INVERTED_SUBJECT and j > 0 and (lw[j - 1] in _BE or lw[j - 1] in _BE_NEG):
        return "be going to", j - 1, end, negated or lw[j - 1] in _BE_NEG, 0  # "Are we going to"
    if first == i:  # "gonna" without a be-form: "we gonna"
        return "be going to", i, end, negated, 0
    return None


def _subject(lw: list[str], words: tuple[str, ...], start: int, end: int, modal: str, comma) -> tuple[int, int, str, bool]:
    """Subject span ``(a, b, type, appositive)`` for the modal expression ``start..end``.

    ``comma(k)`` says whether a comma stands between words ``k`` and ``k + 1``.  ``a == -1`` means no subject.
    """
    n = len(lw)
    # Inverted question: a subject pronoun right after the modal word.
    nxt = lw[start + 1] if start + 1 < n else ""
    if nxt in _INVERTED_SUBJECT and (
        modal not in ("have to", "be going to", "had better", "ought to") or lw[start] in _BE or lw[start] in _BE_NEG
    ):
        return start + 1, start + 2, _SUBJECT_PRONOUN[nxt], False
    # Walk left over auxiliaries/adverbs.
    j = start - 1
    while j >= 0 and (lw[j] in _ADVERBS and lw[j] not in _QUANT_ADVERBS or lw[j] in _AUX_SKIP):
        j -= 1
    # "we all must", "we ourselves must": a pronoun before a quantifier.
    k = j
    while k >= 0 and (lw[k] in _QUANT_ADVERBS or lw[k] in _ADVERBS):
        k -= 1
    if k >= 0 and lw[k] in _SUBJECT_PRONOUN and lw[k] not in ("this", "that", "one", "none") and k != j:
        return k, k + 1, _SUBJECT_PRONOUN[lw[k]], False
    if j < 0:
        return _subject_after(lw, words, start, end)
    w = lw[j]
    if w.endswith(("'ll", "'d")) and w.split("'")[0] in _FUSED_SUBJECT:
        return j, j + 1, "fused", False
    if w in _SUBJECT_PRONOUN:
        if w in ("this", "that") and j > 0 and lw[j - 1] not in _NP_STOP:
            pass  # "that" as a relative after a noun: handled below
        else:
            return j, j + 1, _SUBJECT_PRONOUN[w], False
    if w in _OBJECT_PRONOUN and j >= 2 and lw[j - 1] == "of" and lw[j - 2] in _QUANTIFIERS:
        return j - 2, j + 1, _OBJECT_PRONOUN[w], False  # "all of us must"
    if w in _RELATIVE:
        a = _np_left(lw, words, j - 1, comma)
        return (a if a >= 0 else j), j + 1, "noun_phrase", False
    if w in _WH:
        if j == 0 or lw[j - 1] in ("and", "but", "so", "or", "yet"):
            return _subject_after(lw, words, start, end, wh=j)
        return j, j + 1, "noun_phrase", False
    # A comma right before the modal: an appositive or parenthetical.
    if comma(j):
        # Find the opening comma of the parenthetical.
        o = j
        while o > 0 and not comma(o - 1):
            o -= 1
        if o == 0:
            return -1, -1, "none", False  # a fronted phrase: "In short, must ..." (no subject)
        h = o - 1  # the word before the opening comma
        appositive = lw[o] in _DETERMINERS or words[o][:1].isupper()
        hw = lw[h]
        if hw in _SUBJECT_PRONOUN and hw not in ("this", "that"):
            if appositive:
                return h, j + 1, _SUBJECT_PRONOUN[hw], True
            return h, h + 1, _SUBJECT_PRONOUN[hw], False
        a = _np_left(lw, words, h, comma)
        if a < 0:
            return -1, -1, "none", False
        if appositive:
            return a, j + 1, "noun_phrase", True
        return a, h + 1, "noun_phrase", False
    a = _np_left(lw, words, j, comma)
    if a < 0:
        if j == 0 or w in ("and", "but", "so", "or", "yet"):
            return _subject_after(lw, words, start, end)
        return -1, -1, "none", False
    return a, j + 1, "noun_phrase", False


def _np_left(lw: list[str], words: tuple[str, ...], j: int, comma) -> int:
    """Start index of the noun phrase ending at word ``j`` (-1 if ``j`` cannot end one)."""
    if j >= 0 and lw[j] in _PRONOMINAL:
        return j  # "more can be done", "all who can help"
    if j < 0 or lw[j] in _NP_STOP or lw[j] in _DETERMINERS or lw[j] in _ADVERBS:
        return -1
    if lw[j] == "of":
        return -1
    a = j
    k = j - 1
    while k >= 0 and j - k < 8:
        w = lw[k]
        if w in _NP_STOP and w != "that" or w in _ADVERBS and w not in _DETERMINERS:
            if not (w in _MODAL_NOUNS and k > 0 and (lw[k - 1] in _NOUN_BEFORE or lw[k - 1] in _DETERMINERS)):
                break  # ... but "the will of the people", "a can of paint" are nouns
        if comma(k):
            break
        if w == "that" and k > 0 and lw[k - 1] not in _PREPOSITIONS:
            break  # a complementiser or relative: "we know that Member States must"
        a = k
        if w in _DETERMINERS and not (k > 0 and lw[k - 1] == "of"):
            break  # the determiner opens the phrase (unless an of-phrase: "the rights of the victims")
        k -= 1
    # Do not start with "of" ("of the people must").
    while a < j and lw[a] == "of":
        a += 1
    return a


def _subject_after(lw, words, start, end, wh: int = -1):
    """Subject after the modal (questions, optatives: "Can the UN do more?", "May God bless")."""
    n = len(lw)
    k = end if end > start + 1 else start + 1
    if k < n and lw[k] in _NEGATORS:
        k += 1
    if k >= n:
        return (wh, wh + 1, "noun_phrase", False) if wh >= 0 else (-1, -1, "none", False)
    w = lw[k]
    if w in _SUBJECT_PRONOUN:
        return k, k + 1, _SUBJECT_PRONOUN[w], False
    if w in _DETERMINERS or words[k][:1].isupper():
        b = k + 1
        while b < n and words[b][:1].isupper():
            b += 1
        if b == k + 1 and w in _DETERMINERS and b < n:
            b += 1  # "Can the world ...": determiner + one word
        return k, b, "noun_phrase", False
    if wh >= 0:
        return wh, wh + 1, "noun_phrase", False
    return -1, -1, "none", False


#: Longest sentence (words) for which :func:`_scan_sentence` uses the quick comma test.
_QUICK_COMMA_WORDS = 200


def _comma_follows(text: str, word: str) -> bool:
    """Does any occurrence of ``word`` in ``text`` have a comma before the next letter or digit?"""
    p = text.find(word)
    n = len(text)
    while p >= 0:
        q = p + len(word)
        while q < n and not text[q].isalnum():
            if text[q] == ",":
                return True
            q += 1
        p = text.find(word, p + 1)
    return False


def _offsets(sentence: Sentence):
    """Character offsets of each word in ``sentence.text``, with a sentinel at the end of both lists."""
    spans = word_spans(sentence)
    n = len(sentence.text)
    return [a for a, _ in spans] + [n], [b for _, b in spans] + [n], sentence.text


#: The words that may start a modal use: the triggers and the fused "'ll"/"'d" contractions that
#: :func:`_detect_fused` reads ("we'll", "i'd", "who'd"; a contraction of another word is never a modal).
_CANDIDATES = _TRIGGERS | {base + suffix for base in _FUSED_SUBJECT for suffix in ("'ll", "'d")}


def _scan_sentence(
    s: Sentence, lw: list[str], positions: list[int], subjects_for: frozenset[str] | None = None
) -> Iterator[_Modal]:
    """The modal uses of one sentence, from the candidate word positions ``positions``.

    ``subjects_for``: find subjects only for these modals (the others get no subject);
    ``None`` finds them for all.  The measures need subjects only for must, need and shall.
    """
    words = s.words
    cache: list = []  # [the word offsets] once needed
    has_comma = "," in s.text
    marks: list = []  # [the text with normalised marks] once needed (most sentences need no subject)

    def comma(k: int) -> bool:
        """Is there a comma between word k and word k + 1?

        A quick exact negative test first (no occurrence of the word in the text is
        followed by a comma before the next letter); the word offsets only when needed.
        """
        # Issue 9: the quick test scans the whole sentence once per call, so in a long
        # sentence (over _QUICK_COMMA_WORDS words) it is skipped for the offsets, computed once.
        if not has_comma:
            return False
        if len(words) <= _QUICK_COMMA_WORDS:
            if not marks:
                marks.append(normalise_marks(s.text))
            if not _comma_follows(marks[0], words[k]):
                return False
        if not cache:
            cache.append(_offsets(s))
        starts, ends, t = cache[0]
        return "," in t[ends[k]:starts[k + 1]]

    skip_until = -1
    for i in positions:
        if i < skip_until:
            continue
        w = lw[i]
        if w in _TRIGGERS:
            hit = _detect(lw, i, words)
        else:
            hit = _detect_fused(lw, i)
        if hit is None:
            continue
        modal, first, end, negated, fused_len = hit
        if fused_len:
            a, b, stype, appos = first, first + 1, _FUSED_SUBJECT.get(lw[first][:fused_len], "noun_phrase"), False
            fused = words[first][:fused_len]
        elif subjects_for is not None and modal not in subjects_for:
            a, b, stype, appos, fused = -1, -1, "none", False, ""
        else:
            a, b, stype, appos = _subject(lw, words, first, end, modal, comma)
            fused = ""
            if stype == "fused":
                base = lw[a].split("'")[0]
                fused = words[a][: len(base)]
                stype = _FUSED_SUBJECT[base]
        yield _Modal(first, end, modal, negated, a, b, stype, fused, appos)
        skip_until = end


def _detect_fused(lw: list[str], i: int):
    """"we'll" -> will; "we'd" -> would, or "had" (not counted) before a participle."""
    w = lw[i]
    n = len(lw)
    base, _, suffix = w.rpartition("'")
    if base not in _FUSED_SUBJECT:
        return None
    nxt = lw[i + 1] if i + 1 < n else ""
    if suffix == "ll":
        neg = nxt in _NEGATORS
        return "will", i, i + 2 if neg else i + 1, neg, len(base)
    # 'd: had or would?
    if nxt == "better":
        return None  # counted at "better" as "had better"
    look = nxt
    if nxt in _HAD_ADVERBS or nxt == "not":
        look = lw[i + 2] if i + 2 < n else ""
    if _is_participle(look) or nxt == "had":
        return None  # "we'd seen", "I'd never been": past perfect
    neg = nxt in _NEGATORS
    return "would", i, i + 2 if neg else i + 1, neg, len(base)


_SUBJECT_MODALS = frozenset(["must", "need", "shall"])  # the measures need their subjects


def _modal_hits(doc: Document, allw: tuple[str, ...], subjects_for=None) -> Iterator[tuple[Sentence, _Modal]]:
    """Modal uses of the document: one pass over the words finds the candidates, then only
    the sentences holding a candidate are examined."""
    cand = list(compress(count(), map(_CANDIDATES.__contains__, allw)))  # the word positions, at C speed
    if not cand:
        return
    k = 0
    while k < len(cand):
        s = doc.sentence_of(cand[k])
        f = s.first_word
        e = f + len(s.words)
        local = []
        while k < len(cand) and cand[k] < e:
            local.append(cand[k] - f)
            k += 1
        for m in _scan_sentence(s, allw[f:e], local, subjects_for):
            yield s, m


def _modal_uses(doc: Document, subjects_for: frozenset[str] | None = None) -> Iterator[tuple[Sentence, _Modal]]:
    """Every modal use of the document, once: what :func:`modal_phrases` tabulates and the measures count.

    ``subjects_for`` limits the (costlier) subject search to these modals;
    nothing else about a use depends on it.
    """
    return _modal_hits(doc, doc.lower_words, subjects_for)


def _force(modal: str, stype: str) -> str:
    if modal == "shall" and stype in ("first_plural", "first_singular"):
        return "prediction-volition"
    return FORCE[modal]




# ---------------------------------------------------------------------------
# Public: modality
# ---------------------------------------------------------------------------

_MODAL_COLUMNS = ["modal", "force", "negated", "subject", "subject_type", "match"]
_MODAL_DTYPES = {"modal": "object", "force": "object", "negated": "bool", "subject": "object",
                 "subject_type": "object", "match": "object"}


def modal_phrases(doc: str | Document, *, method: Literal["rules", "parse"] = "rules") -> pd.DataFrame:
    """Every modal use in the text, with its subject, force and negation: the modal match table.

    Parameters
    ----------
    doc : str or Document
        A speech, or its segmentation from :func:`analysis.segment`.

    Returns
    -------
    pandas.DataFrame
        One row per modal use, in text order: the shared leading columns
        (:data:`analysis.matches.LEADING`: ``sentence``, ``start``, ``end``,
        ``word_in_sentence``, ``position``; ``start``/``end`` span the modal's
        own words, e.g. "have to", "must not"), then

        ``modal``
            the normalised lemma, one of :data:`MODALS` ("can't" -> can,
            "we'll" -> will, "has to" -> have to, "we're going to" -> be going to);
        ``force``
            obligation, possibility or prediction-volition (see :data:`FORCE`
            and the module docstring: *shall* is obligation except with a
            first-person subject);
        ``negated``
            True for "must not", "can't", "cannot", "need not", "don't need
            to", "will never", ...;
        ``subject``
            the subject as written in the sentence ("we", "Member States",
            "the United Nations", "we, the international community,"), or ""
            when there is none (imperative, fronted phrase) or it is implicit;
        ``subject_type``
            first_plural, first_singular, second, third_plural, third_singular,
            noun_phrase or none (existential "there" is typed none: a dummy
            subject carries no agent);
        ``match``
            the matched words as written, joined by spaces, with the subject
            when it is a pronoun standing next to the modal ("We must",
            "can't", "need not", "we'll", "Can we").

    method : {"rules", "parse"}, keyword-only
        ``"rules"`` (default): the fast rule-based subject finder described
        in the module docstring (the corpus profile's path); ``"parse"``: the
        subject from the project's dependency parser (:func:`analysis.parse.modal_subjects`,
        trained on UD English-EWT), with further columns (head, type, sense).

    Notes
    -----
    Modality follows Biber et al. (1999, §6.6) and Coates (1983); see the
    module docstring for the forms counted and the non-modal senses that are
    not.  :func:`modal_counts` and the profile's modal rates count these rows.
    """
    if method not in ("rules", "parse"):
        raise ValueError(f"modal_phrases(): method={method!r} is not one of 'rules', 'parse'")
    if method == "parse":  # issue 11: subjects from the project's dependency parser (analysis.parse)
        from analysis.parse import modal_subjects

        return modal_subjects(doc)
    doc = as_document(doc, "modal_phrases")
    # Issue 9: the word offsets of a sentence are computed once per sentence, not once per
    # modal in it (a 100,000-word sentence with 2,700 modals took minutes: quadratic).
    offsets: dict[int, tuple] = {}
    return match_table(doc, (_row(s, m, offsets) for s, m in _modal_uses(doc)), _MODAL_COLUMNS,
                       dtypes=_MODAL_DTYPES)


def _row(s: Sentence, m: _Modal, offsets: dict[int, tuple]) -> tuple:
    """One row of :func:`modal_phrases`; ``offsets`` caches :func:`_offsets` by sentence index."""
    words = s.words
    if m.fused:
        subject = m.fused
    elif m.subject_start < 0:
        subject = ""
    else:
        if s.index not in offsets:
            offsets[s.index] = _offsets(s)
        starts, ends, text = offsets[s.index]
        a, b = m.subject_start, m.subject_end
        stop = ends[b - 1]
        if m.appositive:
            comma = text.find(",", stop)
            if comma >= 0:
                stop = comma + 1
        subject = text[starts[a]:stop]
    lo, hi = m.word, m.end
    if not m.fused and m.subject_end - m.subject_start == 1 and m.subject_type != "noun_phrase":
        if m.subject_end == m.word:  # "We must"
            lo = m.subject_start
        elif m.subject_start == m.word + 1:  # inverted: "Can we (not)"
            hi = max(hi, m.subject_end)
            if m.negated and hi < len(words) and words[hi].lower() in _NEGATORS:
                hi += 1
    match = " ".join(words[lo:hi])
    f = s.first_word
    return (s.index, f + m.word, f + m.end, m.modal, _force(m.modal, m.subject_type), m.negated, subject,
            m.subject_type, match)


_DET_STRIP = ("the ", "a ", "an ")


def _normalise_subject(subject: str, stype: str) -> str:
    if stype in ("first_plural", "first_singular", "second", "third_plural", "third_singular") or stype == "none":
        head = subject.split(",")[0].strip()
        if not head:
            return "(none)"
        return head.lower()
    s = subject.rstrip(",").strip()
    low = s.lower()
    for d in _DET_STRIP:
        if low.startswith(d):
            return s[len(d):]
    return s or "(none)"


def obligation_table(
    doc: str | Document,
    *,
    force: Literal["obligation", "possibility", "prediction-volition", "all"] = "obligation",
    method: Literal["parse", "rules"] = "parse",
) -> pd.DataFrame:
    """Who must do what: counts of modal uses by subject and modal.

    Parameters
    ----------
    doc : str or Document
    force : {"obligation", "possibility", "prediction-volition", "all"}
        Which modals to count (default: obligation: must, need, have to,
        should, ought to, had better, deontic shall).  With ``method="parse"``
        an epistemic *must* / *should* ("this must be hard", force
        "epistemic") is no obligation; ``"all"`` counts it.
    method : {"parse", "rules"}, keyword-only
        How subjects are found (issue 11): ``"parse"`` (default, a single
        speech's analysis): :func:`analysis.parse.modal_subjects`, the
        project's dependency parser with rules on top (full noun phrase:
        "All countries", "Those"); ``"rules"``: the fast rule-based finder of
        :func:`modal_phrases` (the corpus profiles' path).  Raises
        :class:`analysis.parse.ParserModelError` if the shipped model is
        missing or corrupt (``make model``).

    Returns
    -------
    pandas.DataFrame
        Index ``subject``: the normalised subject (a pronoun in lower case,
        "we" for "we, the international community,"; a noun phrase without
        its article: "United Nations"; "(none)" when there is none).  One
        column per modal lemma that occurs (in :data:`MODALS` order), ``total``
        and ``example`` (the first sentence with that subject).  Sorted by
        ``total``, most frequent first, then by first appearance.  The rows
        behind each count are in :func:`modal_phrases`.
    """
    if force not in ("obligation", "possibility", "prediction-volition", "all"):
        raise ValueError(
            f"obligation_table(): force={force!r} is not one of 'obligation', 'possibility', "
            "'prediction-volition', 'all'"
        )
    if method not in ("parse", "rules"):
        raise ValueError(f"obligation_table(): method={method!r} is not one of 'parse', 'rules'")
    doc = as_document(doc, "obligation_table")
    mp = modal_phrases(doc, method=method)
    if force != "all":
        mp = mp[mp["force"] == force]
    modals = [m for m in MODALS if m in set(mp["modal"])]
    if mp.empty:
        out = pd.DataFrame(columns=["total", "example"], index=pd.Index([], name="subject"))
        return out.astype({"total": "int64", "example": "object"})
    subj = [_normalise_subject(s, t) for s, t in zip(mp["subject"], mp["subject_type"])]
    mp = mp.assign(subject_norm=subj)
    counts = pd.crosstab(mp["subject_norm"], mp["modal"]).reindex(columns=modals, fill_value=0)
    counts.columns.name = None
    counts["total"] = counts.sum(axis=1)
    first = mp.drop_duplicates("subject_norm").set_index("subject_norm")["sentence"]
    counts["example"] = [doc.sentences[int(first[s])].text for s in counts.index]
    order = sorted(counts.index, key=lambda s: (-counts.at[s, "total"], int(first[s])))
    counts = counts.loc[order]
    counts.index.name = "subject"
    return counts.astype({c: "int64" for c in modals + ["total"]})




def modal_counts(
    doc: str | Document,
    *,
    by: Literal["modal", "force"] = "modal",
    interval: Bootstrap | None = Bootstrap(),
) -> pd.DataFrame:
    """Modal density: uses of each modal (or each force) per 1,000 words, with bootstrap intervals.

    ``per_1000 = 1000 * count / n_words``, where ``count`` is the number of
    rows of :func:`modal_phrases` (the per-match table behind every count) for
    that modal or force; higher means the text leans more on that kind of
    modality.  ``ci_low``/``ci_high`` come from :func:`analysis.rates` (a
    percentile bootstrap over sentences, Efron & Tibshirani 1993; all rows share
    the same resamples; its limits are in :mod:`analysis.rates`).

    Parameters
    ----------
    doc : str or Document
    by : {"modal", "force"}, keyword-only
        ``"modal"``: one row per modal lemma and force, every lemma of
        :data:`MODALS` included (zeros too), grouped by force (obligation,
        possibility, prediction-volition) and in :data:`MODALS` order within
        a force.  *shall* has two rows: deontic *shall* (obligation: "Member
        States shall report") and first-person *shall* (prediction-volition:
        "we shall overcome").  ``"force"``: one row per force.
    interval : Bootstrap or None, keyword-only
        Options of the interval (``None``: no interval).

    Returns
    -------
    pandas.DataFrame
        Columns ``force``, ``modal`` (only with ``by="modal"``), ``count``
        (int), ``negated`` (how many of them are negated: "must not",
        "can't"), ``per_1000``, ``ci_low``, ``ci_high`` (per 1,000 words;
        NaN for a text without words).  The ``count`` column sums to
        ``len(modal_phrases(doc))``.
    """
    if by not in ("modal", "force"):
        raise ValueError(f"modal_counts(): by={by!r} is not one of 'modal', 'force'")
    doc = as_document(doc, "modal_counts")
    warn_empty(doc, "modal_counts", "rates and intervals are NaN")
    mp = modal_phrases(doc)
    if by == "modal":
        # force-major, MODALS order within a force; first-person shall is prediction-volition
        keys = sorted([(FORCE[m], m) for m in MODALS] + [("prediction-volition", "shall")],
                      key=lambda fm: (_FORCES.index(fm[0]), MODALS.index(fm[1])))
        mp = mp.assign(key=list(zip(mp["force"], mp["modal"])))
        head = {"force": [f for f, _ in keys], "modal": [m for _, m in keys]}
    else:
        keys = list(_FORCES)
        mp = mp.assign(key=mp["force"])
        head = {"force": keys}
    table = rates(mp, doc, by="key", categories=keys, interval=interval)
    negated = mp[mp["negated"]].groupby("key").size()
    df = pd.DataFrame({**head, "count": table["count"],
                       "negated": [int(negated.get(k, 0)) for k in keys],
                       "per_1000": table["per_1000"], "ci_low": table["ci_low"], "ci_high": table["ci_high"]})
    return df.astype({"count": "int64", "negated": "int64", "per_1000": "float64",
                      "ci_low": "float64", "ci_high": "float64"})


def modal_measures(doc: str | Document) -> dict[str, float]:
    """The modal measures of the profile: counts of :func:`modal_phrases`' rows per 1,000 words.

    ``modals_per_1000`` (all uses), ``obligation_per_1000``,
    ``possibility_per_1000``, ``prediction_per_1000`` (by force),
    ``we_must_per_1000`` (subject first plural + must, including "we, the
    international community, must" and "must we") and ``we_need_per_1000``
    (first plural + need).  The rows are the same uses :func:`modal_phrases`
    lists, counted without building the table (the subject is looked up only
    for must, need and shall, the modals whose counts depend on it); a test
    checks equality with the table on every SOTU address.
    """
    doc = as_document(doc, "modal_measures")
    forces = dict.fromkeys(_FORCES, 0)
    we_must = we_need = 0
    for _, m in _modal_uses(doc, _SUBJECT_MODALS):
        forces[_force(m.modal, m.subject_type)] += 1
        if m.subject_type == "first_plural":
            if m.modal == "must":
                we_must += 1
            elif m.modal == "need":
                we_need += 1
    n = doc.n_words
    return {
        "modals_per_1000": per_1000(sum(forces.values()), n),
        "obligation_per_1000": per_1000(forces["obligation"], n),
        "possibility_per_1000": per_1000(forces["possibility"], n),
        "prediction_per_1000": per_1000(forces["prediction-volition"], n),
        "we_must_per_1000": per_1000(we_must, n),
        "we_need_per_1000": per_1000(we_need, n),
    }
