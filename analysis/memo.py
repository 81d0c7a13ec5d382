"""The in-process memo of per-word results: one mechanism for every pure function of one word.

Caching in the package, by lifetime (the README's design section):

- across runs, :mod:`analysis.cache` (Parquet + SHA-256 on disk, never pickle);
- within a process, for whole objects (the segmentation of recent texts, loaded
  dictionaries, the parser), :func:`functools.lru_cache` on pure functions;
- within a process, for results per word form (syllables, the readability flags
  of a word, the script of a character), a :class:`WordMemo`; an object may own
  one, unregistered (the gaps of a sentence prepared for the figures of speech).
  A theme dictionary's matcher keeps the word forms it has met and the few that
  open a pattern in plain sets and dicts (:class:`analysis.themes._Matcher`).

Why not ``lru_cache`` for words too: a word is looked up several million times in
a corpus run, and a dict subscript that hits (``memo[word]``) costs a third of an
``lru_cache`` call (measured: 4M lookups, 0.15 s against 0.40 s).  The memo is
unbounded: it holds one entry per distinct word form met (a few hundred
thousand for the 32 million words of the UN General Debate), and
:func:`clear_all` empties every memo at once.  The functions memoised are pure
(the same word always gives the same value), so a memo can never change a result.
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

__all__ = ["WordMemo", "clear_all", "memos"]

K = TypeVar("K")
V = TypeVar("V")

_ALL: list["WordMemo"] = []


class WordMemo(dict, Generic[K, V]):
    """``memo[key]`` is ``func(key)``, computed once per key; a pure ``func`` only.

    Parameters
    ----------
    func
        A pure function of one hashable argument (a word form, a character).
    name
        What the memo holds, for :func:`memos` (e.g. ``"syllables"``).
    register
        List it in :func:`memos` and empty it in :func:`clear_all` (module-level
        memos).  A memo that belongs to an object (a prepared sentence's gaps) is not
        registered: it lives and dies with its owner.
    """

    __slots__ = ("func", "name")

    def __init__(self, func: Callable[[K], V], name: str, *, register: bool = True) -> None:
        super().__init__()
        self.func = func
        self.name = name
        if register:
            _ALL.append(self)

    def __missing__(self, key: K) -> V:
        value = self[key] = self.func(key)
        return value

    def __repr__(self) -> str:
        return f"WordMemo({self.name!r}, {len(self)} entries)"


def memos() -> dict[str, int]:
    """Every module-level memo of the package and how many entries it holds."""
    return {m.name: len(m) for m in _ALL}


def clear_all() -> None:
    """Empty every memo (a benchmark's cold start; results do not change)."""
    for m in _ALL:
        m.clear()
