"""The syntax of a speech id: defined once, checked by ``load_speech`` and ``python -m analysis.report``.

An id names a speech in ``data/metadata.csv`` and becomes a folder name
(``figures/<id>/``, ``reports/<id>/``) and a command-line argument
(``make report SPEECH=<id>``), so it is restricted to characters that are safe
in all three places: ASCII letters, digits, ``.``, ``_`` and ``-``, starting
with a letter or digit (``un-sg-2018-06-29``, ``1790-Washington-1``).  No
space, no slash, no shell metacharacter, never ``.`` or ``..``.
"""

from __future__ import annotations

import re

__all__ = ["ID_SYNTAX", "check_id", "is_valid_id"]

#: The one definition of a valid speech id (a regular expression, matched in full).
ID_SYNTAX = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_ID = re.compile(ID_SYNTAX)


def is_valid_id(value: object) -> bool:
    """Whether ``value`` is a str that matches :data:`ID_SYNTAX` in full."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def check_id(value: object, *, what: str = "speech id") -> str:
    """Return ``value`` if it is a valid id; otherwise raise ``ValueError`` saying what is wrong.

    >>> check_id("un-sg-2018-06-29")
    'un-sg-2018-06-29'
    >>> check_id("my speech")
    Traceback (most recent call last):
    ...
    ValueError: invalid speech id 'my speech': it contains ' '; an id is ASCII letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. un-sg-2018-06-29)
    """
    rule = ("an id is ASCII letters, digits, '.', '_' and '-', starting with a letter or digit "
            "(e.g. un-sg-2018-06-29)")
    if not isinstance(value, str):
        raise ValueError(f"invalid {what} {value!r}: expected a str, got {type(value).__name__}; {rule}")
    if _ID.fullmatch(value):
        return value
    if not value:
        raise ValueError(f"invalid {what}: it is empty; {rule}")
    bad = sorted({c for c in value if not re.fullmatch(r"[A-Za-z0-9._-]", c)})
    why = (f"it contains {' '.join(repr(c) for c in bad)}" if bad
           else f"it starts with {value[0]!r}")
    raise ValueError(f"invalid {what} {value!r}: {why}; {rule}")
