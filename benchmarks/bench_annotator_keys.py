"""How many key presses does the Annotator need to reach a word? Prints figures; asserts nothing.

For every word of the five articles, counts the presses of the Annotator's own jumps
(annotator.js): Ctrl+Home, then Page Down per paragraph, ↓ per sentence and → per word —
against word steps only, which was all the old widget had (its cursor also went back to
the first word after every label). tests/test_annotator_browser.py presses one such
sequence in Chromium ("Newsom" in B ¶9) and checks that it lands on the word. Run: `make bench`.
"""

from __future__ import annotations

import statistics

from medialit.corpus import load_articles, word_spans


def presses(article) -> list[tuple[int, int]]:
    """(jumps, word steps only) for each word of the article."""
    words = word_spans(article.text)
    counts = []
    for index, (start, _) in enumerate(words):
        paragraph = next(p for p in article.paragraphs if p.start <= start < p.end)
        in_para = [s for s in article.sentences if s.paragraph == paragraph.number]
        sentence = next((i for i, s in enumerate(in_para) if s.start <= start < s.end), 0)
        begins = in_para[sentence].start if in_para else paragraph.start
        first = next(i for i, (s, _) in enumerate(words) if s >= begins)
        jumps = 1 + article.paragraphs.index(paragraph) + sentence + (index - first)
        counts.append((jumps, index + 1))
    return counts


def main() -> None:
    print("Key presses to put the Annotator's cursor on a word, from the first word")
    print(f"{'article':<8}{'words':>6}{'median':>8}{'max':>6}{'word steps: median':>20}{'max':>6}")
    for article in load_articles():
        counts = presses(article)
        jumps = [j for j, _ in counts]
        steps = [s for _, s in counts]
        print(
            f"{article.id:<8}{len(counts):>6}{statistics.median(jumps):>8.0f}{max(jumps):>6}"
            f"{statistics.median(steps):>20.0f}{max(steps):>6}"
        )


if __name__ == "__main__":
    main()
