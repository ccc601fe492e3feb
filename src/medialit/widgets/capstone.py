"""The capstone's widgets: the comparison dashboard, bring-your-own-article, the pre/post form.

Each is built from ipywidgets (buttons, toggles, a file upload), so it works with the
keyboard and in any Jupyter front end; the work is done by the headless modules.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as widgets

from ..corpus import DEFAULT_MAX_BYTES, Article, article_from_bytes
from ..errors import MedialitError
from ..learner import learner_name, remember_learner, remembered_learner
from ..palette import ROLES, SEQUENTIAL, readable_text_on
from ..tables import measure_glossary, show

__all__ = ["assessment_form", "bring_your_own", "comparison_dashboard", "evidence_for"]

_SHADES = SEQUENTIAL  # light to dark blue (colour-blind safe); the value is printed on the cell
LENSES = ("sourcing", "numbers", "language", "readability")


def _display_data(shown: object) -> dict:
    """An Output widget's entry for an object, built here rather than by IPython's formatter,
    so it is the same with or without a running kernel (and in any shell)."""
    data = {"text/plain": shown if isinstance(shown, str) else repr(shown)}
    if hasattr(shown, "_repr_html_"):
        data["text/html"] = shown._repr_html_()
    return {"output_type": "display_data", "data": data, "metadata": {}}


def evidence_for(article: Article, measure: str):
    """What lies behind one scorecard cell: the rows a learner can check in the text."""
    from ..language import loaded_table, opinion_signals
    from ..numbers import quantity_table
    from ..readability import describe_readability
    from ..sourcing import attribution_table, audit_table

    if measure == "named sources":
        table = attribution_table(article)
        return table[table["named"]]
    if measure == "unnamed sources":
        table = attribution_table(article)
        return table[~table["named"]]
    if measure == "attribution flags":
        return audit_table(article)
    if measure == "claims attributed":
        return attribution_table(article)
    if measure == "figures with no source in sentence or ¶":
        table = quantity_table(article)
        return table[table["source named"].str.startswith("no")]
    if measure == "loaded words per 100 words (own voice)":
        return loaded_table(article, voice="author")
    if measure == "opinion signals":
        import pandas as pd

        questions = [s.text for s in article.sentences if s.kind == "body" and s.text.endswith("?")]
        return pd.DataFrame(
            {"signal": [*opinion_signals(article).items(), *(("question", q) for q in questions)]}
        )
    if measure == "Flesch–Kincaid grade":
        return describe_readability(article)
    raise KeyError(f"no measure {measure!r}")


def comparison_dashboard(articles: Sequence[Article]) -> widgets.VBox:
    """Pick articles and lenses; every scorecard cell is a button that shows its evidence."""
    from ..report import SCORECARD, scorecard

    by_id = {a.id: a for a in articles}
    table = scorecard(articles)
    picker = widgets.SelectMultiple(
        options=list(by_id), value=tuple(by_id), description="Articles", rows=min(len(by_id), 6)
    )
    lens_boxes = {
        lens: widgets.Checkbox(value=True, description=lens, indent=False) for lens in LENSES
    }
    grid_box = widgets.Box()
    evidence = widgets.Output(
        layout=widgets.Layout(border=f"1px solid {ROLES['border']}", padding="0.4em")
    )
    note = widgets.HTML("<em>Choose a cell to see the evidence behind it.</em>")

    def evidence_of(article_id: str, measure: str) -> Callable[[widgets.Button], None]:
        def handler(_button: widgets.Button) -> None:
            evidence.outputs = ()  # works with or without a running kernel
            note.value = (
                f"<strong>Article {article_id} — {measure}</strong>: the rows behind this cell."
            )
            result = evidence_for(by_id[article_id], measure)
            if not isinstance(result, str):
                result = show(result, f"Article {article_id}: {measure}")
            evidence.outputs = (_display_data(result),)

        return handler

    def shade(value: float, column) -> str:
        low, high = column.min(), column.max()
        if value != value or high == low:  # NaN or no spread
            return _SHADES[0]
        return _SHADES[min(4, int(4 * (value - low) / (high - low) + 0.5))]

    def redraw(_change=None) -> None:
        measures = [m for m, lens in SCORECARD if lens_boxes[lens].value]
        ids = list(picker.value)
        cells: list[widgets.Widget] = [widgets.HTML("<b>article</b>")]
        cells += [widgets.HTML(f"<b>{m}</b>") for m in measures]
        for article_id in ids:
            cells.append(widgets.HTML(f"<b>{article_id}</b>"))
            for measure in measures:
                value = table.loc[article_id, measure]
                label = "—" if value != value else f"{value:g}"
                colour = shade(value, table.loc[ids, measure])
                button = widgets.Button(
                    description=label,
                    tooltip=f"{measure}, article {article_id}",
                    layout=widgets.Layout(width="auto"),
                )
                button.style.button_color = colour
                button.style.text_color = readable_text_on(colour)  # 4.5:1 or more
                button.on_click(evidence_of(article_id, measure))
                cells.append(button)
        grid_box.children = [
            widgets.GridBox(
                cells,
                layout=widgets.Layout(
                    grid_template_columns=f"5em repeat({len(measures)}, minmax(6em, 1fr))",
                    grid_gap="2px",
                    overflow="auto",
                ),
            )
        ]

    picker.observe(redraw, "value")
    for box in lens_boxes.values():
        box.observe(redraw, "value")
    redraw()
    glossary = "".join(
        f"<li><b>{html.escape(m)}</b>: {html.escape(what)}</li>"
        for m, what in measure_glossary().items()
    )
    legend = widgets.HTML(
        "<small>Darker = higher within the articles shown; the number is written in every "
        "cell. A high value is a reason to read closely, not a verdict.</small>"
        f"<details><summary>What each column counts</summary><ul>{glossary}</ul></details>"
    )
    return widgets.VBox(
        [
            widgets.HBox([picker, widgets.VBox(list(lens_boxes.values()))]),
            grid_box,
            legend,
            note,
            evidence,
        ]
    )


def analyse_own(
    text: str = "",
    upload: bytes | None = None,
    name: str = "my_article",
    max_bytes: int = DEFAULT_MAX_BYTES,
):
    """Every lens on a learner's own article, as one HTML view; bad input raises a MedialitError."""
    from ..html_report import report_fragment
    from ..language import HTMLView

    if upload is not None:
        article = article_from_bytes(upload, id=name, source=name, max_bytes=max_bytes)
    else:
        article = article_from_bytes(text.encode("utf-8"), id=name, max_bytes=max_bytes)
    return article, HTMLView(report_fragment([article]))


def bring_your_own(max_bytes: int = DEFAULT_MAX_BYTES) -> widgets.VBox:
    """Paste an article or upload a .txt/.md file, then run every lens on it."""
    paste = widgets.Textarea(
        placeholder="Paste an English news article here…",
        layout=widgets.Layout(width="100%", height="10em"),
        description="Article",
        style={"description_width": "initial"},
    )
    upload = widgets.FileUpload(accept=".txt,.md", multiple=False, description="Upload .txt/.md")
    run = widgets.Button(description="Analyse", button_style="primary", tooltip="Run every lens")
    message = widgets.HTML()
    output = widgets.Output()

    def analyse(_button=None) -> None:
        output.outputs = ()
        message.value = ""
        try:
            if upload.value:
                item = upload.value[0]
                stem = str(item["name"]).rsplit(".", 1)[0] or "my_article"
                _, view = analyse_own(upload=bytes(item["content"]), name=stem, max_bytes=max_bytes)
            else:
                _, view = analyse_own(text=paste.value, max_bytes=max_bytes)
        except MedialitError as exc:
            message.value = (
                f'<p role="alert" style="color:{ROLES["error text"]}">'
                f"<strong>Cannot analyse:</strong> {exc}</p>"
            )
            return
        output.outputs = (_display_data(view),)

    run.on_click(analyse)
    box = widgets.VBox([paste, widgets.HBox([upload, run]), message, output])
    box.analyse = analyse  # for tests and for a cell that wants to run it directly
    box.paste, box.upload, box.message, box.output = paste, upload, message, output
    return box


def assessment_form(which: str, learner: str | None = None, folder: str = ".") -> widgets.VBox:
    """Rate each passage, then submit: the score is d′, so flagging everything does not help.

    The ratings are saved under the learner's one name (the Annotator's, asked once); the
    form asks for it only if no notebook has yet. Each passage is a pair of radio buttons:
    full labels, a filled dot on the chosen one, arrow keys to change it.
    """
    from ..assessment import describe_d_prime, items, save_result, score_responses

    known = learner_name(learner) if learner else remembered_learner(folder)
    name = widgets.Text(
        value=known,
        description="Your name",
        placeholder="used to save your work",
        style={"description_width": "initial"},
    )
    rows, toggles = [], {}
    for number, item in enumerate(items(which), start=1):
        toggle = widgets.RadioButtons(
            options=[("well supported", "supported"), ("poorly supported", "unsupported")],
            value=None,
            orientation="horizontal",
            description=f"Passage {number}:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        toggles[item.id] = toggle
        rows.append(widgets.HTML(f"<p><b>{number}.</b> {item.text}</p>"))
        rows.append(toggle)
    submit = widgets.Button(description="Submit my ratings", button_style="primary")
    result = widgets.HTML()

    def on_submit(_button=None) -> None:
        responses = {item_id: t.value for item_id, t in toggles.items() if t.value}
        if len(responses) < len(toggles):
            result.value = f"<p role='alert'>Rate all {len(toggles)} passages first.</p>"
            return
        given = name.value.strip() or remembered_learner(folder)  # maybe given since, elsewhere
        if not given:
            result.value = (
                "<p role='alert'>Type your name first, so the ratings are saved as yours.</p>"
            )
            return
        who = remember_learner(given, folder)
        score = score_responses(which, responses)
        path = save_result(which, responses, who, folder)
        result.value = (
            f"<p role='status'>Saved for {who} in {path}. You flagged {score.hits} of "
            f"{score.hits + score.misses} poorly-supported passages and {score.false_alarms} of "
            f"{score.false_alarms + score.correct_rejections} well-supported ones: "
            f"d′ = {score.d_prime:.2f}. {describe_d_prime(score.d_prime)}</p>"
        )

    submit.on_click(on_submit)
    head = [name] if not known else [widgets.HTML(f"<p>Saving as <b>{known}</b>.</p>")]
    box = widgets.VBox([*head, *rows, submit, result])
    box.toggles, box.submit, box.result, box.name = toggles, on_submit, result, name
    return box
