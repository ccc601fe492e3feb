"""Every chart laid out for its content: no text on text, legends outside the data, one look each.

Each chart is drawn for the five articles, for each article alone (as lesson 04's own-article report
shows it) and for a Wikinews article the kit was not built from; then the drawn boxes of its tick
labels, axis labels, title, legend entries and value labels are compared.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from medialit import plots
from medialit.corpus import Article
from medialit.language import TECHNIQUES
from medialit.styles import CATEGORY_COLOURS, HATCHES

CHARTS = ("readability_chart", "sourcing_chart", "claims_chart", "language_chart")
WIKINEWS = Path(__file__).parent / "data" / "wn2019-001.txt"


@pytest.fixture(scope="module")
def groups(articles):
    wikinews = Article.from_text(WIKINEWS.read_text(encoding="utf-8"), id="WN")
    return {"all five": articles, "D alone": [articles[3]], "Wikinews": [wikinews]}


def _drawn(chart):
    figure = chart.figure
    FigureCanvasAgg(figure)
    figure.draw_without_rendering()
    return figure, figure.canvas.get_renderer()


def _texts(figure) -> list[Text]:
    """Every visible, non-empty text the figure draws (ticks, labels, titles, legend, values)."""
    tick_labels, drawn = set(), set()
    for axis in figure.findobj(Axis):
        for tick in axis.majorTicks + axis.minorTicks:
            tick_labels |= {tick.label1, tick.label2}
        # matplotlib keeps tick objects outside the view limits but draws only these
        for tick in axis._update_ticks():
            drawn |= {t for t in (tick.label1, tick.label2) if t.get_visible()}
    return [
        t
        for t in figure.findobj(Text)
        if t.get_visible()
        and t.get_text().strip()
        and (t not in tick_labels or t in drawn)
    ]


@pytest.mark.parametrize("chart_name", CHARTS)
def test_no_text_overlaps_and_legend_outside_the_data(groups, chart_name):
    for group, articles in groups.items():
        chart = getattr(plots, chart_name)(articles)
        figure, renderer = _drawn(chart)
        texts = _texts(figure)
        assert len(texts) >= 5, (chart_name, group)
        boxes = [(t, t.get_window_extent(renderer).padded(-1)) for t in texts]
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
            assert not box_a.overlaps(box_b), (
                f"{chart_name}, {group}: {a.get_text()!r} overlaps {b.get_text()!r}"
            )
        page = figure.bbox
        for text, box in boxes:
            assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, (group, text.get_text())
        data_area = figure.axes[0].get_window_extent(renderer)
        for legend in figure.legends + [a.get_legend() for a in figure.axes if a.get_legend()]:
            assert not legend.get_window_extent(renderer).overlaps(data_area), (chart_name, group)
        assert chart.alt_text and chart.alt_text in chart._repr_html_().replace("&#x27;", "'")
        assert "<figcaption" not in chart._repr_html_()  # alt only: read once, not twice


def test_every_technique_has_its_own_colour_and_pattern(articles):
    looks = {(CATEGORY_COLOURS[i], HATCHES[i]) for i in range(len(TECHNIQUES))}
    assert len(looks) == len(TECHNIQUES)
    chart = plots.language_chart(articles)
    figure, _ = _drawn(chart)
    handles = figure.legends[0].legend_handles
    drawn = {(tuple(h.get_facecolor()), h.get_hatch()) for h in handles}
    assert len(drawn) == len(handles) >= 10, "two techniques in lesson 03's chart look alike"
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "Name calling / labelling" in labels and not any("_" in label for label in labels)


def test_school_stages_are_ticks_on_an_axis(articles):
    figure, renderer = _drawn(plots.readability_chart([articles[3]]))
    data_area = figure.axes[0].get_window_extent(renderer)
    stages = [t for t in _texts(figure) if "(12)" in t.get_text() or "(16)" in t.get_text()]
    assert [t.get_text() for t in stages] == ["end of high school (12)", "college degree (16)"]
    for stage in stages:  # on the axes' top edge, not floating above it
        box = stage.get_window_extent(renderer)
        assert data_area.y1 <= box.y0 <= data_area.y1 + 15


def test_render_charts_to_png_for_looking_at(groups, tmp_path):
    """The PNGs a maintainer opens to look at (kept in pytest's tmp folder)."""
    for group, articles in groups.items():
        for name in CHARTS:
            png = getattr(plots, name)(articles).png()
            path = tmp_path / f"{group.replace(' ', '_')}_{name}.png"
            path.write_bytes(png)
            assert png.startswith(b"\x89PNG") and path.stat().st_size > 5_000
