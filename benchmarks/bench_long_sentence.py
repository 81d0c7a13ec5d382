"""A speech that is one 100,000-word sentence against the seed speech (issue 9, item 8).

Prints, for every per-document function the notebooks call, its time on the seed
speech (1,900 words, 80 sentences) and on one sentence of 100,000 words made of
the seed's words without punctuation, and the ratio of the totals.  Before the fix
(modal subjects' word offsets computed once per modal instead of once per
sentence) ``sentence_table``, ``modal_phrases`` and ``obligation_table`` were
quadratic in the sentence length: 4 s each at 20,000 words, minutes at 100,000.

Usage::

    python benchmarks/bench_long_sentence.py [--words 100000]
"""

from __future__ import annotations

import argparse
import time

import analysis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    seed = analysis.load_speech().text
    words = analysis.words(seed)
    long_text = " ".join(words[i % len(words)] for i in range(args.words)) + "."
    funcs = {
        "segment": lambda t: analysis.segment(t),
        "profile": analysis.profile,
        "sentence_table": analysis.sentence_table,
        "readability_report": analysis.readability_report,
        "word_table": analysis.word_table,
        "lexical_diversity": analysis.lexical_diversity,
        "modal_phrases": analysis.modal_phrases,
        "obligation_table": analysis.obligation_table,
        "pronoun_matches": analysis.pronoun_matches,
        "structure": analysis.structure,
        "kwic": lambda t: analysis.kwic(t, "terror*"),
        "themes": getattr(analysis.themes, "themes", analysis.themes),  # the module, once imported
        "theme_matches": analysis.theme_matches,
        "theme_dispersion": analysis.theme_dispersion,
    }
    analysis.profile(seed)  # load the dictionaries before timing
    totals = {}
    print(f"{'function':20s} {'seed':>9s} {f'{args.words:,}-word sentence':>24s}")
    times = {}
    for label, text in (("seed", seed), ("long", long_text)):
        analysis.text.clear_cache()
        for name, func in funcs.items():
            start = time.perf_counter()
            func(text)
            times[(label, name)] = time.perf_counter() - start
        totals[label] = sum(v for (lab, _), v in times.items() if lab == label)
    for name in funcs:
        print(f"{name:20s} {times[('seed', name)]:8.3f}s {times[('long', name)]:23.3f}s")
    print(f"{'total':20s} {totals['seed']:8.3f}s {totals['long']:23.3f}s  "
          f"(ratio {totals['long'] / totals['seed']:.1f}x for {args.words / len(words):.0f}x the words)")


if __name__ == "__main__":
    main()
