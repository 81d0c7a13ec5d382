"""Rhetorical analysis of speeches: one segmentation, auditable metrics.

The public API is re-exported here; notebooks import only ``analysis``.
"""

from analysis.text import (
    Document,
    Sentence,
    TextDecodeError,
    paragraphs,
    read_text,
    segment,
    sentences,
    syllable_source,
    syllables,
    words,
)

__version__ = "0.1.0"
