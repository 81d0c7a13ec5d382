"""A speech on another topic (issue 14): a city budget speech gets a fitting dictionary, a summary page and
no counter-terrorism wording in any report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _reports import scratch_build

CITY_ID = "city-budget-test"
CITY = (Path(__file__).parent / "data" / "city_budget_speech.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def city_reports() -> Path:
    root = scratch_build(CITY_ID, CITY, title="Budget address to the city council", speaker="The Mayor")
    return root / "reports" / CITY_ID


def text_of(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(style|script)\b.*?</\1>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw))


def test_city_speech_gets_the_domestic_dictionary_and_says_why(city_reports):
    themes = text_of(city_reports / "04-themes.html")
    assert "domestic\\_policy" in themes or "domestic_policy" in themes
    assert "matches the most words of the speech" in themes
    assert "The most frequent theme is Transport and infrastructure" in themes
    assert "not ranked against each other" in themes


def test_city_speech_has_a_summary_page_with_its_numbers(city_reports):
    index = city_reports / "index.html"
    assert index.is_file()
    text = text_of(index)
    assert "Budget address to the city council" in text and "The Mayor" in text
    assert re.search(r"The speech has \d{3} words", text)
    for n in ("01", "02", "03", "04", "05"):
        assert f"Read part {n}" in text
    assert "domestic_policy" in text


def test_no_counter_terrorism_wording_in_any_report(city_reports):
    for page in sorted(city_reports.glob("*.html")):
        if page.name.startswith("07"):
            continue  # notebook 07 is about a corpus (here the demonstration set of SOTU addresses), not this speech
        # The one mention allowed: report 04 names the dictionaries it tried (counter_terrorism among them).
        text = text_of(page).lower().replace("counter\\_terrorism", "").replace("counter_terrorism", "")
        for phrase in ("counter-terrorism", "security and threats", "terror", "extremis", "radicali"):
            assert phrase not in text, f"{page.name}: {phrase!r}"
