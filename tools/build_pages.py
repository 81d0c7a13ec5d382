"""Build the development pages of issue 10 and their sidecar JSON from hand-annotated sources.

A source (``<name>.src``) is the page as it should read, with the hand annotation inline:

``{{F:...}}`` a furniture unit, ``{{S:...}}`` a salutation line, ``{{L:...}}`` a speaker label,
``{{O:...}}`` what a turn that is not analysed says (not split further), ``|`` a sentence
boundary in the speech text (the end of a paragraph is one too), ``@turn <speaker> kept|dropped``
(a line of its own) starts a turn, ``@meta key=value`` gives a metadata field, ``@file name``
the page's file name (default ``<name>.txt``).  The markers are removed; every other character,
line breaks included, is copied to the page.  Run: ``python tools/build_pages.py SRC_DIR OUT_DIR``.
For an ``.html`` or ``.md`` page the source holds the text the reader should extract, and the
page itself is written by hand (``@file`` names it; it is not overwritten).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_UNIT = re.compile(r"\{\{([FSLO]):(.*?)\}\}", re.S)
_KINDS = {"F": "furniture", "S": "salutation", "L": "label", "O": "other"}


def _norm(s: str) -> str:
    return " ".join(s.split())


def build(src: str) -> tuple[str, str | None, dict]:
    meta: dict[str, str] = {}
    fname = None
    turns: list[dict] = []
    units: list[dict] = []
    out: list[str] = []
    lines = src.split("\n")
    body_lines = []
    for line in lines:
        if line.startswith("@meta "):
            k, _, v = line[6:].partition("=")
            meta[k.strip()] = v.strip()
        elif line.startswith("@file "):
            fname = line[6:].strip()
        else:
            body_lines.append(line)
    text = "\n".join(body_lines)
    # turn markers become sentinel characters so that one pass sees everything in order
    text = re.sub(r"^@turn (.+?) (kept|dropped)\n", lambda m: f"\x00{m.group(1)}\x01{m.group(2)}\x02", text, flags=re.M)
    pos = 0
    turn = None
    pending = ""  # speech text since the last boundary

    def flush():
        nonlocal pending
        for para in re.split(r"\n[ \t]*\n", pending):
            for piece in para.split("|"):
                if _norm(piece):
                    units.append({"kind": "sentence", "text": _norm(piece), "turn": turn})
        pending = ""

    token = re.compile(r"\{\{([FSLO]):(.*?)\}\}|\x00(.+?)\x01(kept|dropped)\x02", re.S)
    for m in token.finditer(text):
        chunk = text[pos:m.start()]
        pending += chunk
        out.append(chunk.replace("|", ""))
        pos = m.end()
        flush()
        if m.group(1):
            kind = _KINDS[m.group(1)]
            units.append({"kind": kind, "text": _norm(m.group(2)),
                          **({"turn": turn} if kind in ("label", "other") else {})})
            out.append(m.group(2))
        else:
            turns.append({"speaker": m.group(3), "kept": m.group(4) == "kept"})
            turn = len(turns) - 1
    chunk = text[pos:]
    pending += chunk
    out.append(chunk.replace("|", ""))
    flush()
    for u in units:
        if u["kind"] == "label":
            turns[u["turn"]].setdefault("label", u["text"])
    page = "".join(out).strip("\n") + "\n"
    ann = {
        "file": fname,
        "metadata": meta,
        "turns": turns,
        "sentences": [u["text"] for u in units if u["kind"] == "sentence"],
        "furniture": [u["text"] for u in units if u["kind"] == "furniture"],
        "salutations": [u["text"] for u in units if u["kind"] == "salutation"],
        "units": units,
    }
    return page, fname, ann


def main(src_dir: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for src in sorted(Path(src_dir).glob("*.src")):
        page, fname, ann = build(src.read_text(encoding="utf-8"))
        fname = fname or f"{src.stem}.txt"
        ann["file"] = fname
        if fname.endswith(".txt"):
            (out / fname).write_text(page, encoding="utf-8")
        (out / f"{fname}.json").write_text(json.dumps(ann, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{fname}: {len(ann['sentences'])} sentences, {len(ann['furniture'])} furniture, "
              f"{len(ann['salutations'])} salutations, {len(ann['turns'])} turns")


if __name__ == "__main__":
    main(*sys.argv[1:3])
