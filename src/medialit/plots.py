"""Charts that read without colour, laid out for their content, with their own alt text.

Every category has its own colour *and* hatch pattern (`styles.CATEGORY_COLOURS`,
`styles.HATCHES`), the same one in every chart; values are printed as text; legends sit
outside the data (a figure legend in constrained layout, which makes room for it); long
labels are wrapped. A chart is returned as a `Chart`, shown in Jupyter as an image whose
description is in `alt`. Figures are built without pyplot, so importing this module never
changes a learner's matplotlib settings or opens a window.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .corpus import Article
from .readability import readability
from .styles import CATEGORY_COLOURS, HATCHES, OKABE_ITO

__all__ = [
    "CATEGORY_COLOURS",
    "HATCHES",
    "OKABE_ITO",
    "Chart",
    "claims_chart",
    "language_chart",
    "readability_chart",
    "sourcing_chart",
]

LABEL_WIDTH = 28
"""Characters per line of a wrapped axis label."""


@dataclass
class Chart:
    """A figure plus the text that describes it for someone who cannot see it."""

    figure: Figure
    alt_text: str

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.escape(self.alt_text, quote=True)
        return (
            f'<figure class="medialit-chart" style="margin:0">'
            f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%">'
            "</figure>"
        )

    def _repr_png_(self) -> bytes:
        return self.png()


def _style(index: int) -> dict:
    """Fill, hatch and edge for category `index`: unique for 14 categories, then cycling."""
    return {
        "color": CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)],
        "hatch": HATCHES[index % len(HATCHES)],
        "edgecolor": "black",
        "linewidth": 0.6,
    }


def _wrap(text: str, width: int = LABEL_WIDTH) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _legend_below(figure: Figure, handles=None, labels=None, columns: int = 3) -> None:
    """A legend under the whole figure, outside every axes; constrained layout makes room."""
    if handles is None:
        handles, labels = figure.axes[0].get_legend_handles_labels()
    if handles:
        figure.legend(
            handles,
            labels,
            loc="outside lower center",
            ncol=min(columns, len(handles)),
            fontsize=8,
            frameon=False,
        )


GRADE_MEASURES = ("flesch_kincaid_grade", "gunning_fog", "smog_index")
SCHOOL_STAGES = ((12, "end of high school (12)"), (16, "college degree (16)"))


def readability_chart(articles: Sequence[Article]) -> Chart:
    """Grade-level scores per article as grouped bars, with US school stages marked on an axis."""
    scores = {a.id: readability(a) for a in articles}
    figure = Figure(figsize=(7.5, 2.4 + 0.75 * len(articles)), layout="constrained")
    axes = figure.add_subplot()
    height = 0.8 / len(GRADE_MEASURES)
    ids = [a.id for a in articles]
    for index, key in enumerate(GRADE_MEASURES):
        values = [scores[i][key].value for i in ids]
        positions = [row + (index - 1) * height for row in range(len(ids))]
        bars = axes.barh(
            positions, values, height=height, label=scores[ids[0]][key].label, **_style(index)
        )
        axes.bar_label(bars, fmt="%.1f", padding=2, fontsize=8)
    for grade, _ in SCHOOL_STAGES:
        axes.axvline(grade, color="0.3", linestyle=":", linewidth=1)
    # the stages are tick labels of a top axis, so they sit on the line they name
    stages = axes.secondary_xaxis("top")
    stages.set_xticks([g for g, _ in SCHOOL_STAGES], [n for _, n in SCHOOL_STAGES], fontsize=8)
    stages.tick_params(length=3, colors="0.2")
    for label, side in zip(stages.get_xticklabels(), ("right", "left"), strict=True):
        label.set_horizontalalignment(side)  # each reads away from the other, so they never meet
    axes.set_yticks(range(len(ids)), [f"Article {i}" for i in ids])
    axes.invert_yaxis()
    axes.set_xlabel("US school grade needed to read the text (lower is easier)")
    axes.set_title("How hard is each article to read?")
    top = max(max(s[k].value for k in GRADE_MEASURES) for s in scores.values())
    axes.set_xlim(0, max(top, SCHOOL_STAGES[-1][0]) + 4)
    _legend_below(figure)
    ranked = sorted(ids, key=lambda i: scores[i]["flesch_kincaid_grade"].value)
    alt = (
        "Bar chart of three grade-level readability scores (Flesch–Kincaid, Gunning fog, SMOG) "
        f"for articles {', '.join(ids)}, with the end of high school (grade 12) and a college "
        "degree (grade 16) marked. By Flesch–Kincaid grade, from easiest to hardest: "
        + "; ".join(f"{i} {scores[i]['flesch_kincaid_grade'].value:.1f}" for i in ranked)
        + "."
    )
    return Chart(figure, alt)


def sourcing_chart(articles: Sequence[Article]) -> Chart:
    """Distinct sources per article, stacked by kind; a count, which says nothing of quality."""
    from .sourcing import KINDS, find_attributions

    counts = {}
    for article in articles:
        distinct = {a.source: a.kind for a in find_attributions(article)}
        counts[article.id] = [sum(k == kind for k in distinct.values()) for kind in KINDS]
    figure = Figure(figsize=(7.5, 2.6 + 0.6 * len(articles)), layout="constrained")
    axes = figure.add_subplot()
    ids = [a.id for a in articles]
    left = [0] * len(ids)
    for index, kind in enumerate(KINDS):
        values = [counts[i][index] for i in ids]
        if not any(values):
            continue
        bars = axes.barh(
            [f"Article {i}" for i in ids], values, left=left, label=kind, **_style(index)
        )
        axes.bar_label(
            bars,
            labels=[str(v) if v else "" for v in values],
            label_type="center",
            fontsize=8,
            color="black",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "linewidth": 0},
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("Distinct sources cited (a count, not a measure of quality)")
    axes.set_title("Who is cited in each article, by kind of source")
    if any(sum(v) for v in counts.values()):
        _legend_below(figure, columns=4)
    else:
        axes.text(0.5, 0.5, "No attributions found", transform=axes.transAxes, ha="center")
    totals = "; ".join(
        f"{i}: {sum(counts[i])} ("
        + ", ".join(f"{n} {k}" for k, n in zip(KINDS, counts[i], strict=True) if n)
        + ")"
        for i in ids
    )
    return Chart(figure, f"Stacked bar chart of distinct sources per article by kind. {totals}.")


ARTICLE_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def claims_chart(articles: Sequence[Article], topics: Sequence[str] | None = None) -> Chart:
    """Each topic's figures per article as points and ranges, on a log scale where needed.

    Within a topic's row only the articles that give a figure take a lane, so points do not
    crowd; the topic label is wrapped and carries the verdict on its own line.
    """
    from .numbers import COUNTED_TOPICS, compare_claims

    wanted = topics or COUNTED_TOPICS
    claims = [c for c in compare_claims(articles) if c.topic in wanted]
    ids = [a.id for a in articles]
    if not claims:
        figure = Figure(figsize=(6, 1.2), layout="constrained")
        axes = figure.add_subplot()
        axes.axis("off")
        axes.text(0.5, 0.5, "No figures on these topics to compare", ha="center", va="center")
        return Chart(figure, "No figures on the ledger's topics were found in these articles.")
    # every row is as tall as the busiest one needs: each lane's 7-point letter gets ≥ 0.18 in
    busiest = max(len(c.values) for c in claims)
    row_height = max(0.5, 0.26 * busiest)
    figure = Figure(figsize=(9, 2.2 + row_height * len(claims)), layout="constrained")
    axes = figure.add_subplot()
    values = [q.value for c in claims for _, q in c.values]
    top = max((q.high or q.value) for c in claims for _, q in c.values)
    spread = max(values) / max(min(values), 1)
    for row, claim in enumerate(claims):
        ordered = sorted(claim.values, key=lambda v: (ids.index(v[0]), v[1].value))
        step = 0.7 / max(len(ordered), 1)
        for lane, (article_id, q) in enumerate(ordered):
            k = ids.index(article_id)
            y = row + (lane - (len(ordered) - 1) / 2) * step
            low = q.low if q.low else q.value
            high = q.high if q.high is not None else top * 3
            axes.plot(
                [low, high], [y, y], color="0.35", linewidth=1.5,
                linestyle="--" if q.high is None else "-",
            )
            axes.plot(
                [q.value], [y], marker=ARTICLE_MARKERS[k % 8], linestyle="",
                color=CATEGORY_COLOURS[k % len(CATEGORY_COLOURS)], markeredgecolor="black",
                markersize=7,
            )
            axes.annotate(
                article_id, (q.value, y), textcoords="offset points", xytext=(-7, 0),
                fontsize=7, ha="right", va="center",
                bbox={"boxstyle": "round,pad=0.05", "facecolor": "white", "linewidth": 0},
            )
    log = spread > 20
    if log:
        axes.set_xscale("log")
    axes.set_yticks(
        range(len(claims)),
        [
            _wrap(c.topic + (f" ({c.scope})" if c.scope else "")) + f"\n[{c.verdict}]"
            for c in claims
        ],
        fontsize=8,
    )
    axes.set_ylim(len(claims) - 0.5, -0.5)
    for row in range(1, len(claims)):
        axes.axhline(row - 0.5, color="0.85", linewidth=0.6)
    axes.set_xlabel(
        _wrap(
            "Figure as stated (points); its range (lines; dashed = no upper limit given)"
            + (", log scale" if log else ""),
            70,
        )
    )
    axes.set_title("What each article's figures say, topic by topic")
    handles = [
        axes.plot(
            [], [], marker=ARTICLE_MARKERS[k % 8], color=CATEGORY_COLOURS[k % 14], linestyle="",
            markeredgecolor="black",
        )[0]
        for k in range(len(ids))
    ]
    _legend_below(figure, handles, [f"Article {a}" for a in ids], columns=len(ids))
    alt = "Dot-and-range chart of figures per topic. " + " ".join(
        f"{c.topic}{' (' + c.scope + ')' if c.scope else ''}: "
        + ", ".join(f"{a} {q.text}" for a, q in c.values)
        + f" — {c.verdict}."
        for c in claims
    )
    return Chart(figure, alt)


def language_chart(articles: Sequence[Article]) -> Chart:
    """Loaded words per 100 words in each article's own voice, by technique; quotes beside."""
    from .language import TECHNIQUES, find_loaded_language, technique_name

    ids = [a.id for a in articles]
    per = {a.id: find_loaded_language(a) for a in articles}
    words = {a.id: max(a.words, 1) for a in articles}
    used = [t for t in TECHNIQUES if any(x.technique == t for xs in per.values() for x in xs)]
    figure = Figure(figsize=(8, 2.4 + 0.55 * len(ids) + 0.07 * len(used)), layout="constrained")
    axes = figure.add_subplot()
    left = [0.0] * len(ids)
    for technique in used:
        values = [
            100 * sum(x.technique == technique and x.voice == "author" for x in per[i]) / words[i]
            for i in ids
        ]
        axes.barh(
            [f"Article {i}" for i in ids],
            values,
            left=left,
            label=technique_name(technique),
            **_style(TECHNIQUES.index(technique)),  # one technique, one look, in every chart
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    quoted = [100 * sum(x.voice != "author" for x in per[i]) / words[i] for i in ids]
    for row, (total, q) in enumerate(zip(left, quoted, strict=True)):
        axes.annotate(
            f"{total:.1f} own voice; {q:.1f} in quotes/paraphrase",
            (total, row),
            textcoords="offset points",
            xytext=(4, 0),
            va="center",
            fontsize=8,
        )
    axes.invert_yaxis()
    axes.set_xlim(0, max(left) * 1.9 + 0.8)
    axes.set_xlabel(
        _wrap(
            "Loaded words per 100 words, in the article's own voice (a prompt to read, "
            "not a verdict)",
            70,
        )
    )
    axes.set_title("Loaded language in each article's own voice, by technique")
    if used:
        _legend_below(figure, columns=3)
    alt = (
        "Stacked bar chart of loaded words per 100 words in each article's own voice, by "
        "technique. "
        + "; ".join(
            f"{i}: {t:.1f} own voice, {q:.1f} quoted or attributed"
            for i, t, q in zip(ids, left, quoted, strict=True)
        )
        + "."
    )
    return Chart(figure, alt)
