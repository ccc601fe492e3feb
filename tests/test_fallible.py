"""Each lesson's "The machine is wrong here" section stays true: the kit still makes that
error, and the text still says what the lesson's answer says it says."""

from __future__ import annotations

from medialit.fallible import figures_in, loaded_words_in, sources_in


def test_sourcing_misses_the_spokesperson_quoted_in_c_10(by_id):
    # Lesson 01: the kit finds the ACLU in C ¶10 but no source for the quoted words.
    c = by_id["C"]
    text = c.paragraph(10).text
    quote = "a spokesperson calling the president’s remarks “dangerous and detached from reality.”"
    assert quote in text
    assert "Governor Gavin Newsom and Los Angeles Mayor Karen Bass" in text  # whose? unsaid
    found = sources_in(c, 10)
    assert "ACLU" in set(found["source"])
    assert not found["quoted words"].str.contains("dangerous").any()
    assert not found["as written"].str.contains("spokes").any()


def test_numbers_files_mexicos_guard_with_the_us_guard_in_d_31(by_id):
    # Lesson 02: Sheinbaum's 10,000 National Guard on Mexico's northern border get the same
    # force label as the US National Guard sent to Los Angeles.
    d = by_id["D"]
    text = d.paragraph(31).text
    assert "Latin American governments" in text
    assert "the government of Claudia Sheinbaum" in text
    assert "militarised the northern border with 10,000 National Guard elements" in text
    found = figures_in(d, 31)
    row = found[found["figure"] == "10,000"].iloc[0]
    assert (row["topic"], row["force (scope)"]) == ("troops", "National Guard")
    us_guard = figures_in(by_id["B"], 8)
    assert "National Guard" in set(us_guard["force (scope)"])


def test_language_gives_the_authors_endless_and_unleashed_to_trump_in_d_15(by_id):
    # Lesson 03: the clause after "when" is the author's own claim, not Trump's.
    d = by_id["D"]
    text = d.paragraph(15).text
    assert "when the violence to break up and attack peaceful demonstrations - as endless" in text
    assert "has been unleashed by the state." in text
    found = loaded_words_in(d, 15).set_index("words")
    for word in ("endless", "unleashed"):
        assert found.loc[word, "whose words, says the kit"] == "Trump"
        assert found.loc[word, "voice"] != "author"


def test_d_and_e_both_end_with_calls_to_action_though_the_kit_counts_only_ds(articles, by_id):
    # Lesson 03 §3 applies one rule to both: D's imperatives and E's "the urgent task is to build…".
    from medialit.language import language_table

    assert "We must understand" in by_id["D"].text and "Let us win with unity" in by_id["D"].text
    assert "The urgent task today is to build a leadership" in by_id["E"].text
    assert "This means building up the WRP" in by_id["E"].text
    counts = language_table(articles)["call_to_action"]
    assert counts["D"] > 0 and counts["E"] == 0


def test_lesson_00s_evidence_for_which_way_the_five_lean_is_in_their_words(by_id):
    # Lesson 00 quotes each article's own voice; the words must be there, outside quotation marks.
    own_voice = {
        "A": "aggressive Immigration and Customs Enforcement (ICE) raids",
        "C": "There’s little public evidence",
        "D": "brutal repression ordered by Donald Trump's far-right government",
        "E": "the complete domination of paramilitary forces of the capitalist state",
    }
    for article_id, words in own_voice.items():
        text = by_id[article_id].text
        assert words in text, article_id
        before = text[: text.index(words)].split("\n")[-1]
        assert before.count("“") == before.count("”") and before.count('"') % 2 == 0, article_id
    b = by_id["B"].text
    assert "Now violent, insurrectionist mobs are swarming" in b  # Trump's post, quoted at length
    assert "Governor Gavin Newsom called the president’s move “deliberate incitement.”" in b


def test_the_reference_table_backs_lesson_02s_answer_on_sheinbaum():
    from medialit.sourcing import reference_table

    table = reference_table().set_index("name")
    assert table.loc["Claudia Sheinbaum", "role_in_june_2025"].startswith("President of Mexico")
