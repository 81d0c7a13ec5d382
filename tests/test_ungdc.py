"""The UNGDC loader (analysis.ungdc) on small corpora the tests build in the UNGDC layout.

The last tests read the real archive in ../shared when it is there (CI) and skip otherwise.
"""

from __future__ import annotations

import re
import tarfile
import types
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import ungdc
from analysis.corpus import CorpusError, CorpusWarning

from _ungdc import UNDECODABLE, USA_TEXT, FRA_TEXT, make_corpus, make_tgz, texts

ARCHIVE = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
if not ARCHIVE.exists():
    ARCHIVE = Path("/work/shared/corpora/UNGDC_1946-2024.tgz")
needs_archive = pytest.mark.skipif(
    not ARCHIVE.exists(), reason=f"the UNGDC archive is not at {ARCHIVE} (../shared/corpora); it runs in CI"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("ungdc") / "UNGDC")


@pytest.fixture(scope="module")
def tgz(corpus, tmp_path_factory) -> Path:
    return make_tgz(corpus, tmp_path_factory.mktemp("tgz") / "UNGDC_test.tgz")


def _load(path, **kw) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return ungdc.load_ungdc(path, **kw)


def test_iter_statements_streams_records(tgz):
    it = ungdc.iter_statements(tgz)
    assert isinstance(it, types.GeneratorType)
    first = next(it)
    assert first == {
        "id": "CSK_01_1946", "iso": "CSK", "country": "Czechoslovakia", "session": 1, "year": 1946,
        "file": "TXT/Session 01 - 1946/CSK_01_1946.txt", "text": texts()["CSK_01_1946"], "error": None,
    }
    rest = list(it)
    assert [r["id"] for r in rest if r["error"] is None] == ["YMD_23_1968", "FRA_73_2018", "USA_73_2018", "EU_74_2019"]


def test_bom_and_line_ends(corpus):
    recs = {r["id"]: r for r in ungdc.iter_statements(corpus)}
    assert recs["USA_73_2018"]["text"] == USA_TEXT  # BOM stripped, CRLF -> \n
    assert recs["FRA_73_2018"]["text"] == FRA_TEXT  # bare CR -> \n
    assert not recs["USA_73_2018"]["text"].startswith("\ufeff")


def test_stray_and_undecodable_files_are_reported(corpus):
    recs = {r["file"]: r for r in ungdc.iter_statements(corpus) if r["error"] is not None}
    assert sorted(recs) == [
        "TXT/Session 73 - 2018/.Rhistory",
        "TXT/Session 74 - 2019/GBR_74_2019.txt",
        "TXT/Session 74 - 2019/ITA_73_2018.txt",
    ]
    assert "not a statement" in recs["TXT/Session 73 - 2018/.Rhistory"]["error"]
    bad = recs["TXT/Session 74 - 2019/GBR_74_2019.txt"]
    assert bad["id"] == "GBR_74_2019" and bad["iso"] == "GBR" and bad["text"] is None
    assert "cannot decode as UTF-8 at byte offset 11" in bad["error"] and UNDECODABLE[11] == 0x80
    assert "folder 'Session 74 - 2019'" in recs["TXT/Session 74 - 2019/ITA_73_2018.txt"]["error"]


def test_load_ungdc_table(corpus):
    with pytest.warns(CorpusWarning, match=r"3 member\(s\) not read as statements"):
        df = ungdc.load_ungdc(corpus)
    assert list(df.columns) == list(ungdc.COLUMNS)
    ok = df[df["error"].isna()]
    assert list(ok["id"]) == ["CSK_01_1946", "YMD_23_1968", "FRA_73_2018", "USA_73_2018", "EU_74_2019"]
    assert list(ok["country"]) == ["Czechoslovakia", "Democratic Yemen", "France", "United States of America",
                                   "European Union"]
    assert list(ok["session"]) == [1, 23, 73, 73, 74] and str(df["session"].dtype) == "Int64"
    assert list(ok["year"]) == [1946, 1968, 2018, 2018, 2019]
    assert df["error"].notna().sum() == 3 and df["error"].notna().iloc[-3:].all()  # error rows last
    assert analysis.skipped(df)["item"].iloc[0] == "TXT/Session 74 - 2019/GBR_74_2019.txt"


def test_speakers_matched_on_iso_and_session(corpus):
    df = _load(corpus).set_index("id")
    assert df.loc["USA_73_2018", "speaker"] == "Donald Trump"
    assert df.loc["USA_73_2018", "post"] == "President"
    assert df.loc["FRA_73_2018", "speaker"] == "Emmanuel Macron"  # 'FRA ' in the sheet
    assert df.loc["YMD_23_1968", "speaker"] == "Mr. Uqba"  # 'YDYE' in the sheet
    assert df.loc["YMD_23_1968", "post"] is None
    assert df.loc["CSK_01_1946", "speaker"] == "Mr. Masaryk; Mr. Clementis"  # two rows, both kept
    assert df.loc["EU_74_2019", "speaker"] is None  # not in the sheet
    # 6 sheet rows; 4 of the 5 readable statements have a speaker (GBR's row matches an unreadable file)
    readable = df[df["error"].isna()] if "error" in df.columns else df
    assert int(readable["speaker"].notna().sum()) == 4 and len(readable) == 5
    assert df.attrs == {}
    sp = ungdc.read_speakers(corpus)
    assert list(sp.columns) == ["iso", "session", "speaker", "post"] and len(sp) == 5


def test_folder_and_tgz_give_the_same_table(corpus, tgz):
    a, b = _load(corpus), _load(tgz)
    pd.testing.assert_frame_equal(a, b)
    assert ungdc.read_speakers(tgz).equals(ungdc.read_speakers(corpus))


def test_errors_skip_and_sessions(corpus):
    df = _load(corpus, errors="skip")
    assert "error" not in df.columns and len(df) == 5
    assert analysis.skipped(df)["item"].iloc[-1] == "TXT/Session 74 - 2019/ITA_73_2018.txt"
    only = _load(corpus, sessions=[73])
    assert list(only["id"]) == ["FRA_73_2018", "USA_73_2018"]  # strays are not reported for a subset
    with pytest.raises(ValueError, match="errors must be"):
        ungdc.load_ungdc(corpus, errors="drop")


def test_load_corpus_hook(corpus, tgz, monkeypatch):
    for path in (corpus, tgz, str(tgz), corpus / "TXT"):
        with pytest.warns(CorpusWarning):
            df = analysis.load_corpus(path)
        assert "error" not in df.columns and len(df) == 5, path
        assert analysis.skipped(df)["item"].str.contains("GBR_74_2019").any()
    monkeypatch.setenv("ANALYSIS_UNGDC", str(tgz))
    with pytest.warns(CorpusWarning):
        assert list(analysis.load_corpus("ungdc")["id"])[:2] == ["CSK_01_1946", "YMD_23_1968"]
    # analyze() accepts the table as it is
    with pytest.warns(CorpusWarning):
        out = analysis.analyze(analysis.load_corpus(tgz), cache=False, workers=1, progress=False)
    assert out["error"].isna().all() and out.set_index("id").loc["USA_73_2018", "words"] == 16


def test_missing_archive_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_UNGDC", str(tmp_path / "nowhere.tgz"))
    with pytest.raises(CorpusError, match=r"not found at .*nowhere\.tgz.*Download UNGDC_1946-2024\.tgz.*ANALYSIS_UNGDC"):
        analysis.load_corpus("ungdc")
    monkeypatch.delenv("ANALYSIS_UNGDC")
    assert ungdc.default_archive() == analysis.config.UNGDC_ARCHIVE
    assert "/work/shared" not in str(ungdc.default_archive()) and "shared" not in ungdc.default_archive().parts
    with pytest.raises(CorpusError, match="no such file or folder"):
        ungdc.load_ungdc(tmp_path / "nothing.tgz")


def test_a_folder_without_statements(tmp_path):
    (tmp_path / "TXT" / "Session 73 - 2018").mkdir(parents=True)
    (tmp_path / "TXT" / "Session 73 - 2018" / ".DS_Store").write_bytes(b"\x00\x01")
    with pytest.raises(CorpusError, match="no UNGDC statement"):
        _load(tmp_path)


def test_truncated_tgz_keeps_what_was_read(tmp_path):
    folder = make_corpus(tmp_path / "big", n_words=6000)
    whole = make_tgz(folder, tmp_path / "whole.tgz").read_bytes()
    cut = tmp_path / "cut.tgz"
    cut.write_bytes(whole[: int(len(whole) * 0.6)])
    recs = list(ungdc.iter_statements(cut))
    last = recs[-1]
    assert last["id"] == "cut.tgz:truncated"
    assert re.search(r"cut\.tgz: archive truncated or corrupt after \d+ statements", last["error"])
    assert "the statements read before are kept" in last["error"]
    read = [r for r in recs if r["error"] is None]
    assert 1 <= len(read) < 5
    assert read[0]["text"] == texts(6000)["CSK_01_1946"]  # complete, not cut
    with pytest.warns(CorpusWarning, match="truncated"):
        df = ungdc.load_ungdc(cut)
    assert (df["error"].isna()).sum() == len(read)
    assert df["error"].str.contains("truncated").fillna(False).any()
    cut.write_bytes(b"not gzip at all")
    with pytest.raises(CorpusError, match="no UNGDC statement"):
        _load(cut)


def test_country_table():
    t = ungdc.countries()
    assert list(t.columns) == ["iso3", "name", "status"]
    assert t["iso3"].is_unique
    assert t["iso3"].str.fullmatch(r"[A-Z]{2,3}").all()
    for code, name in (("CSK", "Czechoslovakia"), ("YUG", "Yugoslavia"), ("DDR", "German Democratic Republic"),
                       ("SUN", "Union of Soviet Socialist Republics"), ("YMD", "Democratic Yemen"),
                       ("EU", "European Union"), ("USA", "United States of America")):
        assert ungdc.country_name(code) == name
    assert ungdc.country_name("XXX") is None
    assert set(ungdc.SPEAKER_CODE_FIXES.values()) <= set(t["iso3"])
    assert not set(ungdc.SPEAKER_CODE_FIXES) & set(t["iso3"])


# ---------------------------------------------------------------------------
# The real archive (skipped when ../shared is absent)
# ---------------------------------------------------------------------------


@needs_archive
def test_archive_codes_resolve_and_session_sizes():
    """Every ISO code of the archive has a country name; statements per session match the files."""
    counts: dict[int, int] = {}
    codes: set[str] = set()
    stray = []
    with tarfile.open(ARCHIVE, "r|gz") as tf:
        for m in tf:
            if not m.isfile():
                continue
            kind, meta, _ = ungdc._classify(m.name)
            if kind == "statement":
                codes.add(meta["iso"])
                counts[meta["year"]] = counts.get(meta["year"], 0) + 1
            elif kind == "stray":
                stray.append(m.name.rsplit("/", 1)[-1])
    assert sorted(c for c in codes if ungdc.country_name(c) is None) == []
    assert (counts[1946], counts[1975], counts[2018], counts[2024]) == (39, 126, 196, 192)
    assert sum(counts.values()) == 10952 and len(counts) == 79
    assert sorted(stray) == sorted([".Rhistory", ".Rapp.history", ".Rhistory", ".DS_Store-to-UTF-8.txt",
                                    ".Rapp.history"])


def test_iter_statements_with_speakers(tgz, corpus):
    recs = {r["id"]: r for r in ungdc.iter_statements(tgz, speakers=True)}
    assert recs["USA_73_2018"]["speaker"] == "Donald Trump" and recs["USA_73_2018"]["post"] == "President"
    assert recs["EU_74_2019"]["speaker"] is None and recs["YMD_23_1968"]["post"] is None
    assert recs["GBR_74_2019"]["error"] is not None and recs["GBR_74_2019"]["speaker"] == "Boris Johnson"
    table = _load(corpus).set_index("id")
    for rid, r in recs.items():
        if r["error"] is None:
            assert (r["speaker"], r["post"]) == (table.loc[rid, "speaker"], table.loc[rid, "post"])
