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
