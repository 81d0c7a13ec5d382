"""The on-disk cache: data only (no pickle), checksummed, never fatal (issue 9, items 3 and 4)."""

from __future__ import annotations

import os
import pickle
import stat
import warnings

import pandas as pd
import pytest

import analysis
from analysis import cache, config
from analysis.cache import CacheWarning

CORPUS = pd.DataFrame({"id": ["a", "b"], "text": ["We must act now. They will help.", "I can see it. You should go."]})


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path)
    return tmp_path


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch PWNED_BY_CACHE",))


def test_a_planted_pickle_never_runs(tmp_cache, tmp_path, monkeypatch):
    """A pickle placed under the name the cache would read is not executed: the cache reads Parquet only."""
    monkeypatch.chdir(tmp_path)
    key = analysis.corpus.cache_key(CORPUS)
    payload = pickle.dumps(_Boom())
    for name in (f"analyze-{key}.parquet", f"analyze-{key}.pkl"):
        (tmp_cache / name).write_bytes(payload)
    import hashlib

    side = {"sha256": hashlib.sha256(payload).hexdigest(), "object_columns": []}
    (tmp_cache / f"analyze-{key}.parquet.sha256").write_text(__import__("json").dumps(side))
    out = analysis.analyze(CORPUS, progress=False, workers=1)
    assert not (tmp_path / "PWNED_BY_CACHE").exists()
    assert list(out["id"]) == ["a", "b"] and out["words"].tolist() == [7, 7]


def test_every_single_bit_flip_is_detected(tmp_cache):
    df = pd.DataFrame({"x": [1.5, 2.25, 3.0], "s": pd.Series(["a", None, "c"], dtype=object)})
    assert cache.write_frame("analyze", "ab12", df)
    path = tmp_cache / "analyze-ab12.parquet"
    good = path.read_bytes()
    pd.testing.assert_frame_equal(cache.read_frame("analyze", "ab12"), df)
    loaded = 0
    positions = range(0, len(good) * 8, max(1, len(good) * 8 // 300))
    for bit in positions:
        flipped = bytearray(good)
        flipped[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(flipped))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CacheWarning)
            if cache.read_frame("analyze", "ab12") is not None:
                loaded += 1
    assert len(positions) >= 300 and loaded == 0


def test_checksum_mismatch_warns(tmp_cache):
    cache.write_frame("counts", "ff", pd.DataFrame({"word": ["a"], "count": [1]}))
    (tmp_cache / "counts-ff.parquet.sha256").write_text('{"sha256": "%s", "object_columns": []}' % ("0" * 64))
    with pytest.warns(CacheWarning, match="checksum"):
        assert cache.read_frame("counts", "ff") is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; see the next test")
def test_read_only_cache_dir_warns_and_returns_the_result(tmp_cache):
    tmp_cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.warns(CacheWarning, match="not cached"):
            out = analysis.analyze(CORPUS, progress=False, workers=1)
    finally:
        tmp_cache.chmod(stat.S_IRWXU)
    assert out["words"].tolist() == [7, 7]


def test_unwritable_cache_dir_warns_and_returns_the_result(tmp_path, monkeypatch):
    """A cache 'folder' that is a file cannot be written, even by root: warn, return the result."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(config, "CACHE_DIR", blocker / "cache")
    with pytest.warns(CacheWarning, match="not cached"):
        out = analysis.analyze(CORPUS, progress=False, workers=1)
    assert out["words"].tolist() == [7, 7]
    with pytest.warns(CacheWarning, match="not cached"):
        counts = analysis.word_counts(CORPUS)
    assert counts["we"] == 1


def test_bad_kind_or_key_is_refused(tmp_cache):
    with pytest.raises(ValueError):
        cache.read_frame("../x", "00")
    with pytest.raises(ValueError):
        cache.write_frame("analyze", "../../etc", pd.DataFrame())


def test_only_the_newest_files_of_a_kind_are_kept(tmp_cache):
    for i in range(cache.CACHE_KEEP + 3):
        cache.write_frame("counts", f"{i:04x}", pd.DataFrame({"word": ["a"], "count": [i]}))
    assert len(list(tmp_cache.glob("counts-*.parquet"))) == cache.CACHE_KEEP
    assert len(list(tmp_cache.glob("counts-*.sha256"))) == cache.CACHE_KEEP
