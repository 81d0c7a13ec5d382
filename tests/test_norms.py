"""The UN General Debate norms shipped in analysis/data/norms: fresh, complete, reproducible.

* ``test_norms_are_not_stale`` fails when the measure code changed and the norms were
  not rebuilt (``make norms UNGDC=...``).
* ``test_sample_sessions_identical`` recomputes small sessions from the archive (skipped
  when ../shared is absent; it runs in CI) and finds them identical to the shipped rows.
* The pipeline itself is tested offline on a corpus the test builds.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import config, norms, ungdc
from analysis.corpus import CorpusWarning

from _ungdc import make_corpus, make_tgz

ARCHIVE = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
if not ARCHIVE.exists():
    ARCHIVE = Path("/work/shared/corpora/UNGDC_1946-2024.tgz")
needs_archive = pytest.mark.skipif(
    not ARCHIVE.exists(), reason=f"the UNGDC archive is not at {ARCHIVE} (../shared/corpora); it runs in CI"
)
#: Small sessions recomputed from the archive: 1946 (39 statements), 1947 and 1949.
SAMPLE = (1, 2, 4)


def test_norms_are_not_stale():
    man = norms.load_manifest()
    assert man["measure_fingerprint"] == norms.measure_fingerprint(), (
        "norms are stale: the measure code changed since analysis/data/norms was built; run "
        "make norms UNGDC=/path/to/UNGDC_1946-2024.tgz"
    )
    assert man["package_version"] == analysis.__version__, "norms are stale (package version): run make norms"


def test_shipped_norms_are_complete_and_small():
    man = norms.load_manifest()
    assert man["archive"]["sha256"] == "4bf4570a0d80cf360d685b3526c6dbbf29b7579bd0aa449b077c26d76079bd09"
    t = norms.load_norms()
    assert len(t) == man["statements"] == 10952 and t["id"].is_unique
    assert list(t.columns[:8]) == ["id", "iso", "country", "session", "year", "speaker", "post", "file"]
    assert "text" not in t.columns and t["error"].isna().all()
    assert t.groupby("year").size().loc[[1946, 1975, 2018, 2024]].tolist() == [39, 126, 196, 192]
    assert t["country"].notna().all()
    assert len(man["skipped"]) == 5
    assert int(t["words"].sum()) == man["words"]
    # keyness counts: pruned, with the unpruned total alongside
    c = norms.norm_counts(73)
    assert c.session == 73 and min(c.values()) >= norms.MIN_SESSION_COUNT
    assert c.n_words == int(t.loc[t["session"] == 73, "words"].sum()) > sum(c.values())
    whole = norms.norm_counts()
    assert whole.n_words == man["words"] and whole["the"] > c["the"] > 0
    with pytest.raises(KeyError, match="no session 99"):
        norms.norm_counts(99)
    size = sum(p.stat().st_size for p in Path(config.NORMS_DIR).iterdir())
    assert size <= 15e6, f"norms take {size / 1e6:.1f} MB (limit 15 MB)"
    for name, sha in man["files"].items():
        import hashlib

        assert hashlib.sha256((Path(config.NORMS_DIR) / name).read_bytes()).hexdigest() == sha, name


@needs_archive
def test_sample_sessions_identical():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        df = ungdc.load_ungdc(ARCHIVE, sessions=SAMPLE, errors="skip")
    fresh = analysis.analyze(df, cache=False, workers=1, progress=False, figures=True)  # the norms carry the figures
    shipped = norms.load_norms()
    shipped = shipped[shipped["session"].isin(SAMPLE)].reset_index(drop=True)
    assert list(fresh["id"]) == list(shipped["id"])
    pd.testing.assert_frame_equal(fresh, shipped, check_dtype=False, check_exact=False, rtol=1e-12)
    # word counts of each sample session, pruned as shipped
    from analysis.compare import word_counts

    for s in SAMPLE:
        c = Counter()
        for t in df.loc[df["session"] == s, "text"]:
            c.update(word_counts(t))
        shipped_c = norms.norm_counts(s)
        assert shipped_c.n_words == sum(c.values())
        assert dict(shipped_c) == {w: n for w, n in c.items() if n >= norms.MIN_SESSION_COUNT}, s


def test_build_offline_on_a_small_corpus(tmp_path):
    folder = make_corpus(tmp_path / "UNGDC", n_words=300)
    tgz = make_tgz(folder, tmp_path / "small.tgz")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        man = norms.build(tgz, tmp_path / "n1", workers=1, progress=False)
        again = norms.build(tgz, tmp_path / "n2", workers=2, progress=False)
        df = ungdc.load_ungdc(tgz, errors="skip")
    # reproducible: same manifest (checksums of every file included), whatever the workers
    assert (tmp_path / "n1" / "manifest.json").read_bytes() == (tmp_path / "n2" / "manifest.json").read_bytes()
    assert man == again
    assert man["archive"]["sha256"] == norms.source_sha256(tgz)
    assert man["measure_fingerprint"] == norms.measure_fingerprint()
    assert man["package_version"] == analysis.__version__
    t = norms.load_norms(tmp_path / "n1")
    # the undecodable statement is a row with its reason; strays are listed in the manifest
    assert list(t["id"]) == ["CSK_01_1946", "YMD_23_1968", "FRA_73_2018", "USA_73_2018", "EU_74_2019", "GBR_74_2019"]
    bad = t.set_index("id").loc["GBR_74_2019"]
    assert "cannot decode" in bad["error"] and pd.isna(bad["words"]) and bad["speaker"] == "Boris Johnson"
    assert sorted(s["file"] for s in man["skipped"]) == ["TXT/Session 73 - 2018/.Rhistory",
                                                         "TXT/Session 74 - 2019/ITA_73_2018.txt"]
    # the measures are those of analyze(figures=True) on the loaded table
    fresh = analysis.analyze(df, cache=False, workers=1, progress=False, figures=True)  # the norms carry the figures
    pd.testing.assert_frame_equal(fresh, t[t["error"].isna()].reset_index(drop=True), check_dtype=False)
    # counts: session 73 holds FRA and USA
    from analysis.compare import word_counts

    c = word_counts(df.loc[2, "text"]) + word_counts(df.loc[3, "text"])
    got = norms.norm_counts(73, directory=tmp_path / "n1")
    assert got.n_words == sum(c.values()) == man["sessions"]["73"]["words"]
    assert dict(got) == {w: n for w, n in c.items() if n >= 3}
    assert "words with count >= 3" in man["pruning"]["words_by_session.parquet"]
    totals = norms.norm_totals(tmp_path / "n1")
    assert list(totals["session"]) == [1, 23, 73, 74]


def test_stale_check_and_missing_norms(tmp_path):
    with pytest.raises(norms.NormsError, match="make norms UNGDC="):
        norms.load_norms(tmp_path)
    with pytest.raises(norms.NormsError, match="make norms"):
        norms.norm_counts(directory=tmp_path)
    # a manifest with another fingerprint is reported stale by the command line check
    (tmp_path / "manifest.json").write_text(json.dumps({"measure_fingerprint": "0" * 64}), encoding="utf-8")
    man = norms.load_manifest(tmp_path)
    assert man["measure_fingerprint"] != norms.measure_fingerprint()


def test_fingerprint_covers_measure_code_not_charts():
    import analysis as pkg

    pkgdir = Path(pkg.__file__).resolve().parent
    names = {p.name for p in pkgdir.glob("*.py")}
    assert {"profile.py", "text.py", "readability.py", "ungdc.py", "norms.py"} <= names - norms.NOT_MEASURE_CODE
    assert {"plots.py", "report.py", "reference.py"} <= norms.NOT_MEASURE_CODE


def test_place_in_ungdc_from_the_shipped_norms(seed_text):
    from analysis import reference as R

    res = analysis.place_in_ungdc(seed_text, year=2018, k=3)
    ref = norms.load_norms()
    assert res.session == 73
    pd.testing.assert_frame_equal(res.percentiles, R.percentiles(res.profile, ref, session=73))
    assert list(res.percentiles["session_n"].unique()) == [196]
    assert len(res.nearest) == 3 and (res.nearest["session"] == 73).all()
    assert res.nearest["distance"].is_monotonic_increasing
    assert res.keyness.attrs["session"] == 73 and res.keyness.attrs["reference_words"] == norms.norm_counts(73).n_words
    assert set(res.trends["measure"]) == set(R.TREND_MEASURES) and res.trends["year"].nunique() == 79
    # the seed speech (UN Secretary-General, 2018) uses far shorter sentences than the member states
    row = res.percentiles.set_index("measure").loc["mean_sentence_length"]
    assert row["session_percentile"] < 10
    with pytest.raises(ValueError, match="no statement of session 90"):
        analysis.place_in_ungdc(seed_text, session=90)
