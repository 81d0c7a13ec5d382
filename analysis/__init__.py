"""Rhetorical analysis of speeches: one segmentation, auditable metrics.

The public API is re-exported here; notebooks import only ``analysis``.
"""

from analysis.text import (
    Document,
    Sentence,
    TextDecodeError,
    as_document,
    paragraphs,
    read_text,
    segment,
    sentences,
    syllable_source,
    syllables,
    words,
)

from analysis.corpus import (
    ERA_LABELS,
    Corpus,
    CorpusError,
    CorpusWarning,
    Speech,
    analyze,
    era,
    load_corpus,
    load_speech,
    removed_noise,
    skipped,
)
from analysis.compare import (
    PUBLISHED_PERIOD_MEDIANS,
    keyness,
    period_comparison,
    period_medians,
    placement,
    placement_table,
    trend_data,
    word_counts,
)

from analysis.readability import (
    dale_chall_label,
    fre_label,
    grade_label,
    readability,
    readability_counts,
    readability_report,
    word_table,
)
from analysis.lexical import lexical_diversity, mtld_factors

from analysis.themes import (
    Theme,
    ThemeDictionary,
    load_themes,
    packaged_themes,
    theme_by_section,
    theme_dispersion,
    theme_matches,
    theme_measures,
    theme_rates,
    themes_from_mapping,
)
from analysis.rates import Bootstrap, rate_interval, rate_with_interval, rates
from analysis.matches import LEADING, match_table
from analysis.measures import REGISTRY, Measure
from analysis.modality import FORCE, MODALS, modal_counts, modal_phrases, obligation_table
from analysis.pronouns import PRONOUN_CATEGORIES, pronoun_matches, pronoun_rates
from analysis.structure import section_summary, sections, structure
from analysis import prose
from analysis.prose import load_context
from analysis.kwic import kwic
from analysis.cache import CacheWarning

from analysis.profile import EmptyTextWarning, profile, sentence_length_stats, sentence_table

__version__ = "0.1.0"



def __getattr__(name: str):
    # analysis.report (and its helpers) load on first use, so that
    # `python -m analysis.report` does not import the module twice; analysis.plots
    # (matplotlib: half a second) only when a figure is wanted, not in every
    # corpus worker.
    import importlib

    if name == "report":
        return importlib.import_module("analysis.report")
    if name in ("norms", "load_norms", "norm_counts"):
        # analysis.norms loads on first use, so that `python -m analysis.norms` (make norms)
        # does not import the module twice.
        module = importlib.import_module("analysis.norms")
        return module if name == "norms" else getattr(module, name)
    if name in ("plots_reference", "plots_figures"):  # charts of reports 05/07 and 06: matplotlib on first use
        return importlib.import_module(f"analysis.{name}")
    if name in ("plots", "save_figure"):
        module = importlib.import_module("analysis.plots")
        return module if name == "plots" else module.save_figure
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")

# issue 10: reading .txt, .md, .html, .docx and .pdf files
from analysis.ingest import DocumentError, ReadNote, read_document  # noqa: E402

# issue 12: the UN General Debate corpus, its shipped norms, a speech among them, groups side by side
from analysis.ungdc import iter_statements, load_ungdc
from analysis.reference import compare_groups, nearest, norms_keyness, percentiles, place_in_ungdc, trends, unusual

# issue 13: the corpus engine on Dask (analyze(..., engine="dask"))
from analysis.engine import EngineError, EngineWarning, error_table, iter_partitions, open_result

# issue 9
from analysis.display import DISPLAY_CHARS, truncate  # noqa: E402
from analysis.ids import ID_SYNTAX, check_id  # noqa: E402

# issue 10 / issue 9 (segmentation of real pages: furniture, salutations, turns; normalisation,
# markup, language checks)
from analysis.text import (  # noqa: E402
    LanguageWarning,
    MarkupWarning,
    Removed,
    SpeakerWarning,
    Turn,
    header_fields,
    language_check,
    normalise,
    turns,
)

# issue 15: figures of speech
from analysis.rhetorical_figures import (  # noqa: E402
    FIGURES, applause_after_figures, figure_measures, figure_rates, figures_of_speech,
)

# issue 14: theme dictionaries that fit the speech, era names, the reports as a site
from analysis.themes import LOW_COVERAGE, choose_themes, theme_coverage  # noqa: E402
from analysis.measures import ERA_NAMES, era_name  # noqa: E402

# issue 12: notebooks 05 and 07 (the reference by genre, the demonstration set, their figures)
from analysis.reference import choose_reference, demonstration_corpus  # noqa: E402,F401


# issue 11
from analysis.parse import LongSentenceWarning, ParserModelError, load_parser, modal_subjects, subject_agreement  # noqa: E402,F401

# issue 10 follow-up (ingest): metadata prefilled from the page header
from analysis.corpus import prefill_metadata  # noqa: E402,F401
