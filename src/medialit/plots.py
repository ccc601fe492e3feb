"""Charts that read without colour and carry their own alt text.

Every chart uses the Okabe–Ito palette (safe for the common colour-vision
deficiencies) *and* a hatch pattern per series, prints its values as text, and is
returned as a `Chart`, which shows in Jupyter as an image with an `alt` text and a
visible caption. Figures are built without pyplot, so importing this module never
changes a learner's matplotlib settings or opens a window.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from .corpus import Article
from .readability import readability

__all__ = ["HATCHES", "OKABE_ITO", "Chart", "readability_chart"]

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
"""Okabe & Ito (2008), Color Universal Design: https://jfly.uni-koeln.de/color/"""
HATCHES = ("", "///", "...", "xx", "\\\\\\", "++", "oo", "--")


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
            f'<figcaption style="font-size:0.9em">{html.escape(self.alt_text)}</figcaption>'
            "</figure>"
        )

    def _repr_png_(self) -> bytes:
        return self.png()


GRADE_MEASURES = ("flesch_kincaid_grade", "gunning_fog", "smog_index")


def readability_chart(articles: Sequence[Article]) -> Chart:
    """Grade-level scores per article as grouped bars, with US school stages marked."""
    scores = {a.id: readability(a) for a in articles}
    figure = Figure(figsize=(7.5, 0.9 + 0.75 * len(articles)), layout="constrained")
    axes = figure.add_subplot()
    height = 0.8 / len(GRADE_MEASURES)
    ids = [a.id for a in articles]
    for index, key in enumerate(GRADE_MEASURES):
        values = [scores[i][key].value for i in ids]
        positions = [row + (index - 1) * height for row in range(len(ids))]
        bars = axes.barh(
            positions,
            values,
            height=height,
            color=OKABE_ITO[index],
            hatch=HATCHES[index],
            edgecolor="black",
            linewidth=0.6,
            label=scores[ids[0]][key].label,
        )
        axes.bar_label(bars, fmt="%.1f", padding=2, fontsize=8)
    for grade, name in ((12, "end of high school"), (16, "college degree")):
        axes.axvline(grade, color="0.3", linestyle=":", linewidth=1)
        axes.text(
            grade,
            1.01,
            name,
            transform=axes.get_xaxis_transform(),
            fontsize=8,
            color="0.2",
            ha="center",
            va="bottom",
        )
    axes.set_yticks(range(len(ids)), [f"Article {i}" for i in ids])
    axes.invert_yaxis()
    axes.set_xlabel("US school grade needed to read the text (lower is easier)")
    axes.set_title("How hard is each article to read?", pad=16)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
    axes.set_xlim(0, max(max(s[k].value for k in GRADE_MEASURES) for s in scores.values()) + 4)
    ranked = sorted(ids, key=lambda i: scores[i]["flesch_kincaid_grade"].value)
    alt = (
        "Bar chart of three grade-level readability scores (Flesch–Kincaid, Gunning fog, SMOG) "
        f"for articles {', '.join(ids)}. By Flesch–Kincaid grade, from easiest to hardest: "
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
    figure = Figure(figsize=(7.5, 1.2 + 0.6 * len(articles)), layout="constrained")
    axes = figure.add_subplot()
    ids = [a.id for a in articles]
    left = [0] * len(ids)
    for index, kind in enumerate(KINDS):
        values = [counts[i][index] for i in ids]
        if not any(values):
            continue
        bars = axes.barh(
            [f"Article {i}" for i in ids],
            values,
            left=left,
            color=OKABE_ITO[index],
            hatch=HATCHES[index],
            edgecolor="black",
            linewidth=0.6,
            label=kind,
        )
        axes.bar_label(
            bars,
            labels=[str(v) if v else "" for v in values],
            label_type="center",
            fontsize=8,
            color="black",
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "linewidth": 0},
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("Distinct sources cited (a count, not a measure of quality)")
    axes.set_title("Who is cited in each article, by kind of source", pad=10)
    if any(sum(v) for v in counts.values()):
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=4, fontsize=8, frameon=False
        )
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
    """Each topic's figures per article as points and ranges, on a log scale where needed."""
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
    figure = Figure(figsize=(8, 1.0 + 0.55 * len(claims)), layout="constrained")
    axes = figure.add_subplot()
    values = [q.value for c in claims for _, q in c.values]
    top = max((q.high or q.value) for c in claims for _, q in c.values) if claims else 10
    spread = (max(values) / max(min(values), 1)) if values else 1
    for row, claim in enumerate(claims):
        offsets = {}
        for article_id, q in claim.values:
            k = offsets.get(article_id, 0)
            offsets[article_id] = k + 1
            y = row + (ids.index(article_id) - (len(ids) - 1) / 2) * 0.12
            low = q.low if q.low else q.value
            high = q.high if q.high is not None else top * 3
            axes.plot(
                [low, high],
                [y, y],
                color="0.35",
                linewidth=1.5,
                linestyle="--" if q.high is None else "-",
            )
            axes.plot(
                [q.value],
                [y],
                marker=ARTICLE_MARKERS[ids.index(article_id) % 8],
                color=OKABE_ITO[ids.index(article_id) % 8],
                markeredgecolor="black",
                markersize=7,
            )
            axes.annotate(
                article_id,
                (q.value, y),
                textcoords="offset points",
                xytext=(0, 5),
                fontsize=7,
                ha="center",
            )
    if spread > 20:
        axes.set_xscale("log")
    axes.set_yticks(
        range(len(claims)),
        [f"{c.topic}" + (f" ({c.scope})" if c.scope else "") + f" — {c.verdict}" for c in claims],
        fontsize=8,
    )
    axes.invert_yaxis()
    axes.set_xlabel(
        "Figure as stated (points); its range (lines; dashed = no upper limit given)"
        + (", log scale" if spread > 20 else "")
    )
    axes.set_title("What each article's figures say, topic by topic", pad=8)
    handles = [
        axes.plot(
            [],
            [],
            marker=ARTICLE_MARKERS[i % 8],
            color=OKABE_ITO[i % 8],
            linestyle="",
            markeredgecolor="black",
            label=f"Article {a}",
        )[0]
        for i, a in enumerate(ids)
    ]
    axes.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 - 0.5 / max(len(claims), 1)),
        ncol=len(ids),
        fontsize=8,
        frameon=False,
    )
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
    figure = Figure(figsize=(8, 1.6 + 0.6 * len(ids)), layout="constrained")
    axes = figure.add_subplot()
    left = [0.0] * len(ids)
    for index, technique in enumerate(used):
        values = [
            100 * sum(x.technique == technique and x.voice == "author" for x in per[i]) / words[i]
            for i in ids
        ]
        # colour and hatch together stay unique past eight techniques
        axes.barh(
            [f"Article {i}" for i in ids],
            values,
            left=left,
            color=OKABE_ITO[index % 8],
            hatch=HATCHES[(index + 3 * (index // 8)) % 8],
            edgecolor="black",
            linewidth=0.5,
            label=technique_name(technique),
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    quoted = [100 * sum(x.voice != "author" for x in per[i]) / words[i] for i in ids]
    for row, (total, q) in enumerate(zip(left, quoted, strict=True)):
        axes.text(
            total + 0.05,
            row,
            f"{total:.1f} own voice; {q:.1f} in quotes/paraphrase",
            va="center",
            fontsize=8,
        )
    axes.invert_yaxis()
    axes.set_xlim(0, max(left) * 1.6 + 0.5)
    axes.set_xlabel(
        "Loaded words per 100 words, in the article's own voice (a prompt to read, not a verdict)"
    )
    axes.set_title("Loaded language in each article's own voice, by technique", pad=8)
    if used:
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=7, frameon=False
        )
    alt = (
        "Stacked bar chart of loaded words per 100 words in each article's own voice. "
        + "; ".join(
            f"{i}: {t:.1f} own voice, {q:.1f} quoted or attributed"
            for i, t, q in zip(ids, left, quoted, strict=True)
        )
        + "."
    )
    return Chart(figure, alt)
