"""Parser benchmark (issue 11): the shipped pipeline on the treebank, and who-must on real speeches.

Prints
- the shipped model (``analysis/models/en_ud_ewt``) on the UD English-EWT
  **test** split (``../shared/ud``; skipped with a message when absent): POS
  accuracy (Penn Treebank tags, the tagger's labels), UAS and LAS (spaCy's
  scorer, punctuation excluded as spaCy does), and speed in words per second
  per core (words / CPU seconds of the process, one thread, so that a loaded
  shared machine does not distort it; wall-clock words/s alongside);
- on the development set of modal uses (``tests/data/modal_devset.tsv``, SOTU
  by address and offsets; ``benchmarks/data/modal_devset_ungdc.tsv``, UN
  General Debate by file and offsets, skipped when the archive is absent), for
  the parser (:func:`analysis.parse.modal_subjects`) and for the rule-based
  finder (:func:`analysis.modal_phrases`): modal uses found, subject head
  right (all, noun-phrase subjects, pronoun subjects), sentences and speeches
  whose modal count is exact, modals found that are not in the gold;
- the hand-written error shapes of the issue (``tests/data/modal_cases.tsv``);
- parser-rules agreement on SOTU addresses (``--sotu N`` addresses spread over
  the corpus, default 24; ``--sotu 0`` for all 237): share of modal uses found
  by both, and among those, share with the same subject head; and the speed of
  ``modal_subjects`` against ``modal_phrases`` in the same run;
- the seed speech: model load time and ``modal_subjects`` time (report 03's extra cost).

Usage: ``python benchmarks/bench_parser.py [--sotu N] [--errors]``
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import analysis  # noqa: E402
from analysis.parse import load_parser, modal_subjects  # noqa: E402

import modal_devset as md  # noqa: E402

UD = ROOT.parent / "shared" / "ud"
SOTU_DEV = ROOT / "tests" / "data" / "modal_devset.tsv"
UN_DEV = ROOT / "benchmarks" / "data" / "modal_devset_ungdc.tsv"
CASES = ROOT / "tests" / "data" / "modal_cases.tsv"


def rules(doc):
    import inspect

    kw = {"method": "rules"} if "method" in inspect.signature(analysis.modal_phrases).parameters else {}
    return analysis.modal_phrases(doc, **kw)


def parser_fn(doc):
    return modal_subjects(doc)


def treebank(nlp) -> None:
    test = UD / "en_ewt-ud-test.conllu.gz"
    if not test.is_file():
        print(f"treebank: {test} not found; skipped")
        return
    from spacy.tokens import DocBin
    from spacy.training import Example

    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "test.conllu"
        plain.write_bytes(gzip.decompress(test.read_bytes()))
        subprocess.run([sys.executable, "-m", "spacy", "convert", str(plain), tmp, "-n", "10", "-c", "conllu"],
                       check=True, capture_output=True)
        gold = list(DocBin().from_disk(Path(tmp) / "test.spacy").get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(d.text), d) for d in gold]
    scores = nlp.evaluate(examples)
    n_words = sum(len(d) for d in gold)
    texts = [d.text for d in gold]
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(f"treebank test split (UD English-EWT, {len(gold)} docs of 10 sentences, {n_words:,} tokens)")
    print(f"  POS accuracy (PTB tags) {scores['tag_acc']:.4f}   UAS {scores['dep_uas']:.4f}   "
          f"LAS {scores['dep_las']:.4f}")
    print(f"  speed: {n_words / cpu:,.0f} words/s per core (CPU time), {n_words / wall:,.0f} words/s wall clock")


def report(name: str, r: dict, errors: bool) -> None:
    def pct(a, b):
        return f"{a}/{b} ({100 * a / b:.1f}%)" if b else "-"

    print(f"  {name:6s} modal found {pct(r['found'], r['uses'])}; subject head right {pct(r['head'], r['uses'])}; "
          f"noun-phrase subjects {pct(r['np_right'], r['np'])}; pronoun subjects {pct(r['pron_right'], r['pron'])}")
    print(f"         lemma right {pct(r['lemma'], r['found'])}; negation right {pct(r['neg'], r['found'])}; "
          f"count exact: sentences {pct(r['sent_exact'], r['sent'])}, speeches {pct(r['src_exact'], r['src'])}; "
          f"extra modals {r['extra']}")
    if errors:
        for w in r["wrong"]:
            print(f"           wrong: {w}")
        for w in r["extras"]:
            print(f"           extra: {w}")


def devset(errors: bool) -> None:
    sets = [("SOTU", SOTU_DEV)]
    if md.UNGDC.is_file():
        sets.append(("UNGDC", UN_DEV))
    else:
        print(f"dev set: {md.UNGDC} not found; the UN General Debate part is skipped")
    total = None
    for label, path in sets:
        gold = md.load_devset(path)
        texts = {src: md.source_text(*src.split(":", 1)) for src in gold["source"].unique()}
        res = md.score(gold, {"parser": parser_fn, "rules": rules}, texts)
        n = (gold["modal"] != "").sum()
        print(f"dev set {label}: {n} modal uses in {gold[['source', 'sent_start']].drop_duplicates().shape[0]} "
              f"sentences of {gold['source'].nunique()} speeches")
        for name in ("parser", "rules"):
            report(name, res[name], errors)
        if total is None:
            total = res
        else:
            for name in total:
                for k, v in res[name].items():
                    total[name][k] = total[name][k] + v
    if len(sets) > 1:
        print("dev set, both parts")
        for name in ("parser", "rules"):
            report(name, total[name], False)
    agree = {"both": 0, "parser_only": 0, "rules_only": 0, "same_head": 0}
    for label, path in sets:
        for src in md.load_devset(path)["source"].unique():
            a = analysis.subject_agreement(analysis.segment(md.source_text(*src.split(":", 1))))
            for k in agree:
                agree[k] += a[k]
    total_uses = agree["both"] + agree["parser_only"] + agree["rules_only"]
    print(f"dev-set speeches (whole texts), parser-rules agreement (analysis.subject_agreement): found by both "
          f"{agree['both']}/{total_uses} ({100 * agree['both'] / total_uses:.1f}%); same subject head "
          f"{agree['same_head']}/{agree['both']} ({100 * agree['same_head'] / agree['both']:.1f}%)")


def cases() -> None:
    import csv

    rows = [r for r in csv.DictReader((ln for ln in CASES.open(encoding="utf-8") if not ln.startswith("#")),
                                      delimiter="\t")]
    for name, fn in (("parser", parser_fn), ("rules", rules)):
        right = 0
        for r in rows:
            doc = analysis.segment(r["text"])
            offs = md.word_char_offsets(doc)
            sys_rows = md.system_rows(fn(doc), doc, offs, name)
            k = [x for x in sys_rows if doc.words[x[0]].lower().startswith(r["modal_word"].lower())]
            occ = int(r["occurrence"]) - 1
            got = k[occ][3] if len(k) > occ else None
            right += got == md.norm_head(r["head"]) and len(sys_rows) == int(r["n_modals"])
        print(f"  {name:6s} hand-written error shapes: {right}/{len(rows)} right (head and modal count)")


def agreement(n: int) -> None:
    corpus = analysis.load_corpus("sotu")
    ids = list(corpus["id"])
    if n and n < len(ids):
        step = len(ids) / n
        ids = [ids[int(i * step)] for i in range(n)]
    both = same = only_p = only_r = 0
    words = 0
    tp = tr = 0.0
    for sid in ids:
        text = corpus.loc[corpus["id"] == sid, "text"].iloc[0]
        doc = analysis.segment(text)
        words += doc.n_words
        offs = md.word_char_offsets(doc)
        t0 = time.process_time()
        p = md.system_rows(parser_fn(doc), doc, offs, "parser")
        t1 = time.process_time()
        r = md.system_rows(rules(doc), doc, offs, "rules")
        t2 = time.process_time()
        tp += t1 - t0
        tr += t2 - t1
        rs = {x[0]: x for x in r}
        ps = {x[0]: x for x in p}
        for a, x in ps.items():
            y = rs.get(a)
            if y is None:
                only_p += 1
            else:
                both += 1
                same += x[3] == y[3]
        only_r += sum(1 for a in rs if a not in ps)
    total = both + only_p + only_r
    label = "all" if len(ids) == len(corpus) else f"a sample of {len(ids)} (evenly spread)"
    print(f"SOTU parser-rules agreement, {label} of {len(corpus)} addresses, {words:,} words:")
    print(f"  modal uses found by both {both}/{total} ({100 * both / total:.1f}%); parser only {only_p}, "
          f"rules only {only_r}; same subject head where both found {same}/{both} ({100 * same / both:.1f}%)")
    print(f"  speed: modal_subjects {words / tp:,.0f} words/s per core, modal_phrases {words / tr:,.0f} words/s "
          f"(ratio {tr / tp:.3f})")


def seed_speech() -> None:
    from analysis import config
    from analysis.parse import _load

    _load.cache_clear()
    text = analysis.read_text(config.DATA_DIR / f"{config.DEFAULT_SPEECH}.txt")
    doc = analysis.segment(text)
    t0 = time.perf_counter()
    load_parser()
    t1 = time.perf_counter()
    p = modal_subjects(doc)
    t2 = time.perf_counter()
    r = rules(doc)
    t3 = time.perf_counter()
    print(f"seed speech ({doc.n_words:,} words, {len(p)} modal uses by the parser, {len(r)} by the rules): "
          f"model load {t1 - t0:.2f} s, modal_subjects {t2 - t1:.2f} s, modal_phrases {t3 - t2:.3f} s (wall clock)")


def million() -> None:
    """A text of about a million words (the seed speech repeated): time and peak memory of modal_subjects."""
    import resource

    from analysis import config

    text = analysis.read_text(config.DATA_DIR / f"{config.DEFAULT_SPEECH}.txt")
    doc = analysis.segment("\n\n".join([text] * (1_000_000 // max(1, len(text.split())) + 1)))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c0 = time.process_time()
    table = modal_subjects(doc)
    cpu = time.process_time() - c0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"1M-word text ({doc.n_words:,} words, {doc.n_sentences:,} sentences): {len(table):,} modal uses in "
          f"{cpu:.0f} s CPU; peak memory {rss0:,.0f} MB before, {rss1:,.0f} MB after (sentence by sentence, "
          f"in batches)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sotu", type=int, default=24, help="SOTU addresses for the agreement (0 = all)")
    ap.add_argument("--errors", action="store_true", help="list the dev-set uses each system gets wrong")
    ap.add_argument("--skip-treebank", action="store_true")
    ap.add_argument("--million", action="store_true", help="only: a 1M-word text, time and peak memory")
    args = ap.parse_args()
    if args.million:
        million()
        return
    nlp = load_parser()
    if not args.skip_treebank:
        treebank(nlp)
    devset(args.errors)
    print("hand-written cases (tests/data/modal_cases.tsv)")
    cases()
    seed_speech()
    agreement(args.sotu)


if __name__ == "__main__":
    main()
