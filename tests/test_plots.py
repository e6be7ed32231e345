"""Chapter 2's chart reads in plain French figures and shows every picked creator's name whole
(issue 20, item 6: « 2×10¹ » on the axis, creators' names cut)."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from PIL import Image

from influence_workbook.data.load import load_creators
from influence_workbook.metrics import score_creators
from influence_workbook.plots import engagement_figure, figure_img_html, french_tick

FRENCH_NUMBER = re.compile(r"\d{1,3}(?:\u202f\d{3})*(?:,\d+)?(?:\u00a0M)?")


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    return score_creators(load_creators())


def _tick_labels(fig: Figure) -> list[str]:
    FigureCanvasAgg(fig).draw()
    return [label.get_text() for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
            for label in (*axis.get_majorticklabels(), *axis.get_minorticklabels()) if label.get_text()]


@pytest.mark.parametrize(("value", "shown"), [
    (0.5, "0,5"), (2.0, "2"), (20.0, "20"), (1_000.0, "1\u202f000"), (100_000.0, "100\u202f000"),
    (1_000_000.0, "1\u00a0M"), (20_000_000.0, "20\u00a0M"),
])
def test_french_ticks(value: float, shown: str) -> None:
    assert french_tick(value) == shown


def test_axes_show_plain_french_numbers(scored: pd.DataFrame) -> None:
    labels = _tick_labels(engagement_figure(scored))
    assert labels, "the axes have tick labels"
    for text in labels:
        assert "10^" not in text and "times" not in text and "×" not in text and "$" not in text, text
        assert FRENCH_NUMBER.fullmatch(text), text
    assert "20" in labels and "1\u202f000" in labels  # a rate and a follower count, as written in French


def _picks_near_every_edge(scored: pd.DataFrame) -> list[str]:
    """The longest handles, and the creators with most and fewest followers on each platform."""
    rows = [scored.loc[scored["handle"].str.len().nlargest(3).index]]
    for _platform, group in scored.groupby("platform", observed=True):
        rows += [group.nlargest(2, "followers"), group.nsmallest(1, "followers")]
    return list(pd.concat(rows)["creator_id"].astype(str).unique())


def test_picked_creators_names_are_whole_and_inside_the_figure(scored: pd.DataFrame) -> None:
    picks = _picks_near_every_edge(scored)
    fig = engagement_figure(scored, picks)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    notes = [text for ax in fig.axes for text in ax.texts if isinstance(text, Annotation)]
    handles = set("@" + scored.loc[scored["creator_id"].astype(str).isin(picks), "handle"].astype(str))
    assert {note.get_text() for note in notes} <= handles and len(notes) >= len(picks) - 3
    assert max(len(note.get_text()) for note in notes) > 19  # the longest handles are not shortened
    for note in notes:
        box = note.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width, note.get_text()
        panel = note.axes.get_window_extent(renderer)
        assert box.x0 >= panel.x0 - 1 and box.x1 <= panel.x1 + 1, f"{note.get_text()} leaves its panel"


def test_the_png_keeps_the_labels(scored: pd.DataFrame) -> None:
    html = figure_img_html(engagement_figure(scored, _picks_near_every_edge(scored)), "alt")
    encoded = re.search(r'base64,([^"]+)"', html)
    assert encoded
    image = Image.open(io.BytesIO(base64.b64decode(encoded.group(1))))
    assert image.width > 900 and image.height > 300
