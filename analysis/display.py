"""Text made fit for display in tables and reports (the data itself is never changed).

A speech may hold a 100,000-word "sentence" (a text without sentence punctuation):
quoted whole in a Markdown line or in every row of a table that shows it, it made a
report of megabytes and a notebook that timed out.  Reports show the start of a long
text and say how much is left out; the full text stays in the tables the package returns.

Warnings that reach a report are shown as their message only: Python's
``/path/of/this/machine/analysis/corpus.py:353: CorpusWarning: ...`` and the source
line after it say nothing to a reader and reveal the machine's paths.
"""

from __future__ import annotations

import functools
import re

from analysis import config

__all__ = ["DISPLAY_CHARS", "DISPLAY_ROWS", "truncate", "user_messages"]

#: Longest text (characters) shown whole in a report table cell or quote; longer texts are cut.
DISPLAY_CHARS = 400
#: Most rows a report table shows (the first ones, with a caption saying how many there are).
DISPLAY_ROWS = 300


def truncate(text: object, n: int = DISPLAY_CHARS) -> str:
    """The first ``n`` characters of ``text``, cut at a word boundary, saying how much is left out.

    Text of ``n`` characters or fewer is returned as it is.  Longer text is cut at
    the last space before character ``n`` (or at ``n`` when there is none in its
    second half) and ends with `` … (N more words)``.  ``None`` gives ``""``; other
    values are shown with ``str``.

    >>> truncate("We must act together now.", 12)
    'We must act … (2 more words)'
    >>> truncate("Short.", 12)
    'Short.'
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"truncate(): n must be a positive int, got {n!r}")
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) <= n:
        return text
    return _cut(text, n)


@functools.lru_cache(maxsize=64)
def _cut(text: str, n: int) -> str:
    # Cached: a table shows the same long sentence in many rows (one per modal in it), and
    # counting the words left out reads the whole text; a str caches its own hash.
    cut = text.rfind(" ", 0, n + 1)
    if cut < n // 2:
        cut = n
    shown = text[:cut].rstrip()
    rest = len(text[cut:].split())
    return f"{shown} … ({rest:,} more word{'' if rest == 1 else 's'})"


# "<file>:<line>: <Category>: <message>" and the indented source line warnings.formatwarning adds.
_WARNING = re.compile(
    r"^[^\n]*?:\d+: (?P<category>[A-Za-z_][\w.]*(?:Warning|Error)): (?P<message>[^\n]*)\n(?:[ \t]+[^\n]*\n?)?",
    re.M,
)


def user_messages(stderr: str) -> str:
    """A notebook's stderr text as a reader should see it: ``CorpusWarning: <message>`` lines.

    Python's warning lines lose their ``<file>:<line>:`` prefix and the source line
    that follows them; the project folder (``config.ROOT``) is shown as a relative
    path in every message.  Other text is kept.

    >>> user_messages("/x/analysis/corpus.py:353: CorpusWarning: a.txt: no row\\n  speech = load()\\n")
    'CorpusWarning: a.txt: no row\\n'
    """
    if not isinstance(stderr, str):
        raise TypeError(f"user_messages(): expected a str, got {type(stderr).__name__}")
    out = _WARNING.sub(lambda m: f"{m['category']}: {m['message']}\n", stderr)
    root = str(config.ROOT).rstrip("/")
    return out.replace(root + "/", "").replace(root, ".")
