"""analysis.ingest.read_document: every format, built here in tmp_path (offline), checked word for word.

The PDF, DOCX and HTML files are written by the tests themselves (fpdf2, python-docx, a page
typed below), in the shapes real files take: a UN verbatim record with running header, footer,
page numbers and hyphenated line ends; a Word file with a table, header and footer; a saved web
page with navigation, header, share links and footer around the article.
"""

from __future__ import annotations

import warnings

import pytest

import analysis
from analysis.corpus import CorpusError, CorpusWarning
from analysis.ingest import DocumentError, ReadNote, _page_furniture, read_document

# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------

# Two pages of a verbatim record, line by line as printed.  Long lines are 67-74 characters;
# short lines end a paragraph unless the next line starts in lower case ("our self-").
PDF_PAGES = [
    [
        "Mr. President,",
        "It is an honour to speak for my country in this Assembly. The coun-",
        "tries of our region have spent ten years building a common market and",
        "our self-",
        "reliance in food and energy has grown with it, year after year, since",
    ],
    [
        "the treaty was signed.",
        "Our second concern is the budget of the Organization, which must be adopt-",
        "ed on time, and the peace operations that depend on it must be funded",
        "in full.",
        "I thank you.",
    ],
]
PDF_TEXT = (
    "Mr. President,\n\n"
    "It is an honour to speak for my country in this Assembly. The countries of our region have "
    "spent ten years building a common market and our self-reliance in food and energy has grown "
    "with it, year after year, since the treaty was signed.\n\n"
    "Our second concern is the budget of the Organization, which must be adopted on time, and the "
    "peace operations that depend on it must be funded in full.\n\n"
    "I thank you.\n"
)


def _pdf(path, pages=PDF_PAGES, *, running: str | None = "General Assembly - Eightieth session"):
    from fpdf import FPDF

    class Record(FPDF):
        def header(self):
            self.set_font("Helvetica", size=9)
            left = self.page_no() % 2 == 1
            self.cell(0, 5, "A/80/PV.12 26/09/2025" if left else "26/09/2025 A/80/PV.12",
                      new_x="LMARGIN", new_y="NEXT")
            if running:
                self.cell(0, 5, running, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self):
            self.set_y(-20)
            self.set_font("Helvetica", size=9)
            self.cell(0, 5, "25-27481 (E)", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="C")

    pdf = Record()
    pdf.alias_nb_pages()
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _scanned_pdf(path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page: no text layer
    pdf.output(str(path))
    return path


def _encrypted_pdf(src, path, *, user_password: str):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(src)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def _docx(path):
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "United Nations - Security Council"
    d.sections[0].footer.paragraphs[0].text = "Check against delivery"
    d.add_heading("Remarks to the Security Council", level=1)
    d.add_paragraph("New York, 3 May 2025")
    salutation = d.add_paragraph("Mr. President,")
    salutation.add_run().add_break()
    salutation.add_run("Excellencies,")
    d.add_paragraph("")
    d.add_paragraph("The Council has met four times on this crisis. Four times it has failed to agree.")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Meeting", (0, 1): "Outcome", (1, 0): "12 March", (1, 1): "No text"}.items():
        table.cell(r, c).text = text
    p = d.add_paragraph("We can do ")
    p.add_run("better").bold = True
    p.add_run(", and we must.")
    d.save(str(path))
    return path


DOCX_TEXT = (
    "Remarks to the Security Council\n\n"
    "New York, 3 May 2025\n\n"
    "Mr. President,\nExcellencies,\n\n"
    "The Council has met four times on this crisis. Four times it has failed to agree.\n\n"
    "We can do better, and we must.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Remarks on refugees | Office of the High Commissioner</title>
<style>body { font-family: sans-serif; }</style><script>var tracking = "Do not read me";</script></head>
<body>
<a href="#content">Skip to main content</a>
<header><div class="logo">Office of the High Commissioner</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News and stories</a></li>
<li><a href="/speeches">Speeches</a></li><li><a href="/donate">Donate</a></li></ul></nav></header>
<main id="content"><article>
<h1>High Commissioner's remarks on the global refugee report</h1>
<p class="date">Geneva, 14 June 2025</p>
<p>Good morning, and thank you for joining us.</p>
<p>This year the number of people forced to flee reached a new record. Behind every figure is a
family that had to leave <em>everything</em> behind.</p>
<p>Most of them are hosted by countries with the least means to help. They deserve our
<a href="/support">support</a>, not our indifference.</p>
<p>Thank you.</p>
</article>
<div class="share"><a href="https://www.facebook.com/sharer">Share on Facebook</a>
<a href="https://x.com/intent/tweet">Share on X</a><a href="mailto:?subject=remarks">Email</a></div>
</main>
<footer><p>&copy; 2025 Office of the High Commissioner</p><a href="/privacy">Privacy policy</a>
<a href="/subscribe">Subscribe to our newsletter</a></footer>
</body></html>
"""
HTML_TEXT = (
    "High Commissioner's remarks on the global refugee report\n\n"
    "Geneva, 14 June 2025\n\n"
    "Good morning, and thank you for joining us.\n\n"
    "This year the number of people forced to flee reached a new record. Behind every figure is a "
    "family that had to leave everything behind.\n\n"
    "Most of them are hosted by countries with the least means to help. They deserve our support, "
    "not our indifference.\n\n"
    "Thank you.\n"
)

MARKDOWN = """---
title: Remarks at the donors' conference
date: 2025-02-11
---
# Remarks at the donors' conference

*Brussels, 11 February 2025* -- **as delivered**

Excellencies,\\
Ladies and gentlemen,

Thank you for your pledges. They are [badly needed](https://example.org/appeal), and they
are needed *now*.

- Food for two million people.
- Shelter before the winter.

| Sector | Need |
| --- | --- |
| Food | 40% |

```
pledge_total = 1.2e9
```

<div class="note">Not part of the speech</div>

Thank you.
"""
MARKDOWN_TEXT = (
    "Remarks at the donors' conference\n\n"
    "Brussels, 11 February 2025 -- as delivered\n\n"
    "Excellencies,\nLadies and gentlemen,\n\n"
    "Thank you for your pledges. They are badly needed, and they\nare needed now.\n\n"
    "Food for two million people.\n\n"
    "Shelter before the winter.\n\n"
    "Sector; Need\n\n"
    "Food; 40%\n\n"
    "Thank you.\n"
)


# ---------------------------------------------------------------------------
# Each format, word for word
# ---------------------------------------------------------------------------


def test_txt_is_read_text(tmp_path):
    path = tmp_path / "speech.txt"
    path.write_bytes("\ufeffExcellencies,\r\nWe must act.\r\n".encode("utf-16"))
    assert read_document(path) == ("Excellencies,\nWe must act.\n", [])
    assert read_document(str(path))[0] == analysis.read_text(path)


def test_pdf_text_headers_footers_hyphens(tmp_path):
    text, notes = read_document(_pdf(tmp_path / "record.pdf"))
    assert text == PDF_TEXT
    dropped = [(n.kind, n.text, n.where) for n in notes if n.kind.startswith("page")]
    for page, header in ((1, "A/80/PV.12 26/09/2025"), (2, "26/09/2025 A/80/PV.12")):
        assert ("page header", header, f"page {page}") in dropped
        assert ("page header", "General Assembly - Eightieth session", f"page {page}") in dropped
        assert ("page footer", "25-27481 (E)", f"page {page}") in dropped
        assert ("page number", f"{page}/2", f"page {page}") in dropped
    assert len(dropped) == 8
    hyphens = [(n.kind, n.text, n.where) for n in notes if "hyphen" in n.kind]
    assert hyphens == [
        ("hyphenation joined", "coun-tries", "page 1"),
        ("hyphen kept", "self-reliance", "page 1"),
        ("hyphenation joined", "adopt-ed", "page 2"),
    ]
    assert all(isinstance(n, ReadNote) for n in notes)


def test_pdf_segments_like_the_text(tmp_path):
    text, _ = read_document(_pdf(tmp_path / "record.pdf"))
    doc = analysis.segment(text)
    assert "A/80/PV.12" not in text and "25-27481" not in text
    assert any("countries of our region" in s.text for s in doc.sentences)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- 3 -", "page number"),
        ("3/25", "page number"),
        ("Page 2 of 9", "page number"),
        ("12", "page number"),
        ("S/PV.8912", "page header"),
        ("A/73/PV.12", "page header"),
        ("28/09/2018 A/73/PV.12", "page header"),
        ("A/73/PV.12 (Resumption 1)", "page header"),
        ("18-29999", "page header"),
        ("18-29999 3/25", "page header"),
        ("3/25 18-29999 (E) *1829999*", "page header"),
        ("A/RES/79/1", "page header"),
    ],
)
def test_pdf_un_shapes_dropped_from_top_lines(line, kind):
    body = ["The Assembly has before it the report of the Committee on its work this year."] * 8
    pages, notes = _page_furniture([[line] + body])
    assert pages == [body]
    assert notes == [ReadNote(kind, line, "page 1")]


def test_pdf_body_lines_are_not_furniture():
    words = "peace development rights climate finance health education trade".split()
    body = [f"A paragraph on {w}, which the delegation delivered in full, line by line." for w in words]
    # a number in the middle of a page, and lines that are not repeated, stay
    pages = [body[:4] + ["2025"] + body[4:], ["Another page with its own opening line."] + body[::-1]]
    kept, notes = _page_furniture(pages)
    assert kept[0] == pages[0] and notes == [] and kept[1] == pages[1]


def test_docx_paragraphs_tables_headers_listed(tmp_path):
    text, notes = read_document(_docx(tmp_path / "remarks.docx"))
    assert text == DOCX_TEXT
    assert notes == [
        ReadNote("table", "Meeting | Outcome\n12 March | No text", "table 1"),
        ReadNote("page header", "United Nations - Security Council", "section 1"),
        ReadNote("page footer", "Check against delivery", "section 1"),
    ]


def test_docx_content_control_paragraphs_are_read(tmp_path):
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("Excellencies,")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inner = d.add_paragraph("We meet at a difficult time.")._p  # moved into the control below
    content.append(inner)
    sdt.append(content)
    d.element.body.insert(1, sdt)
    d.add_paragraph("Thank you.")
    d.save(str(tmp_path / "c.docx"))
    assert read_document(tmp_path / "c.docx") == ("Excellencies,\n\nWe meet at a difficult time.\n\nThank you.\n", [])


def test_docx_tracked_changes_read_as_accepted(tmp_path):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    p = d.add_paragraph("We must act ")
    for tag, text_tag, words in (("w:del", "w:delText", "slowly"), ("w:ins", "w:t", "now")):
        change, run, t = OxmlElement(tag), OxmlElement("w:r"), OxmlElement(text_tag)
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "Editor")
        t.text = words
        run.append(t)
        change.append(run)
        p._p.append(change)
    p.add_run(", together.")
    d.save(str(tmp_path / "tracked.docx"))
    assert read_document(tmp_path / "tracked.docx")[0] == "We must act now, together.\n"


def test_html_in_the_charset_it_declares(tmp_path):
    path = tmp_path / "latin.html"
    page = HTML_PAGE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    path.write_bytes(page.replace("Good morning", "Caf\u00e9 first. Good morning").encode("cp1252"))
    text, _ = read_document(path)
    assert "Caf\u00e9 first. Good morning, and thank you for joining us." in text
    path.write_bytes(b"<html><body><p>caf\xe9</p></body></html>")  # undeclared: the decoding error stands
    with pytest.raises(analysis.TextDecodeError, match="cannot decode as UTF-8"):
        read_document(path)


def test_html_main_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    text, notes = read_document(path)
    assert text == HTML_TEXT
    left_out = {n.text: n.where for n in notes}
    assert left_out["Home"] == "<nav>" and left_out["Skip to main content"] == "<body>"
    assert left_out["© 2025 Office of the High Commissioner"] == "<footer>"
    assert left_out["Share on Facebook"] == left_out["Email"] == "<main>"  # the share links, one by one
    assert not any("tracking" in t or "Do not read" in t for t in left_out)  # scripts are not text
    assert {n.kind for n in notes} == {"web page boilerplate"}


def test_html_quotes_and_list_items_are_paragraphs(tmp_path):
    path = tmp_path / "charter.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a></nav><main><article><h1>Remarks on the Charter</h1>"
        "<p>We begin with a quotation from the Charter, which every delegate here knows well.</p>"
        "<blockquote><p>We the peoples of the United Nations, determined to save succeeding generations.</p></blockquote>"
        "<ul><li><p>First, peace must be kept by all of us together.</p></li>"
        "<li>Second, rights must be respected by everyone.</li></ul>"
        "<p>Those words still bind us today, and they will bind those who come after us.</p></article></main></body></html>",
        encoding="utf-8",
    )
    assert read_document(path)[0] == (
        "Remarks on the Charter\n\n"
        "We begin with a quotation from the Charter, which every delegate here knows well.\n\n"
        "We the peoples of the United Nations, determined to save succeeding generations.\n\n"
        "First, peace must be kept by all of us together.\n\n"
        "Second, rights must be respected by everyone.\n\n"
        "Those words still bind us today, and they will bind those who come after us.\n"
    )


def test_htm_suffix_and_lxml_fallback(tmp_path, monkeypatch):
    import trafilatura

    path = tmp_path / "PAGE.HTM"
    path.write_text(HTML_PAGE, encoding="utf-8")
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)  # trafilatura finds nothing
    text, _ = read_document(path)
    # lxml: the headings and paragraphs of <main>, the share links (not a paragraph) left out
    assert text == HTML_TEXT


def test_markdown_to_plain_paragraphs(tmp_path):
    path = tmp_path / "remarks.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    text, notes = read_document(path)
    assert text == MARKDOWN_TEXT
    assert [(n.kind, n.where) for n in notes] == [
        ("front matter", "line 1"), ("table", "line 18"), ("code block", "line 22"), ("html block", "line 26"),
    ]
    assert notes[0].text == "title: Remarks at the donors' conference\ndate: 2025-02-11"
    assert notes[2].text == "pledge_total = 1.2e9"


# ---------------------------------------------------------------------------
# Bad input: one line naming the file
# ---------------------------------------------------------------------------


def _one_line(exc_info, path):
    msg = str(exc_info.value)
    assert "\n" not in msg and str(path) in msg
    assert isinstance(exc_info.value, ValueError)
    return msg


def test_unknown_extension(tmp_path):
    for name, extra in (("speech.rtf", ""), ("speech.doc", "save it as .docx"), ("speech", "(no extension)")):
        path = tmp_path / name
        path.write_bytes(b"text")
        with pytest.raises(DocumentError, match="unknown file type") as info:
            read_document(path)
        assert extra in _one_line(info, path)
        assert ".docx" in str(info.value) and ".pdf" in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="file not found"):
        read_document(tmp_path / "nowhere.pdf")
    with pytest.raises(TypeError, match="expects a file path"):
        read_document(3)


def test_html_without_main_text(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                    "<footer>&copy; 2025</footer></body></html>", encoding="utf-8")
    with pytest.raises(DocumentError, match="no main text") as info:
        read_document(path)
    _one_line(info, path)
    path.write_text(" \n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"no main text found in this web page \(the file is empty\)"):
        read_document(path)


def test_pdf_without_text_layer(tmp_path):
    path = _scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(DocumentError, match=r"no text layer: scanned\? run OCR first") as info:
        read_document(path)
    _one_line(info, path)


def test_password_protected_pdf(tmp_path):
    plain = _pdf(tmp_path / "plain.pdf")
    locked = _encrypted_pdf(plain, tmp_path / "locked.pdf", user_password="secret")
    with pytest.raises(DocumentError, match="password-protected PDF") as info:
        read_document(locked)
    _one_line(info, locked)
    # a file with only an owner password (printing restrictions) opens with an empty password
    restricted = _encrypted_pdf(plain, tmp_path / "restricted.pdf", user_password="")
    assert read_document(restricted)[0] == PDF_TEXT


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj garbage", "not a readable PDF"),
        ("empty.pdf", b"", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 this is not a zip archive", r"not a readable Word document \(\.docx\)"),
        ("text.docx", b"Just some text saved with the wrong name.", r"not a readable Word document \(\.docx\)"),
    ],
)
def test_corrupt_files(tmp_path, name, data, match):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=match) as info:
        read_document(path)
    _one_line(info, path)


def test_zip_that_is_not_a_word_file(tmp_path):
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "not a document")
    with pytest.raises(DocumentError, match="not a readable Word document") as info:
        read_document(path)
    _one_line(info, path)


# ---------------------------------------------------------------------------
# The loaders
# ---------------------------------------------------------------------------


def _corpus(tmp_path):
    folder = tmp_path / "speeches"
    folder.mkdir()
    _pdf(folder / "record.pdf")
    _docx(folder / "remarks.docx")
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "donors.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "plain.txt").write_text("We must act together.\n", encoding="utf-8")
    _scanned_pdf(folder / "scan.pdf")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "notes.md").write_text("A note beside the speeches, named by no row.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "id,file,speaker\n"
        "rec,record.pdf,Keravia\nrem,remarks.docx,Chair\nweb,page.html,High Commissioner\n"
        "don,donors.md,Coordinator\ntxt,plain.txt,Someone\nscan,scan.pdf,Nobody\nbad,broken.docx,Nobody\n",
        encoding="utf-8",
    )
    return folder


def test_load_corpus_reads_every_format_and_lists_the_unreadable(tmp_path):
    folder = _corpus(tmp_path)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        df = analysis.load_corpus(folder)
    assert df["id"].tolist() == ["rec", "rem", "web", "don", "txt"]
    assert df["text"].tolist() == [PDF_TEXT, DOCX_TEXT, HTML_TEXT, MARKDOWN_TEXT, "We must act together.\n"]
    table = analysis.skipped(df)
    assert table["item"].tolist() == ["scan.pdf (id 'scan')", "broken.docx (id 'bad')"]
    assert table["reason"][0] == f"{folder / 'scan.pdf'}: no text layer: scanned? run OCR first; document skipped"
    assert table["reason"][1].startswith(f"{folder / 'broken.docx'}: not a readable Word document (.docx)")
    assert [str(w.message) for w in record] == [f"{i}: {r}" for i, r in zip(table["item"], table["reason"])]
    assert all(issubclass(w.category, CorpusWarning) for w in record)
    notes = df.read_notes  # what the reader left out, by id (none for a .txt file)
    assert sorted(set(notes["id"])) == ["don", "rec", "rem", "web"]
    rem = notes[(notes["id"] == "rem") & (notes["kind"] != "metadata from header")]
    assert [(n.kind, n.text, n.where) for n in read_document(folder / "remarks.docx")[1]] == list(
        zip(rem["kind"], rem["text"], rem["where"]))
    # issue 10: the Word file's heading and date line prefill the metadata it lacks (the speaker is given)
    inferred = notes[notes["kind"] == "metadata from header"]
    assert inferred[["id", "text"]].values.tolist() == [
        ["rem", "title: Remarks to the Security Council"], ["rem", "date: 2025-05-03"], ["rem", "place: New York"],
        ["web", "title: High Commissioner's remarks on the global refugee report"], ["web", "date: 2025-06-14"],
        ["web", "place: Geneva"],
        ["don", "title: Remarks at the donors' conference"], ["don", "date: 2025-02-11"], ["don", "place: Brussels"]]
    row = df.set_index("id").loc["rem"]
    assert (row["title"], row["date"], row["place"], row["year"], row["from_header"], row["speaker"]) == (
        "Remarks to the Security Council", "2025-05-03", "New York", 2025, "title, date, place", "Chair")
    assert df.set_index("id").loc["txt", "from_header"] == ""
    assert df.attrs == {}


def test_load_speech_any_format_and_says_why_not(tmp_path):
    folder = _corpus(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        assert analysis.load_speech("rem", corpus=folder).text == DOCX_TEXT
        assert analysis.load_speech("rec", corpus=folder).metadata["speaker"] == "Keravia"
        with pytest.raises(CorpusError, match=r"speech 'scan' cannot be loaded: .*scan\.pdf: no text layer") as info:
            analysis.load_speech("scan", corpus=folder)
    assert "\n" not in str(info.value)


def test_folder_with_only_other_formats_needs_metadata(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no \.txt files in this folder \(nor \.md.*named in metadata\.csv\)"):
        analysis.load_corpus(folder)
    (folder / "metadata.csv").write_text("id,file\na,a.md\n", encoding="utf-8")
    assert analysis.load_corpus(folder)["text"].tolist() == ["Title\n\nText.\n"]


# ---------------------------------------------------------------------------
# Properties of the PDF line joiner
# ---------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.ingest import _paragraphs  # noqa: E402

_LINE = st.lists(st.sampled_from(["peace", "the", "coun-", "tries", "self-", "reliance", "We", "must.", "Mr.",
                                  "President,", "and", "2025", "-", "long-"]), min_size=0, max_size=12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_LINE.map(" ".join), max_size=8), min_size=1, max_size=3))
def test_pdf_joiner_loses_no_character(pages):
    paragraphs, notes, _ = _paragraphs(pages)
    before = "".join("".join(line.split()) for page in pages for line in page)
    after = "".join("".join(p.split()) for p in paragraphs)
    joined = sum(n.kind == "hyphenation joined" for n in notes)
    assert len(after) == len(before) - joined  # only the hyphens of rejoined words go
    assert after.replace("-", "") == before.replace("-", "")
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)


def test_make_report_stops_in_one_line_on_an_unreadable_file(tmp_path, monkeypatch, capsys):
    from analysis import config, report

    folder = tmp_path / "data"
    folder.mkdir()
    _scanned_pdf(folder / "scan.pdf")
    (folder / "metadata.csv").write_text("id,file\nscan,scan.pdf\n", encoding="utf-8")
    monkeypatch.setattr(config, "DATA_DIR", folder)
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path / "figures")
    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        assert report.main(["--speech", "scan", "--workers", "1"]) == 1  # what `make report SPEECH=scan` runs
    err = capsys.readouterr().err.strip()
    assert err == (f"error: CorpusError: speech 'scan' cannot be loaded: {folder / 'scan.pdf'}: "
                   "no text layer: scanned? run OCR first; document skipped")
    assert not (tmp_path / "reports").exists()
