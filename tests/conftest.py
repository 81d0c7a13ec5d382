"""Shared fixtures: the seed speech and a few short hand-counted excerpts.

Keep this file small; fixtures used by one test module live in that module.
"""

from __future__ import annotations

import pytest

import analysis
from analysis import config

SEED_FILE = config.DATA_DIR / f"{config.DEFAULT_SPEECH}.txt"

# Two sentences and a paragraph break, from the seed speech.
# Hand count: 8 + 8 words in paragraph 1, 16 words in paragraph 2 = 32 words,
# 3 sentences, 2 paragraphs; "counter-terrorism" is one word; one "must".
TWO_PARAGRAPHS = (
    "And we must also engage women in counter-terrorism. They have an absolutely vital role to play.\n"
    "\n"
    "They are often the first to spot early signs of radicalization in young or vulnerable people."
)

# Transcript noise: "(Applause.)" and "[Laughter]" are stage directions, not words.
# Hand count: 4 + 5 + 4 = 13 words, 3 sentences, 2 removed stage directions;
# modals: "must" (subject "We"), "will" (subject "We").
WITH_APPLAUSE = "Thank you very much. (Applause.) We must fight terrorism together. [Laughter] We will not fail."


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed speech body (UN Secretary-General, 29 June 2018), read via analysis.read_text."""
    return analysis.read_text(SEED_FILE)


@pytest.fixture(scope="session")
def seed_doc(seed_text) -> analysis.Document:
    """The seed speech segmented by the one segmentation."""
    return analysis.segment(seed_text)


@pytest.fixture
def two_paragraphs() -> str:
    """32 words, 3 sentences, 2 paragraphs (see the comment on TWO_PARAGRAPHS)."""
    return TWO_PARAGRAPHS


@pytest.fixture
def with_applause() -> str:
    """13 words, 3 sentences, 2 stage directions removed (see the comment on WITH_APPLAUSE)."""
    return WITH_APPLAUSE


# Property tests are deterministic (the project's standard: results, and so test runs, are
# reproducible): hypothesis draws its examples from a fixed seed instead of a random one.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("deterministic", derandomize=True, print_blob=True)
_hypothesis_settings.load_profile("deterministic")
