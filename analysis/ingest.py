"""Reading the files users have: plain text, Markdown, saved web pages, Word and PDF.

:func:`read_document` turns one file into plain text (paragraphs separated by a
blank line, the form :func:`analysis.text.segment` reads) and lists what it
left out or changed on the way, as :class:`ReadNote` records (data: kind, text,
where).  The segmentation then works on the text exactly as it does on a
``.txt`` file; the reader only undoes what the file format did to the text
(tags, page layout, line-end hyphens), it never judges the speech itself.

Formats
-------
``.txt``
    :func:`analysis.text.read_text` (UTF-8 with or without BOM, UTF-16/32 with
    BOM, any line endings).  Nothing is removed.
``.md`` / ``.markdown``
    Parsed with markdown-it-py (CommonMark).  Headings, paragraphs, list items,
    block quotes and table rows each become a paragraph; emphasis, link and
    image markup go (the link text stays, the address goes); list markers go;
    a table row's cells are joined with ``"; "``.  Code blocks, raw HTML
    blocks and YAML front matter are left out and listed.  Soft line breaks
    inside a paragraph are kept as line breaks, as in the file.
``.html`` / ``.htm``
    The main text of a saved web page, found by trafilatura (which leaves out
    navigation, headers, footers, share links and related-article boxes); each
    block it keeps (heading, paragraph, list item, quote, table cell) is a
    paragraph, and a ``<br>`` inside one is a line break.  Only when
    trafilatura finds nothing, the paragraphs and headings of the page's
    ``<main>`` or ``<article>`` (else its ``<p>`` elements) are taken with lxml.
    Texts of the page that are not in the main text are listed as
    ``web page boilerplate``.  No regular expression touches the HTML.
``.docx``
    python-docx: the body's paragraphs, in order, one paragraph each (a line
    break inside one stays a line break).  Tables, page headers and page
    footers are left out and listed (``table``, ``page header``,
    ``page footer``).
``.pdf``
    pypdf, page by page; then, in this order:

    1. **Running headers, footers and page numbers.**  Among the first and the
       last three lines of each page, a line is dropped when it is a page
       number (``3``, ``3/25``, ``- 3 -``, ``Page 3 of 25``), a UN document
       symbol or job number (``S/PV.8xxx``, ``A/73/PV.12``, ``18-29999 (E)``,
       alone or with a date such as ``28/09/2018``), or when the same line,
       digits aside, is among the top lines (a header) or among the bottom
       lines (a footer) of at least half of the pages (two at least).  Each is listed as ``page number``, ``page header`` or
       ``page footer`` with its page.
    2. **Hyphens at line ends.**  ``coun-`` + ``tries`` becomes ``countries``
       when a line ends with a hyphen after a letter and the next line starts
       with a lower-case letter, unless the joined form is not an English word
       while both parts are (CMUdict, :func:`analysis.syllable_counts._cmu`):
       then the hyphen is a real one and stays (``counter-`` + ``terrorism``
       gives ``counter-terrorism``).  When neither test settles it (a name cut
       in two) the parts are joined.  Each case is listed
       (``hyphenation joined`` / ``hyphen kept``).
    3. **Paragraphs.**  A line ends its paragraph when it is blank, or when it
       is shorter than three quarters of the document's long lines (the 90th
       percentile of line lengths) -- a paragraph's last line, a heading or a
       salutation line -- and the next line does not start with a lower-case
       letter; otherwise the next line continues the paragraph and the line
       break becomes a space (also across a page break).

Bad input raises :class:`DocumentError` (a ``ValueError``) with one line that
names the file: an unknown extension, a web page with no main text, a PDF with
no text layer ("no text layer: scanned? run OCR first"), a password-protected
PDF, a DOCX or PDF that cannot be opened.  A missing file raises
``FileNotFoundError`` and undecodable text :class:`analysis.text.TextDecodeError`
as :func:`analysis.text.read_text` does.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analysis.text import TextDecodeError, _turn_label, read_text

__all__ = ["DocumentError", "ReadNote", "SUFFIXES", "read_document"]

#: File name endings :func:`read_document` reads (lower case).
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")

NoteKind = Literal[
    "page header", "page footer", "page number", "hyphenation joined", "hyphen kept",
    "table", "code block", "html block", "front matter", "web page boilerplate",
    "cover page", "record procedure",
]


class DocumentError(ValueError):
    """A file that cannot be read as a speech (the message names the file and the problem)."""


@dataclass(frozen=True, slots=True)
class ReadNote:
    """Something the reader left out of the text, or changed in it.

    ``kind`` says what (``"page header"``, ``"page footer"``, ``"page number"``,
    ``"hyphenation joined"``, ``"hyphen kept"``, ``"table"``, ``"code block"``,
    ``"html block"``, ``"front matter"``, ``"web page boilerplate"``), ``text``
    the text concerned (for a hyphen, the two parts as printed, ``"coun-tries"``)
    and ``where`` where it was in the file (``"page 3"``, ``"table 1"``,
    ``"section 1"``, ``"line 12"``, ``"<nav>"``).
    """

    kind: NoteKind
    text: str
    where: str


def read_document(path: str | Path) -> tuple[str, list[ReadNote]]:
    """Read a speech file of any supported format as plain text.

    Parameters
    ----------
    path
        A ``.txt``, ``.md``/``.markdown``, ``.html``/``.htm``, ``.docx`` or
        ``.pdf`` file (the extension decides, case-insensitively).

    Returns
    -------
    text, notes
        The text, paragraphs separated by a blank line, and the list of
        :class:`ReadNote` records of what was left out or changed (empty for
        ``.txt``).  See the module docstring for what each format gives.

    Raises
    ------
    DocumentError
        Unknown extension; web page with no main text; PDF with no text layer,
        password-protected or unreadable; unreadable DOCX.  One line, naming
        the file.
    FileNotFoundError, TextDecodeError
        As :func:`analysis.text.read_text`.
    """
    if not isinstance(path, (str, Path)) and not hasattr(path, "__fspath__"):
        raise TypeError(f"analysis.read_document() expects a file path (str or os.PathLike), got {type(path).__name__}")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = "; save it as .docx" if suffix == ".doc" else ""
        raise DocumentError(
            f"{path}: unknown file type {suffix or '(no extension)'!r}{hint}; "
            f"readable types are {', '.join(SUFFIXES)}"
        )
    if suffix == ".txt":
        return read_text(path), []
    if not path.is_file():
        if path.is_dir():
            raise IsADirectoryError(f"{path}: is a folder, not a file")
        raise FileNotFoundError(f"{path}: file not found")
    reader = {".md": _read_markdown, ".markdown": _read_markdown, ".html": _read_html, ".htm": _read_html,
              ".docx": _read_docx, ".pdf": _read_pdf}[suffix]
    return reader(path)


def _join(paragraphs: list[str]) -> str:
    """Paragraphs (stripped, empty ones dropped) separated by one blank line, ending with a newline."""
    kept = [p.strip() for p in paragraphs if p and p.strip()]
    return "\n\n".join(kept) + "\n" if kept else ""


def _squash(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def _front_matter(text: str) -> tuple[str, str]:
    """(YAML front matter, rest) when the text opens with a ``---`` ... ``---`` block, else ('', text)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return "", text
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            if ":" in block:  # key: value lines, not a thematic break above a paragraph
                return block, "\n".join(lines[i + 1:])
            return "", text
    return "", text


def _inline_text(token) -> str:
    """Plain text of a markdown-it inline token: markup dropped, link texts kept, breaks as newlines."""
    out: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            continue  # its alt text is not part of the speech
        # em/strong/link open-close and inline HTML: markup only
    return "".join(out)


def _read_markdown(path: Path) -> tuple[str, list[ReadNote]]:
    from markdown_it import MarkdownIt

    text = read_text(path)
    notes: list[ReadNote] = []
    front, body = _front_matter(text)
    if front:
        notes.append(ReadNote("front matter", front.strip(), "line 1"))
    offset = text.count("\n", 0, len(text) - len(body)) if front else 0
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    paragraphs: list[str] = []
    row: list[str] | None = None
    for tok in tokens:
        line = f"line {tok.map[0] + 1 + offset}" if tok.map else ""
        if tok.type == "table_open":
            notes.append(ReadNote("table", "table rows read as paragraphs, cells joined with '; '", line))
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            paragraphs.append("; ".join(c for c in row or [] if c))
            row = None
        elif tok.type == "inline":
            content = _inline_text(tok).strip()
            if row is not None:
                row.append(_squash(content))
            else:
                paragraphs.append(content)
        elif tok.type in ("fence", "code_block"):
            notes.append(ReadNote("code block", tok.content.rstrip("\n"), line))
        elif tok.type == "html_block":
            notes.append(ReadNote("html block", tok.content.rstrip("\n"), line))
    return _join(paragraphs), notes


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_BLOCKS = ("head", "p", "item", "quote", "cell", "code")
_LXML_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "dd", "dt", "figcaption")
_SKIP_TAGS = ("script", "style", "noscript", "template", "head", "title", "meta", "link")


def _xml_block_text(el) -> str:
    """Text of one block of trafilatura's XML, ``<lb/>`` as a line break."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in _BLOCKS and child.tag not in ("list", "table", "row"):
            parts.append(_xml_block_text(child))
        parts.append(child.tail or "")
    return "\n".join(_squash(line) for line in "".join(parts).split("\n"))


def _trafilatura_paragraphs(html: str) -> list[str]:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=True,
                              include_images=False, include_formatting=False, include_links=False)
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        main = root
    out: list[str] = []
    for el in main.iter(*_BLOCKS):  # a block nested in a block (<quote><p>) is a paragraph of its own
        t = _xml_block_text(el).strip()
        if t:
            out.append(t)
    return out


def _lxml_paragraphs(tree) -> list[str]:
    """Fallback: headings and paragraphs of <main>/<article> (else the page's <p>), via lxml."""
    scope = tree.find(".//main")
    if scope is None:
        scope = tree.find(".//article")
    tags = _LXML_BLOCKS if scope is not None else ("p",)
    if scope is None:
        scope = tree
    out = []
    for el in scope.iter(*tags):
        if any(a.tag in _LXML_BLOCKS for a in el.iterancestors()):
            continue
        t = _squash(el.text_content())
        if t:
            out.append(t)
    return out


def _parse_html(html: str, path: Path):
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"{path}: cannot parse the web page ({exc})") from None
    for el in list(tree.iter(*_SKIP_TAGS)):
        if el.tag != "head":
            el.drop_tree()
    for br in tree.iter("br"):  # a line break separates words in the page's texts
        br.tail = "\n" + (br.tail or "")
    return tree


_INLINE = frozenset("a abbr b bdi bdo br cite code data dfn em i img kbd mark q s samp small span strong sub sup "
                    "time u var wbr font label button".split())


_REGIONS = ("nav", "header", "footer", "aside", "main", "article", "form")


def _boilerplate(tree, kept: str) -> list[ReadNote]:
    """Texts of the page that are not in the main text: the smallest elements holding them."""
    body = tree.find(".//body")
    if body is None:
        return []
    kept_flat = _squash(kept)
    notes: list[ReadNote] = []

    def walk(el, region: str) -> None:
        t = _squash(el.text_content())
        if not t or t in kept_flat:
            return
        if el.tag in _REGIONS:
            region = el.tag
        children = [c for c in el if isinstance(c.tag, str)]
        own = _squash(" ".join([el.text or ""] + [c.tail or "" for c in children]))
        if all(c.tag in _INLINE for c in children):
            if own or len(children) < 2:
                notes.append(ReadNote("web page boilerplate", t, f"<{region}>"))
            else:  # a row of links or buttons: one note each
                for c in children:
                    ct = _squash(c.text_content())
                    if ct and ct not in kept_flat:
                        notes.append(ReadNote("web page boilerplate", ct, f"<{region}>"))
            return
        if own and own not in kept_flat:
            notes.append(ReadNote("web page boilerplate", own, f"<{region}>"))
        for c in children:
            walk(c, region)

    walk(body, "body")
    return notes


def _html_source(path: Path) -> str:
    """The page's text: as :func:`read_text` reads it, else in the charset its ``<meta>`` declares."""
    import codecs

    import lxml.html

    try:
        return read_text(path)
    except TextDecodeError:
        raw = path.read_bytes()
        head = lxml.html.document_fromstring(raw[:4096].decode("ascii", "replace"))
        declared = [m.get("charset") for m in head.iter("meta") if m.get("charset")]
        declared += [m.get("content", "").lower().partition("charset=")[2].strip(" ;\"'")
                     for m in head.iter("meta") if (m.get("http-equiv") or "").lower() == "content-type"]
        for name in filter(None, declared):
            try:
                codecs.lookup(name)
                return raw.decode(name).replace("\r\n", "\n").replace("\r", "\n")
            except (LookupError, UnicodeDecodeError):
                continue
        raise


def _read_html(path: Path) -> tuple[str, list[ReadNote]]:
    html = _html_source(path)
    if not html.strip():
        raise DocumentError(f"{path}: no main text found in this web page (the file is empty)")
    tree = _parse_html(html, path)
    paragraphs = _trafilatura_paragraphs(html)
    if not paragraphs:
        paragraphs = _lxml_paragraphs(tree)
    text = _join(paragraphs)
    if not any(ch.isalpha() for ch in text):
        raise DocumentError(f"{path}: no main text found in this web page (no article or paragraphs)")
    return text, _boilerplate(tree, text)


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DOCX_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# text that is not in the paragraph as read: deleted or moved-away runs, text boxes (read on
# their own, if at all), the fallback copy of a drawing
_DOCX_SKIP = frozenset({_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback"})


def _docx_text(p) -> str:
    """Text of a ``w:p`` element: runs, hyperlinks, fields and tracked insertions, in order.

    python-docx's ``Paragraph.text`` reads only the paragraph's direct runs and hyperlinks,
    so the words of a tracked insertion (``w:ins``) or a simple field would be lost.
    """
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag in _DOCX_SKIP or not isinstance(tag, str):
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag in _DOCX_CHARS:
                out.append(_DOCX_CHARS[tag])
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _read_docx(path: Path) -> tuple[str, list[ReadNote]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from docx.table import Table
    from lxml import etree

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DocumentError(f"{path}: not a readable Word document (.docx): {reason}") from None
    notes: list[ReadNote] = []
    paragraphs: list[str] = []
    n_tables = 0
    body = document.element.body
    for child in body.iterchildren():
        tag = etree.QName(child).localname
        if tag == "p":
            paragraphs.append(_docx_text(child))
        elif tag == "sdt":  # a content control: its paragraphs are part of the body
            for p in child.iter(qn("w:p")):
                paragraphs.append(_docx_text(p))
        elif tag == "tbl":
            n_tables += 1
            table = Table(child, document)
            rows = [" | ".join(_squash(c.text) for c in row.cells) for row in table.rows]
            notes.append(ReadNote("table", "\n".join(rows), f"table {n_tables}"))
    for i, section in enumerate(document.sections, start=1):
        for kind, part in (("page header", section.header), ("page footer", section.footer)):
            if part.is_linked_to_previous and i > 1:
                continue
            t = "\n".join(_docx_text(p._p) for p in part.paragraphs if _docx_text(p._p).strip())
            if t:
                notes.append(ReadNote(kind, t, f"section {i}"))
    return _join(paragraphs), notes


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

_ZONE = 3  # lines at the top and at the bottom of a page where headers and footers sit
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]",
                          re.I)
_SYMBOL = r"(?:[AS]|E|UNEP|[A-Z]{2,6})/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*\d[A-Z0-9.\-]*(?:\s*\(Resumption\s*\d*\))?"
_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"
# a line made only of document symbols, dates, job numbers (18-29999 (E)), bar-code numbers
# (*1829999*) and page numbers (3/25): "A/73/PV.12 28/09/2018", "18-29999 3/25"
_TOKEN = rf"(?:{_SYMBOL}|{_DATE}|\d{{2}}-\d{{5}}(?:\s*\([A-Z]\))?|\*\d{{5,9}}\*|\d{{1,4}}/\d{{1,4}})"
_UN_LINE = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN})*")
_DIGITS = re.compile(r"\d+")
# typographic ligatures some PDFs map to one character (U+FB00-FB06): the letters they stand for
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_HYPHENS = "-\u2010\u00ad"


_SYMBOL_TOKEN = re.compile(r"\b(?:[AS]|E|UNEP|[A-Z]{2,6})/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*\d[A-Z0-9.\-]*")
_TOKENS = re.compile(_TOKEN)
_ENDS_SENTENCE = re.compile(r"[.!?;:,]$")


def _zone_key(line: str) -> str:
    """A zone line with its document symbols, dates, job and page numbers taken out, digits as '#'.

    UN records alternate their running header between even and odd pages
    (``S/PV.9901  The situation ...  14/10/2025`` / ``14/10/2025  The situation ...  S/PV.9901``):
    both give the same key.
    """
    return _DIGITS.sub("#", _squash(_TOKENS.sub(" ", line)))


def _record_symbols(pages: list[list[str]], zones: list[tuple[list[int], list[int]]]) -> set[str]:
    """The document's own UN symbols: those printed in the header or footer zone of two pages or more."""
    seen: dict[str, int] = {}
    for lines, (top, bottom) in zip(pages, zones):
        found = {m.group(0).rstrip(".") for i in top + bottom for m in _SYMBOL_TOKEN.finditer(lines[i])}
        for sym in found:
            seen[sym] = seen.get(sym, 0) + 1
    return {sym for sym, n in seen.items() if n >= 2}


def _zones(pages: list[list[str]]) -> list[tuple[list[int], list[int]]]:
    """The indices of each page's top and bottom lines (the first and last ``_ZONE`` non-blank lines)."""
    out = []
    for lines in pages:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        out.append((filled[:_ZONE], filled[_ZONE:][-_ZONE:]))
    return out


def _page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[ReadNote]]:
    """Drop running headers, footers and page numbers from each page's lines."""
    n = len(pages)
    zones = _zones(pages)
    counts: tuple[dict[str, int], dict[str, int]] = ({}, {})  # top and bottom lines, keyed by _zone_key
    for lines, (top, bottom) in zip(pages, zones):
        for count, zone in zip(counts, (top, bottom)):
            for key in {_zone_key(lines[i]) for i in zone}:
                count[key] = count.get(key, 0) + 1
    need = max(2, (n + 1) // 2)
    symbols = _record_symbols(pages, zones)
    notes: list[ReadNote] = []
    out: list[list[str]] = []
    for p, (lines, (top, bottom)) in enumerate(zip(pages, zones), start=1):
        drop: dict[int, str] = {}
        for zone, count, where in ((top, counts[0], "page header"), (bottom, counts[1], "page footer")):
            for i in zone:
                s = _squash(lines[i])
                key = _zone_key(s)
                if _PAGE_NUMBER.fullmatch(s):
                    drop[i] = "page number"
                elif _UN_LINE.fullmatch(s) or (n >= 2 and key and count.get(key, 0) >= need):
                    drop[i] = where
                elif symbols and _running_title(s, symbols):
                    drop[i] = where
        for i in sorted(drop):
            notes.append(ReadNote(drop[i], _squash(lines[i]), f"page {p}"))  # type: ignore[arg-type]
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out, notes


def _running_title(line: str, symbols: set[str]) -> bool:
    """A header or footer line that holds the record's own symbol beside a short title, not a sentence.

    ``S/PV.9901  The situation in the Great Lakes region  14/10/2025`` on a page of its own
    (a record of two pages prints it once), ``United Nations A/80/PV.12`` above the first page.
    """
    if not any(m.group(0).rstrip(".") in symbols for m in _SYMBOL_TOKEN.finditer(line)):
        return False
    rest = _squash(_TOKENS.sub(" ", line))
    return len(rest.split()) <= 14 and not _ENDS_SENTENCE.search(rest)


# The cover of a UN verbatim record: the symbol, the organ, the session, the meeting, the date and
# place, the President and members, the agenda, then this notice; the speeches start after it.
_RECORD_NOTICE = re.compile(r"This record contains the text of speeches\b", re.I)
# Lines of the record that are its own procedure, not anybody's speech (printed in italics).
_RECORD_PROCEDURE = re.compile(
    r"(?:The meeting (?:was called to order|rose|was suspended|was resumed|was adjourned|was closed)"
    r"(?: at [^\n]{1,40}?)?|The agenda was adopted|Adoption of the agenda"
    r"|The members of the (?:Security Council|Council|General Assembly) observed a minute of silence"
    r"(?: in [^\n]{1,80}?)?"
    # the record's headings: the agenda item, the address of a Head of State or Government
    r"|Agenda item \d+(?: \(continued\))?|General debate|Address by [^:\n]{3,160}?"
    r"|(?:Mr\.|Mrs\.|Ms\.|Mme\.|H\.E\.) [^.:\n]{3,160}, was escorted (?:into|from) the [^\n]{3,60}?)\.?",
)


def _record_cover(paragraphs: list[str], pages: list[int], symbols: set[str]) -> int:
    """How many paragraphs at the start are the cover of a UN record (0 when the text is not one)."""
    if not symbols or not paragraphs:
        return 0
    for k, (para, page) in enumerate(zip(paragraphs[:60], pages[:60])):
        if page > 1:
            return 0
        if _RECORD_NOTICE.match(para):
            return k + 1
    return 0


def _words() -> dict[str, int]:
    from analysis.syllable_counts import _cmu

    return _cmu()


_TAIL = re.compile(r"([^\W\d_]+)[" + _HYPHENS + r"]$")
_HEAD = re.compile(r"([^\W\d_]+)")


def _paragraphs(pages: list[list[str]]) -> tuple[list[str], list[ReadNote], list[int]]:
    """Join the lines of all pages into paragraphs (hyphens at line ends resolved); the page each starts on."""
    lines: list[tuple[int, str]] = [(p, ln.strip()) for p, page in enumerate(pages, start=1) for ln in page]
    lengths = sorted(len(s) for _, s in lines if s)
    if not lengths:
        return [], [], []
    long_line = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]
    notes: list[ReadNote] = []
    words = None
    paragraphs: list[str] = []
    starts: list[int] = []
    current = ""
    first_page = 1
    for k, (page, line) in enumerate(lines):
        if not line:
            if current:
                paragraphs.append(current)
                starts.append(first_page)
            current = ""
            continue
        if current:
            tail = _TAIL.search(current)
            head = _HEAD.match(line)
            if tail and head and line[0].islower():
                words = words if words is not None else _words()
                left, right = tail.group(1), head.group(1)
                joined = (left + right).lower()
                real_hyphen = joined not in words and left.lower() in words and right.lower() in words
                if real_hyphen:
                    current = current[:-1] + "-" + line
                    notes.append(ReadNote("hyphen kept", f"{left}-{right}", f"page {page}"))
                else:
                    current = current[:-1] + line
                    notes.append(ReadNote("hyphenation joined", f"{left}-{right}", f"page {page}"))
            else:
                current = current + " " + line
        else:
            current = line
            first_page = page
        nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
        # a speaker's label opens a paragraph ("Mr. Varga (Lindoria): ..."), however long the line before it
        label_next = nxt[:1].isupper() and line[-1:] not in "-,;" and _turn_label(nxt) is not None
        if (len(line) < 0.75 * long_line and not nxt[:1].islower()) or label_next:
            paragraphs.append(current)
            starts.append(first_page)
            current = ""
    if current:
        paragraphs.append(current)
        starts.append(first_page)
    return paragraphs, notes, starts


def _read_pdf(path: Path) -> tuple[str, list[ReadNote]]:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only files open with an empty password
            except DependencyError:
                raise DocumentError(f"{path}: encrypted PDF (AES); opening it needs the 'cryptography' "
                                    "package, which is not installed; export the text instead") from None
            if not opened:
                raise DocumentError(f"{path}: password-protected PDF; remove the password (or export the text) first")
        texts = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise DocumentError(f"{path}: password-protected PDF; remove the password (or export the text) first") from None
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DocumentError(f"{path}: not a readable PDF: {reason}") from None
    if not any(t.strip() for t in texts):
        raise DocumentError(f"{path}: no text layer: scanned? run OCR first")
    pages = [t.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n").split("\n") for t in texts]
    symbols = _record_symbols(pages, _zones(pages))
    pages, notes = _page_furniture(pages)
    paragraphs, hyphen_notes, starts = _paragraphs(pages)
    cover = _record_cover(paragraphs, starts, symbols)
    if cover:
        notes.append(ReadNote("cover page", "\n".join(paragraphs[:cover]), "page 1"))
    kept: list[str] = []
    for para, page in zip(paragraphs[cover:], starts[cover:]):
        if symbols and _RECORD_PROCEDURE.fullmatch(para.strip()):
            notes.append(ReadNote("record procedure", para.strip(), f"page {page}"))
        else:
            kept.append(para)
    return _join(kept), notes + hyphen_notes

