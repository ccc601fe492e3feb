"""Two articles side by side, paragraph by paragraph, for the start notebook."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from ..corpus import Article, count_words
from ..palette import ROLES

__all__ = ["article_browser", "article_html"]

_STYLE = """
<style>
.medialit-article {{ font-family: Georgia, 'Times New Roman', serif; line-height: 1.5;
  max-height: 32em; overflow-y: auto; padding: 0 0.8em; border: 1px solid {border};
  border-radius: 4px; }}
.medialit-article p {{ margin: 0.45em 0; }}
.medialit-article .pnum {{ font-family: sans-serif; font-size: 0.75em; color: {text};
  background: {panel}; border-radius: 3px; padding: 0 0.3em; margin-right: 0.4em; }}
.medialit-article .pwords {{ font-family: sans-serif; font-size: 0.7em; color: {muted}; }}
.medialit-article h4 {{ margin: 0.6em 0 0.2em 0; }}
</style>
""".format(
    border=ROLES["border"], text=ROLES["text"], panel=ROLES["panel"], muted=ROLES["muted text"]
)


def article_html(article: Article) -> str:
    """An article as HTML with numbered paragraphs and a word count for each."""
    parts = [
        _STYLE,
        f'<div class="medialit-article" role="region" tabindex="0" '
        f'aria-label="Article {html.escape(article.id)}">',
        f"<h3>Article {html.escape(article.id)}: {article.words} words, "
        f"{len(article.paragraphs)} paragraphs, {len(article.sentences)} sentences</h3>",
    ]
    if article.dateline:
        parts.append(f"<p><em>Dateline in the text: {html.escape(article.dateline.text)}</em></p>")
    for paragraph in article.paragraphs:
        number = (
            f'<span class="pnum" title="paragraph {paragraph.number}">¶{paragraph.number}</span>'
        )
        if paragraph.kind == "heading":
            parts.append(f"<h4>{number}{html.escape(paragraph.text)}</h4>")
        else:
            words = count_words(paragraph.text)
            parts.append(
                f"<p>{number}{html.escape(paragraph.text)} "
                f'<span class="pwords">({words} words)</span></p>'
            )
    parts.append("</div>")
    return "\n".join(parts)


def article_browser(articles: Sequence[Article], left: str | None = None, right: str | None = None):
    """Two panes, each with a drop-down to pick an article; they wrap on a narrow screen."""
    by_id = {a.id: a for a in articles}
    options = [(f"{a.id}: {a.label}", a.id) for a in articles]
    ids = list(by_id)

    def pane(initial: str) -> widgets.VBox:
        choice = widgets.Dropdown(
            options=options,
            value=initial,
            description="Article",
            layout=widgets.Layout(width="100%"),
        )
        view = widgets.HTML(article_html(by_id[initial]))
        choice.observe(
            lambda change: setattr(view, "value", article_html(by_id[change.new])), "value"
        )
        return widgets.VBox(
            [choice, view], layout=widgets.Layout(flex="1 1 24em", min_width="18em")
        )

    first = left or ids[0]
    second = right or (ids[1] if len(ids) > 1 else ids[0])
    return widgets.Box(
        [pane(first), pane(second)],
        layout=widgets.Layout(display="flex", flex_flow="row wrap", gap="1em", width="100%"),
    )
