"""Figures: one style, no global state, deterministic PNG and CSV files."""

from __future__ import annotations

import struct

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import plots

SCORES = {
    "flesch_reading_ease": 35.2,
    "flesch_kincaid_grade": 13.1,
    "gunning_fog": 16.2,
    "smog": 14.8,
    "coleman_liau": 14.5,
    "ari": 14.9,
    "dale_chall": 10.1,
}
# Six sentences; with 5-word bins: 0-4 -> 2 (3, 4), 5-9 -> 1 (5), 10-14 -> 2 (12, 12), 15-19 -> 1 (19).
LENGTHS = pd.DataFrame({"sentence": range(6), "words": [3, 4, 5, 12, 12, 19]})


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every chunk of a PNG file."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, out = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        out.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return out


def all_text(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_histogram_bins_hand_counted():
    fig = plots.plot_sentence_length_histogram(LENGTHS, title="Half the sentences have 8.5 words or fewer")
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights == [2, 1, 2, 1]
    assert ax.get_xlabel().startswith("Sentence length (words")
    assert "(count)" in ax.get_ylabel()
    assert "median 8.5 words" in all_text(fig)  # median of 3 4 5 12 12 19 = (5 + 12) / 2


def test_title_and_source_note_are_drawn():
    fig = plots.plot_sentence_length_histogram(LENGTHS, title="A finding", source="Source: a speech")
    assert fig._suptitle.get_text() == "A finding"
    assert "Source: a speech" in [t.get_text() for t in fig.texts]
    long = "Source: " + "word " * 60  # 308 characters: two lines, the rest cut
    fig = plots.plot_sentence_length_histogram(LENGTHS, source=long)
    lines = fig.texts[0].get_text().split("\n")
    assert len(lines) == 2 and all(len(x) <= 140 for x in lines) and lines[1].endswith("...")


def test_sentence_lengths_coloured_by_section_with_legend():
    fig = plots.plot_sentence_lengths(LENGTHS, sections=["Opening", "First", "First", "Second", "Second", "Second"])
    ax = fig.axes[0]
    assert [round(p.get_height()) for p in ax.patches] == [3, 4, 5, 12, 12, 19]
    # LENGTHS average 55 / 6 = 9.2 words; the mean line is named in the legend
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Opening", "First", "Second", "mean: 9.2 words"]
    colours = {p.get_facecolor() for p in ax.patches}
    assert len(colours) == 3
    assert ax.get_ylabel() == "Sentence length (words)"


def test_sentence_lengths_section_count_mismatch():
    with pytest.raises(ValueError, match="sections has 2 labels but data has 6 sentences"):
        plots.plot_sentence_lengths(LENGTHS, sections=["a", "b"])


def test_parts_bars_and_labels():
    parts = pd.DataFrame({"section": ["Opening", "First"], "words": [30, 120], "sentences": [2, 6]})
    fig = plots.plot_parts(parts)
    ax = fig.axes[0]
    assert [p.get_width() for p in ax.patches] == [30, 120]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Opening", "First"]
    assert "120 words, 6 sentences" in all_text(fig)


def test_readability_from_dict_and_report_frame():
    fig = plots.plot_readability(SCORES)
    ax = fig.axes[0]
    assert [round(p.get_width(), 1) for p in ax.patches] == [13.1, 16.2, 14.8, 14.5, 14.9]
    assert "Flesch Reading Ease: 35.2" in all_text(fig)
    assert "Dale-Chall score: 10.10" in all_text(fig)
    frame = pd.DataFrame({"formula": list(SCORES), "score": list(SCORES.values())})
    fig2 = plots.plot_readability(frame)
    assert [p.get_width() for p in fig2.axes[0].patches] == [p.get_width() for p in ax.patches]


def test_readability_missing_score_is_named():
    bad = {k: v for k, v in SCORES.items() if k != "smog"}
    with pytest.raises(ValueError, match="smog"):
        plots.plot_readability(bad)


@pytest.mark.parametrize("bad, exc", [("not data", TypeError), (pd.DataFrame({"x": [1]}), ValueError),
                                      (pd.DataFrame({"words": []}), ValueError)])
def test_histogram_bad_input(bad, exc):
    with pytest.raises(exc, match="plot_sentence_length_histogram"):
        plots.plot_sentence_length_histogram(bad)


def test_style_does_not_leak_and_pyplot_untouched():
    before = dict(matplotlib.rcParams)
    open_figures = plt.get_fignums()
    plots.plot_readability(SCORES, title="t", source="s")
    plots.plot_sentence_lengths(LENGTHS, title="t")
    assert dict(matplotlib.rcParams) == before
    assert plt.get_fignums() == open_figures


def test_draws_on_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    out = plots.plot_sentence_length_histogram(LENGTHS, title="On my axes", ax=ax)
    assert out is fig
    assert ax.get_title(loc="left") == "On my axes"


def test_save_figure_is_byte_identical_and_strips_metadata(tmp_path):
    paths = []
    for run in ("a", "b"):
        fig = plots.plot_readability(SCORES, title="Grade 13 to 16", source="Source: test")
        paths.append(plots.save_figure(fig, "02-readability", pd.Series(SCORES, name="score").to_frame(),
                                       directory=tmp_path / run))
    (png_a, csv_a), (png_b, csv_b) = paths
    assert png_a.name == "02-readability.png" and csv_a.name == "02-readability.csv"
    assert png_a.read_bytes() == png_b.read_bytes()
    assert csv_a.read_bytes() == csv_b.read_bytes()
    # Saving the same figure object twice also gives the same bytes.
    fig = plots.plot_sentence_length_histogram(LENGTHS)
    first = plots.save_figure(fig, "x", LENGTHS, directory=tmp_path / "c")[0].read_bytes()
    second = plots.save_figure(fig, "x", LENGTHS, directory=tmp_path / "c")[0].read_bytes()
    assert first == second
    kinds = [k for k, _ in png_chunks(png_a.read_bytes())]
    assert b"tIME" not in kinds
    texts = [payload for k, payload in png_chunks(png_a.read_bytes()) if k in (b"tEXt", b"iTXt", b"zTXt")]
    assert not any(t.startswith((b"Software", b"Creation")) for t in texts)
    ihdr = png_chunks(png_a.read_bytes())[0][1]
    assert struct.unpack(">II", ihdr[:8]) == (800, 450)  # FIGSIZE 8 x 4.5 in at 100 dpi


def test_save_figure_csv_format(tmp_path):
    data = pd.DataFrame({"formula": ["smog", "ari"], "score": [14.812345678, 2.0]})
    _, csv = plots.save_figure(Figure(), "01-test", data, directory=tmp_path)
    assert csv.read_bytes() == b"formula,score\nsmog,14.8123\nari,2\n"
    indexed = pd.Series({"smog": 1.5}, name="score").rename_axis("formula").to_frame()
    _, csv = plots.save_figure(Figure(), "01-test2", indexed, directory=tmp_path)
    assert csv.read_bytes() == b"formula,score\nsmog,1.5\n"


@pytest.mark.parametrize("name", ["../escape", "a b", "", "x.png"])
def test_save_figure_rejects_bad_names(tmp_path, name):
    with pytest.raises(ValueError, match="figure name"):
        plots.save_figure(Figure(), name, LENGTHS, directory=tmp_path)


def test_save_figure_type_errors(tmp_path):
    with pytest.raises(TypeError, match="matplotlib Figure"):
        plots.save_figure("fig", "a", LENGTHS, directory=tmp_path)
    with pytest.raises(TypeError, match="must be a DataFrame"):
        plots.save_figure(Figure(), "a", [1, 2], directory=tmp_path)
