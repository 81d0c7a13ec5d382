"""A small corpus in the UNGDC layout, written by the tests (no text of the real corpus).

``make_corpus(folder)`` writes::

    TXT/Session 01 - 1946/CSK_01_1946.txt      plain UTF-8 (a historical code)
    TXT/Session 23 - 1968/YMD_23_1968.txt      the speakers sheet spells the code 'YDYE'
    TXT/Session 73 - 2018/USA_73_2018.txt      UTF-8 with a byte-order mark and CRLF line ends
    TXT/Session 73 - 2018/FRA_73_2018.txt      bare CR line ends
    TXT/Session 73 - 2018/.Rhistory            a stray file
    TXT/Session 74 - 2019/EU_74_2019.txt       the European Union (two letters)
    TXT/Session 74 - 2019/GBR_74_2019.txt      undecodable: byte 0x80 at offset 11
    TXT/Session 74 - 2019/ITA_73_2018.txt      a statement file in the wrong session folder
    README.txt
    Speakers_by_session.xlsx                   openpyxl; CSK has two rows (two speakers)

``make_tgz(folder, path)`` packs it as the archive is distributed (TXT/ first, the sheet last).
"""

from __future__ import annotations

import random
import tarfile
from pathlib import Path

STATEMENTS = {
    # id: (session, year, iso, bytes)
    "CSK_01_1946": (1, 1946, "CSK", None),
    "YMD_23_1968": (23, 1968, "YMD", None),
    "USA_73_2018": (73, 2018, "USA", None),
    "FRA_73_2018": (73, 2018, "FRA", None),
    "EU_74_2019": (74, 2019, "EU", None),
}
USA_TEXT = "One year ago, I stood before this Assembly.\n\nWe must act together. We will not fail."
FRA_TEXT = "The world is at a turning point.\n\nFrance will keep its word."
UNDECODABLE = b"Good words \x80 here."

_VOCAB = ("peace security development nations assembly we must our people rights cooperation "
          "the of and to in a for is that this").split()


def _filler(seed: int, n_words: int) -> str:
    rnd = random.Random(seed)
    sentences = []
    while n_words > 0:
        k = min(n_words, rnd.randint(8, 20))
        sentences.append(" ".join(rnd.choice(_VOCAB) for _ in range(k)).capitalize() + ".")
        n_words -= k
    return " ".join(sentences)


def texts(n_words: int = 0) -> dict[str, str]:
    """The decoded text of each statement (what the loader must return)."""
    out = {
        "CSK_01_1946": "The delegation of Czechoslovakia greets the Assembly.",
        "YMD_23_1968": "Democratic Yemen takes its seat among the nations.",
        "USA_73_2018": USA_TEXT,
        "FRA_73_2018": FRA_TEXT,
        "EU_74_2019": "The European Union stands for multilateralism.",
    }
    if n_words:
        out = {k: v + "\n\n" + _filler(i, n_words) for i, (k, v) in enumerate(out.items())}
    return out


def make_corpus(folder: Path, *, n_words: int = 0, speakers: bool = True) -> Path:
    """Write the corpus under ``folder`` and return it; ``n_words`` pads each statement."""
    import openpyxl

    folder = Path(folder)
    t = texts(n_words)
    files = {
        "TXT/Session 01 - 1946/CSK_01_1946.txt": t["CSK_01_1946"].encode(),
        "TXT/Session 23 - 1968/YMD_23_1968.txt": t["YMD_23_1968"].encode(),
        "TXT/Session 73 - 2018/USA_73_2018.txt": b"\xef\xbb\xbf" + t["USA_73_2018"].replace("\n", "\r\n").encode(),
        "TXT/Session 73 - 2018/FRA_73_2018.txt": t["FRA_73_2018"].replace("\n", "\r").encode(),
        "TXT/Session 73 - 2018/.Rhistory": b'x <- readtext("*.txt")\n',
        "TXT/Session 74 - 2019/EU_74_2019.txt": t["EU_74_2019"].encode(),
        "TXT/Session 74 - 2019/GBR_74_2019.txt": UNDECODABLE,
        "TXT/Session 74 - 2019/ITA_73_2018.txt": b"Italy speaks in the wrong folder.",
        "README.txt": b"A test corpus in the UNGDC layout.\n",
    }
    for name, data in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    if speakers:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post", None])
        ws.append([2018, 73, "USA", "United States of America", "Donald Trump", "President", None])
        ws.append([2018, 73, "FRA ", "France", "Emmanuel Macron", "President", None])
        ws.append([1968, 23, "YDYE", "Southern Yemen", "Mr. Uqba", None, None])
        ws.append([1946, 1, "CSK", "Czechoslovakia", "Mr. Masaryk", None, None])
        ws.append([1946, 1, "CSK", "Czechoslovakia", "Mr. Clementis", None, None])
        ws.append([2019, 74, "GBR", "United Kingdom", "Boris Johnson", "Prime Minister", None])
        wb.save(folder / "Speakers_by_session.xlsx")
    return folder


def make_tgz(folder: Path, path: Path) -> Path:
    """Pack ``folder`` as a .tgz with member names relative to it: TXT/ first (sorted), then the
    rest, as in the distributed archive (where the speakers sheet is the last member)."""
    folder, path = Path(folder), Path(path)
    with tarfile.open(path, "w:gz") as tf:
        for p in sorted(folder.rglob("*"), key=lambda q: (q.relative_to(folder).parts[0] != "TXT", q.as_posix())):
            tf.add(p, arcname=p.relative_to(folder).as_posix(), recursive=False)
    return path
