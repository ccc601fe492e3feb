"""Folders are analysed in one process per core, with the same results and the same isolation."""

from __future__ import annotations

import json
import os

from medialit import nlp
from medialit import report as report_module
from medialit.corpus import Article, load_articles


def _fresh(extra: str) -> list[Article]:
    return [Article.from_text(a.text + extra, id=a.id) for a in load_articles()]


def test_analysing_in_processes_gives_the_report_of_one_process(monkeypatch):
    alone = report_module.analyze(_fresh("\n\nThe mayor said 12 homes flooded."))
    monkeypatch.setattr(report_module, "PARALLEL_WORDS", 0)
    nlp._cache.clear()
    articles = _fresh("\n\nThe mayor said 12 homes flooded.")
    together = report_module.analyze(articles)
    assert json.dumps(together) == json.dumps(alone)
    # the workers' parses came back (read back only when asked for) and are the ones
    # every later question reads
    assert all(nlp._cache.get((a.text, nlp._sentence_starts(a))) for a in articles)
    assert [nlp.parse(a).text for a in articles] == [a.text for a in articles]


def test_the_figures_found_in_workers_are_not_looked_for_again_here(monkeypatch):
    from medialit import numbers

    parent, asked_here = os.getpid(), []
    find = numbers._find_quantities.function

    def counting(article):
        if os.getpid() == parent:
            asked_here.append(article.id)
        return find(article)

    monkeypatch.setattr(numbers._find_quantities, "function", counting)
    numbers._find_quantities.cache_clear()
    alone = report_module.analyze(_fresh("\n\nAbout 30 people were arrested."))
    assert asked_here == list("ABCDE")  # one process: found here, once each
    asked_here.clear()
    numbers._find_quantities.cache_clear()
    monkeypatch.setattr(report_module, "PARALLEL_WORDS", 0)
    together = report_module.analyze(_fresh("\n\nAbout 30 people were arrested."))
    assert asked_here == []  # the cross-article ledger read the workers' figures
    assert together["claims"] == alone["claims"]


def test_an_article_that_fails_in_a_worker_is_one_entry_with_an_error(monkeypatch):
    def broken(article):
        if article.id == "B":
            raise IndexError("list index out of range")
        return {}

    monkeypatch.setattr(report_module, "PARALLEL_WORDS", 0)
    monkeypatch.setattr(report_module, "ARTICLE_SECTIONS", [broken])
    report = report_module.analyze(_fresh("\n\nPolice said 3 were hurt."))
    failed = report_module.failed_entries(report)
    assert [f["id"] for f in failed] == ["B"] and "IndexError" in failed[0]["error"]
    assert [a["id"] for a in report["articles"]] == list("ABCDE")


def test_a_worker_that_dies_does_not_sink_the_report(monkeypatch):
    parent = os.getpid()

    def deadly(article):
        if article.id == "C" and os.getpid() != parent:
            os._exit(1)  # a worker killed mid-article (out of memory, say)
        return {"seen": True}

    monkeypatch.setattr(report_module, "PARALLEL_WORDS", 0)
    monkeypatch.setattr(report_module, "ARTICLE_SECTIONS", [deadly])
    report = report_module.analyze(_fresh("\n\nOfficials said 40 left."))
    assert [a["id"] for a in report["articles"]] == list("ABCDE")
    assert all(a.get("seen") for a in report["articles"])


def test_without_keep_parses_the_parses_stay_in_the_workers(monkeypatch):
    alone = report_module.analyze(_fresh("\n\nTwo officers said 9 cars burned."))
    monkeypatch.setattr(report_module, "PARALLEL_WORDS", 0)
    nlp._cache.clear()
    articles = _fresh("\n\nTwo officers said 9 cars burned.")
    together = report_module.analyze(articles, keep_parses=False)
    assert json.dumps(together) == json.dumps(alone)
    assert not any(nlp._cache.get((a.text, nlp._sentence_starts(a))) for a in articles)


def _worker_settings(_item):
    import gc

    from threadpoolctl import threadpool_info

    blas = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    return os.getpid(), blas, gc.get_freeze_count() > 0


def test_each_worker_does_its_matrix_products_on_one_thread():
    found = nlp.in_processes(_worker_settings, [1, 2], 2)
    assert all(pid != os.getpid() for pid, _, _ in found)  # done in the workers
    assert all(blas and set(blas) == {1} for _, blas, _ in found)
    assert all(frozen for _, _, frozen in found)


def test_a_parse_that_does_not_read_back_is_made_again():
    article = _fresh("\n\nA spokesman said 4 roads closed.")[0]
    nlp.adopt(article, b"not a parse")
    assert nlp.parse(article).text == article.text
