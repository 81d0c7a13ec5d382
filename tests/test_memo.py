"""One in-process memo mechanism for per-word results (issue 8: no ad-hoc memo dicts)."""

from __future__ import annotations

import ast
from pathlib import Path

import analysis
from analysis import memo
from analysis.memo import WordMemo

PKG = Path(analysis.__file__).parent


def test_word_memo_computes_each_key_once():
    calls = []

    def f(w):
        calls.append(w)
        return len(w)

    m = WordMemo(f, "test lengths", register=False)
    assert [m["war"], m["peace"], m["war"]] == [3, 5, 3]
    assert calls == ["war", "peace"]
    assert "test lengths" not in memo.memos()


def test_clear_all_empties_registered_memos_and_results_do_not_change():
    from analysis.syllable_counts import syllables

    before = [syllables(w) for w in ("terrorism", "UN", "WAR", "1980's")]
    assert memo.memos()["syllables"] > 0  # (the count alone: syllables() no longer fills "syllables and source")
    memo.clear_all()
    assert all(n == 0 for n in memo.memos().values())
    assert [syllables(w) for w in ("terrorism", "UN", "WAR", "1980's")] == before == [4, 2, 1, 4]


def test_the_package_memoises_words_only_through_word_memo():
    """No module defines its own memo dict (a ``__missing__`` method) beside ``analysis.memo``."""
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        if path.name == "memo.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "__missing__":
                offenders.append(f"{path.relative_to(PKG)}:{node.lineno}")
    assert offenders == []


def test_registered_memos_are_the_documented_ones():
    import analysis.readability  # noqa: F401 - registers its memo
    import analysis.text  # noqa: F401

    assert {"syllables and source", "syllables", "readability flags", "script of a character"} <= set(memo.memos())
