"""Modal subjects from the shipped dependency parser (issue 11): analysis.parse.

Hand-written sentences in the shapes of the issue's errors (tests/data/modal_cases.tsv),
the SOTU part of the hand-annotated development set (tests/data/modal_devset.tsv, stand-off
by address and character offsets), and the model's failure modes.  Skipped, with a message,
when the model folder is absent (``make model`` builds it).
"""

from __future__ import annotations

import csv
import shutil
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import config
from analysis.matches import LEADING

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "modal_cases.tsv"
DEVSET = ROOT / "tests" / "data" / "modal_devset.tsv"

if not (config.PARSER_MODEL / "meta.json").is_file():
    pytest.skip(f"the parser model {config.PARSER_MODEL} is absent: run `make model`", allow_module_level=True)

from analysis.parse import (  # noqa: E402
    LongSentenceWarning,
    ParserModelError,
    load_parser,
    modal_subjects,
    rules_subject_head,
    word_char_offsets,
)


def _cases():
    with CASES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    return [pytest.param(r, id=f"{r['shape']}-{r['text'][:40]}") for r in rows]


def _use(df, doc, word: str, occurrence: int):
    hits = df[[doc.words[a].lower().startswith(word.lower()) for a in df["start"]]]
    assert len(hits) >= occurrence, f"no {word!r} #{occurrence} in {df[['match', 'subject']].to_dict('records')}"
    return hits.iloc[occurrence - 1]


# Cases the shipped model still gets wrong (strict: the test says so when a rebuilt model fixes one).
KNOWN_WRONG = {
    "Small island developing States, which contribute least to the crisis, will suffer most.":
        "parsed as the compound 'island' + 'developing States'",
}


@pytest.mark.parametrize("case", _cases())
def test_error_shapes_of_the_issue(case):
    if case["text"] in KNOWN_WRONG:
        pytest.xfail(KNOWN_WRONG[case["text"]])
    doc = analysis.segment(case["text"])
    df = modal_subjects(doc)
    assert len(df) == int(case["n_modals"])
    row = _use(df, doc, case["modal_word"], int(case["occurrence"]))
    assert row["modal"] == case["modal"]
    assert row["subject_head"] == case["head"]
    assert bool(row["negated"]) is (case["negated"] == "True")
    assert row["sense"] == case["sense"]
    assert row["source"] == "parse"
    if pd.notna(row["subject_word"]) and case["head"]:
        assert doc.words[int(row["subject_word"])] == case["head"]


def test_match_table_shape_and_indices():
    text = "We must act now. The Security Council shall meet, and all of us can help."
    doc = analysis.segment(text)
    df = modal_subjects(doc)
    assert list(df.columns[: len(LEADING)]) == list(LEADING)
    assert list(df["modal"]) == ["must", "shall", "can"]
    assert [doc.words[a] for a in df["start"]] == ["must", "shall", "can"]
    assert list(df["sentence"]) == [0, 1, 1]
    assert list(df["subject_type"]) == ["first_plural", "noun_phrase", "first_plural"]
    assert list(df["subject_kind"]) == ["pronoun", "proper", "pronoun"]
    assert list(df["person"]) == [1, 3, 1]
    assert list(df["inclusive_we"]) == [False, False, True]
    assert list(df["force"]) == ["obligation", "obligation", "possibility"]
    sc = df.iloc[1]
    assert " ".join(doc.words[int(sc["subject_start"]):int(sc["subject_end"])]) == "The Security Council"
    assert sc["subject"] == "The Security Council"


def test_sense_and_counting():
    df = modal_subjects("You should not have to own a car. Hotspots need better drains. We shall overcome.")
    assert list(df["modal"]) == ["should", "need", "shall"]
    assert list(df["sense"]) == ["deontic", "necessity", ""]
    assert df.iloc[2]["force"] == "prediction-volition"  # first-person shall, as in the rules
    epi = modal_subjects("I waited for a bus that should take twenty minutes.")
    assert epi.iloc[0]["force"] == "epistemic" and bool(epi.iloc[0]["epistemic"])


def test_empty_and_no_modal_texts():
    for text in ("", "The weather was fine and the people were happy."):
        df = modal_subjects(text)
        assert df.empty and list(df.columns[: len(LEADING)]) == list(LEADING)


def test_long_sentence_falls_back_to_the_rules():
    # 5,000 words in one "sentence" (a transcript without full stops): not parsed.
    text = " ".join(["we must act and the Council should decide"] * 625)
    doc = analysis.segment(text)
    assert doc.n_sentences == 1 and doc.n_words == 5000
    with pytest.warns(LongSentenceWarning, match="1 sentence"):
        df = modal_subjects(doc)
    assert len(df) == 1250
    assert set(df["source"]) == {"rules"}
    assert df["note"].iloc[0].startswith("sentence of more than 300 words")
    assert list(df["modal"][:2]) == ["must", "should"]
    assert [doc.words[a] for a in df["start"][:2]] == ["must", "should"]


def test_max_words_is_per_sentence():
    text = "We must act. The Council should decide whether it can help the people of the region now."
    with pytest.warns(LongSentenceWarning):
        df = modal_subjects(text, max_words=5)
    assert list(df["source"]) == ["parse", "rules", "rules"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert set(modal_subjects(text)["source"]) == {"parse"}


def test_missing_model_names_the_folder_and_make_model(tmp_path):
    with pytest.raises(ParserModelError, match=r"nowhere.*is missing.*make model"):
        load_parser(tmp_path / "nowhere")


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory):
    dst = tmp_path_factory.mktemp("model") / "en_ud_ewt"
    shutil.copytree(config.PARSER_MODEL, dst)
    return dst


def test_corrupt_model_file_is_named(model_copy):
    target = model_copy / "parser" / "model"
    data = target.read_bytes()
    try:
        target.write_bytes(data[: len(data) // 2])
        with pytest.raises(ParserModelError, match=r"parser/model is corrupt.*make model"):
            load_parser(model_copy)
    finally:
        target.write_bytes(data)
    (model_copy / "tagger" / "cfg").rename(model_copy / "tagger" / "cfg.bak")
    try:
        with pytest.raises(ParserModelError, match=r"tagger/cfg is missing.*make model"):
            load_parser(model_copy)
    finally:
        (model_copy / "tagger" / "cfg.bak").rename(model_copy / "tagger" / "cfg")
    assert load_parser(model_copy).pipe_names[-1] == "parser"


def test_load_parser_is_cached():
    assert load_parser() is load_parser()


def test_word_char_offsets_point_at_the_words():
    text = "The U.S. Congress \u2014 and we\u2019ll see \u2014 must act. [Applause] Area a is not a problem."
    doc = analysis.segment(text)
    offs = word_char_offsets(doc)
    assert [text[a:b].replace("\u2019", "'") for a, b in offs] == doc.words


def test_rules_subject_head():
    assert rules_subject_head("we, the international community,", "first_plural") == "we"
    assert rules_subject_head("all of us", "first_plural") == "us"
    assert rules_subject_head("the elderly woman who", "noun_phrase") == "woman"
    assert rules_subject_head("The views of their governments", "noun_phrase") == "views"
    assert rules_subject_head("Democrats and Republicans", "noun_phrase") == "Democrats"
    assert rules_subject_head("", "none") == ""


# ---------------------------------------------------------------------------
# The SOTU part of the development set (hand-annotated, stand-off)
# ---------------------------------------------------------------------------

# Measured with the shipped model (benchmarks/bench_parser.py); a little below, so that the test
# fails on a regression but not on the model's rebuild by `make model` on another machine.
# Measured 11:10 UTC, 1 Dec 2026: found 116/118, heads 106/118 (89.8%), pronoun heads 68/72;
# 13:45 UTC, after the second round of rules: found 118/118, heads 117/118, pronoun heads 72/72.
# Pronoun subjects are a bar of issue 11 at 100%.
MIN_HEAD = 0.96
MIN_FOUND = 0.98
MIN_PRON = 1.0


@pytest.fixture(scope="module")
def devset_scores():
    sys.path.insert(0, str(ROOT / "tools"))
    import modal_devset as md

    gold = md.load_devset(DEVSET)
    corpus = analysis.load_corpus("sotu")
    texts = {src: corpus.loc[corpus["id"] == src.split(":", 1)[1], "text"].iloc[0] for src in gold["source"].unique()}
    return md.score(gold, {"parser": modal_subjects}, texts)["parser"], int((gold["modal"] != "").sum())


def test_devset_sotu_size(devset_scores):
    r, n = devset_scores
    assert n >= 100 and r["uses"] == n


def test_devset_sotu_subject_heads(devset_scores):
    r, n = devset_scores
    assert r["found"] / n >= MIN_FOUND, r["wrong"]
    assert r["head"] / n >= MIN_HEAD, r["wrong"]
    assert r["pron_right"] / r["pron"] >= MIN_PRON, [w for w in r["wrong"] if w[-1] == "pronoun"]


# ---------------------------------------------------------------------------
# Issue 11, second round: the single-speech path, agreement, the cache
# ---------------------------------------------------------------------------


def test_obligation_table_uses_the_parser_by_default():
    text = ("Countries affected by the floods must rebuild. Those who can help should help. "
            "This must be hard for your family.")
    parsed = analysis.obligation_table(text)
    rules = analysis.obligation_table(text, method="rules")
    # the parser keeps the whole noun phrase and sets the epistemic "must" aside
    assert list(parsed.index) == ["Countries affected by the floods", "those"]
    assert parsed["total"].tolist() == [1, 1]
    assert "floods" in rules.index and "This" not in parsed.index
    assert analysis.obligation_table(text, force="all")["total"].sum() == 4
    with pytest.raises(ValueError, match="method='tree'"):
        analysis.obligation_table(text, method="tree")


def test_obligation_summary_follows_the_method():
    from analysis.prose import obligation_summary

    doc = analysis.segment("Workers around the world must organise. We must listen.")
    assert obligation_summary(doc)["lead"] == "Workers around the world"
    assert obligation_summary(doc, method="rules")["lead"] == "world"


def test_subject_agreement_counts():
    from analysis.parse import subject_agreement

    # rules: "the world" (head world) and "We"; parser: Workers and We; the third modal both
    text = "Workers around the world must organise. We must listen. They can help."
    a = subject_agreement(text)
    assert (a["both"], a["parser_only"], a["rules_only"]) == (3, 0, 0)
    assert a["same_head"] == 2 and a["head_share"] == pytest.approx(2 / 3)
    assert a["found_share"] == pytest.approx(1.0)
    empty = subject_agreement("No modal here.")
    assert empty["both"] == 0 and empty["head_share"] != empty["head_share"]  # NaN


def test_same_document_is_parsed_once(monkeypatch):
    import analysis.parse as ap

    doc = analysis.segment("We must act. They will follow.")
    first = modal_subjects(doc)
    calls = []
    monkeypatch.setattr(ap, "_sentence_rows", lambda *a: calls.append(a) or [])
    again = modal_subjects(doc)
    assert calls == []  # from the cache
    pd.testing.assert_frame_equal(first, again)
    again.loc[0, "subject"] = "changed"  # a copy: the cached table is not altered
    assert modal_subjects(doc).loc[0, "subject"] == "We"
    modal_subjects(analysis.segment("We must act. They will follow soon."))  # another Document: parsed
    assert len(calls) == 2


def test_missing_model_reaches_the_report_functions(monkeypatch, tmp_path):
    import analysis.parse as ap

    monkeypatch.setattr(config, "PARSER_MODEL", tmp_path / "en_ud_ewt")
    ap._RESULTS.clear()
    with pytest.raises(ParserModelError, match=r"en_ud_ewt is missing.*make model"):
        analysis.obligation_table("We must act.")
    assert analysis.obligation_table("We must act.", method="rules")["total"].tolist() == [1]


def test_noun_will_and_need_are_not_modals():
    for text in ("We lack the political will required to act.", "Our unity and will has grown.",
                 "The needs of the victims come first."):
        assert modal_subjects(text).empty, text
