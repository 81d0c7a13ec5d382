"""One registry of every measure: label, unit, meaning, direction, formula and reference.

Every table, chart, glossary and report reads its labels here, so one number has
one name everywhere.  The module imports nothing heavy (no pandas, no matplotlib):
a worker, a plot or a glossary page can read it for free.

``group`` orders the measures in tables: the measures of the main profile table
(``"profile"``) and the further measures a profile carries (``"more"``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["Measure", "REGISTRY", "MEASURES", "MORE_MEASURES", "READABILITY", "ERAS", "ERA_LABELS", "ERA_NAMES", "era", "era_name", "label", "measure"]

Direction = Literal["higher = harder", "higher = easier", "higher = more", "none"]


@dataclass(frozen=True, slots=True)
class Measure:
    """What one measure is, in words a student understands."""

    key: str
    label: str
    unit: str
    meaning: str
    direction: Direction = "higher = more"
    formula: str = ""
    reference: str = ""
    group: Literal["profile", "more"] = "profile"


_P = "per 1,000 words"
_RATE = "matches / words x 1,000, with a 95% bootstrap interval over sentences"
_MODAL_REF = "Biber et al. 1999; Coates 1983"

REGISTRY: dict[str, Measure] = {m.key: m for m in (
    Measure("sentences", "Sentences", "count", "units ending in . ! or ?", "none",
            "sentences of the one segmentation (analysis.segment)"),
    Measure("words", "Words", "count", "contractions, hyphenated compounds and numbers count as one word", "none",
            "word tokens of the one segmentation", "Flesch 1948"),
    Measure("paragraphs", "Paragraphs", "count", "blocks separated by a blank line", "none",
            "blocks of text between blank lines of the file", "this package (analysis.text)"),
    Measure("syllables", "Syllables", "count", "from the CMU Pronouncing Dictionary", "none",
            "CMUdict's first pronunciation, then documented fallbacks", "Weide 1998 (CMUdict)"),
    Measure("removed_noise", "Transcript noise removed", "count",
            "stage directions, speaker labels, other speakers' lines, headings: not counted", "none",
            "segments taken out before counting (Document.removed)", "this package (analysis.text)"),
    Measure("mean_sentence_length", "Mean sentence length", "words", "average words per sentence",
            "higher = harder", "words / sentences"),
    Measure("median_sentence_length", "Median sentence length", "words", "half the sentences are this long or shorter",
            "higher = harder", "middle value of the sentence lengths in words"),
    Measure("sd_sentence_length", "Spread of sentence length (SD)", "words", "standard deviation: how much lengths vary",
            "higher = more", "sample standard deviation (n - 1)"),
    Measure("max_sentence_length", "Longest sentence", "words", "words in the longest sentence", "none",
            "max of the sentence lengths in words"),
    Measure("min_sentence_length", "Shortest sentence", "words", "words in the shortest sentence", "none",
            "min of the sentence lengths in words"),
    Measure("flesch_reading_ease", "Flesch Reading Ease", "0-100", "higher = easier (Flesch 1948)", "higher = easier",
            "206.835 - 1.015 x words/sentences - 84.6 x syllables/words", "Flesch 1948"),
    Measure("flesch_kincaid_grade", "Flesch-Kincaid grade", "US grade", "higher = harder (Kincaid et al. 1975)",
            "higher = harder", "0.39 x words/sentences + 11.8 x syllables/words - 15.59", "Kincaid et al. 1975"),
    Measure("gunning_fog", "Gunning fog", "US grade", "higher = harder (Gunning 1952)", "higher = harder",
            "0.4 x (words/sentences + 100 x words of 3+ syllables/words)", "Gunning 1952"),
    Measure("smog", "SMOG", "US grade", "higher = harder (McLaughlin 1969)", "higher = harder",
            "1.043 x sqrt(polysyllables x 30/sentences) + 3.1291", "McLaughlin 1969"),
    Measure("coleman_liau", "Coleman-Liau", "US grade", "higher = harder (Coleman & Liau 1975)", "higher = harder",
            "0.0588 x letters per 100 words - 0.296 x sentences per 100 words - 15.8", "Coleman & Liau 1975"),
    Measure("ari", "Automated Readability Index", "US grade", "higher = harder (Senter & Smith 1967)", "higher = harder",
            "4.71 x characters/words + 0.5 x words/sentences - 21.43", "Senter & Smith 1967"),
    Measure("dale_chall", "Dale-Chall", "score", "higher = harder; 9.0-9.9 = college (Dale & Chall 1948)",
            "higher = harder", "0.1579 x % difficult words + 0.0496 x words/sentences + 3.6365", "Dale & Chall 1948"),
    Measure("ttr", "Type-token ratio", "ratio 0-1", "distinct words / words; falls as texts get longer",
            "higher = more", "types / tokens", "Templin 1957"),
    Measure("mattr", "Moving-average TTR", "ratio 0-1", "type-token ratio in a moving window (Covington & McFall 2010)",
            "higher = more", "mean TTR over every window of 50 words", "Covington & McFall 2010"),
    Measure("mtld", "MTLD", "words", "lexical diversity; higher = more varied vocabulary (McCarthy & Jarvis 2010)",
            "higher = more", "words per factor of TTR 0.72, both directions", "McCarthy & Jarvis 2010"),
    Measure("modals_per_1000", "Modal verbs", _P, "must, should, will, can, ...", "higher = more", _RATE),
    Measure("we_per_1000", "We, us, our", _P,
            "first person plural: we, us, our, ours, ourselves, let's, we're, we've, we'll, we'd (not the country US)",
            "higher = more", _RATE, "Pennebaker 2011 (function words and social identity)"),
    Measure("i_per_1000", "I, me, my", _P, "first person singular: I, me, my, mine, myself, I'm, I've, I'll, I'd",
            "higher = more", _RATE, "Pennebaker 2011"),
    Measure("you_per_1000", "You, your", _P, "second person: you, your, yours, yourself, yourselves and contractions",
            "higher = more", _RATE, "Pennebaker 2011"),
    Measure("types", "Distinct words", "count", "different word forms, ignoring capitals", "none",
            "number of distinct lower-cased words", "Templin 1957", group="more"),
    Measure("obligation_per_1000", "Obligation modals", _P, "must, need to, have to, should ... (part 03)",
            "higher = more", _RATE, group="more"),
    Measure("possibility_per_1000", "Possibility modals", _P, "can, could, may, might (part 03)",
            "higher = more", _RATE, group="more"),
    Measure("prediction_per_1000", "Prediction and intention modals", _P, "will, would, be going to (part 03)",
            "higher = more", _RATE, group="more"),
    Measure("we_must_per_1000", "'We must'", _P, "'must' with a first-person plural subject", "higher = more", _RATE,
            group="more"),
    Measure("we_need_per_1000", "'We need'", _P, "'need (to)' with a first-person plural subject", "higher = more",
            _RATE, group="more"),
    Measure("they_per_1000", "They, them, their", _P,
            "third person plural: they, them, their, theirs, themselves and contractions", "higher = more", _RATE, group="more"),
    Measure("we_i_ratio", "'We' for each 'I'", "ratio", "'we' forms divided by 'I' forms; n/a if 'I' never occurs",
            "higher = more", "we/us/our/ours/ourselves / I/me/my/mine/myself", "Pennebaker 2011", group="more"),
    Measure("enumeration_markers", "Numbered points", "count", "sentences opening with First, Second, ... (part 01)",
            "higher = more", "sentences whose first word is an ordinal or Finally / In conclusion",
            "the rule of analysis.structure (no published formula)", group="more"),
    Measure("anaphora_runs", "Repeated openings on content words", "count",
            "runs of two or more sentences in a row opening with the same content words; runs that repeat only "
            "a small word (We, The) are listed in part 03 but not counted here",
            "higher = more", "runs of 2+ consecutive sentences with the same first 1-3 words, not all stop words",
            "the rule of analysis.structure (no published formula)", group="more"),
    # ---- issue 15: figures of speech (analysis.rhetorical_figures.figure_measures; rows of figures_of_speech) ----
    Measure("tricolon_per_1000", "Three-part lists", _P,
            "lists of exactly three parallel items: 'security, intelligence and law enforcement' (part 06)",
            "higher = more", "tricolon rows of figures_of_speech / words x 1,000", "Atkinson 1984", group="more"),
    Measure("list_per_1000", "Other lists", _P,
            "lists of two (with a repeated opening word) or of four or more parallel items (part 06)",
            "higher = more", "list rows of figures_of_speech / words x 1,000",
            "this project's rule (analysis.rhetorical_figures); no published formula", group="more"),
    Measure("contrast_per_1000", "Contrasts", _P,
            "'not X but Y', 'X, not Y', 'rather than', 'instead of', 'while', parallel clauses of opposite polarity "
            "(part 06)", "higher = more", "contrast rows of figures_of_speech / words x 1,000",
            "Atkinson 1984; Heritage & Greatbatch 1986", group="more"),
    Measure("question_per_1000", "Questions", _P,
            "the speaker's own questions (answered, unanswered or addressed to someone; not in quotations) (part 06)",
            "higher = more", "question rows of figures_of_speech / words x 1,000",
            "this project's rule (analysis.rhetorical_figures); no published formula", group="more"),
    Measure("epistrophe_per_1000", "Repeated endings (epistrophe)", _P,
            "successive sentences or clauses ending with the same words (part 06)",
            "higher = more", "epistrophe rows of figures_of_speech / words x 1,000", "Dubremetz & Nivre 2018",
            group="more"),
    Measure("anadiplosis_per_1000", "End repeated as the next start (anadiplosis)", _P,
            "the last word of a clause repeated at the start of the next (part 06)",
            "higher = more", "anadiplosis rows of figures_of_speech / words x 1,000",
            "this project's rule (analysis.rhetorical_figures); no published formula", group="more"),
    Measure("claptrap_per_1000", "Applause-inviting formats", _P,
            "contrasts and three-part lists that close their sentence: Atkinson's 'claptraps' (part 06)",
            "higher = more", "claptrap rows of figures_of_speech / words x 1,000",
            "Atkinson 1984; Heritage & Greatbatch 1986", group="more"),
    # ---- end issue 15 ----
)}

# References of the entries above that name none (issue 14: the glossary shows a formula and a reference for each).
_REFERENCES = {
    "sentences": "this package (analysis.text)",
    "mean_sentence_length": "Flesch 1948 (average sentence length)",
    "median_sentence_length": "this package (analysis.profile)",
    "sd_sentence_length": "this package (analysis.profile)",
    "max_sentence_length": "this package (analysis.profile)",
    "min_sentence_length": "this package (analysis.profile)",
    "modals_per_1000": _MODAL_REF,
    "obligation_per_1000": _MODAL_REF,
    "possibility_per_1000": _MODAL_REF,
    "prediction_per_1000": _MODAL_REF,
    "we_must_per_1000": _MODAL_REF,
    "we_need_per_1000": _MODAL_REF,
    "they_per_1000": "Pennebaker 2011",
}
REGISTRY.update({k: replace(REGISTRY[k], reference=REGISTRY[k].reference or ref) for k, ref in _REFERENCES.items()})

#: key -> (label, unit, meaning) of the main profile table (the older tuple view of :data:`REGISTRY`).
MEASURES: dict[str, tuple[str, str, str]] = {
    k: (m.label, m.unit, m.meaning) for k, m in REGISTRY.items() if m.group == "profile"
}
#: key -> (label, unit, meaning) of the further measures of a profile.
MORE_MEASURES: dict[str, tuple[str, str, str]] = {
    k: (m.label, m.unit, m.meaning) for k, m in REGISTRY.items() if m.group == "more"
}


def measure(key: str) -> Measure | None:
    """The registry entry for ``key`` (``None`` for a key it does not describe)."""
    return REGISTRY.get(key)


def label(key: str) -> str:
    """The one label of a measure; an unknown key reads as its words ("theme_peace" -> "theme peace")."""
    m = REGISTRY.get(key)
    return m.label if m else str(key).replace("_", " ")


#: The seven readability formulas, in the order tables and charts show them.
READABILITY: tuple[str, ...] = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog", "coleman_liau", "ari", "dale_chall",
)


#: Periods of Benoit, Munger & Spirling (2019, AJPS 63(2)): (first year, last year, label).
ERAS: tuple[tuple[int, int | None, str], ...] = (
    (1790, 1856, "1790-1856"),
    (1857, 1934, "1857-1934"),
    (1935, 1981, "1935-1981"),
    (1982, None, "1982-present"),
)
#: Era labels in chronological order (use it to order tables and charts).
ERA_LABELS: tuple[str, ...] = tuple(label for _, _, label in ERAS)
#: A name in words for each era (label -> name), drawn on the trend charts and used in prose.
#: The periods are Benoit, Munger & Spirling's; the names are ours, after what opens each one:
#: the messages of the early republic, the years from the crisis before the Civil War to the
#: Depression, Roosevelt's radio addresses to the Cold War, and the televised addresses since Reagan.
ERA_NAMES: dict[str, str] = {
    "1790-1856": "Early republic",
    "1857-1934": "Civil War to Depression",
    "1935-1981": "New Deal to Cold War",
    "1982-present": "Reagan to today",
}


def era_name(label: str, *, years: bool = True) -> str:
    """The name of an era in words, with its years: ``"Reagan to today (1982-present)"``.

    An unknown label is returned as is.
    """
    name = ERA_NAMES.get(label)
    if name is None:
        return str(label)
    return f"{name} ({label})" if years else name


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


