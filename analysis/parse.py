"""Who must? Modal subjects from a dependency parse (issue 11).

The rule-based finder (:func:`analysis.modal_phrases`) walks left from a modal
to find its subject; it is fast but cuts noun phrases at post-modifiers,
parentheticals and relative clauses.  This module reads the subject off a
dependency parse instead, with a spaCy pipeline (tok2vec, tagger,
parser) that the project trains itself on the Universal
Dependencies English Web Treebank (``make model``; CC BY-SA 4.0, see
``analysis/models/en_ud_ewt/README.md``) and ships in the package.

Segmentation
    The Document's sentences are the only segmentation.  Each sentence that
    holds a modal trigger word is parsed on its own (``Sentence.text``, marks
    normalised as :func:`analysis.text.normalise_marks` does), as one tree
    (the parser is not allowed to split it), and every spaCy token is mapped
    back to the Document word that contains it ("can't" is one word and two
    tokens).  All indices in the output are Document word indices.
Length cap
    A sentence of more than :data:`MAX_PARSE_WORDS` words is not parsed (a
    transcript with no full stops would cost memory and time for a tree of no
    use); its modals come from the rule-based finder, with ``source="rules"``
    and the reason in ``note``, and one :class:`LongSentenceWarning` says how
    many sentences were handled so.  Sentences are parsed in small batches, so
    a text of a million words never sits in memory as one parse.
Modals
    must, should, shall, will ('ll, won't), would ('d read as *would* by the
    tagger), can (can't, cannot), could, may (not the month), might, ought to,
    need (need to, need not, and main-verb *need* with an object: "hotspots
    need flood-resilient infrastructure"), have to (have/has/had/having to,
    have got to, gotta), be going to (gonna), had better: the inventory of
    :data:`analysis.MODALS`.  A *have to* or *need to* that is itself under an
    obligation modal ("You should not have to own a car") is counted once, as
    the outer modal; "will have to" stays two uses (future + obligation), as
    in the rule-based finder.
Subject
    The nominal subject (``nsubj``, ``nsubj:pass``, ``csubj``) or expletive
    (``expl``: "there") of the verb the modal governs; for *have to*, *need*
    and *be going to*, of that verb itself.  A predicate with no subject of
    its own that is coordinated with one that has (``conj``) shares it ("All
    countries must cut emissions and must limit warming").  A relative
    pronoun is replaced by its antecedent ("Those who can help should help":
    "Those" for *can*).  A quantifier with an *of*-phrase has the phrase's
    noun as head ("all of us" -> us, "each of the Member States" -> States).
    The noun phrase is the head's subtree, without its relative clauses,
    parataxis and anything set off by dashes or brackets, cut at the modal.
Types
    ``subject_type`` uses the rule-based finder's vocabulary (first_plural,
    first_singular, second, third_plural, third_singular for pronouns,
    noun_phrase, none for no subject or expletive *there*); ``subject_kind``
    is pronoun, proper (a proper-noun head), common or none; ``person`` is 1,
    2 or 3 (noun phrases are third person).  ``inclusive_we`` is True when a
    *we*/*us* subject is marked as including everyone: "we all", "we must
    all", "all of us", "each of us", "both of us", "we together".
Sense
    ``sense`` is "deontic" (duty, the default for obligation modals),
    "epistemic" (a conclusion or an expectation, Coates 1983 ch. 3 and 4) or
    "necessity" (main-verb *need* with an object) for the obligation modals,
    "" for the others.  Epistemic uses are *must have* + participle ("they
    must have known"), *must be* + -ing ("you must be joking"), *must be* +
    adjective with a *this*/*that*/*it* subject and no clause after it ("this
    must be hard"), and *should*/*ought to* with an inanimate subject and a
    measure or time complement ("a bus that should take twenty minutes").
    They get ``force="epistemic"`` (so obligation counts leave them out) and
    ``epistemic=True``.  Otherwise ``force`` is :data:`analysis.FORCE`, with
    *shall* + first person as prediction-volition, as in the rules.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import pandas as pd

from analysis import config
from analysis.matches import match_table
from analysis import modality as _rules
from analysis.modality import _possessive_have
from analysis.text import Document, Sentence, as_document, normalise_marks

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Token

__all__ = [
    "MAX_PARSE_WORDS",
    "MODAL_SUBJECT_COLUMNS",
    "ParserModelError",
    "LongSentenceWarning",
    "load_parser",
    "modal_subjects",
    "rules_subject_head",
    "subject_agreement",
    "word_char_offsets",
]

#: Sentences longer than this (in Document words) are not parsed: rules instead.
MAX_PARSE_WORDS = 300
# "--We will": spaCy keeps a leading double hyphen on the word; an em dash and a space (same length) split it.
_LEADING_DASH = re.compile(r"(?<!\S)--(?=\w)")
#: Name of the checksum file written by ``make model`` beside the model's files.
CHECKSUMS = "checksums.sha256"


class ParserModelError(RuntimeError):
    """The shipped parser model is missing or unreadable (rebuild it with ``make model``)."""


class LongSentenceWarning(UserWarning):
    """Some sentences were too long to parse; their modals come from the rule-based finder."""


# ---------------------------------------------------------------------------
# Loading the model
# ---------------------------------------------------------------------------


def _model_error(path: Path, problem: str) -> ParserModelError:
    return ParserModelError(
        f"analysis: the parser model {path} {problem}; rebuild it with `make model` "
        "(trains the pipeline on the UD English Web Treebank, about an hour)"
    )


def _check_model(path: Path) -> None:
    """Every file named in the model's checksum list is there and has the recorded SHA-256."""
    if not path.is_dir():
        raise _model_error(path, "is missing")
    sums = path / CHECKSUMS
    if not sums.is_file():
        raise _model_error(sums, "is missing (the list of the model's files and their SHA-256)")
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        f = path / name
        if not f.is_file():
            raise _model_error(f, "is missing")
        if hashlib.sha256(f.read_bytes()).hexdigest() != digest:
            raise _model_error(f, "is corrupt (its SHA-256 differs from the one in checksums.sha256)")


@lru_cache(maxsize=4)
def _load(path: Path) -> "Language":
    _check_model(path)
    try:
        import spacy

        nlp = spacy.load(path)
    except Exception as e:  # a file that passes the checksum but does not load (other spaCy version)
        raise _model_error(path, f"could not be loaded ({type(e).__name__}: {e})") from e
    missing = {"tagger", "parser"} - set(nlp.pipe_names)
    if missing:
        raise _model_error(path, f"has no {', '.join(sorted(missing))} component")
    return nlp


def load_parser(path: str | Path | None = None) -> "Language":
    """The project's dependency parser (a spaCy pipeline), loaded once per process.

    Parameters
    ----------
    path : str or Path, optional
        A model folder; by default the one shipped in the package
        (``analysis/models/en_ud_ewt``, :data:`analysis.config.PARSER_MODEL`).

    Returns
    -------
    spacy.language.Language
        The pipeline (tok2vec, tagger (Penn Treebank tags), parser (UD relations)), offline.

    Raises
    ------
    ParserModelError
        If the folder, a file of the model or its checksum list is missing, a
        file is corrupt (SHA-256 check), or spaCy cannot load it; the message
        names the file and says to run ``make model``.
    """
    p = Path(path) if path is not None else config.PARSER_MODEL
    return _load(p.resolve())


# ---------------------------------------------------------------------------
# Word classes (lower case; spaCy tokens, so "can't" is "ca" + "n't")
# ---------------------------------------------------------------------------

_W = frozenset
_SIMPLE = {
    "must": "must", "should": "should", "shall": "shall", "sha": "shall", "will": "will", "'ll": "will",
    "ll": "will", "wo": "will", "would": "would", "'d": "would", "can": "can", "ca": "can",
    "could": "could", "may": "may", "might": "might", "ought": "ought to", "need": "need",
    "must've": "must", "mus": "must",
}
_NEED = _W("need needs needed needing".split())
# The rules' word lists (analysis.modality) and the pieces spaCy's tokenizer splits off
# ("we've" -> we 've, "don't" -> do n't, "I'm" -> I 'm).
_HAVE = _rules._HAVE | {"'ve"}
_TO = _W("to ta na".split())  # "have to", "got ta" (gotta), "gon na" (gonna)
_NEGATORS = _rules._NEGATORS | {"n't", "nt"}
_BE = _rules._BE | {"'m", "'re", "'s"}
_OBLIGATION_OUTER = _W("must should ought shall need".split())
_SUBJ_DEPS = _W("nsubj nsubj:pass nsubjpass csubj csubj:pass expl".split())
_RELATIVE = _W("who that which whom whoever".split())
_QUANT = _W("all each both many most some none one several few either neither any".split())
_INCLUSIVE = _W("all both each together".split())
_DASHES = _W(["-", "--", "---", "\u2013", "\u2014", "(", "["])
_TRIM_DEPS = _W("acl:relcl parataxis dep discourse vocative".split())
_TIME_NOUNS = _W(
    """second seconds minute minutes hour hours day days week weeks month months year years decade
    decades century centuries percent per cent""".split()
)
_FINITE = _W("MD VBP VBZ VBD".split())
# Words before *will* / *need* that make it a noun ("the will", "a need", "no need", "every need").
_NOUN_DETERMINERS = _W("the a an no every another any".split())
# Tags a subject head can carry (a noun, pronoun, determiner, number, gerund, adjective: "the poor").
_NOMINAL_TAGS = _W("NN NNS NNP NNPS PRP DT EX CD WP WDT PDT VBG FW JJ JJR JJS ADD $ XX".split())
_PERSONAL = _W("i we you he she they me us him her them".split())
_EPISTEMIC_SUBJECTS = _W("this that it".split())
# Pronoun heads and the subject types of the rule-based finder.
_PRONOUN_TYPE = {
    "we": "first_plural", "us": "first_plural", "ourselves": "first_plural",
    "i": "first_singular", "me": "first_singular", "myself": "first_singular",
    "you": "second", "yourself": "second", "yourselves": "second",
    "they": "third_plural", "them": "third_plural", "these": "third_plural", "those": "third_plural",
    "themselves": "third_plural",
    "he": "third_singular", "she": "third_singular", "it": "third_singular", "him": "third_singular",
    "her": "third_singular", "this": "third_singular", "that": "third_singular", "one": "third_singular",
    "everyone": "third_singular", "everybody": "third_singular", "someone": "third_singular",
    "somebody": "third_singular", "anyone": "third_singular", "anybody": "third_singular",
    "nobody": "third_singular", "nothing": "third_singular", "everything": "third_singular",
    "something": "third_singular", "anything": "third_singular", "none": "third_singular",
    "there": "none",
}
_PERSON = {"first_plural": 1, "first_singular": 1, "second": 2, "third_plural": 3, "third_singular": 3,
           "noun_phrase": 3}
# Candidate sentences: a Document word (lower case) that can carry a modal.
_TRIGGER_WORDS = _W(
    """must should shall will would can could may might ought need needs needed needing have has
    had having going gonna gotta got better cannot can't won't mustn't needn't shouldn't couldn't
    wouldn't shan't mightn't oughtn't""".split()
)


def _is_candidate(lower_words: Iterable[str]) -> bool:
    return any(w in _TRIGGER_WORDS or w.endswith(("'ll", "'d", "'ve")) for w in lower_words)


# ---------------------------------------------------------------------------
# Token <-> Document word
# ---------------------------------------------------------------------------


def _find_words(text: str, words: Iterable[str], pos: int = 0) -> list[tuple[int, int]]:
    """Character span of each of ``words`` in ``text``, found in order from ``pos``.

    An occurrence counts only at word boundaries (no letter or digit just
    before or after it), so "a" is not found inside "area".
    """
    spans = []
    n = len(text)
    for w in words:
        p = text.find(w, pos)
        while p >= 0 and ((p > 0 and text[p - 1].isalnum() and w[:1].isalnum())
                          or (p + len(w) < n and text[p + len(w)].isalnum() and w[-1:].isalnum())):
            p = text.find(w, p + 1)
        if p < 0:  # should not happen: the words come from this text
            p = pos
        spans.append((p, p + len(w)))
        pos = p + len(w)
    return spans


def _word_spans(s: Sentence, text: str) -> list[tuple[int, int]]:
    """Character span of each word of ``s`` in ``text`` (the sentence text, marks normalised)."""
    return _find_words(text, s.words)


def word_char_offsets(doc: str | Document) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of every Document word in ``doc.text``.

    For stand-off annotation: a word of the segmentation is located in the
    text as given (curly apostrophes and Unicode hyphens read as the words
    spell them; the text is assumed to be in composed Unicode, as nearly all
    are).  ``doc.words[i]`` is ``doc.text[start:end]`` up to those marks.
    """
    d = as_document(doc, "word_char_offsets")
    text = normalise_marks(d.text)
    out: list[tuple[int, int]] = []
    pos = 0
    for s in d.sentences:
        spans = _find_words(text, s.words, pos)
        out.extend(spans)
        if spans:
            pos = spans[-1][1]
    return out


def _token_words(doc, spans: list[tuple[int, int]]) -> list[int]:
    """For each spaCy token, the index (within the sentence) of the word holding it, or -1 (punctuation)."""
    out = []
    k = 0
    n = len(spans)
    for t in doc:
        c = t.idx
        while k < n and spans[k][1] <= c:
            k += 1
        out.append(k if k < n and spans[k][0] <= c < spans[k][1] else -1)
    return out


# ---------------------------------------------------------------------------
# Modals on the parse
# ---------------------------------------------------------------------------


def _to_complement(t: "Token"):
    """The infinitive (``xcomp`` with a *to* mark) that follows ``t``, if any."""
    for c in t.rights:
        if c.dep_ == "xcomp" and any(m.lower_ in _TO and m.dep_ == "mark" for m in c.children):
            return c
    return None


def _negated(tokens: Iterable["Token"], lo: int, hi: int) -> bool:
    return any(x.lower_ in _NEGATORS and lo <= x.i <= hi for x in tokens)


def _modal_at(t: "Token"):
    """``(modal, first token, last token, governed/subject token)`` when ``t`` carries a modal, else None."""
    low = t.lower_
    tag = t.tag_
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    prev = doc[t.i - 1] if t.i > 0 else None
    if low == "better" and prev is not None and prev.lower_ in ("had", "'d"):
        return "had better", prev, t, t.head if t.dep_.startswith("aux") else t
    if low in _NEED and tag != "MD":
        if not tag.startswith("VB") and not (
            any(c.dep_.startswith("nsubj") for c in t.lefts) and any(c.dep_ in ("obj", "dobj") for c in t.rights)
        ):
            return None  # the noun: "the needs of victims" (but "Young people ... need jobs", mistagged)
        if any(c.dep_ in ("aux:pass", "auxpass") for c in t.children) or tag == "VBN" and t.dep_ in ("amod", "acl"):
            return None  # "what is needed", "the help needed"
        if _to_complement(t) is not None:
            return "need", t, t, t
        if any(c.dep_ in ("obj", "dobj", "ccomp") for c in t.rights):
            return "need", t, t, t  # main verb: "hotspots need flood-resilient infrastructure"
        if t.dep_ == "acl:relcl" and t.i > t.head.i and t.head.tag_ in _NOUN_TAGS and not any(
            c.dep_ in ("obl", "advmod") and any(k.tag_ in ("WDT", "WP", "WRB") for k in c.subtree) for c in t.lefts
        ):
            return "need", t, t, t  # the object relativised: "the opportunities we'll all need (for ...)"
        h = t.head
        if t.dep_ == "aux" and h.i == t.i + 1 and h.tag_ in ("VBN", "VBD") and (
            any(c.dep_ in ("obj", "dobj") for c in h.rights) or h.dep_ == "amod" and h.head.i > h.i
        ):
            # "need increased financial support": the participle is the object's adjective
            return "need", t, t, t if any(c.dep_ in _SUBJ_DEPS for c in t.children) else h
        if t.dep_ == "aux" and h.i > t.i and h.tag_ == "VB" and all(
            x.tag_.startswith("RB") for x in doc[t.i + 1:h.i]
        ):
            return "need", t, t, h  # modal need before its verb: "No child need go hungry"
        bare = next((c for c in t.rights if c.dep_ == "xcomp" and c.tag_ in ("VB", "VBN", "VBP")
                     and not any(m.dep_ == "mark" for m in c.children)), None)
        if bare is not None and all(x.tag_.startswith("RB") for x in doc[t.i + 1:bare.i]):
            return "need", t, t, t  # modal need with a bare infinitive: "no country need choose"
        return None
    if low in ("will", "need") and (
        prev is not None and (prev.lower_ in _NOUN_DETERMINERS or prev.tag_ in ("PRP$", "POS")
                              or prev.tag_ in ("DT", "JJ", "JJR", "JJS", "IN") and not (
                                  _auxiliary_md(t) and nxt is not None
                                  and (nxt.tag_ in ("VB", "RB", "RBR", "RBS") or nxt.lower_ in _NEGATORS)))
        or nxt is not None and nxt.lower_ in ("of", "to") and low == "will"
    ):
        return None  # "the will of the people", "political will", "the will to act", "in need"
    if low == "will" and nxt is not None and nxt.tag_ in ("VBZ", "VBD", "MD"):
        return None  # a modal takes no finite verb: "our unity of purpose and will has been strengthened"
    if low in _SIMPLE:
        if low == "'d" and (tag != "MD" or nxt is not None and nxt.lower_ == "better"):
            return None  # "we'd seen": had
        if tag != "MD" and not (t.dep_.startswith("aux") and low not in ("may", "'d", "need")):
            return None  # "the will of the people", "a can of paint", "in May", "a must"
        modal = _SIMPLE[low]
        last = t
        if modal == "ought to" and nxt is not None and nxt.lower_ == "to":
            last = nxt
        gov = t.head if t.dep_.startswith("aux") else t
        return modal, t, last, gov
    if low in _HAVE or low == "got":
        if tag == "MD" or t.dep_.startswith("aux") and low != "got":
            return None
        comp = _to_complement(t)
        if comp is None:
            after = doc[t.i + 2] if t.i + 2 < len(doc) else None
            if low in _HAVE and nxt is not None and nxt.lower_ == "to" and (after is None or after.is_punct):
                return "have to", t, nxt, t  # elliptical: "as long as she has to,"
            return None
        to = next((m for m in comp.children if m.dep_ == "mark" and m.lower_ in _TO), None)
        if to is None or not (t.i < to.i <= t.i + 2):
            return None
        sent = t.sent
        if to.i == t.i + 1 and _possessive_have([x.lower_ for x in sent], t.i - sent.start):
            return None  # "much that India has to share": possession (the rules' test)
        if low == "got":
            have = [c for c in t.children if c.lower_ in _HAVE and c.dep_.startswith("aux")]
            if not have and to.lower_ != "ta":
                return None  # "I got to see him": past of get
            first = have[0] if have else t
            return "have to", first, to, t
        return "have to", t, to, t
    if low in ("going", "gon"):
        comp = _to_complement(t)
        if comp is None:
            return None
        to = next((m for m in comp.children if m.dep_ == "mark" and m.lower_ in _TO), None)
        if to is None or not (t.i < to.i <= t.i + 1):
            return None
        be = [c for c in t.lefts if c.dep_.startswith("aux") and c.lower_ in _BE]
        first = be[0] if be else t
        return "be going to", first, to, t
    return None


def _auxiliary_md(t: "Token") -> bool:
    """``t`` is tagged as a modal and attached as the auxiliary of a verb or predicate to its right.

    After an adjective or a determiner other than an article, *will* is the modal only when
    a base verb (or an adverb, a negator) follows: "this will provide", "the Lobito corridor
    will extend", but "the political will required", "collective will can change".
    """
    return t.tag_ == "MD" and t.dep_.startswith("aux") and t.head.i > t.i


def _subject_of(v: "Token", at: int = -1) -> "Token | None":
    """The subject of verb ``v``, shared through coordination.

    With several subjects (a vocative or a fronted phrase the parse made one:
    "my fellow Americans, whatever you may believe"), the one nearest the modal
    at token ``at`` on its left, else the first on its right (inverted: "Can
    we"); an outer subject (``nsubj:outer``: "what I hope will be") only when
    there is no other.  A verb that is the complement of a relative clause's verb
    ("someone who I think is going to") has the relative pronoun as subject.
    """
    seen = 0
    while v is not None and seen < 8:
        subj = [c for c in v.children if c.dep_ in _SUBJ_DEPS]
        if subj:
            expl = [c for c in subj if c.dep_ == "expl"]
            if expl:
                return expl[0]
            before = sorted((c for c in subj if c.i < at), key=lambda c: c.i)
            if not before:
                return min(subj, key=lambda c: c.i)
            best = before[-1]
            for c in reversed(before[:-1]):  # an appositive: "We, the States Members of the United Nations, must"
                end = best.right_edge.i
                closed = v.doc[end].text == "," or end + 1 < len(v.doc) and v.doc[end + 1].text == ","
                if v.doc[c.i + 1].text == "," and best.left_edge.i in (c.i + 1, c.i + 2) and closed:
                    # set off on both sides (not "Fifth, the United Nations needs")
                    best = c
            return best
        outer = [c for c in v.children if c.dep_ == "nsubj:outer"]
        if outer:
            return outer[0]
        if v.dep_ == "ccomp" and v.head.dep_ == "acl:relcl" and v.head.i < v.i:
            rel = [c for c in v.head.children if c.lower_ in _RELATIVE and c.tag_ in ("WP", "WDT") and c.i < v.i
                   and not c.dep_.startswith("nsubj")]
            if rel:
                return rel[0]  # "someone who I think is going to be considered"
        if v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
            seen += 1
            continue
        if v.dep_ in ("xcomp",) and v.head.i != v.i and v.head.i > v.i - 6:
            v = v.head  # "to be able to": the controller's subject
            seen += 1
            continue
        return None
    return None


def _antecedent(s: "Token") -> "Token":
    """A relative pronoun's antecedent (the noun its clause modifies); other tokens unchanged."""
    if s.lower_ not in _RELATIVE or s.tag_ not in ("WP", "WDT", "WP$", "IN", "DT"):
        return s
    v = s.head
    for _ in range(6):
        if v.dep_ == "acl:relcl":
            return v.head
        if v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
            continue
        break
    k = s.i - 1
    while k >= 0 and s.doc[k].text == ",":
        k -= 1
    if k >= 0 and s.doc[k].tag_ in ("NN", "NNS", "NNP", "NNPS", "DT", "PRP"):
        return s.doc[k]  # the parse did not attach the clause: "industries that will define"
    return s


_ADJ_SKIP = _W("RB RBR RBS".split())
_NOUN_TAGS = _W("NN NNS NNP NNPS".split())
_CLIMB = _W("compound flat flat:name nmod nmod:poss nmod:npmod amod nummod appos conj obl fixed det".split())
_SUBJECT_FORMS = _W("i we you he she they it".split())
# Verbs that take a complement clause without "that" ("who believe every vote should count").
_CLAUSE_VERBS = _W(
    """believe believes believed think thinks thought know knows knew say says said hope hopes hoped feel
    feels felt expect expects expected ensure ensures agree agrees mean means suggest suggests insist
    recognize recognizes understand understands see sees saw demand demands trust trusts promise promises
    argue argues fear fears realize realizes decide decides note notes warn warns acknowledge
    acknowledges pray prays wish wishes guarantee guarantees show shows""".split()
)
_PREPOSITIONS = _W("of for in on at with by from around about among across under over against".split())
_CLOSERS = _W(["--", "---", "\u2013", "\u2014", ")", "]"])
_REFLEXIVE = _W("itself themselves himself herself ourselves myself yourself yourselves".split())
# Words between a subject and its modal that are no part of the noun phrase ("we today", "we ourselves").
_FLOATING = _REFLEXIVE | _W("today tonight now tomorrow yesterday together too also alone".split())
# First words of a parenthetical set off by commas between a subject and its modal.
_PARENTHETICAL_OPENERS = _W(
    """whether if as like unlike although though while when once because since despite including in with
    through by for at from after before especially regardless together along alongside""".split()
)


def _adjacent_subject(first: "Token") -> "Token | None":
    """The noun phrase ending right before the modal (adverbs skipped), if a noun or subject pronoun ends there.

    Its head is found by climbing the parse from that word through noun-internal
    relations ("workers around the world" -> workers; "Jordan and Israel" ->
    Jordan).  A subject next to its modal is the one structure the rule-based
    finder never misses; a parse that attaches that word elsewhere is wrong.
    """
    doc = first.doc
    k = first.i - 1
    while k >= 0 and (doc[k].tag_ in _ADJ_SKIP and doc[k].lower_ not in _NEGATORS or doc[k].lower_ in _FLOATING):
        k -= 1
    if k >= 0 and doc[k].text == ",":
        # "we, whether large or small, will": a comma parenthetical opened by a subordinator or preposition
        # (a full stop inside a sentence, which the segmentation did not end there, reads as a comma)
        j = k - 1
        while j > 0 and k - j < 15 and doc[j].text not in (",", ".", ";", ":"):
            j -= 1
        if j > 0 and doc[j].text in (",", ".") and doc[j + 1].lower_ in _PARENTHETICAL_OPENERS:
            k = j - 1
            while k >= 0 and doc[k].lower_ in _FLOATING:
                k -= 1
    if k >= 0 and doc[k].text in _CLOSERS:
        # a parenthetical right before the modal: "All countries -- with the G20 leading the way -- must"
        close = doc[k].text
        opener = {")": "(", "]": "["}.get(close, close)
        j = k - 1
        while j >= 0 and doc[j].text != opener:
            j -= 1
        if j <= 0:
            return None
        k = j - 1
        while k >= 0 and (doc[k].text in ('"', "'", "\u201d", "''") or doc[k].lower_ in _FLOATING):
            k -= 1
    if k < 0:
        return None
    t = doc[k]
    if t.tag_ == "PRP":
        if t.lower_ not in _SUBJECT_FORMS:
            return None
    elif t.tag_ not in _NOUN_TAGS:
        return None
    t = _climb(t, first.i)
    # the end of a relative clause is no subject; its antecedent is ("those who break the law must")
    v = t.head
    for _ in range(3):
        if v.i == t.i or v.i >= first.i:
            break
        if v.dep_ in ("acl:relcl", "acl") and v.head.i < v.i and t.dep_ not in ("nsubj", "nsubj:pass"):
            return _climb(v.head, first.i)
        if v.dep_ != "conj":
            break
        v = v.head
    return t


def _antecedent_before(first: "Token", subj: "Token") -> "Token | None":
    """The antecedent of a relative clause that ends right before the modal, when ``subj`` lies inside it.

    "those who break the law must": a parse that makes "law" the subject of *must*
    has read the relative clause as the main one.  Walking left from the modal
    (no punctuation, no subordinator crossed) to a relative pronoun with a verb
    after it, the word before the pronoun is the subject.
    """
    doc = first.doc
    verb = False
    for k in range(first.i - 1, -1, -1):
        t = doc[k]
        if t.is_punct or t.dep_ == "mark" and t.lower_ not in _RELATIVE or t.tag_ == "WRB" or t.tag_ == "MD":
            return None
        if t.tag_.startswith("VB"):
            verb = True
        if t.lower_ in _RELATIVE and t.tag_ in ("WP", "WDT"):
            if not verb:
                return None  # "what posterity demands that we must": the clause's own subject is the subject
            if not (k < subj.i < first.i) or k == 0:
                return None
            opens_clause = any(x.lower_ in _CLAUSE_VERBS for x in doc[k + 1:subj.i])
            if opens_clause and doc[k + 1].lower_ not in _PERSONAL:
                return None  # "the volunteers who believe every vote should count": a complement clause
            before = doc[k - 1]
            if before.tag_ in _NOUN_TAGS or before.tag_ in ("DT", "PRP"):
                return _climb(before, k)
            return None
    return None


_CLAUSE_VERB_TAGS = _W("VB VBP VBZ VBD MD".split())


def _verb_between(doc, lo: int, hi: int) -> bool:
    """A verb of a clause (base, finite or modal) lies strictly between token indices ``lo`` and ``hi``."""
    return any(x.tag_ in _CLAUSE_VERB_TAGS for x in doc[lo + 1:hi])


def _climb(t: "Token", limit: int) -> "Token":
    """From a word of a noun phrase to the phrase's head, through noun-internal relations before ``limit``."""
    for _ in range(12):
        h = t.head
        if h.i == t.i or h.i >= limit or t.dep_ not in _CLIMB or h.tag_ not in _NOUN_TAGS | {"PRP", "DT", "CD"}:
            break
        if t.dep_ == "conj" and h.dep_ in ("obj", "iobj", "obl", "nmod"):
            break  # "We hear you and Canada will": Canada is no conjunct of the object
        if t.dep_ == "conj" and _verb_between(t.doc, h.i, t.i):
            break  # "As those forces become self-reliant and take on ..., America and its partners will"
        t = h
    return t


def _repair(t: "Token") -> "Token":
    """Undo parse errors a subject head cannot have: a conjunct to its left (the first conjunct heads a
    coordination), a preposition of its own ("the hope of the community" -> hope), a clause for a
    free relative ("What was true then can ..." -> What)."""
    doc = t.doc
    for _ in range(4):
        if t.lower_ in _REFLEXIVE and t.i > 0 and doc[t.i - 1].tag_ in _NOUN_TAGS:
            t = _climb(doc[t.i - 1], t.i)  # "The United Nations itself must"
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].text == "-" and t.head.i > t.i:
            t = t.head  # "our decades-old institutions": a part of a hyphenated modifier
            if t.tag_.startswith("JJ") and t.head.i > t.i:
                t = t.head
            continue
        if t.tag_.startswith("JJ") and not (t.i > 0 and doc[t.i - 1].lower_ in _PRONOUN_TYPE):
            k = t.i + 1
            while k < len(doc) and not doc[k].tag_.startswith(("VB", "MD")) and doc[k].dep_ != "punct" \
                    or k < len(doc) and doc[k].text == ",":
                k += 1
            nouns = [x for x in doc[t.i + 1:k] if x.tag_ in _NOUN_TAGS]
            if nouns:
                t = _climb(nouns[-1], k)  # "A fair, equitable and democratic order will"
                continue
        if t.dep_.startswith("csubj"):
            wh = [c for c in t.children if c.dep_.startswith("nsubj") and c.tag_ in ("WP", "WDT")]
            if wh:
                return wh[0]
            return t
        left = [c for c in t.children if c.dep_ == "conj" and c.i < t.i]
        if left:
            t = left[0]
            continue
        u = t
        while u.dep_ == "conj" and u.head.i < u.i:
            u = u.head
        case = [c for c in u.children if c.dep_ == "case" and c.tag_ != "POS" and c.i < u.i
                and c.lower_ in _PREPOSITIONS]  # not "so that", "because" parsed as case
        edge = u.left_edge.i - 1
        if not case and edge > 0 and doc[edge].tag_ == "IN" and doc[edge].lower_ in _PREPOSITIONS:
            case = [doc[edge]]  # "Those most responsible for emissions must": "for" parsed as a mark
        if case and case[0].i > 0:
            left_word = doc[case[0].i - 1]
            if left_word.tag_ in _NOUN_TAGS or left_word.tag_ in ("PRP", "DT"):
                t = _climb(left_word, case[0].i)
                continue
            if left_word.tag_.startswith("JJ"):
                k = left_word.i
                while k >= 0 and doc[k].tag_ in ("JJ", "JJR", "JJS", "RB", "RBR", "RBS"):
                    k -= 1
                if k >= 0 and (doc[k].tag_ in _NOUN_TAGS or doc[k].tag_ in ("DT", "PRP")):
                    t = _climb(doc[k], case[0].i)  # "Those most responsible for emissions"
                    continue
        break
    return t


# Relations a noun should not have when it is in fact a subject whose verb the parse lost.
_CLAUSAL_DEPS = _W("advcl ccomp parataxis dep ROOT csubj xcomp appos list".split())


def _orphan_subject(first: "Token", gov: "Token") -> "Token | None":
    """A noun phrase ending right before the modal (commas skipped) that the parse made a clause of its own.

    "even a handful of terrorists who place no value on human life, including their own, can do":
    a parse that makes *handful* an adverbial clause gives *can do* no subject (or the
    first clause's by coordination).  From the word before the modal, climb while the
    phrase still ends before it; a noun reached with a clausal relation is the subject.
    A gerund at the top ("Strengthening the rule of law ... will benefit", the verb a
    complement of the gerund) is a clausal subject.
    """
    doc = first.doc
    k = first.i - 1
    while k >= 0 and (doc[k].text == "," or doc[k].tag_ in _ADJ_SKIP and doc[k].lower_ not in _NEGATORS):
        k -= 1
    if k < 0 or doc[k].is_punct:
        return None
    t = doc[k]
    for _ in range(20):
        h = t.head
        if h.i == t.i or h.i >= first.i or h.right_edge.i >= first.i:
            break
        t = h
    if t.tag_ in _NOUN_TAGS and t.dep_ in _CLAUSAL_DEPS and t.head.i != t.i or t.tag_ in _NOUN_TAGS and t.dep_ == "ROOT":
        return t
    h = t.head
    if t.dep_ in ("obj", "dobj") and h.tag_ == "VBG" and h.i < t.i and gov.head.i == h.i and not any(
        c.dep_.startswith("nsubj") for c in h.children
    ) and (h.i == 0 or doc[h.i - 1].is_punct or doc[h.i - 1].dep_ in ("cc", "mark")):
        return h
    return None


_COORDINATORS = _W("and or nor".split())
_NP_INNER = _W("DT PDT JJ JJR JJS NN NNS NNP NNPS PRP PRP$ CD HYPH POS , ``".split())


def _first_conjunct(t: "Token") -> "Token":
    """The first conjunct of a coordinated subject the parse broke up ("No one and no force should": one).

    When the word before ``t``'s phrase is *and* / *or* / *nor* and everything before
    it back to the start of the sentence (or a colon) is noun phrases separated by
    commas, the subject is the coordination, headed by its first noun.
    """
    doc = t.doc
    j = t.left_edge.i - 1
    if j < 1 or doc[j].lower_ not in _COORDINATORS or any(c.dep_ == "conj" for c in t.children if c.i < t.i):
        return t
    k = j - 1
    while k >= 0 and doc[k].tag_ in _NP_INNER and doc[k].lower_ not in _COORDINATORS and (
        doc[k].text == "," or not doc[k].is_punct
    ):
        k -= 1
    if k >= 0 and doc[k].text not in (":", ";") and doc[k].dep_ != "mark":
        return t
    nouns = [x for x in doc[k + 1:j] if x.tag_ in _NOUN_TAGS or x.tag_ == "PRP"]
    if not nouns:
        return t
    end = next((x.i for x in doc[k + 1:j] if x.text == ","), j)
    first_np = [x for x in nouns if x.i < end] or nouns[:1]
    head = first_np[-1]
    if head.dep_ in ("obj", "iobj", "obl", "nmod") and head.head.i < head.i:
        return t
    return head


def _true_head(t: "Token", first: "Token") -> "Token":
    """Fix heads a tagger error gives a subject: "COP 26" -> COP (a name and its number), "the Lobito
    corridor" -> corridor (a noun tagged as adjective after a name), "respect for territorial integrity
    and non-interference" -> respect (a "compound" with a prepositional phrase of its own)."""
    doc = t.doc
    if t.tag_ == "CD" and t.i > 0 and doc[t.i - 1].tag_ in ("NNP", "NNPS") and doc[t.i - 1].head.i == t.i:
        return doc[t.i - 1]
    if t.tag_ in ("NNP", "NNPS"):
        right = [c for c in t.children if t.i < c.i < first.i and c.dep_ in ("amod", "compound")
                 and c.tag_ in ("JJ", "NN", "NNS") and not any(True for _ in c.children)]
        k = first.i - 1
        while k > t.i and doc[k].tag_ in _ADJ_SKIP:
            k -= 1
        if right and right[-1].i == k:
            return right[-1]
    for c in t.lefts:
        if c.dep_ == "compound" and any(
            n.dep_ == "nmod" and any(m.dep_ == "case" and m.lower_ in _PREPOSITIONS for m in n.children)
            for n in c.children
        ):
            return c
    return t


def _find_subject(first: "Token", gov: "Token") -> "Token | None":
    """The token heading the subject of the modal at ``first`` governing ``gov`` (see the module notes)."""
    subj = _subject_of(gov, first.i)
    if not any(c.dep_ in _SUBJ_DEPS for c in gov.children):
        orphan = _orphan_subject(first, gov)
        if orphan is not None:
            subj = orphan
    if subj is None:
        subj = _parenthetical_clause_subject(first)
    relative = False
    if subj is not None:
        a = _antecedent(subj)
        relative = a.i != subj.i
        subj = a
    near = _adjacent_subject(first)
    if near is not None:
        if subj is None or (near.i not in {x.i for x in subj.subtree} and near.head.i != gov.i):
            subj, relative = near, False  # the noun or pronoun right before the modal, attached elsewhere
        elif near.i != subj.i and near.tag_ == "PRP" and near.dep_ in _SUBJ_DEPS:
            subj, relative = near, False  # a subject pronoun next to its modal is never lost
        elif near.i != subj.i and _path_crosses_clause(near, subj):
            subj, relative = near, False  # "... take on responsibilities, America and its partners will"
    if subj is None:
        return None
    pronoun_next = near is not None and near.i == subj.i and subj.tag_ == "PRP"
    if not relative:
        subj = _repair(subj)  # an antecedent has the relation of its own clause ("in the woman who will")
    if not pronoun_next:
        ante = _antecedent_before(first, subj)
        if ante is not None:
            subj = ante
    return _gerund_subject(_true_head(_first_conjunct(subj), first), first)


_NOT_GERUNDS = _W("according including going regarding concerning considering given following excluding".split())


def _gerund_subject(t: "Token", first: "Token") -> "Token":
    """A gerund opening the sentence heads its subject ("Rebuilding the schools will take years":
    Rebuilding, not schools) when the phrase runs to the modal without a comma."""
    doc = t.doc
    g = 0
    while g < len(doc) and doc[g].dep_ == "cc":
        g += 1
    if g < t.i < first.i and doc[g].tag_ == "VBG" and doc[g].lower_ not in _NOT_GERUNDS and not any(
        x.is_punct or x.tag_ in ("WDT", "WP") for x in doc[g:first.i]
    ) and t.tag_ != "PRP":  # not "Investing in industries that will define": a relative clause's modal
        return doc[g]
    return t


def _parenthetical_clause_subject(first: "Token") -> "Token | None":
    """"what I hope will be", "a leader who we believe should lead": the wh-word before a
    pronoun and a verb of thinking or saying that stand right before the modal is its subject."""
    doc = first.doc
    k = first.i - 1
    if k >= 2 and doc[k].lower_ in _CLAUSE_VERBS and doc[k - 1].lower_ in _PERSONAL and (
        doc[k - 2].tag_ in ("WP", "WDT") and doc[k - 2].lower_ in _RELATIVE | {"what", "whatever"}
    ):
        return doc[k - 2]
    return None


def _path_crosses_clause(low: "Token", high: "Token") -> bool:
    """On the way up from ``low`` to its ancestor ``high``, a coordination spans a verb of a clause."""
    t = low
    for _ in range(12):
        if t.i == high.i or t.head.i == t.i:
            return False
        if t.dep_ == "conj" and _verb_between(t.doc, min(t.i, t.head.i), max(t.i, t.head.i)):
            return True
        t = t.head
    return False


def _head_word(s: "Token") -> "Token":
    """The word that names who: the noun of a quantifier's of-phrase ("all of us" -> us)."""
    if s.tag_.startswith("JJ") and s.i > 0 and s.doc[s.i - 1].lower_ in _PRONOUN_TYPE:
        return s.doc[s.i - 1]  # "Something good must come": the pronoun, not its adjective
    if s.lower_ in _QUANT or s.lower_ == "every":
        doc = s.doc
        for k in range(s.i + 1, min(s.i + 6, len(doc) - 1)):
            if doc[k].tag_ in ("MD", "VB", "VBP", "VBZ", "VBD") or doc[k].is_punct:
                break
            if doc[k].lower_ == "of" and doc[k + 1].tag_ == "PRP":
                return doc[k + 1]  # "Each and every one of us"
        for c in s.rights:
            if c.dep_ == "conj" and c.i != s.i:
                h = _head_word(c)  # "Each and every one of us"
                if h.i != c.i:
                    return h
            if c.dep_ in ("nmod", "obl", "pobj", "prep") and any(k.lower_ == "of" for k in c.children):
                return c
            if c.lower_ == "of":  # "of" as head of the phrase (other schemes)
                objs = [k for k in c.children if k.dep_ in ("pobj", "obj")]
                if objs:
                    return objs[0]
    return s


def _np_span(s: "Token", modal_first: "Token") -> tuple[int, int]:
    """First and last token indices of the noun phrase headed by ``s`` (trimmed; see the module notes)."""
    doc = s.doc
    drop: set[int] = set()
    for c in s.subtree:
        if c.i == s.i:
            continue
        if c.dep_ == "case" and c.head.i == s.i and c.tag_ != "POS":
            drop.add(c.i)  # an antecedent's preposition: "with all who can help" -> all
            continue
        if c.dep_ in _TRIM_DEPS and c.head.i in {x.i for x in s.subtree}:
            drop.update(x.i for x in c.subtree)
            continue
        left = c.left_edge.i - 1
        if c.head is not None and c.dep_ not in ("punct",) and left >= 0 and doc[left].text in _DASHES \
                and left > s.i:
            drop.update(x.i for x in c.subtree)  # "All countries -- with the G20 leading the way -- must"
    keep = {x.i for x in s.subtree} - drop
    lo = hi = s.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    if s.i < modal_first.i:
        hi = min(hi, modal_first.i - 1)
    while lo < s.i and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > s.i and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return lo, hi


def _epistemic(modal: str, first: "Token", gov: "Token", head: "Token | None") -> bool:
    low = head.lower_ if head is not None else ""
    after = [c for c in gov.children if c.i > first.i]
    if modal == "must":
        between = [c for c in gov.children if first.i < c.i < gov.i]
        if any(c.lower_ in ("have", "'ve") for c in between) and gov.tag_ == "VBN":
            return True  # "they must have known"
        if gov.tag_ == "VBG" and any(c.lower_ in _BE for c in between):
            return True  # "you must be joking"
        if gov.tag_ in ("JJ", "JJR", "JJS"):
            clause = any(c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") for c in after)
            if low in _EPISTEMIC_SUBJECTS and not clause and any(c.dep_ == "cop" for c in gov.children):
                return True  # "this must be hard"
        return False
    if modal in ("should", "ought to"):
        if head is None or low in _PERSONAL or head.tag_ == "NNP":
            return False
        for c in after:
            if c.dep_ in ("obj", "dobj", "obl", "npadvmod", "obl:npmod", "obl:tmod") and (
                c.lower_ in _TIME_NOUNS or any(k.dep_ == "nummod" for k in c.children)
            ):
                return True  # "a bus that should take twenty minutes"
    return False


def _inclusive(head: "Token | None", subj: "Token | None", gov: "Token") -> bool:
    if head is None or head.lower_ not in ("we", "us", "ourselves"):
        return False
    if subj is not None and subj.i != head.i and subj.lower_ in _QUANT | {"every"}:
        return True  # "all of us", "each of us", "every one of us"
    if any(c.lower_ in _INCLUSIVE for c in head.children):
        return True  # "we all", "we both"
    return any(c.lower_ in _INCLUSIVE and c.i < gov.i and c.i > head.i for c in gov.children)  # "we must all"


_FORCE_CACHE: dict[str, str] = {}


def _force_of(modal: str, stype: str) -> str:
    if not _FORCE_CACHE:
        from analysis import FORCE  # the rule-based finder's table (one definition)

        _FORCE_CACHE.update(FORCE)
    if modal == "shall" and stype in ("first_plural", "first_singular"):
        return "prediction-volition"
    return _FORCE_CACHE[modal]


def _sentence_rows(s: Sentence, sdoc, text: str) -> list[tuple]:
    spans = _word_spans(s, text)
    tw = _token_words(sdoc, spans)
    f = s.first_word
    cache: list = []

    def rules() -> list[tuple]:
        if not cache:
            cache.append(_rules_rows([s], ""))
        return cache[0]

    rows = []
    used_until = -1
    found = []
    for t in sdoc:
        if t.i <= used_until:
            continue
        hit = _modal_at(t)
        if hit is None:
            continue
        modal, first, last, gov = hit
        if modal in ("have to", "need") and any(
            c.dep_.startswith("aux") and c.lower_ in _OBLIGATION_OUTER | {"sha", "'ll"} and c.tag_ == "MD"
            and _SIMPLE.get(c.lower_) in ("must", "should", "ought to", "shall")
            for c in gov.children
        ):
            continue  # "You should not have to own a car": counted once, at "should"
        # include a negator right after the modal in the match ("must not", "need not")
        nt = sdoc[last.i + 1] if last.i + 1 < len(sdoc) else None
        if nt is not None and nt.lower_ in _NEGATORS and modal not in ("have to", "be going to", "had better"):
            last = nt
        used_until = last.i
        found.append((modal, first, last, gov))
    for modal, first, last, gov in found:
        if modal in ("have to", "need", "be going to"):
            neg = _negated(gov.children, 0, gov.i) or _negated(sdoc[first.i:last.i + 1], 0, len(sdoc))
        else:
            neg = _negated(sdoc[first.i:last.i + 1], 0, len(sdoc)) or any(
                c.lower_ in _NEGATORS and first.i < c.i < gov.i for c in gov.children
            )
        subj = _find_subject(first, gov)
        head = _head_word(subj) if subj is not None else None
        sense = ""
        if head is None:
            stype, kind, subject, hw, sa, sb, hpos = "none", "none", "", "", None, None, None
        else:
            lo, hi = _np_span(subj, first)
            if head.i < lo or head.i > hi:
                lo, hi = min(lo, head.i), max(hi, head.i)
            wl, wh, wk = tw[lo], tw[hi], tw[head.i]
            if wk < 0:
                wk = next((tw[i] for i in range(head.i, hi + 1) if tw[i] >= 0), -1)
            if wl < 0:
                wl = wk
            if wh < 0:
                wh = wk
            hl = head.lower_
            if hl in _PRONOUN_TYPE and not head.tag_.startswith("NNP"):
                stype = _PRONOUN_TYPE[hl]
                kind = "none" if hl == "there" else "pronoun"
            else:
                stype = "noun_phrase"
                kind = "proper" if head.tag_ in ("NNP", "NNPS") else "common"
            if wk < 0:
                stype, kind, subject, hw, sa, sb, hpos = "none", "none", "", "", None, None, None
            else:
                a, b = spans[wl][0], spans[wh][1]
                subject = s.text[a:b]
                hw = s.words[wk]
                sa, sb, hpos = f + wl, f + wh + 1, f + wk
                if wl == wh and lo == hi and len(head) < b - a:
                    # a fused subject ("we'll", "I'm going to"): the pronoun part, as the rules give it
                    subject = hw = s.text[head.idx:head.idx + len(head)]
        if modal == "need" and first.tag_ != "MD" and (
            gov.i == first.i and not any(c.dep_ == "xcomp" for c in gov.rights)
            or gov.i == first.i + 1 and gov.tag_ in ("VBN", "VBD")
        ):
            sense = "necessity"  # main-verb need with an object (not "need to", not bare "need go")
        epi = _epistemic(modal, first, gov, head)
        force = _force_of(modal, stype)
        if force == "obligation":
            sense = "epistemic" if epi else (sense or "deontic")
            if epi:
                force = "epistemic"
        else:
            epi = False
        a_w = tw[first.i] if tw[first.i] >= 0 else next(i for i in tw[first.i:] if i >= 0)
        b_w = max(i for i in tw[first.i:last.i + 1] if i >= 0) if any(
            i >= 0 for i in tw[first.i:last.i + 1]) else a_w
        match = " ".join(s.words[a_w:b_w + 1])
        person = _PERSON.get(stype, pd.NA) if head is not None else pd.NA
        note = ""
        finite = modal not in ("have to", "need", "be going to") or first.tag_ in _FINITE or first.i != gov.i
        if (head is None and finite) or (head is not None and head.tag_ not in _NOMINAL_TAGS):
            # The parse gives a finite modal no subject, or a subject that is no noun: the rules' one.
            rule = next((r for r in rules() if r[1] <= f + a_w < r[2] and r[6]), None)
            if rule is not None:
                subject, stype, hw, kind, person = rule[6], rule[7], rule[9], rule[10], rule[11]
                sa = sb = hpos = None
                head = None
                force = _force_of(modal, stype) if not epi else force
                note = "subject from the rule-based finder (the parse gives none)"
        rows.append((
            s.index, f + a_w, f + b_w + 1, modal, force, neg, subject, stype, match, hw, kind, person,
            _inclusive(head, subj, gov), epi, sense,
            pd.NA if sa is None else sa, pd.NA if sb is None else sb, pd.NA if hpos is None else hpos,
            "parse", note,
        ))
    return rows


MODAL_SUBJECT_COLUMNS = [
    "modal", "force", "negated", "subject", "subject_type", "match", "subject_head", "subject_kind",
    "person", "inclusive_we", "epistemic", "sense", "subject_start", "subject_end", "subject_word",
    "source", "note",
]
_DTYPES = {
    "modal": "object", "force": "object", "negated": "bool", "subject": "object", "subject_type": "object",
    "match": "object", "subject_head": "object", "subject_kind": "object", "person": "Int64",
    "inclusive_we": "bool", "epistemic": "bool", "sense": "object", "subject_start": "Int64",
    "subject_end": "Int64", "subject_word": "Int64", "source": "object", "note": "object",
}


# ---------------------------------------------------------------------------
# The rule-based finder, for the sentences not parsed
# ---------------------------------------------------------------------------

_HEAD_STOP = _W("of for in on at with by from to into around about among across under over".split())


def rules_subject_head(subject: str, subject_type: str) -> str:
    """The head word the rule-based finder's subject implies.

    The rules return a subject string, not a head; this reads one off it the
    way the finder builds it: a pronoun is its own head ("we, the
    international community," -> we; "all of us" -> us); a noun phrase is
    headed by the last word of its first conjunct, before any *of*-phrase and
    without a trailing relative pronoun ("the elderly woman who" -> woman,
    "the views of their governments" -> views, "Democrats and Republicans"
    -> Democrats).  Used to compare the two systems word for word.
    """
    from analysis.text import words as _words

    ws = _words(subject) if subject else []
    if not ws:
        return ""
    low = [w.lower() for w in ws]
    if subject_type != "noun_phrase":
        for w, lw in zip(ws, low):
            if lw in _PRONOUN_TYPE and not (lw in _QUANT and "of" in low):
                return w
        return ws[-1] if "of" in low else ws[0]
    if subject.rstrip().endswith(","):
        ws = _words(subject.split(",")[0])  # appositive: "the UN, our Organization," -> UN
        low = [w.lower() for w in ws]
    while len(ws) > 1 and low[-1] in _RELATIVE:
        ws, low = ws[:-1], low[:-1]
    for k, lw in enumerate(low):
        if k > 0 and lw in ("of", "and", "or"):
            return ws[k - 1]
    return ws[-1]


def _rules_rows(sentences: list[Sentence], note: str) -> list[tuple]:
    """Rows of the rule-based finder for ``sentences``, in this module's columns."""
    from analysis import modal_phrases

    kw = {"method": "rules"} if "method" in inspect.signature(modal_phrases).parameters else {}
    rows = []
    for s in sentences:
        mini = Document(s.text, (Sentence(0, s.paragraph, s.text, s.words, s.syllables, 0),), ())
        mp = modal_phrases(mini, **kw)
        for r in mp.itertuples(index=False):
            if "start" in mp.columns:
                a, b = int(r.start), int(r.end)
            else:  # the finder before the match-table change: word in sentence + the match's words
                a = int(r.word)
                b = a + max(1, len(str(r.match).split()))
            stype = r.subject_type
            hw = rules_subject_head(r.subject, stype)
            if stype == "noun_phrase":
                kind = "proper" if hw[:1].isupper() else "common"
            else:
                kind = "none" if stype == "none" else "pronoun"
            sense = ("epistemic" if r.force == "epistemic" else "deontic") if r.force == "obligation" else ""
            rows.append((
                s.index, s.first_word + a, s.first_word + b, r.modal, r.force, bool(r.negated), r.subject, stype,
                r.match, hw, kind, _PERSON.get(stype, pd.NA) if hw else pd.NA,
                False, False, sense, pd.NA, pd.NA, pd.NA, "rules", note,
            ))
    return rows


# ---------------------------------------------------------------------------
# Public
# ---------------------------------------------------------------------------


def _parsed(nlp, items: list[tuple[Sentence, str]], batch_size: int) -> Iterator[tuple[Sentence, str, object]]:
    def docs():
        for s, text in items:
            d = nlp.make_doc(text)
            for t in d[1:]:
                t.is_sent_start = False  # one sentence of the Document, one tree
            yield d

    for (s, text), d in zip(items, nlp.pipe(docs(), batch_size=batch_size)):
        yield s, text, d


def modal_subjects(
    doc: str | Document,
    *,
    parser: "Language | None" = None,
    max_words: int = MAX_PARSE_WORDS,
    batch_size: int = 32,
) -> pd.DataFrame:
    """Every modal use with its subject read off a dependency parse.

    Parameters
    ----------
    doc : str or Document
        A speech, or its segmentation (:func:`analysis.segment`).
    parser : spacy.language.Language, optional
        A loaded pipeline; by default :func:`load_parser` (the shipped model).
    max_words : int
        Sentences with more words than this are not parsed: the rule-based
        finder handles them (``source="rules"``; a :class:`LongSentenceWarning`).
    batch_size : int
        Sentences per parser batch (memory stays bounded whatever the text's size).

    Returns
    -------
    pandas.DataFrame
        A match table (:func:`analysis.matches.match_table`: ``sentence,
        start, end, word_in_sentence, position``; ``start:end`` are the modal's
        words), then ``modal`` (a lemma of :data:`analysis.MODALS`), ``force``
        (obligation, possibility, prediction-volition, or epistemic),
        ``negated``, ``subject`` (the noun phrase as written, "" if none),
        ``subject_type`` (the rule-based finder's types), ``match`` (the
        modal's words), ``subject_head`` (the head word), ``subject_kind``
        (pronoun, proper, common, none), ``person`` (1, 2, 3; NA without a
        subject), ``inclusive_we``, ``epistemic``, ``sense`` (deontic,
        epistemic, necessity for obligation modals; "" otherwise),
        ``subject_start``, ``subject_end``, ``subject_word`` (Document word
        indices of the noun phrase and its head; NA without one), ``source``
        ("parse" or "rules") and ``note`` (why the rules were used).
        One row per modal use, in text order.  Rules and sense: see the
        module docstring.

    Raises
    ------
    ParserModelError
        If the shipped model is missing or corrupt (run ``make model``).

    Warns
    -----
    LongSentenceWarning
        When some sentences were longer than ``max_words`` words.
    """
    d = as_document(doc, "modal_subjects")
    nlp = parser if parser is not None else load_parser()
    key = (id(d), id(nlp), max_words, batch_size)
    hit = _RESULTS.get(key)
    if hit is not None and hit[0] is d:
        return hit[1].copy()  # report 03 asks for the same speech's table several times
    table = _modal_subjects(d, nlp, max_words, batch_size)
    _RESULTS[key] = (d, table)
    while len(_RESULTS) > _RESULTS_KEPT:
        _RESULTS.pop(next(iter(_RESULTS)))
    return table.copy()


# The last few tables, keyed by the Document's identity (it is kept alive with its table, so its id
# is not reused); a Document is immutable, so its table cannot change.
_RESULTS: dict[tuple, tuple[Document, pd.DataFrame]] = {}
_RESULTS_KEPT = 4


def _modal_subjects(d: Document, nlp, max_words: int, batch_size: int) -> pd.DataFrame:
    lw = d.lower_words
    items: list[tuple[Sentence, str]] = []
    long: list[Sentence] = []
    for s in d.sentences:
        f = s.first_word
        if not _is_candidate(lw[f:f + len(s.words)]):
            continue
        if len(s.words) > max_words:
            long.append(s)
            continue
        items.append((s, _LEADING_DASH.sub("\u2014 ", normalise_marks(s.text))))
    rows: list[tuple] = []
    for s, text, sdoc in _parsed(nlp, items, batch_size):
        rows.extend(_sentence_rows(s, sdoc, text))
    if long:
        note = f"sentence of more than {max_words} words: not parsed, rule-based finder"
        rows.extend(_rules_rows(long, note))
        warnings.warn(
            f"analysis.modal_subjects(): {len(long)} sentence(s) longer than {max_words} words were not "
            "parsed; their modals come from the rule-based finder (source='rules')",
            LongSentenceWarning, stacklevel=3,
        )
        rows.sort(key=lambda r: (r[1], r[2]))
    return match_table(d, rows, MODAL_SUBJECT_COLUMNS, dtypes=_DTYPES)


def subject_agreement(doc: str | Document, *, parser: "Language | None" = None) -> dict[str, float | int]:
    """How often the parser and the rule-based finder agree on a text's modals and their subjects.

    ``both`` modal uses found by both (same first word), ``parser_only``,
    ``rules_only``; ``found_share = both / (both + parser_only + rules_only)``;
    ``same_head`` of the ``both`` uses with the same subject head (the rules' head
    read off their subject string by :func:`rules_subject_head`; lower case,
    "we'll" read as "we"), and ``head_share = same_head / both`` (NaN without
    modals).  Higher is closer agreement; the two differ mostly on noun-phrase
    subjects (see ``docs/parser.md`` for the figures on the development set and SOTU).
    """
    from analysis.modality import modal_phrases

    d = as_document(doc, "subject_agreement")
    p = modal_subjects(d, parser=parser)
    r = modal_phrases(d, method="rules")

    def norm(w: str) -> str:
        w = (w or "").lower().replace("\u2019", "'")
        for suf in ("'ll", "'d", "'re", "'ve", "'m", "'s"):
            if w.endswith(suf) and len(w) > len(suf):
                return w[: -len(suf)]
        return w

    ph = {int(a): norm(h) for a, h in zip(p["start"], p["subject_head"])}
    rh = {int(a): norm(rules_subject_head(s, t)) for a, s, t in zip(r["start"], r["subject"], r["subject_type"])}
    both = [a for a in ph if a in rh]
    same = sum(ph[a] == rh[a] for a in both)
    total = len(set(ph) | set(rh))
    return {
        "both": len(both), "parser_only": len(ph) - len(both), "rules_only": len(rh) - len(both),
        "found_share": len(both) / total if total else float("nan"),
        "same_head": same, "head_share": same / len(both) if both else float("nan"),
    }
