"""The kit's findings for one paragraph, lens by lens, for a learner to check against the words.

The lessons' "The machine is wrong here" sections show the kit's own output for a single paragraph
next to its text. Nothing here corrects the lenses: the point is that a learner reads what the
machine found, reads the paragraph, and says — with the words as evidence — where it went wrong.
The lesson's claim that it *is* wrong there is kept true by tests/test_fallible.py.
"""

from __future__ import annotations

from .corpus import Article


def _in(article: Article, paragraph: int, start: int) -> bool:
    p = article.paragraph(paragraph)
    return p.start <= start < p.end


def sources_in(article: Article, paragraph: int):
    """Every attribution the sourcing lens finds in one paragraph: who, how, what is quoted.

    "given as" is how the kit reads the words: direct quotation, mixed quotation or paraphrase.
    """
    import pandas as pd

    from .sourcing import find_attributions

    rows = [
        [a.source, a.mention, a.kind, a.named, a.cue, a.mode, a.quote or ""]
        for a in find_attributions(article)
        if _in(article, paragraph, a.start)
    ]
    columns = ["source", "as written", "kind", "named", "cue", "given as", "quoted words"]
    return pd.DataFrame(rows, columns=columns)


def figures_in(article: Article, paragraph: int):
    """Every figure the numbers lens finds in one paragraph: what it counts, and by whom."""
    import pandas as pd

    from .numbers import find_quantities

    rows = [
        [q.text, q.precision, q.counted, q.topic, q.scope, q.place, q.actor]
        for q in find_quantities(article)
        if _in(article, paragraph, q.start)
    ]
    columns = ["figure", "precision", "counted", "topic", "force (scope)", "place", "who acts"]
    return pd.DataFrame(rows, columns=columns)


def _whose(voice: str, speaker: str | None) -> str:
    """Whose words the kit says they are: a quotation with no speaker found is not the author's."""
    if speaker:
        return speaker
    return "(the author)" if voice == "author" else "(no speaker found)"


def loaded_words_in(article: Article, paragraph: int):
    """Every loaded word the language lens finds in one paragraph, and whose voice it is in."""
    import pandas as pd

    from .language import find_loaded_language

    rows = [
        [t.text, t.technique_name, t.voice, _whose(t.voice, t.speaker)]
        for t in find_loaded_language(article)
        if _in(article, paragraph, t.start)
    ]
    columns = ["words", "technique", "voice", "whose words, says the kit"]
    return pd.DataFrame(rows, columns=columns)
