"""The sourcing lens on the five articles (a hand-made key) and on texts it was not built from."""

from __future__ import annotations

import pytest

from medialit.corpus import Article
from medialit.nlp import parse
from medialit.sourcing import (
    KINDS,
    MODES,
    attribution_spans,
    audit,
    find_attributions,
    lexicon,
    sourcing_summary,
    sourcing_table,
)

# Made by reading each article: the sources it cites, named and unnamed (unnamed ones by a
# word that must appear in the source as found). Each named source is one set of the ways the
# article writes it: the lens must give it one id, whichever spelling the article uses.
NAMED = {
    "A": [
        {"Bloomberg"},
        {"Pentagon"},
        {"Dominic Caruso"},
        {"Donald Trump"},
        {"CNN"},
        {"NewNationNow", "NewsNationNow"},
        {"Gavin Newsom"},
        {"Sarah Kent"},
        {"Gazeta.ru", "Russian Gazeta"},
        {"Igor Korotchenko"},
        {"LA Times", "Los Angeles Times"},
        {"Alexandria Ocasio-Cortez"},
        {"Tim Kaine"},
        {"Hakan Fidan"},
    ],
    "B": [
        {"Donald Trump"},
        {"US Department of Homeland Security"},
        {"California prosecutor’s office"},
        {"Gavin Newsom"},
    ],
    "C": [{"Donald Trump"}, {"AP News"}, {"ACLU"}, {"Migration Policy Institute"}],
    "D": [{"Trump", "Donald Trump"}],
    "E": [{"White House memo"}, {"Gavin Newson"}, {"Nanette Barragan"}, {"Trump"}],
}
UNNAMED = {
    # ("moderate figures such as Senator Tim Kaine" in ¶14 may be read as Kaine alone)
    "A": {"reportedly", "eyewitness", "council members", "lawmakers", "officials"},
    "B": {"eyewitnesses", "authorities"},
    # C ¶ "with a spokesperson calling the president's remarks “dangerous …”": the spokesperson
    "C": {"outlets", "groups", "statistics", "studies", "president", "spokesperson"},
    "D": set(),
    "E": set(),
}
# Found, and defensible, but not in the key. D: "The Republicans use the classic demagogy of the
# ultra-right, blaming migration…" (¶29) and "the government of Claudia Sheinbaum, who while
# criticising Trump in words…" (¶31) report what a party and a president say.
ACCEPTABLE_EXTRA = {"D": {"Republicans", "Claudia Sheinbaum"}}


@pytest.mark.parametrize("article_id", "ABCDE")
def test_named_sources_one_id_each_and_nothing_spurious(by_id, article_id):
    found = find_attributions(by_id[article_id])
    named = {a.source for a in found if a.named}
    key = NAMED[article_id]
    hits = [group for group in key if named & group]
    assert len(hits) / len(key) >= 0.95, [g for g in key if g not in hits]
    for group in key:
        assert len(named & group) <= 1, f"one source, two ids: {named & group}"
    spurious = named - set().union(*key) - ACCEPTABLE_EXTRA.get(article_id, set())
    assert not spurious, spurious
    unnamed = [
        a.source.casefold() for a in found if not a.named and "(not resolved)" not in a.source
    ]
    for word in UNNAMED[article_id]:
        assert any(word in source for source in unnamed), (word, unnamed)
    assert len(set(unnamed)) <= len(UNNAMED[article_id])


def test_no_date_time_or_event_is_ever_a_source(articles):
    terms = lexicon().terms
    for article in articles:
        doc = parse(article)
        for a in find_attributions(article):
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            assert span.root.ent_type_ not in {"DATE", "TIME", "CARDINAL"}, a
            assert terms.get(a.source.casefold()) != "not a source", a
            assert a.kind in KINDS and a.mode in MODES, a


def test_the_kit_marks_the_names_exercise_01_asks_for(by_id):
    # solutions/keys/01_sourcing.toml, q5: the named sources of A's paragraphs 9-11, by hand
    key = [(2978, 2988), (3224, 3233), (3513, 3529), (3544, 3558), (3573, 3581), (3592, 3609)]
    spans = attribution_spans(by_id["A"], paragraphs=[9, 10, 11])
    assert sorted((s.start, s.end) for s in spans) == key


def test_offsets_point_at_the_source_words(articles):
    for article in articles:
        for a in find_attributions(article):
            assert article.text[a.start : a.end] == a.mention


def test_roles_are_kept_apart_from_names(by_id):
    found = {}
    for a in find_attributions(by_id["A"]):
        found.setdefault(a.source, a)  # the first mention, where the article gives the role
    assert found["Gavin Newsom"].role == "California Governor"
    assert found["Sarah Kent"].role == "White House Press Secretary"
    assert found["Hakan Fidan"].role == "Turkish Foreign Minister"
    kinds = {a.source: a.kind for a in find_attributions(by_id["A"])}
    assert (
        kinds["CNN"] == kinds["Gazeta.ru"] == "news outlet" and kinds["Pentagon"] == "official body"
    )


def test_pronouns_and_surnames_point_back_to_the_named_source(by_id):
    a = find_attributions(by_id["A"])
    assert {x.source for x in a if x.mention in {"He", "She", "she"}} == {
        "Gavin Newsom",
        "Sarah Kent",
        "Alexandria Ocasio-Cortez",
    }
    assert any(x.mention == "Kaine" and x.source == "Tim Kaine" for x in a)
    assert any(x.mention == "The paper" and x.source == "Los Angeles Times" for x in a)
    b = find_attributions(by_id["B"])
    assert any(x.mention == "he" and x.source == "Donald Trump" and x.quote for x in b)


UNSEEN = [
    (
        "According to the Associated Press, the vote was delayed.",
        [("Associated Press", "news outlet", True, "according to")],
    ),
    (
        "The plan will fail, according to two senior officials.",
        [("two senior officials", "group", False, "according to")],
    ),
    (
        "“We are ready,” said Mayor Lisa Chen. “It is over,” Chen said.",
        [("Lisa Chen", "person", True, "said"), ("Lisa Chen", "person", True, "said")],
    ),
    (
        "Gov. Maria Lopez told reporters on Friday that the bridge would reopen. "
        "She added that repairs would cost more.",
        [("Maria Lopez", "person", True, "told"), ("Maria Lopez", "person", True, "added")],
    ),
    (
        "The Guardian reported that the company had closed.",
        [("Guardian", "news outlet", True, "reported")],
    ),
    (
        "Police reportedly fired warning shots near the square.",
        [("reportedly (no source named)", "unspecified", False, "reportedly")],
    ),
    (
        "Studies show that reading aloud helps young children.",
        [("Studies", "document or statement", False, "show")],
    ),
    (
        "A spokesperson for the ministry declined to comment.",
        [("spokesperson for the ministry", "person", False, "declined")],
    ),
    (
        "Eyewitnesses said the fire started at noon.",
        [("Eyewitnesses", "group", False, "said")],
    ),
    (
        "In Chicago on Tuesday, the city council said it would vote again.",
        [("city council", "official body", False, "said")],
    ),
    (
        "Dr. Amir Patel, a researcher at the university, warned that cases were rising.",
        [("Amir Patel", "person", True, "warned")],
    ),
    (
        "The Ministry of Health said in a statement that 40 people were treated.",
        [("Ministry of Health", "official body", True, "said")],
    ),
    (
        "Senator John Ruiz tweeted that the bill was dead.",
        [("John Ruiz", "person", True, "tweeted")],
    ),
    (
        "Officials say the storm caused the flood in Houston.",
        [("Officials", "group", False, "say")],
    ),
    ("Paris said nothing. On Monday, protests grew in Berlin. Last June was hot.", []),
    ("The report was described as alarming. The leader accused of fraud left.", []),
]


@pytest.mark.parametrize(("text", "expected"), UNSEEN, ids=[t[:30] for t, _ in UNSEEN])
def test_unseen_sentences(text, expected):
    found = find_attributions(Article.from_text(text, id="unseen"))
    assert [(a.source, a.kind, a.named, a.cue) for a in found] == expected


def test_quotation_is_attached_to_its_speaker():
    found = find_attributions(Article.from_text("“We are ready,” said Mayor Lisa Chen.", id="q"))
    assert found[0].quote == "We are ready" and found[0].mode == "direct quotation"
    assert found[0].role == "Mayor"


# --- the audit --------------------------------------------------------------------------------


def _kinds(article):
    return sorted(f.kind for f in audit(article) if f.kind != "unattributed statistic")


def test_audit_finds_every_problem_found_by_hand_in_a(by_id):
    flags = [f for f in audit(by_id["A"]) if f.kind != "unattributed statistic"]
    text = by_id["A"].text
    assert sorted(f.kind for f in flags) == sorted(
        [
            "duplicate attribution",
            "variant spelling",
            "variant spelling",
            "variant spelling",
            "garbled attribution",
            "quotation without marks",
        ]
    )
    spots = {f.kind: text[f.start : f.end] for f in flags if f.kind != "variant spelling"}
    assert "numerous children" in spots["duplicate attribution"]
    assert spots["garbled attribution"].startswith("according to LA Times, that")
    assert "lectures us on human rights" in spots["quotation without marks"]
    variants = {
        frozenset(f.message.split("“")[i].split("”")[0] for i in (1, 2))
        for f in flags
        if f.kind == "variant spelling"
    }
    assert variants == {
        frozenset({"NewNationNow", "NewsNationNow"}),
        frozenset({"Gazeta.ru", "Russian Gazeta"}),
        frozenset({"LA Times", "Los Angeles Times"}),
    }


@pytest.mark.parametrize("article_id", "BCDE")
def test_no_duplicated_or_garbled_attributions_in_the_others(by_id, article_id):
    assert _kinds(by_id[article_id]) == []


def test_clean_control_text_gets_no_flag():
    control = Article.from_text(
        "City officials opened the new library on Saturday.\n"
        "“It took four years,” said Mayor Ana Ruiz. The building cost $12 million, "
        "according to the city’s budget office.\n"
        "The Daily Herald reported that 1,200 people visited on the first day, "
        "citing figures from the library.",
        id="control",
    )
    assert audit(control) == []


def test_role_change_quotation_without_speaker_and_statistics_on_unseen_text():
    text = Article.from_text(
        "Mayor Ana Ruiz said the budget was balanced. Council member Ana Ruiz said it was not.\n"
        "The crowd grew to 5,000 people by noon.\n"
        "“We will not leave this square until we are heard,” was painted on a banner.",
        id="unseen",
    )
    kinds = [f.kind for f in audit(text)]
    assert "role changes" in kinds and "quotation without a speaker" in kinds
    statistic = next(f for f in audit(text) if f.kind == "unattributed statistic")
    assert text.text[statistic.start : statistic.end] == "5,000"


def test_dates_and_years_are_not_statistics():
    text = Article.from_text(
        "On 5 April 2025 the law of 1807 was cited again on June 14 after 9/11.", id="d"
    )
    assert [f.kind for f in audit(text)] == []


def test_a_persons_age_is_not_an_unattributed_statistic():
    text = Article.from_text(
        "Paweł Adamowicz, 53, died in hospital. Officials counted 40,000 mourners in the square.",
        id="ages",
    )
    flagged = [
        text.text[f.start : f.end] for f in audit(text) if f.kind == "unattributed statistic"
    ]
    assert flagged == ["40,000"]


def test_summary_and_table(by_id, articles):
    summary = sourcing_summary(by_id["A"])
    assert summary["distinct_named"] == 14  # 17 spellings; 3 outlets are written two ways
    assert 0 < summary["claim_sentences_attributed_share"] < 1
    table = sourcing_table(articles)
    assert list(table.index) == list("ABCDE")
    assert table.loc["A", "named sources"] > table.loc["D", "named sources"]


# --- the examples of issue 11: role-only, inverted, pronoun and merged speakers ----------------

ISSUE_EXAMPLES = [
    ("“We must act,” the mayor said.", ("mayor", "person", False, "direct quotation")),
    ("“It was close,” said coach Lee Kim.", ("Lee Kim", "person", True, "direct quotation")),
    (
        "The professor wrote that the data were flawed.",
        ("professor", "person", False, "paraphrase"),
    ),
    (
        "The plan failed, according to a report.",
        ("report", "document or statement", False, "paraphrase"),
    ),
    (
        "“Nobody believed it,” said one ex-House aide.",
        ("one ex-House aide", "person", False, "direct quotation"),
    ),
    (
        "A former Senate staffer said the vote was rigged.",
        ("former Senate staffer", "person", False, "paraphrase"),
    ),
    (
        "An unnamed former aide said the plan was dead.",
        ("unnamed former aide", "person", False, "paraphrase"),
    ),
    (
        "An ex-Secret Service agent said the guards were tired.",
        ("ex-Secret Service agent", "person", False, "paraphrase"),
    ),
    (
        "One political veteran said the race was over.",
        ("One political veteran", "person", False, "paraphrase"),
    ),
    ("Police said two people were hurt.", ("Police", "official body", False, "paraphrase")),
    (
        "Reporters were told by Health Minister Ali Khan that the clinic would close.",
        ("Ali Khan", "person", True, "paraphrase"),
    ),
    (
        "Governor Gavin Newsom called the move “deliberate incitement.”",
        ("Gavin Newsom", "person", True, "mixed quotation"),
    ),
    (
        "In a statement, the ministry expressed regret over the deaths.",
        ("ministry", "official body", False, "paraphrase"),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), ISSUE_EXAMPLES, ids=[t[:30] for t, _ in ISSUE_EXAMPLES]
)
def test_issue_examples(text, expected):
    (found,) = find_attributions(Article.from_text(text, id="issue"))
    assert (found.source, found.kind, found.named, found.mode)[: len(expected)] == expected


def test_role_only_speakers_keep_their_role():
    (found,) = find_attributions(Article.from_text("A former Senate staffer said so.", id="r"))
    assert found.role == "former Senate staffer" and not found.named


def test_she_never_points_back_to_an_organisation():
    text = "The ACLU criticised the rule on Monday. She said it was unfair."
    found = find_attributions(Article.from_text(text, id="p"))
    assert [a.source for a in found if a.mention == "She"] == ["she (not resolved)"]
    text = "Jane Roe spoke first. The ACLU criticised the rule. She said it was unfair."
    found = find_attributions(Article.from_text(text, id="p"))
    assert [a.source for a in found if a.mention == "She"] == ["Jane Roe"]


def test_pronouns_look_back_two_sentences_or_within_the_paragraph():
    text = "Jane Roe arrived.\nIt rained. Shops shut. Trains were late. She said it was over."
    found = find_attributions(Article.from_text(text, id="p"))
    assert [a.source for a in found] == ["she (not resolved)"]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        (
            "The American Civil Liberties Union sued the city. The ACLU said the law was unfair.",
            {"American Civil Liberties Union"},
        ),
        ("Senator Jane Roe said it would pass. Roe added that talks would go on.", {"Jane Roe"}),
        ("The mayor, Ana Ruiz, said it was balanced. Ms. Ruiz said cuts were over.", {"Ana Ruiz"}),
        (
            "Officials at the State Department met. The department said visas were frozen.",
            {"State Department"},
        ),
    ],
)
def test_one_source_one_id(text, ids):
    found = find_attributions(Article.from_text(text, id="m"))
    assert {a.source for a in found} == ids
    assert all(a.named for a in found)


def test_quotation_without_a_speaker_only_when_none_is_near():
    near = "The vote was close. “We will not give up on this city,” Kim said on Monday."
    assert [f.kind for f in audit(Article.from_text(near, id="q"))] == []
    previous = "Kim spoke on Monday. “We will not give up on this city or its people.”"
    assert [f.kind for f in audit(Article.from_text(previous, id="q"))] == []
    far = "The vote was close.\n\nIt rained.\n\n“We will not give up on this city or its people.”"
    flags = [f.kind for f in audit(Article.from_text(far, id="q"))]
    assert flags == ["quotation without a speaker"]


HOSTILE = {
    "according to at the end": "The crowd grew, according to the report.",
    "markdown link": (
        "It rained, according to [the report](https://x.org/r).\n\n# Head\n\n*Said* **he**."
    ),
    "one long sentence": " ".join(["officials said the water rose and"] * 200) + " stopped.",
    "numbers only": "1, 2, 3, 4, 5, 6, 7, 8, 9, 10",
    "no sentence": "according to",
    "crlf and bom": "\ufeffThe mayor said it was over.\r\n\r\n“Yes,” she said.\r\n",
    "lone quote marks": "“ ” \" ' ’ ‘ according to “",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_lens_never_fails_and_offsets_index_the_text(text):
    article = Article.from_text(text, id="hostile")
    for a in find_attributions(article):
        assert article.text[a.start : a.end] == a.mention and a.mention
        assert "](" not in a.mention
    for flag in audit(article):
        assert 0 <= flag.start < flag.end <= len(article.text)
    sourcing_summary(article)


def test_the_lens_runs_on_all_171_wikinews_articles(wikinews):
    articles = wikinews
    assert len(articles) == 171
    found = 0
    for article in articles:
        attributions = find_attributions(article)
        audit(article, attributions)
        sourcing_summary(article, attributions)
        for a in attributions:
            assert article.text[a.start : a.end] == a.mention, (article.id, a)
            assert a.kind in KINDS and a.mode in MODES
        found += len(attributions)
    assert found > 3 * len(articles)  # real news attributes: a lens that finds nothing fails


def test_joined_speakers_each_count_but_a_new_clause_is_no_source():
    text = "Senator John Smith and Governor Mary Jones said the plan failed."
    found = find_attributions(Article.from_text(text, id="j"))
    pairs = [(a.source, a.role) for a in found]
    assert pairs == [("John Smith", "Senator"), ("Mary Jones", "Governor")]
    text = "According to the researchers, sacrifice and burial of ibises were common."
    assert [a.source for a in find_attributions(Article.from_text(text, id="j"))] == ["researchers"]


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez, a nurse in Dunmore, said it was full. Maria added that staff were tired.",
        "Maria Lopez, a nurse in Dunmore, said it was full. Later Lopez said staff were tired.",
    ],
)
def test_a_first_name_or_surname_alone_is_the_person_already_named(text):
    found = find_attributions(Article.from_text(text, id="n"))
    assert [(a.source, a.named) for a in found] == [("Maria Lopez", True)] * 2


def test_a_first_name_shared_by_two_people_names_neither():
    text = (
        "Maria Lopez said the clinic was full. Maria Okafor said the school was shut. "
        "Maria added that staff were tired."
    )
    found = find_attributions(Article.from_text(text, id="n"))
    assert [a.source for a in found] == ["Maria Lopez", "Maria Okafor", "Maria"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Governor Ana Ruiz signed the bill on Monday. The governor said it would save money.",
            ("Ana Ruiz", True),
        ),
        (  # two could fit "the mayor" only by title: the one whose title says mayor
            "Mayor Tom Bell opened the bridge. Governor Ana Ruiz spoke later. "
            "The mayor said traffic would ease.",
            ("Tom Bell", True),
        ),
        (  # two mayors: the nearest earlier one
            "Mayor Tom Bell opened the bridge. Mayor Ines Varga closed the road. "
            "The mayor said traffic would ease.",
            ("Ines Varga", True),
        ),
        ("The mayor said the road was closed.", ("mayor", False)),
        (  # the text never calls Acme a company by name or title: no guess
            "Acme Corporation cut 200 jobs. The company said demand had fallen.",
            ("company", False),
        ),
        (
            "The Tarville Water Agency raised prices. The agency said pipes were old.",
            ("Tarville Water Agency", True),
        ),
    ],
)
def test_a_role_alone_points_back_to_the_named_holder_of_that_role(text, expected):
    found = find_attributions(Article.from_text(text, id="r"))
    assert (found[-1].source, found[-1].named) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The governor published a statement saying the ban was unfair.", ("governor", "saying")),
        (
            "The council, which met on Tuesday, issued a notice saying the park would close.",
            ("council", "saying"),
        ),
        ("Protesters blocked the road, claiming the vote was rigged.", ("Protesters", "claiming")),
    ],
)
def test_a_participle_cue_takes_the_speaker_of_the_verb_it_hangs_from(text, expected):
    found = find_attributions(Article.from_text(text, id="p"))
    assert [(a.source, a.cue) for a in found] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The pregnancy threatened her life, doctors said.", ["doctors"]),
        ("The storm warned of worse to come.", []),
        ("Ivo's condition was reported as stable.", []),
        ("Hospital staff said the ward was safe.", ["Hospital staff"]),  # people, not a thing
        ("Some 600 nuns reported abuse.", ["Some 600 nuns"]),  # an unknown plural may be people
        ("The event description read that entry was free.", ["event description"]),
    ],
)
def test_a_thing_as_subject_is_no_source(text, expected):
    found = find_attributions(Article.from_text(text, id="t"))
    assert [a.source for a in found] == expected


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Former US Ambassador to Germany Jan Novak alleged that the talks had failed.",
            "Jan Novak",
            "Former US Ambassador to Germany",
        ),
        (
            "Chief Executive Officer Lee Park said sales were up.",
            "Lee Park",
            "Chief Executive Officer",
        ),
        (
            "UN Special Rapporteur on Housing Leilani Farr warned that rents were rising.",
            "Leilani Farr",
            "UN Special Rapporteur on Housing",
        ),
        (
            "Vice Chancellor for Research Priya Nand said funding had fallen.",
            "Priya Nand",
            "Vice Chancellor for Research",
        ),
        (
            "Director-General of Health Amara Sule said cases were falling.",
            "Amara Sule",
            "Director-General of Health",
        ),
    ],
)
def test_a_title_and_name_subject_names_the_person_and_keeps_the_title_as_role(text, name, role):
    (found,) = find_attributions(Article.from_text(text, id="t"))
    assert (found.source, found.role, found.kind, found.named) == (name, role, "person", True)
    assert text[found.start : found.end] == found.mention


def test_a_place_after_a_titled_name_is_not_the_name():
    text = (
        "The road was calm, according to Chief Inspector Rui Santos of the police of the North "
        "Region in Western Velmar. Santos claimed that it was calm."
    )
    found = find_attributions(Article.from_text(text, id="t"))
    assert [a.source for a in found] == ["Rui Santos", "Rui Santos"]


def test_lesson_01_on_article_a_holds(articles):
    """Lesson 01 says A names far more sources than any other article, and that the audit
    flags A's attributions more than any other's (figures without a source counted apart)."""
    from medialit.sourcing import sourcing_table

    table = sourcing_table(articles)
    others = table.drop(index="A")
    assert table.loc["A", "named sources"] >= 2 * others["named sources"].max()
    assert table.loc["A", "attribution flags"] > others["attribution flags"].max()


# --- what counts as an attribution (the blind key's guidelines), on sentences written for them --

def _found(text: str):
    return find_attributions(Article.from_text(text, id="guide"))


GUIDELINE_EXAMPLES = [
    # agentless reports: an attribution with no speaker
    ("It was reported that the bridge had closed.", ("reported (no source named)", False)),
    ("Twelve miners were said to be missing.", ("said (no source named)", False)),
    # research findings with a clause; a person's suggestion
    ("The researchers found that bees avoid the colour.", ("researchers", False)),
    ("The team concluded that the drug works.", ("team", False)),
    ("The mayor suggested a new tax might be needed.", ("mayor", False)),
    # the speech verb that carries the words, once
    ("The senator praised the judge, saying \u201cshe was fair.\u201d", ("senator", False)),
    ("Speaking to reporters, the coach said the team was tired.", ("coach", False)),
    # inverted and fronted speakers, colon introductions
    (
        "The shop was closed on Monday, stated Trade Minister Ana Ruiz, and will reopen soon.",
        ("Ana Ruiz", True),
    ),
    ("Said the chief engineer, \u201cThe bolts failed.\u201d", ("chief engineer", False)),
    ("Mayor Ana Lopez: \u201cWe will not give up.\u201d", ("Ana Lopez", True)),
    ("The union sent a message from its leader: \u201cWe strike at dawn.\u201d", ("union", False)),
    # who the speaker is
    (
        "The city paper's chief editor, Rosa Blanco, said the story was true.",
        ("Rosa Blanco", True),
    ),
    ("One of the nurses said the ward was full.", ("nurses", False)),
    ("Prices rose, with analysts warning that demand would fall.", ("analysts", False)),
    ("Ms Ortiz went on to add that the fee would rise.", ("Ortiz", True)),
    ("The school reopened, according to the mayor of Tilbury.", ("mayor of Tilbury", False)),
    (
        "Researchers from the University of Leeds and Oxford Brookes said the ice is thinning.",
        ("Researchers from the University of Leeds and Oxford Brookes", False),
    ),
    (
        "According to a report by Amnesty International, twenty people were held.",
        ("report by Amnesty International", True),
    ),
    (
        "The Committee to Protect Journalists reports that eight reporters died this year.",
        ("Committee to Protect Journalists", True),
    ),
    (
        "Coastal Trade Bank president Okey Adebayo said the loans were repaid.",
        ("Okey Adebayo", True),
    ),
    (  # one joint group, however the parser splits it
        "Denver and Adams County officials have said they are not worried about the dam.",
        ("Denver and Adams County officials", False),
    ),
    ("The bridge fell on Monday, reported officials, with two hurt.", ("officials", False)),
    (
        "\u201cWe owe them thanks,\u201d tweeted Mayor of Leeds Ana Torres.",
        ("Ana Torres", True),
    ),
    ("State prosecutors charged the driver with fraud, they said.", ("State prosecutors", False)),
    (
        "According to a Facebook post by Tom Reyes, the hall was empty.",
        ("post by Tom Reyes", True),
    ),
    ("According to Martin's critics, the plan is a ploy.", ("Martin's critics", False)),
    (
        "Senator Ana Ruiz's spokesman said the bill was dead.",
        ("Senator Ana Ruiz's spokesman", False),
    ),
    (
        "\u201cIt is a trick. Many of us think so,\u201d said a nurse using the name Kat.",
        ("nurse", False),
    ),
    (
        "Former mayor Jan Kowal, the head of the council, wrote \u201cLet's pray for them.\u201d",
        ("Jan Kowal", True),
    ),
    (
        "On Friday Acme Motor Company announced the Justice Department was investigating it.",
        ("Acme Motor Company", True),
    ),
    ("Others argue that the new law is unfair.", ("others", False)),
    # reporting verbs the lexicon gained
    ("The judge quipped that the court was not a theatre.", ("judge", False)),
    ("The engineers speculated that the crack had grown for years.", ("engineers", False)),
    ("Both officers indicated they would appeal.", ("Both officers", False)),
]


@pytest.mark.parametrize(
    ("text", "expected"), GUIDELINE_EXAMPLES, ids=[t[:36] for t, _ in GUIDELINE_EXAMPLES]
)
def test_guideline_examples(text, expected):
    (found,) = _found(text)
    assert (found.source, found.named) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police found the car on Tuesday.",  # an act, not a finding
        "Officials believe the fire was arson.",  # a view held
        "The company did not say whether jobs would go.",  # negated speech
        "The minister was arrested on Monday.",  # a passive act
        "The vote determined the seat.",  # no clause, no source
        "Amongst reported incidents of fraud, the largest was settled.",  # an adjective
        "The governor declared a state of emergency.",  # a legal act
        "The club runs a scheme called \u201cOpen Doors\u201d.",  # a name, not speech
        "Prosecutors charged him with fraud.",  # a legal act
        "She wrote three novels before 1990.",  # writing, nothing reported
    ],
)
def test_guideline_non_attributions(text):
    assert _found(text) == []


def test_an_outlets_silence_is_still_its_reporting():
    (found,) = _found("Local papers have not reported any arrests.")
    assert found.source == "Local papers" and found.kind == "news outlet"


def test_a_verb_joined_to_the_reported_clause_belongs_to_the_one_who_said_it():
    found = _found(
        "The website noted the signal received from the port but declared the ship was not there."
    )
    assert [(a.cue, a.source) for a in found] == [("noted", "website"), ("declared", "website")]
    found = _found("He said police arrested him and told him to leave.")
    assert [a.source for a in found if a.cue == "told"] == ["police"]


def test_a_pronoun_speaker_is_most_often_the_one_who_just_spoke():
    found = _found(
        "Dr Paul Grant questioned the study, saying Hydra might have adapted. "
        "\u201cThe data are thin,\u201d he told a radio station."
    )
    assert [a.source for a in found if a.mention == "he"] == ["Paul Grant"]


def test_who_said_after_according_to_is_the_same_source():
    found = _found("The fire began at noon, according to police, who said two crews arrived.")
    assert [(a.cue, a.source) for a in found] == [("according to", "police"), ("said", "police")]


def test_a_verb_with_words_of_its_own_keeps_its_attribution_beside_the_participle():
    found = _found(
        "The mayor described the plan as \u201ca disaster for renters,\u201d accusing the council "
        "of haste."
    )
    assert [a.cue for a in found] == ["described", "accusing"]


def test_a_participles_object_is_not_an_inverted_speaker():
    found = _found("The rebels, criticising Ana Ruiz in public, signed the deal in private.")
    assert "Ana Ruiz" not in {a.source for a in found}
