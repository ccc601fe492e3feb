"""Each lesson's "The machine is wrong here" section stays true: the kit still makes that
error, and the text still says what the lesson's answer says it says."""

from __future__ import annotations

from medialit.fallible import figures_in, loaded_words_in, sources_in


def test_sourcing_drops_the_not_of_haven_t_reported_in_c_7(by_id):
    # Lesson 01: the kit lists the outlets in C ¶7 with cue "reported"; the text says they have not.
    c = by_id["C"]
    text = c.paragraph(7).text
    said = "Multiple outlets, including AP News, haven’t reported large-scale coordinated violence"
    assert said in text
    assert text.startswith("There’s little public evidence — at least at the moment — to support")
    found = sources_in(c, 7)
    assert set(zip(found["source"], found["cue"], strict=True)) >= {
        ("Multiple outlets", "reported"),
        ("AP News", "reported"),
    }
    # no column of the table says "not"
    cells = [str(value) for value in found.to_numpy().ravel()]
    assert not any(neg in cell for cell in cells for neg in ("n’t", "n't", "not"))


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


# --- the graded "machine is wrong here" items of exercises 01–03 --------------------------------
# Each item shows the kit's finding at run time and keys the words of the text that show the
# error. If a lens is fixed, these fail: pick another error the kit still makes, and change the key.


def test_exercise_01_sourcing_reads_fidans_own_words_in_a_16_as_a_paraphrase(by_id):
    a = by_id["A"]
    text = a.paragraph(16).text
    sentence = (
        "The same country that lectures us on human rights is now using its army against its own "
        "people, said Turkish Foreign Minister Hakan Fidan."
    )
    assert text.endswith(sentence)
    assert not any(mark in text for mark in "“”\"")  # first person ("us"), no quotation marks
    found = sources_in(a, 16).set_index("source")
    assert found.loc["Hakan Fidan", "cue"] == "said"
    assert found.loc["Hakan Fidan", "given as"] == "paraphrase"
    assert found.loc["Hakan Fidan", "quoted words"] == ""


def test_exercise_02_numbers_gives_ds_20000_the_southern_border_of_the_10000(by_id):
    d = by_id["D"]
    text = d.paragraph(23).text
    assert (
        "Trump has deployed 10,000 troops to the southern border, 20,000 National Guard agents in "
        "mass deportation operations and established" in text
    )
    found = figures_in(d, 23).set_index("figure")
    assert found.loc["20,000", "place"] == "southern border"
    assert found.loc["10,000", "place"] == "southern border"  # the one the text does put there
    # the item's one wrong column: the rest of the row is what the text says
    assert found.loc["20,000", "force (scope)"] == "National Guard"
    assert found.loc["20,000", "precision"] == "exact"


def test_exercise_03_language_reads_ds_as_if_comparison_as_the_authors_own_label(by_id):
    d = by_id["D"]
    text = d.paragraph(8).text
    assert "as if they were prisoners of war or dangerous criminals." in text
    assert text.count("dangerous criminals") == 1 and "“dangerous" not in text
    found = loaded_words_in(d, 8).set_index("words")
    assert found.loc["dangerous criminals", "voice"] == "author"
    assert found.loc["dangerous criminals", "technique"] == "Appeal to fear / prejudice"


def test_a_quotation_with_no_speaker_found_is_not_shown_as_the_authors(by_id):
    found = loaded_words_in(by_id["A"], 7).set_index("words")
    assert found.loc["criminals", "voice"] == "quoted"  # on a protest sign: "We are not criminals"
    assert found.loc["criminals", "whose words, says the kit"] != "(the author)"
