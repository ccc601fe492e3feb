"""The class view over a folder of synthetic learners' files."""

from __future__ import annotations

import pytest

from medialit.annotations import class_view, save_spans
from medialit.corpus import load_articles


@pytest.fixture
def article():
    return load_articles(["B"])[0]


def span(article, phrase, label):
    start = article.text.index(phrase)
    return {"start": start, "end": start + len(phrase), "label": label}


def test_heat_map_agreement_phrases_and_key(article, tmp_path):
    # Three learners agree on the sources; one also marks a number the others did not.
    for name in ("ana", "ben", "cy"):
        save_spans(
            "B",
            [span(article, "eyewitnesses", "source"), span(article, "Gavin Newsom", "source")],
            learner=name,
            folder=tmp_path,
        )
    save_spans(
        "B",
        [span(article, "eyewitnesses", "source"), span(article, "2,000", "number")],
        learner="dee",
        folder=tmp_path,
    )
    (tmp_path / "annotations" / "eve").mkdir()
    (tmp_path / "annotations" / "eve" / "B.json").write_text("not json", encoding="utf-8")
    key = [
        span(article, "eyewitnesses", "source") | {"explanation": "unnamed"},
        span(article, "Gavin Newsom", "source") | {"explanation": "named"},
    ]
    view = class_view(tmp_path, article, labels=["source", "number"], key=key)
    assert sorted(view.learners) == ["ana", "ben", "cy", "dee"]
    assert any("could not be read" in p for p in view.problems)
    counts = view.word_counts.set_index("word")
    assert counts.loc["eyewitnesses", "source"] == 4
    assert counts.loc["Newsom", "source"] == 3
    assert counts.loc["2,000", "number"] == 1
    assert 0 < view.agreement["source"] < 1
    assert view.top_phrases.iloc[0].to_dict() == {
        "label": "source",
        "phrase": "eyewitnesses",
        "learners": 4,
    }
    dee = view.versus_key.set_index(["learner", "label"]).loc[("dee", "source")]
    assert dee["recall"] == pytest.approx(0.5) and dee["precision"] == pytest.approx(1.0)
    html = view._repr_html_()
    assert "eyewitnesses<sup>4</sup>" in html and "Krippendorff" in html


def test_agreement_is_perfect_when_everyone_marks_the_same(article, tmp_path):
    for name in ("a", "b"):
        save_spans("B", [span(article, "Gavin Newsom", "source")], learner=name, folder=tmp_path)
    view = class_view(tmp_path, article, labels=["source"])
    assert view.agreement["source"] == pytest.approx(1.0)


def test_one_learner_has_no_agreement_figure(article, tmp_path):
    save_spans("B", [span(article, "Gavin Newsom", "source")], learner="solo", folder=tmp_path)
    assert class_view(tmp_path, article).agreement == {"source": None}
