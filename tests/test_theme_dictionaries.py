"""The packaged general dictionaries (issue 14): hand-written sentences that must and must not match,
and the choice of the dictionary that fits a speech."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import config, prose
from analysis.themes import LOW_COVERAGE, choose_themes, load_themes, packaged_themes, theme_coverage

CITY = (Path(__file__).parent / "data" / "city_budget_speech.txt").read_text(encoding="utf-8")


def themes_of(text: str, dictionary: str) -> list[tuple[str, str]]:
    m = analysis.theme_matches(text, themes=dictionary)
    return list(zip(m["theme"], m["match"]))


def test_packaged_dictionaries_are_listed_and_load():
    assert {"counter_terrorism", "international_affairs", "domestic_policy"} <= set(packaged_themes())
    intl, dom = load_themes("international_affairs"), load_themes("domestic_policy")
    assert len(intl) == 11 and len(dom) == 11
    assert {"peace_security", "development_poverty", "climate_environment", "human_rights", "humanitarian",
            "health", "economy_trade", "governance_institutions", "migration", "technology", "gender"} == set(intl.names)


@pytest.mark.parametrize("text, expected", [
    ("The Security Council must end the war.", [("governance_institutions", "Security Council"),
                                                ("peace_security", "war")]),
    ("We reaffirm the Paris Agreement on climate change.", [("climate_environment", "Paris Agreement"),
                                                            ("climate_environment", "climate change")]),
    ("Refugees and migrants deserve dignity.", [("migration", "Refugees"), ("migration", "migrants"),
                                               ("human_rights", "dignity")]),
    ("Least developed countries need debt relief and food security.",
     [("development_poverty", "Least developed countries"), ("economy_trade", "debt relief"),
      ("development_poverty", "food security")]),
    ("Violence against women is a violation of human rights.",
     [("gender", "Violence against women"), ("human_rights", "human rights")]),
    ("The pandemic showed that vaccines must reach everyone.", [("health", "pandemic"), ("health", "vaccines")]),
    ("Artificial intelligence and the internet change trade.", [("technology", "Artificial intelligence"),
                                                              ("technology", "internet"), ("economy_trade", "trade")]),
    ("Humanitarian aid workers protect civilians.", [("humanitarian", "Humanitarian aid"),
                                                     ("humanitarian", "civilians")]),
])
def test_international_affairs_matches(text, expected):
    assert themes_of(text, "international_affairs") == expected


@pytest.mark.parametrize("text", [
    "We developed a plan after recent developments.",        # the verb and "developments" (events) are not development
    "Social security is paid in the capital.",               # excluded phrase; "capital" left out
    "This is an important moment, said Kim Jong Un.",       # "import*" would match "important"; the name is excluded
    "The nature of conventional forces in the seas.",        # nature, conventional, seas left out
    "To everyone's relief, charter schools opened.",         # relief alone, charter schools left out
    "The Democratic Republic of the Congo sent an envoy.",   # a state's name, not democracy
])
def test_international_affairs_non_matches(text):
    assert themes_of(text, "international_affairs") == []


@pytest.mark.parametrize("text, expected", [
    ("Social security and Medicare protect seniors.", [("families_social_security", "Social security"),
                                                       ("health_care", "Medicare"),
                                                       ("families_social_security", "seniors")]),
    ("Tax cuts will shrink the deficit.", [("taxes_budget", "Tax cuts"), ("taxes_budget", "deficit")]),
    ("Border security and asylum law must change.", [("immigration", "Border security"), ("immigration", "asylum")]),
    ("Teachers in every school deserve a raise.", [("education", "Teachers"), ("education", "school")]),
    ("Affordable housing near the tram will lower rents.", [("housing", "Affordable housing"),
                                                            ("transport_infrastructure", "tram"), ("housing", "rents")]),
    ("Police officers fight gun violence.", [("crime_public_safety", "Police"), ("crime_public_safety", "gun violence")]),
    ("Clean energy jobs are the future.", [("energy_environment", "Clean energy"), ("economy_jobs", "jobs")]),
    ("Our troops defend national security.", [("national_security", "troops"),
                                             ("national_security", "national security")]),
])
def test_domestic_policy_matches(text, expected):
    assert themes_of(text, "domestic_policy") == expected


@pytest.mark.parametrize("text", [
    "The House met at the White House at home.",            # house, home left out; White House excluded
    "We must bridge the gap on the road to peace.",         # metaphors
    "That is unfinished business in the family of nations.",
    "The illicit traffic in arms is a waste.",              # traffic in (drugs, arms); waste left out
    "Food security and food safety matter.",                # excluded phrases
])
def test_domestic_policy_non_matches(text):
    assert themes_of(text, "domestic_policy") == []


def test_coverage_counts_the_words_of_multiword_matches():
    cov = theme_coverage("Affordable housing now. Nothing else here.", themes="domestic_policy")
    assert (cov["matches"], cov["words_matched"], cov["words"]) == (1, 2, 6)
    assert cov["share"] == pytest.approx(2 / 6)


def test_choose_themes_picks_the_dictionary_that_covers_the_speech_best():
    name, table = choose_themes(CITY)
    assert name == "domestic_policy"
    assert table.iloc[0]["dictionary"] == "domestic_policy" and table["chosen"].sum() == 1
    assert table.iloc[0]["share"] > 0.08 > table.iloc[1]["share"]
    climate = ("Climate change is the defining threat of our time. Rising sea levels and drought force people "
               "from their homes. The Paris Agreement and renewable energy are our answer, with development for "
               "the poorest countries.")
    assert choose_themes(climate)[0] == "international_affairs"
    seed = analysis.segment(analysis.load_speech().text)
    assert choose_themes(seed)[0] == "counter_terrorism"


def test_choose_themes_ties_go_to_the_default():
    name, table = choose_themes("The river runs past the old mill.")
    assert name == config.DEFAULT_THEMES and (table["share"] == 0).all()
    assert choose_themes("The river runs.", candidates=["international_affairs", "domestic_policy"])[0] == "domestic_policy"


def test_pick_themes_parameter_then_metadata_then_coverage():
    doc = analysis.segment(CITY)
    assert prose.pick_themes(doc, "international_affairs", {"themes": "domestic_policy"})[:2] == (
        "international_affairs", "parameter")
    assert prose.pick_themes(doc, None, {"themes": "counter_terrorism"})[:2] == ("counter_terrorism", "metadata")
    name, how, table = prose.pick_themes(doc, None, {"themes": float("nan")})
    assert (name, how) == ("domestic_policy", "coverage") and isinstance(table, pd.DataFrame)


def test_theme_ranking_warns_under_two_percent_and_never_ranks_zero_intervals():
    text = "Our troops came home. " + "The river runs past the old mill near the green bank today. " * 10
    table = analysis.theme_rates(text, themes="domestic_policy")
    cov = theme_coverage(text, themes="domestic_policy")
    assert cov["share"] < LOW_COVERAGE
    r = prose.theme_ranking(table, cov)
    assert r["low"] and "Few words match" in r["text"] and "most frequent" not in r["text"]
    # Enough coverage, but one match only: its interval reaches 0, so nothing is ranked.
    short = "Our troops came home. The river runs."
    r = prose.theme_ranking(analysis.theme_rates(short, themes="domestic_policy"),
                            theme_coverage(short, themes="domestic_policy"))
    assert not r["low"] and "no theme clearly stands out" in r["text"]
    # The seed speech: the top theme is ranked; themes with no match are not among those that overlap it.
    doc = analysis.segment(analysis.load_speech().text)
    r = prose.theme_ranking(analysis.theme_rates(doc), theme_coverage(doc))
    assert "The most frequent theme is **Security and threats**" in r["text"]
