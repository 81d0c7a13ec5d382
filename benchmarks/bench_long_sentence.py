"""A speech that is one 100,000-word sentence against the seed speech (issue 9, item 8).

Two parts.

1. **Functions** (default): for every per-document function the notebooks call,
   its time on the seed speech (914 words, 56 sentences) and on one sentence of
   100,000 words made of the seed's words without punctuation, and the ratio of the
   totals.  Before the first fix (modal subjects' word offsets computed once per
   modal instead of once per sentence) ``sentence_table``, ``modal_phrases`` and
   ``obligation_table`` were quadratic in the sentence length: 4 s each at 20,000
   words, minutes at 100,000.
2. **Reports** (``--reports``): the report command itself, ``python -m
   analysis.report --speech <id> --only NN`` in a scratch project
   (``ANALYSIS_ROOT``), one notebook at a time (``--only`` picks them; default all
   seven), for the seed speech, the seed repeated to 100,000 words (ordinary
   sentences: the cost of a long text) and the one 100,000-word sentence (the
   cost of a long sentence on top): wall time, the peak memory of the whole
   process tree (the command and its kernel, sampled every 0.1 s with psutil)
   and the size of the HTML written.  ``--repo`` runs another source tree (the
   code before a change: ``git worktree add /tmp/old <rev>``).

Usage::

    python benchmarks/bench_long_sentence.py [--words 100000]
    python benchmarks/bench_long_sentence.py --reports [--only 03 --only 04] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import analysis
from analysis import config


def long_text(words: int) -> str:
    """One sentence of ``words`` words: the seed's words over and over, no punctuation but a last full stop."""
    seed = analysis.words(analysis.load_speech().text)
    return " ".join(seed[i % len(seed)] for i in range(words)) + "."


def functions(words: int) -> None:
    seed = analysis.load_speech().text
    n_seed = len(analysis.words(seed))
    text_long = long_text(words)
    funcs = {
        "segment": lambda t: analysis.segment(t),
        "profile": analysis.profile,
        "sentence_table": analysis.sentence_table,
        "readability_report": analysis.readability_report,
        "word_table": analysis.word_table,
        "lexical_diversity": analysis.lexical_diversity,
        "modal_phrases": analysis.modal_phrases,
        "obligation_table": analysis.obligation_table,
        "obligation_summary": analysis.prose.obligation_summary,
        "pronoun_matches": analysis.pronoun_matches,
        "structure": analysis.structure,
        "kwic": lambda t: analysis.kwic(t, "terror*"),
        "theme_matches": analysis.theme_matches,
        "theme_dispersion": analysis.theme_dispersion,
    }
    analysis.profile(seed)  # load the dictionaries before timing
    totals = {}
    print(f"{'function':20s} {'seed':>9s} {f'{words:,}-word sentence':>24s}")
    times = {}
    for label, text in (("seed", seed), ("long", text_long)):
        analysis.text.clear_cache()
        for name, func in funcs.items():
            start = time.perf_counter()
            func(text)
            times[(label, name)] = time.perf_counter() - start
        totals[label] = sum(v for (lab, _), v in times.items() if lab == label)
    for name in funcs:
        print(f"{name:20s} {times[('seed', name)]:8.3f}s {times[('long', name)]:23.3f}s")
    print(f"{'total':20s} {totals['seed']:8.3f}s {totals['long']:23.3f}s  "
          f"(ratio {totals['long'] / totals['seed']:.1f}x for {words / n_seed:.0f}x the words)")


def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        family = [proc] + proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    for p in family:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


REPO = Path(__file__).resolve().parent.parent


def run_report(root: Path, speech_id: str, only: str, repo: Path = REPO) -> tuple[float, int, int, int, float]:
    """(seconds, peak bytes of the process tree, bytes of the HTML, return code, CPU seconds) of one report run.

    The CPU seconds are those of the whole process tree (the command, its kernel and the
    export: every descendant is reaped before the command exits), user and system: on a
    machine shared with other jobs they move much less than the wall time.

    ``repo`` is the source tree whose ``analysis`` runs (the command and its kernels, through
    ``PYTHONPATH``; without it a scratch project would import whatever ``analysis`` is installed).
    """
    import psutil

    env = {**os.environ, "ANALYSIS_ROOT": str(root), "PYTHONPATH": str(repo)}
    cmd = [sys.executable, "-m", "analysis.report", f"--speech={speech_id}", "--only", only, "--workers", "1"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(ps))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        print(out[-2000:], file=sys.stderr)
    html = sum(p.stat().st_size for p in (root / "reports" / speech_id).glob(f"{only}*.html"))
    return seconds, peak, html, proc.returncode, cpu


SPEECHES = (("seed-copy", "seed speech"), ("long-speech", "{n:,} words in sentences"),
            ("long-sentence", "one {n:,}-word sentence"))


def reports(words: int, only: list[str], repo: Path = REPO, rounds: int = 1) -> None:
    """Each notebook on three speeches: the seed, the seed repeated to ``words`` words (ordinary
    sentences: what the length of the text costs) and one ``words``-word sentence (what the
    length of one sentence costs on top).  The reference corpus is analysed once beforehand
    (cached in the scratch project), so no run pays for it."""
    root = Path(tempfile.mkdtemp(prefix="bench-long-sentence-"))
    try:
        (root / "data").mkdir()
        # the data and notebooks of the tree that runs (this script may import another installed analysis)
        seed = (repo / "data" / f"{config.DEFAULT_SPEECH}.txt").read_text(encoding="utf-8")
        n_seed = len(analysis.words(seed))
        texts = {"seed-copy": seed, "long-speech": "\n\n".join([seed.strip()] * -(-words // n_seed)) + "\n",
                 "long-sentence": long_text(words)}
        for sid, text in texts.items():
            (root / "data" / f"{sid}.txt").write_text(text, encoding="utf-8")
        meta = (repo / "data" / "metadata.csv").read_text(encoding="utf-8").splitlines()
        row = meta[1].split(",", 3)[3]  # the seed's row after its id, file and speaker
        # one speaker each: notebook 07 compares the speakers of data/
        (root / "data" / "metadata.csv").write_text(
            "\n".join([meta[0]] + [f"{sid},{sid}.txt,Speaker {k},{row}" for k, sid in enumerate(texts, 1)]) + "\n",
            encoding="utf-8")
        shutil.copytree(repo / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        env = {**os.environ, "ANALYSIS_ROOT": str(root), "PYTHONPATH": str(repo)}
        subprocess.run([sys.executable, "-c", "import analysis, warnings; warnings.simplefilter('ignore'); "
                        "analysis.analyze('sotu'); analysis.analyze('data')"], cwd=root, env=env, check=True)
        names = only or sorted(p.name[:2] for p in (root / "notebooks").glob("[0-9][0-9]-*.ipynb"))
        print(f"python -m analysis.report --speech <id> --only NN, one worker, analysis of {repo}; "
              f"best of {rounds} interleaved round(s) per cell, load average {os.getloadavg()[0]:.1f} at the start")
        print(f"{'':9s}" + "".join(f"{label.format(n=words):>36s}" for _, label in SPEECHES)
              + f"{'sentence - seed':>18s}{'sentence - text':>18s}")
        print(f"{'notebook':9s}" + f"{'s':>9s} {'CPU s':>8s} {'peak MB':>8s} {'HTML kB':>8s}" * len(SPEECHES)
              + f"{'s / CPU s':>18s}" * 2)
        totals = {sid: [0.0, 0.0] for sid in texts}

        def delta(a: str, b: str, i: int, table: dict) -> str:
            return f"{table[a][i] - table[b][i]:+.1f}"

        for nb in names:
            runs: dict[str, list] = {sid: [] for sid, _label in SPEECHES}
            for _ in range(rounds):  # interleaved: seed, text, sentence, seed, ... so load hits all alike
                for sid, _label in SPEECHES:
                    runs[sid].append(run_report(root, sid, nb, repo))
            # best wall and best CPU time of the rounds, the largest peak, any failure
            best = {sid: (min(r[0] for r in rs), min(r[4] for r in rs), max(r[1] for r in rs), rs[-1][2],
                          max(r[3] for r in rs)) for sid, rs in runs.items()}
            cells = []
            for sid, _label in SPEECHES:
                sec, cpu, peak, html, rc = best[sid]
                totals[sid][0] += sec
                totals[sid][1] += cpu
                cells.append(f"{sec:9.1f} {cpu:8.1f} {peak / 2**20:8.0f} {html / 1024:8.0f}"
                             + ("" if rc == 0 else " FAILED"))
            pairs = [f"{delta('long-sentence', ref, 0, best)} / {delta('long-sentence', ref, 1, best)}"
                     for ref in ("seed-copy", "long-speech")]
            print(f"{nb:9s}" + "".join(cells) + "".join(f"{x:>18s}" for x in pairs), flush=True)
        pairs = [f"{delta('long-sentence', ref, 0, totals)} / {delta('long-sentence', ref, 1, totals)}"
                 for ref in ("seed-copy", "long-speech")]
        print(f"{'total':9s}" + "".join(f"{totals[sid][0]:9.1f} {totals[sid][1]:8.1f} {'':17s}" for sid, _ in SPEECHES)
              + "".join(f"{x:>18s}" for x in pairs))
        print("peak MB: the largest peak of the process tree over the rounds")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--reports", action="store_true", help="time the report command, notebook by notebook")
    parser.add_argument("--only", action="append", default=[], metavar="NN", help="with --reports: these notebooks")
    parser.add_argument("--rounds", type=int, default=1,
                        help="with --reports: run each cell this many times, interleaved, and keep the best time")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="with --reports: the source tree to run (e.g. `git worktree add /tmp/old <rev>`)")
    args = parser.parse_args()
    if args.reports:
        reports(args.words, args.only, args.repo.resolve(), rounds=args.rounds)
    else:
        functions(args.words)


if __name__ == "__main__":
    main()
