"""The fast attribute ruler and lemmatizer give exactly spaCy's own token attributes.

`medialit.spacy_rules` works spaCy's rule components out once per word type; this checks,
token by token, that every attribute of the parse is what spaCy's own pipeline gives.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from medialit import nlp
from medialit.corpus import Article

ATTRIBUTES = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

AWKWARD = (
    "Y'all gonna see it, she said. Let's go! I ain't got nothin' to say, he said; gotta run. "
    "Is it there? There are two. It's theirs, and you'll find it, but it isn't mine. "
    "C'mon, they didn't do it, did they? He does, whether or not it rains.\n\n"
    "Said   the   mayor: \u201cThat   is   all.\u201d  But   no.\n\n  \n Done ."
)


def spacy_own(articles: list[Article]) -> list:
    """The articles parsed by spaCy's own pipeline, every component as loaded."""
    pipeline = nlp.load_pipeline()
    return list(pipeline.pipe((nlp._prepare(a) for a in articles), batch_size=16))


def test_the_fast_components_are_the_ones_running():
    from spacy.pipeline import AttributeRuler, Lemmatizer

    steps = dict(nlp._steps())
    assert not isinstance(steps["attribute_ruler"], AttributeRuler)
    assert not isinstance(steps["lemmatizer"], Lemmatizer)


def _assert_same(articles: list[Article]) -> None:
    mine = nlp.parse_many(articles)
    theirs = spacy_own(articles)
    compared = 0
    for article, a, b in zip(articles, mine, theirs, strict=True):
        assert a.text == b.text
        same = a.to_array(ATTRIBUTES) == b.to_array(ATTRIBUTES)
        if not same.all():
            token = int(np.argmin(same.all(axis=1)))
            pytest.fail(f"{article.id}: token {token} {a[token].text!r} differs from spaCy's")
        compared += len(a)
    assert compared > 1000 or len(articles) == 1


def test_token_attributes_are_spacys_own_on_the_five(articles):
    fresh = [Article.from_text(a.text + "\n\nOne more line.", id=a.id) for a in articles]
    _assert_same(fresh)


def test_token_attributes_are_spacys_own_on_real_news(wikinews):
    _assert_same(wikinews)


def test_token_attributes_are_spacys_own_on_contractions_and_spaces():
    # the model's few multi-word rules ("gon na", "let 's", "ai n't") and blank tokens
    _assert_same([Article.from_text(AWKWARD, id="awkward")])
    doc = nlp.parse(Article.from_text(AWKWARD, id="awkward"))
    assert {t.lemma_ for t in doc if t.lower_ in {"gon", "na"}} == {"go", "to"}
