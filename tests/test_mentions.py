"""Agents in text: lexicon entities, titled persons, surname back-references, bodies and places.

Uses a tiny lexicon built here, so the rules are tested independently of ontology/entities.toml.
"""

import pytest

from kg.lexicon import Lexicon
from kg.mentions import ArticleContext, MentionFinder
from kg.reference import RefEntity


def E(slug, type_, label, alt=(), country=None, **extra):
    return RefEntity(slug=slug, type=type_, label=label, alt_labels=tuple(alt), country=country,
                     extra=tuple((k, v) for k, vs in extra.items() for v in (vs if isinstance(vs, list) else [vs])))


@pytest.fixture()
def lexicon():
    ents = (
        E("china", "State", "China", demonym=["Chinese", "Sino"]),
        E("russia", "State", "Russia", alt=["Russian Federation"], demonym=["Russian"]),
        E("xi-jinping", "Person", "Xi Jinping", alt=["Xi"], country="china", title="President"),
        E("vladimir-putin", "Person", "Vladimir Putin", alt=["Putin"], country="russia", title="President"),
        E("wang-yi", "Person", "Wang Yi", country="china", title="Foreign Minister"),
        E("wang-yang", "Person", "Wang Yang", country="china", title="Vice Premier"),
        E("sergey-lavrov", "Person", "Sergey Lavrov", alt=["Sergei Lavrov", "Lavrov"], country="russia"),
        E("moscow", "City", "Moscow", country="russia"),
        E("sco", "InternationalOrganization", "Shanghai Cooperation Organization", alt=["SCO"]),
    )
    return Lexicon(ents, {"Wang": ("wang-yi", "wang-yang")}, source="test")


def refs(found, type_=None):
    return [(m.surface, m.ref.slug, m.ref.title, m.ref.country, m.ref.discovered)
            for m in found if type_ is None or m.ref.type == type_]


def test_lexicon_persons_get_the_written_title_and_country(lexicon):
    f = MentionFinder(lexicon)
    got = refs(f.find("Chinese President Xi Jinping meets Russian President Putin in Moscow."), "Person")
    assert got == [("Xi Jinping", "xi-jinping", "President", "china", False),
                   ("Putin", "vladimir-putin", "President", "russia", False)]


@pytest.mark.parametrize(
    "text, surface, title, country",
    [
        ("Russian Deputy Foreign Minister Sergey Ryabkov meets Ambassador Li Hui.", "Sergey Ryabkov", "Deputy Foreign Minister", "russia"),
        ("The talks were co-chaired by Adm. Sun Jianguo, deputy chief of Joint Staff Department of China's Central "
         "Military Commission, and Lt. Gen. Sergey Rudskoy.", "Sun Jianguo", "Adm.", "china"),
        ("The talks were co-chaired by Adm. Sun Jianguo and Lt. Gen. Sergey Rudskoy, deputy chief of General Staff.",
         "Sergey Rudskoy", "Lt. Gen.", None),
        ("Yang Jiechi meets Chairperson of the Russian Federation Council Matviyenko.", "Matviyenko",
         "Chairperson of the Russian Federation Council", "russia"),
        ("Chinese Ground Forces Col. Gen. Han Weiguo visits Russia.", "Han Weiguo", "Col. Gen.", "china"),
        ("He meets Mikhail Babich, Russia's presidential envoy to the Volga Federal District.", "Mikhail Babich",
         "Russia's presidential envoy to the Volga Federal District", "russia"),
    ],
)
def test_titled_persons_not_in_the_lexicon(lexicon, text, surface, title, country):
    f = MentionFinder(lexicon)
    hit = [m for m in f.find(text) if m.surface == surface]
    assert hit, refs(f.find(text))
    ref = hit[0].ref
    assert (ref.type, ref.title, ref.country, ref.discovered) == ("Person", title, country, True)


@pytest.mark.parametrize(
    "text, title",
    [
        ("President Xi met Gen. Sergey Lavrov, deputy head of the Security Council and co-chairman of the "
         "bilateral commission, in Beijing.", "deputy head of the Security Council"),
        ("Sergei Lavrov (\u0421\u0435\u0440\u0433\u0435\u0439), chairman of the Board of Trustees and "
         "President Xi Jinping spoke.", "chairman of the Board of Trustees"),
        ("They were joined by Lavrov, a senior scholar at the Academy.", None),
        ("Foreign Minister Lavrov, head of the delegation, arrived.", "Foreign Minister"),
        # longer than the role's reading window and nothing ends it: left out, not cut mid-name
        ("Sergei Lavrov, director of the Institute of Comparative Northern Borderland and Maritime Frontier "
         "Studies under the Academy of Social Sciences, argued otherwise.", None),
    ],
)
def test_reference_person_takes_the_appositive_role_when_no_title_precedes(lexicon, text, title):
    """'Gen. X, vice chairman of the commission and co-chairman of ...': the first post after the name is the
    title when none (or a rank alone) is written before it; 'a senior scholar at' is no post."""
    f = MentionFinder(lexicon)
    hit = [m for m in f.find(text) if m.ref.slug == "sergey-lavrov"]
    assert hit and hit[0].ref.title == title, refs(f.find(text))


def test_capitalised_words_without_a_title_head_are_no_person(lexicon):
    f = MentionFinder(lexicon)
    found = f.find('They hold a conference titled "Cooperation in the New Era" in Moscow.')
    assert not [m for m in found if m.ref.type == "Person"]


def test_ambiguous_short_form_decided_by_title(lexicon):
    f = MentionFinder(lexicon)
    assert refs(f.find("Putin meets Vice Premier Wang in Vladivostok."), "Person")[1][1] == "wang-yang"
    g = MentionFinder(lexicon)
    assert refs(g.find("Foreign Ministers Lavrov and Wang meet in New Delhi."), "Person") == [
        ("Lavrov", "sergey-lavrov", "Foreign Minister", "russia", False),
        ("Wang", "wang-yi", "Foreign Minister", "china", False)]


def test_ambiguous_short_form_decided_by_the_article(lexicon):
    ctx = ArticleContext()
    f = MentionFinder(lexicon, ctx)
    f.find("Chinese Vice Premier Wang Yang arrives.")
    assert refs(f.find("Later Wang flies home."), "Person") == [("Wang", "wang-yang", None, "china", False)]
    # with both Wangs in the article and no title, nothing is guessed
    f.find("Chinese Foreign Minister Wang Yi arrives.")
    assert refs(f.find("Later Wang flies home."), "Person") == []
    assert any("ambiguous short form 'Wang'" in w for w in ctx.warnings)


def test_ambiguous_party_decided_by_the_nearest_name_of_one_side():
    ents = (
        E("china", "State", "China", demonym=["Chinese"]), E("russia", "State", "Russia", demonym=["Russian"]),
        E("cpc", "PoliticalParty", "Communist Party of China", country="china"),
        E("cprf", "PoliticalParty", "Communist Party of the Russian Federation", country="russia"),
        E("ivan-petrov", "Person", "Ivan Petrov", country="russia"),
        E("state-duma", "Parliament", "State Duma", country="russia"),
    )
    lex = Lexicon(ents, {"Communist Party": ("cpc", "cprf")}, source="test")
    f = MentionFinder(lex)
    got = refs(f.find("Duma deputy Ivan Petrov (Communist Party) leads a group of lawmakers on a visit to China."))
    assert ("Communist Party", "cprf", None, "russia", False) in got
    # the two sides about as near: nothing is guessed
    g = MentionFinder(lex)
    assert not [r for r in refs(g.find("China and Russia welcome the Communist Party congress.")) if r[0] == "Communist Party"]


def test_a_longer_name_is_not_its_short_form(lexicon):
    f = MentionFinder(lexicon)
    got = refs(f.find("Chinese Vice Premier Wang Qishan and Maj. Gen. Xi Goweï meet."), "Person")
    assert [(s, slug) for s, slug, *_ in got] == [("Wang Qishan", "wang-qishan"), ("Xi Goweï", "xi-gowei")]


def test_surname_back_reference_to_a_discovered_person(lexicon):
    ctx = ArticleContext()
    f = MentionFinder(lexicon, ctx)
    f.find("The talks were co-chaired by Adm. Sun Jianguo.")
    got = refs(f.find("Russian Deputy Defense Minister Anatoly Antonov and Adm. Sun meet."), "Person")
    assert ("Sun", "sun-jianguo", "Adm.", None, True) in got


def test_state_adjectives_and_bodies(lexicon):
    f = MentionFinder(lexicon)
    found = f.find("Russian National Guard and China's People's Armed Police conduct drills with the SCO.")
    states = [m.ref.slug for m in found if m.ref.type == "State"]
    assert "china" in states or any(m.ref.country == "china" for m in found)
    bodies = {m.ref.label: (m.ref.type, m.ref.country) for m in found if m.ref.discovered}
    assert bodies["Russian National Guard"] == ("ArmedService", "russia")
    assert any(m.ref.slug == "sco" for m in found)
    assert [m.ref.slug for m in f.find("Sino-Russian ties")].count("china") == 1


@pytest.mark.parametrize(
    "text, place, type_, country",
    [
        ("They conduct drills in the Chinese city of Yinchuan (银川).", "Yinchuan", "City", "china"),
        ("Wang co-chairs in Volgograd the Joint Commission.", "Volgograd", "Place", None),
        ("The session is held in Kazan, Russia.", "Kazan", "City", "russia"),
        ("They sail in the Sea of Japan, and for the first time, the Okhotsk Sea.", "Okhotsk Sea", "WaterBody", None),
        ("They sail in the Sea of Japan, and for the first time, the Okhotsk Sea.", "Sea of Japan", "WaterBody", None),
        ("The drill is held in China's Zhurihe training base.", "Zhurihe training base", "TrainingGround", None),
    ],
)
def test_places(lexicon, text, place, type_, country):
    found = [m for m in MentionFinder(lexicon).find(text) if m.role == "place" and m.surface == place]
    assert found and found[0].ref.type == type_ and found[0].ref.country == country


def test_known_place_wins_and_state_is_not_a_place(lexicon):
    found = MentionFinder(lexicon).find("Putin visits China and meets Xi in Moscow.")
    assert [(m.surface, m.role) for m in found if m.role == "place"] == [("Moscow", "place")]


# --- name boundaries (persons no lexicon knows; unseen articles 2005-2025) -----------------------
@pytest.mark.parametrize(
    "text, name, title",
    [
        ("Director of National Intelligence Dan Coats warns that China and Russia are aligned.", "Dan Coats",
         "Director of National Intelligence"),
        ("Huawei Chief Financial Officer Meng Wanzhou is arrested in Canada.", "Meng Wanzhou", "Chief Financial Officer"),
        ("Chinese Defense Minister Wei Fenghe's visit to Moscow ends.", "Wei Fenghe", "Defense Minister"),
        ("Indian External Affairs Minister Sushma Swaraj meets Lavrov in Moscow.", "Sushma Swaraj", "External Affairs Minister"),
        ("US National Security Advisor Jake Sullivan meets Wang Yi in Vienna.", "Jake Sullivan", "National Security Advisor"),
        ("Kazakh President Kassym-Jomart Tokayev visits Moscow.", "Kassym-Jomart Tokayev", "President"),
    ],
)
def test_titles_and_lower_case_words_stay_out_of_names(lexicon, text, name, title):
    persons = [(m.surface, m.ref.title) for m in MentionFinder(lexicon).find(text) if m.ref.type == "Person"]
    assert (name, title) in persons
    assert all(not s.endswith(("'s", "\u2019s")) for s, _t in persons)


@pytest.mark.parametrize(
    "text, names",
    [
        ("Jake Sullivan and Yang Jiechi meet in Rome.", ["Jake Sullivan", "Yang Jiechi"]),
        ("Zelensky speaks by phone with Xi.", ["Zelensky"]),
        ("Tokayev visits Moscow.", ["Tokayev"]),
        ("Putin meets Kim Jong Un in Vladivostok.", ["Kim Jong Un"]),
    ],
)
def test_untitled_names_acting_as_subjects_or_met(lexicon, text, names):
    found = [m.surface for m in MentionFinder(lexicon).find(text) if m.ref.type == "Person" and m.ref.discovered]
    assert found == names


@pytest.mark.parametrize("text", [
    "North Koreans will not forget it.", "Later Wang flies home.", "Moscow Exchange opens a yuan market.",
    "Greater Eurasian Partnership is discussed.", "Hong Kong protests continue.",
])
def test_capitalised_phrases_that_are_no_persons(lexicon, text):
    assert [m.surface for m in MentionFinder(lexicon).find(text) if m.ref.type == "Person" and m.ref.discovered] == []


def test_surname_links_to_a_full_name_not_in_the_lexicon(lexicon):
    f = MentionFinder(lexicon, ArticleContext())
    f.find("President Joe Biden holds a video call with Xi.")
    later = [m for m in f.find("President Biden then speaks with Putin. Biden warns Russia.") if m.surface == "Biden"]
    assert len(later) == 2 and {m.ref.slug for m in later} == {"joe-biden"}
    assert all(m.ref.title == "President" for m in later)


@pytest.mark.parametrize("text", [
    "Vostochny Cosmodrome hosts a launch.", "Nord Stream says the pipeline is closed.", "Belt Road meets resistance.",
    "In this context, Member States have called for respect.", "Giant pandas (Ru Yi and Ding Ding) just arrived.",
])
def test_places_projects_and_plurals_are_no_untitled_persons(lexicon, text):
    assert [m.surface for m in MentionFinder(lexicon).find(text) if m.ref.type == "Person" and m.ref.discovered] == []


@pytest.fixture()
def bodies_lexicon():
    ents = (
        E("china", "State", "China", demonym=["Chinese"]),
        E("russia", "State", "Russia", demonym=["Russian"]),
        E("russian-defense-ministry", "Ministry", "Ministry of Defence of the Russian Federation",
          alt=["Russian Defense Ministry"], country="russia"),
        E("chinese-defense-ministry", "Ministry", "Ministry of National Defense of the People's Republic of China",
          alt=["Chinese Defense Ministry"], country="china"),
    )
    return Lexicon(ents, {}, source="test")


@pytest.mark.parametrize("text, slug", [
    ("The Russian Defense Ministry says the drills ended.", "russian-defense-ministry"),
    ("China's Defense Ministry denies the report.", "chinese-defense-ministry"),
    ("The Defense Ministry of Russia announces the exercise.", "russian-defense-ministry"),
])
def test_qualified_bodies_are_the_states_own(bodies_lexicon, text, slug):
    (m,) = [m for m in MentionFinder(bodies_lexicon).find(text) if m.ref.type == "Ministry"]
    assert (m.ref.slug, m.ref.discovered) == (slug, False)


def test_unknown_body_with_a_possessive_state_is_named_by_the_adjective(bodies_lexicon):
    (m,) = [m for m in MentionFinder(bodies_lexicon).find("The US sanctions China's Equipment Development Department.")
            if m.ref.type == "GovernmentBody"]
    assert (m.ref.label, m.ref.country) == ("Chinese Equipment Development Department", "china")


def test_ambassador_to_a_state_keeps_his_own_country(lexicon):
    (m,) = [m for m in MentionFinder(lexicon).find("Russian Ambassador to China Andrey Denisov says the visit is ready.")
            if m.ref.type == "Person"]
    assert (m.surface, m.ref.title, m.ref.country) == ("Andrey Denisov", "Ambassador to China", "russia")
    (m,) = [m for m in MentionFinder(lexicon).find("Chairman of the Joint Chiefs of Staff Mark Milley calls Li.")
            if m.ref.type == "Person"]
    assert m.ref.title == "Chairman of the Joint Chiefs of Staff"


@pytest.mark.parametrize("text", ["Kiev says the talks went well.", "Berlin warns Moscow.", "Harbin hosts the expo.",
                                  "Moldova says no.", "Munich hosts the conference."])
def test_cities_speaking_are_no_persons(lexicon, text):
    assert [m.surface for m in MentionFinder(lexicon).find(text) if m.ref.type == "Person" and m.ref.discovered] == []


def test_no_title_before_only_skips_names_without_a_title(lexicon, monkeypatch):
    """kg.mentions._no_title_before is a shortcut of _title_before: where it says "no title", the full
    reading finds none either."""
    import kg.mentions

    shortcut = kg.mentions._no_title_before
    monkeypatch.setattr(kg.mentions, "_no_title_before", lambda text, pos: False)  # the full reading only
    finder = MentionFinder(lexicon)
    texts = [
        "Chinese Foreign Minister Wang Yi met Russian counterpart Sergey Lavrov (Putin) in Moscow.",
        "The delegation. Putin said that Xi and Putin band Lavrov, to Xi; of Xi the Xi Gen. Xi",
        "Presidents Xi and Putin met; Deputy Foreign Minister Igor Morgulov and Lavrov visited the SCO.",
        "  Xi", "Xi", "a.b. Xi", "mid-term Xi", "Ⓐ Xi", "x" * 70 + " met Xi",
    ]
    skipped = 0
    for text in texts:
        for pos in range(len(text) + 1):
            if shortcut(text, pos):
                skipped += 1
                assert finder._title_before(text, pos) == (None, None, None), (text, pos)
    assert skipped > 50


_RUN_TEXTS = [
    "China's Foreign Minister Wang Yi met Russia's Sergey Lavrov, Putin's envoy, in Moscow.",
    "Sino-Russian ties: Xi's visit to Russia, the SCO's summit and Lt. Gen. Xi Jinping-Putin talks.",
    "(Putin) and Xi, of the Russian Federation, met Wang; Ⓐ Xi Ölgii Ставрополь Putin.",
    "Putin",
]


def test_cap_runs_skip_no_run_that_can_end_in_a_name(lexicon):
    """_cap_runs passes over lone words that are no name and over regions whose capitals all stand in the
    taken stretch they start with: read in full (_runs_in on every region), they give the same runs."""
    import re

    from kg.mentions import _CAP_REGION, _cap_runs, _runs_in

    finder = MentionFinder(lexicon)
    names = finder._name_words
    for text in _RUN_TEXTS:
        taken_sets = [[], [(m.start(), m.end()) for m in re.finditer(r"China|Russia|Xi|Putin|SCO", text)]]
        for taken in taken_sets:
            mask = bytearray(len(text) + 1)
            for a, b in taken:
                mask[a:b] = b"\x01" * (b - a)

            def free(s, e):
                return mask.find(1, s, e) < 0

            expected = [run for r in _CAP_REGION.finditer(text) for run in _runs_in(text, r.start(), r.end(), free)
                        if not (r.group().isalpha() and not names[r.group()])]  # a lone word: only a name
            assert list(_cap_runs(text, taken, names)) == expected, (text, taken)


def test_cap_region_starts_where_a_leading_look_behind_would():
    import re

    from kg.mentions import _CAP_REGION

    cap = r"[A-Z\u00c0-\u00de\u0100-\u024f\u0400-\u042f]"
    plain = re.compile(rf"(?<![\w'\u2019\u00b7\-]){cap}\S*(?:\s+(?:(?:of|the)\s+)*{cap}\S*)*")
    for text in _RUN_TEXTS + ["A", "xA A", "-A 'B ’C ·D _E 9F Gh", "\nA\nof the B"]:
        assert [m.span() for m in _CAP_REGION.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_word_start_alternation_matches_like_a_leading_word_boundary():
    import re

    from kg.rxtrie import word_start_alternation

    words = ["in", "at", "visits", "visited", "visit to", "Co.", "Ministry"]
    fast = re.compile(word_start_alternation(words) + r"\s+\w+")
    plain = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+\w+")
    text = ("in Kazan, within Moscow, at Sochi; flat at, visit to Harbin visits Xi visited Jilin "
            "Co. Ltd MinistryX Ministry of Defence _in x9at at")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in fast.finditer(text)][:3] == ["in Kazan", "at Sochi", "visit to Harbin"]
