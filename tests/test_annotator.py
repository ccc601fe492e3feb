"""The Annotator without a browser: traits, both-way sync, autosave, exports, comparison."""

from __future__ import annotations

import csv
import json

import pytest
import traitlets

from medialit.annotations import annotation_path
from medialit.corpus import Article, load_articles
from medialit.widgets.annotator import Annotator


@pytest.fixture
def article():
    return load_articles(["A"])[0]


@pytest.fixture
def annotator(article, tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_LEARNER", raising=False)
    return Annotator(article, learner="ana", folder=tmp_path)


def offsets(article, phrase):
    start = article.text.index(phrase)
    return start, start + len(phrase)


def test_front_end_gets_text_paragraphs_words_and_labels(annotator, article):
    state = annotator.get_state()
    assert state["text"] == article.text
    assert state["paragraphs"][0][:3] == [0, article.paragraphs[0].end, 1]
    assert len(state["words"]) == article.words
    assert [(x["name"], x["key"]) for x in state["labels"]] == [
        ("source", "1"),
        ("number", "2"),
        ("loaded", "3"),
    ]
    assert len({(x["colour"], x["line"]) for x in state["labels"]}) == 3


def test_messages_from_the_front_end_add_relabel_note_remove_and_undo(annotator, article):
    start, end = offsets(article, "Dominic Caruso")
    annotator._on_front_end_message(
        annotator, {"type": "add", "start": start + 2, "end": end - 1, "label": "source"}, []
    )
    assert annotator.spans == [
        {"start": start, "end": end, "label": "source", "text": "Dominic Caruso", "note": ""}
    ]
    annotator._on_front_end_message(
        annotator, {"type": "relabel", "index": 0, "label": "loaded"}, []
    )
    annotator._on_front_end_message(
        annotator, {"type": "note", "index": 0, "note": "a name, not loaded"}, []
    )
    assert (
        annotator.spans[0]["label"] == "loaded"
        and annotator.spans[0]["note"] == "a name, not loaded"
    )
    annotator._on_front_end_message(annotator, {"type": "remove", "index": 0}, [])
    assert annotator.spans == []
    assert annotator.undo() and annotator.undo()  # back past the removal and the note
    assert annotator.spans[0]["label"] == "loaded" and annotator.spans[0]["note"] == ""
    assert annotator.undo() and annotator.spans[0]["label"] == "source"
    annotator._on_front_end_message(annotator, {"type": "remove", "index": 7}, [])
    assert "did not work" in annotator.status


def test_setting_spans_from_python_validates_and_recomputes_text(annotator, article):
    start, end = offsets(article, "Bloomberg")
    annotator.spans = [{"start": start, "end": end, "label": "source", "text": "wrong"}]
    assert annotator.spans[0]["text"] == "Bloomberg"
    for bad, message in [
        ({"start": -1, "end": 3, "label": "source"}, "not inside"),
        ({"start": 5, "end": 5, "label": "source"}, "not inside"),
        ({"start": 0, "end": 3, "label": "opinion"}, "unknown label"),
        ({"start": "0", "end": 3, "label": "source"}, "whole numbers"),
        ({"end": 3, "label": "source"}, "no 'start'"),
    ]:
        with pytest.raises(traitlets.TraitError, match=message):
            annotator.spans = [bad]
    assert annotator.spans[0]["text"] == "Bloomberg"


def test_selection_without_a_word_is_refused_politely(annotator, article):
    dash = article.text.index("—")
    assert annotator.add(dash, dash + 1, "source") is None
    assert annotator.spans == [] and "Select at least one word" in annotator.status


def test_autosave_is_atomic_and_reloads_in_a_new_widget(annotator, article, tmp_path):
    annotator.add(*offsets(article, "Gavin Newsom"), "source")
    path = annotation_path("A", "ana", tmp_path)
    assert json.loads(path.read_text())["spans"][0]["text"] == "Gavin Newsom"
    assert [p.name for p in path.parent.iterdir()] == ["A.json"]
    again = Annotator(article, learner="ana", folder=tmp_path)
    assert again.spans == annotator.spans and "Loaded 1" in again.status


def test_corrupt_file_is_moved_aside_with_a_message_and_not_overwritten(article, tmp_path):
    path = annotation_path("A", "ben", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{half a file", encoding="utf-8")
    annotator = Annotator(article, learner="ben", folder=tmp_path)
    assert "could not be read" in annotator.status and annotator.spans == []
    kept = list(path.parent.glob("A.corrupt-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "{half a file"
    annotator.add(*offsets(article, "CNN"), "source")
    assert kept[0].read_text() == "{half a file"


def test_spans_that_do_not_fit_the_article_are_left_out(article, tmp_path):
    path = annotation_path("A", "cy", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "spans": [
                    {"start": 0, "end": 99999, "label": "source"},
                    {"start": 0, "end": 3, "label": "source"},
                ]
            }
        )
    )
    annotator = Annotator(article, learner="cy", folder=tmp_path)
    assert len(annotator.spans) == 1 and "did not fit" in annotator.status


def test_learner_name_is_asked_once_then_remembered(article, tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALIT_LEARNER", raising=False)
    first = Annotator(article, folder=tmp_path)
    assert first.learner == "" and first.path is None
    first.add(*offsets(article, "CNN"), "source")  # kept in memory until the name is given
    first.learner = "Dee Dee"
    assert first.path == annotation_path("A", "Dee_Dee", tmp_path) and first.path.exists()
    assert Annotator(article, folder=tmp_path).learner == "Dee_Dee"
    monkeypatch.setenv("MEDIALIT_LEARNER", "eve")
    assert Annotator(article, folder=tmp_path / "other").learner == "eve"


def test_exports_csv_brat_and_ptc(annotator, article, tmp_path):
    annotator.add(*offsets(article, "Bloomberg"), "source", note="outlet, named")
    annotator.add(*offsets(article, "2,500"), "number")
    with open(annotator.export(tmp_path / "a.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["text"] == "2,500" and rows[1]["note"] == "outlet, named"
    ann = annotator.export(tmp_path / "a.ann").read_text(encoding="utf-8").splitlines()
    start, end = offsets(article, "Bloomberg")
    assert (
        f"T2\tsource {start} {end}\tBloomberg" in ann
        and "#2\tAnnotatorNotes T2\toutlet, named" in ann
    )
    tsv = annotator.export(tmp_path / "a.tsv").read_text(encoding="utf-8").splitlines()
    assert tsv[1] == f"A\tsource\t{start}\t{end}"
    with pytest.raises(ValueError, match="csv"):
        annotator.export(tmp_path / "a.xlsx")
    assert list(annotator.to_dataframe().columns) == ["start", "end", "label", "text", "note"]


def test_brat_fragments_spans_across_lines(tmp_path):
    article = Article.from_text("First line ends here\nand the second goes on.", id="two")
    annotator = Annotator(article, learner="x", folder=tmp_path)
    annotator.spans = [{"start": 11, "end": 28, "label": "loaded"}]
    line = annotator.export(tmp_path / "t.ann").read_text(encoding="utf-8").splitlines()[0]
    assert line == "T1\tloaded 11 20;21 28\tends here and the"


def test_compare_scores_per_label_and_shows_missed_and_extra(annotator, article):
    annotator.add(*offsets(article, "Bloomberg"), "source")
    annotator.add(*offsets(article, "sweeping series"), "source")
    key = [
        {
            "start": offsets(article, "Bloomberg")[0],
            "end": offsets(article, "Bloomberg")[1],
            "label": "source",
            "explanation": "a named outlet",
        },
        {
            "start": offsets(article, "CNN")[0],
            "end": offsets(article, "CNN")[1],
            "label": "source",
            "explanation": "a named outlet, cited twice in one sentence",
        },
    ]
    table = annotator.compare(key)
    assert table.loc["source", "precision"] == pytest.approx(0.5)
    assert table.loc["source", "recall"] == pytest.approx(0.5)
    kinds = {(r["kind"], article.text[r["start"] : r["end"]]) for r in annotator.review}
    assert kinds == {("missed", "CNN"), ("extra", "sweeping series")}
    assert "1 missed" in annotator.status
    annotator.clear_review()
    assert annotator.review == []


def test_bad_label_sets_are_refused(article):
    with pytest.raises(ValueError, match="different labels"):
        Annotator(article, labels=("a", "a"))


def test_compare_reveals_nothing_before_the_learner_marks(article, tmp_path, capsys):
    annotator = Annotator(article, learner="ana", folder=tmp_path)
    key = [{"start": 0, "end": 4, "label": "source"}]
    assert annotator.compare(key) is None  # Run All on an untouched lesson
    assert annotator.review == [] and "Nothing marked yet" in capsys.readouterr().out
    table = annotator.compare(key, reveal=True)
    assert table.loc["source", "in key"] == 1 and annotator.review[0]["kind"] == "missed"
def test_sentences_are_sent_for_keyboard_jumps(annotator, article):
    sentences = annotator.get_state()["sentences"]
    assert sentences == [[s.start, s.end] for s in article.sentences]
    assert all(article.text[a:b].strip() for a, b in sentences)


def test_a_reopened_notebook_has_a_plain_note_not_an_error(annotator):
    """The output carries a note (shown once the widget's model is gone) and the widget."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    published = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: published.append(data)
    try:
        shell.display_formatter.format(annotator)  # what `annotator` as a cell's last line does
    finally:
        del shell.display_pub.publish
        InteractiveShell.clear_instance()
    assert len(published) == 2
    note, widget = published
    assert "Run this cell to show the Annotator." in note["text/html"]
    assert widget["application/vnd.jupyter.widget-view+json"]["model_id"] == annotator.model_id
    assert widget["text/plain"] == ""  # said once, by the note
    data, _ = annotator._repr_mimebundle_()  # a front end that asks the widget alone
    assert data["text/plain"] == "Run this cell to show the Annotator."
