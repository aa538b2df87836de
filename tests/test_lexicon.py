"""The lexicon finds reference entities in sentences cut from the seeds, with exact offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.lexicon import Lexicon

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def lx() -> Lexicon:
    return Lexicon.load()


# (sentence, surface expected, slug expected)
FOUND = [
    ("Sept. 8, 2017: Vice Premier Wang and Russian Deputy Prime Minister Yury Trutnev co-chair the meeting.",
     "Yury Trutnev", "yuri-trutnev"),
    ("Vice Premier Wang and Russian Deputy Prime Minister Yuri Trutnev co-chair the meeting.",
     "Yuri Trutnev", "yuri-trutnev"),
    ("the Shanghai Cooperation Organization’s summit in Qingdao", "Shanghai Cooperation Organization", "sco"),
    ("such as the Shanghai Cooperation Organization (SCO), Eurasian integration", "SCO", "sco"),
    ("the 19th Shanghai Cooperation Organization (SCO) Summit in Bishkek",
     "Shanghai Cooperation Organization (SCO) Summit", "sco-summit"),
    ("Dec. 11, 2017: Foreign Ministers Lavrov and Wang meet on the sidelines of the 15th regular Russia-India-China "
     "(RIC) Foreign Ministers' Meeting in New Delhi.", "Russia-India-China (RIC) Foreign Ministers' Meeting",
     "ric-foreign-ministers-meeting"),
    ("Dec. 2-13, 2017: Russian National Guard (Rosgvardiya) and China's People's Armed Police of China conduct",
     "Rosgvardiya", "rosgvardiya"),
    ("China's People's Armed Police of China conduct special tactical training drills", "People's Armed Police",
     "peoples-armed-police"),
    ("Dec. 7, 2017: President Putin meets Gen. Zhang Youxia (张又侠), vice chairman", "张又侠", "zhang-youxia"),
    ("co-chair in Volgograd the Joint Commission for Regular Meetings between the Chinese and Russian Heads of "
     "Government.", "Joint Commission for Regular Meetings between the Chinese and Russian Heads of Government",
     "joint-commission-heads-of-government"),
    ("Aug. 24-29, 2014: SCO stages its *Peace Mission-2014* anti-terrorist military drill in China's Zhurihe "
     "training base in Inner Mongolia.", "Zhurihe training base", "zhurihe"),
    ("the Sea of Japan, and for the first time, the Okhotsk Sea.", "Okhotsk Sea", "sea-of-okhotsk"),
    ("China's participation in Russia's *Center-2019* exercises on Sept. 16-21", "Center-2019", "center-exercise"),
    ("The Russian National Guard's Special Forces conduct joint training exercise *Cooperation 2016* with China",
     "Cooperation 2016", "cooperation-exercise"),
    ("Dec. 8, 2017: Putin inaugurates $27-billion Yamal liquefied natural gas plant", "Putin", "vladimir-putin"),
    ("the third stage of Russia's Yamal LNG plant", "Yamal LNG", "yamal-lng"),
    ("Both *Joint Sea-2014* in May and *Peace Mission-2014* in August", "Joint Sea-2014", "joint-sea"),
    ("the annual Joint Sea 2017 naval drill", "Joint Sea 2017", "joint-sea"),
    ("a mini Russia-India-China (RIC) gathering with Indian PM Narendra Modi", "RIC", "ric"),
    ("a mini Russia-India-China (RIC) gathering", "Russia-India-China", "ric"),
    ("China-Russia summit diplomacy was in overdrive when Chairman Xi Jinping and President Vladimir Putin met",
     "Xi Jinping", "xi-jinping"),
    ("and President Vladimir Putin met", "Vladimir Putin", "vladimir-putin"),
    ("cooperation between the Belt-and-Road Initiative and the EAEU", "Belt-and-Road Initiative",
     "belt-and-road-initiative"),
    ("the People’s Republic of China", "People’s Republic of China", "china"),
    ("the People's Republic of China", "People's Republic of China", "china"),
]


@pytest.mark.parametrize("sentence,surface,slug", FOUND, ids=[f[1] for f in FOUND])
def test_find_expected_mention(lx, sentence, surface, slug):
    start = sentence.index(surface)
    hits = [(m.start, m.end, m.entity.slug) for m in lx.find(sentence)]
    assert (start, start + len(surface), slug) in hits
    m = next(m for m in lx.find(sentence) if m.start == start)
    assert sentence[m.start:m.end] == m.surface == surface


def test_series_year_is_kept(lx):
    m = next(m for m in lx.find("Joint Sea-2014 and Joint Sea–2016") if m.entity.slug == "joint-sea")
    assert m.year == 2014
    years = [m.year for m in lx.find("Joint Sea-2014 and Joint Sea–2016")]
    assert years == [2014, 2016]


def test_bare_surname_shared_is_ambiguous_not_resolved(lx):
    s = "The Putin-Wang talks covered a wide range of issues."
    assert all(m.surface != "Wang" for m in lx.find(s))
    amb = lx.find_ambiguous(s)
    assert [(a.start, a.end) for a in amb] == [(s.index("Wang"), s.index("Wang") + 4)]
    assert {e.slug for e in amb[0].candidates} >= {"wang-yi", "wang-yang"}
    assert {e.slug for e in lx.ambiguous_short_forms("Wang")} >= {"wang-yi", "wang-yang"}
    assert lx.lookup("Wang") is None


def test_full_name_beats_ambiguous_short_form(lx):
    s = "Chinese Foreign Minister Wang Yi and Vice Premier Wang Yang"
    slugs = [m.entity.slug for m in lx.find(s) if m.entity.type == "Person"]
    assert slugs == ["wang-yi", "wang-yang"]
    assert lx.find_ambiguous(s) == []


def test_word_boundaries_and_case(lx):
    # acronyms and short forms are case-sensitive and word-bounded
    assert not [m for m in lx.find("the disco scores; ricochet; Xiamen") if m.entity.slug in {"sco", "ric", "xi-jinping"}]
    assert not [m for m in lx.find("the sco and ric formats") if m.entity.slug in {"sco", "ric"}]
    # long names are case-insensitive
    assert [m.entity.slug for m in lx.find("SHANGHAI COOPERATION ORGANIZATION")] == ["sco"]


def test_longest_match_wins_and_no_overlap(lx):
    s = "the Shanghai Cooperation Organization (SCO)"
    ms = lx.find(s)
    assert [m.surface for m in ms] == ["Shanghai Cooperation Organization", "SCO"]
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start


def test_line_breaks_inside_names(lx):
    s = "President Vladimir\nPutin met the Shanghai Cooperation\nOrganization"
    assert [(m.entity.slug, m.surface) for m in lx.find(s) if m.entity.type != "State"] == [
        ("vladimir-putin", "Vladimir\nPutin"), ("sco", "Shanghai Cooperation\nOrganization")]


def test_lookup_and_get(lx):
    assert lx.lookup("Yury Trutnev").slug == "yuri-trutnev"
    assert lx.lookup("shanghai cooperation organisation").slug == "sco"
    assert lx.lookup("no such thing") is None
    assert lx.get("sco").label.startswith("Shanghai")
    assert lx.get("nope") is None


def test_common_word_series_need_their_year(lx):
    s = "Sino-Russian Regional Cooperation Council; Carnegie Moscow Center; Cooperation and the Center of it"
    assert not [m for m in lx.find(s) if m.entity.type == "ExerciseSeries"]


def test_shared_series_name_is_ambiguous_with_year(lx):
    s = "the joint border operation Vostok-2014 by the border services"
    (amb,) = lx.find_ambiguous(s)
    assert amb.surface == "Vostok-2014" and amb.year == 2014 and len(amb.candidates) == 2


def test_demonyms_are_marked(lx):
    ms = lx.find("Russian and Chinese bombers")
    assert [(m.entity.slug, m.kind) for m in ms] == [("russia", "demonym"), ("china", "demonym")]
    assert lx.find("Russian and Chinese bombers", kinds=frozenset({"label", "alt"})) == []


def test_undeclared_collision_is_refused(tmp_path):
    p = tmp_path / "e.toml"
    p.write_text(
        '[[entity]]\nslug = "a"\ntype = "Person"\nlabel = "Li Hui"\nalt = ["Li"]\n'
        '[[entity]]\nslug = "b"\ntype = "Person"\nlabel = "Li Keqiang"\nalt = ["Li"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="Li"):
        Lexicon.load(p)
    p.write_text(p.read_text(encoding="utf-8") + '\n[ambiguous]\n"Li" = ["a", "b"]\n', encoding="utf-8")
    lx2 = Lexicon.load(p)
    assert {e.slug for e in lx2.ambiguous_short_forms("Li")} == {"a", "b"}


def test_load_is_cached():
    assert Lexicon.load() is Lexicon.load()


def test_finds_the_seeds_mentions(lx):
    """(Its speed is measured by benchmarks/bench_build.py, not here.)"""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    assert len(lx.find(text)) > 500


# --- romanisations of Russian names (kg.translit) -------------------------------------------
@pytest.mark.parametrize("word, variants", [
    ("Sergey", {"Sergei"}), ("Andrei", {"Andrey"}), ("Nikolai", {"Nikolay"}),
    ("Dmitry", {"Dmitri", "Dmitriy"}), ("Yury", {"Yuri", "Yuriy"}), ("Yevgeny", {"Evgeny", "Yevgeni", "Evgeni"}),
    ("Aleksandr", {"Alexander", "Alexandr"}), ("Shoigu", {"Shoygu"}), ("Ryabkov", {"Riabkov"}),
    ("Matviyenko", {"Matvienko"}), ("Putin", set()), ("Lavrov", set()), ("Li", set()),
])
def test_word_variants(word, variants):
    from kg.translit import word_variants

    got = word_variants(word)
    assert got[0] == word and variants <= set(got[1:])
    if not variants:
        assert got == (word,)


def test_every_variant_folds_to_the_key_of_its_name(lx):
    """kg.translit spells out what kg.resolve_entities.fold_name folds: the two must agree, or the lexicon would
    find a person under a spelling that the resolver takes for someone else."""
    from kg.resolve_entities import fold_name
    from kg.translit import CYRILLIC_NAME_STATES, name_variants

    names = [f for e in lx.entities if e.type == "Person" and e.country in CYRILLIC_NAME_STATES
             for f in (e.label, *e.alt_labels)]
    assert len(names) > 100
    assert [(f, v) for f in names for v in name_variants(f) if fold_name(v) != fold_name(f)] == []


@pytest.mark.parametrize("sentence, slug", [
    ("Deputy Prime Minister Dmitri Rogozin met him.", "dmitry-rogozin"),
    ("Defense Minister Sergey Shoygu arrived.", "sergei-shoigu"),
    ("General Valeri Gerasimov spoke.", "valery-gerasimov"),
    ("Deputy Foreign Minister Sergei Riabkov said so.", "sergey-ryabkov"),
])
def test_other_romanisations_find_the_reference_person(lx, sentence, slug):
    assert slug in [m.entity.slug for m in lx.find(sentence)]


def test_a_spelling_two_persons_would_share_is_no_variant(tmp_path):
    p = tmp_path / "e.toml"
    p.write_text(
        '[[entity]]\nslug = "a"\ntype = "Person"\nlabel = "Sergey Ivanov"\ncountry = "russia"\n'
        '[[entity]]\nslug = "b"\ntype = "Person"\nlabel = "Sergei Ivanov"\ncountry = "russia"\n'
        '[[entity]]\nslug = "c"\ntype = "Person"\nlabel = "Yury Petrov"\ncountry = "russia"\n'
        '[[entity]]\nslug = "d"\ntype = "Person"\nlabel = "Yury Chen"\ncountry = "china"\n'
        '[[entity]]\nslug = "russia"\ntype = "State"\nlabel = "Russia"\n'
        '[[entity]]\nslug = "china"\ntype = "State"\nlabel = "China"\n',
        encoding="utf-8",
    )
    lx2 = Lexicon.load(p)  # no clash error: "Sergei Ivanov" stays b's own label, "Sergey Ivanov" a's
    assert lx2.lookup("Sergei Ivanov").slug == "b" and lx2.lookup("Sergey Ivanov").slug == "a"
    assert lx2.lookup("Yuri Petrov").slug == "c"
    assert lx2.lookup("Yuri Chen") is None  # only names from Cyrillic get variants


# --- coverage of the chronologies ----------------------------------------------------------
CHRONOLOGY_HEADING = re.compile(r"chronology\s+of\s+china-\s*russia\s+relations", re.I)
# a run of capitalised words, possibly joined by of/the/and/...; never across a sentence end
PROPER_NAME = re.compile(r"[A-Z][\w'’&-]*(?:[ \t]+(?:(?:of|the|and|for|on|between|in)[ \t]+)*[A-Z][\w'’&-]*)+")
# capitalised words that are titles, ranks, ordinals or sentence openers, never names by themselves
NOT_NAMES = set(
    """President Presidents Premier Vice Prime Minister Ministers Deputy Foreign Defense Chief Chairman Chairperson
    Secretary General Gen Adm Col Lt Maj Army Assistant State Councilor Speaker First Head Ambassador Commander
    Director Affairs Vice-Chairman Presidential Annual Meeting Session New The They He Both One Two Three Pilots
    First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Chinese Russian Russians Regular
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec""".split()
)
# Reviewed: capitalised phrases in the chronologies that deliberately are not reference entities.
NOT_ENTITIES = {
    "Cooperation in the New Era": "title of a 2019 conference, not an institution",
    "International Security": "part of the First Committee's name written '(disarmament and International Security)'",
    "New Year": "holiday (New Year greetings)",
    "Special Forces": "generic unit type of the Russian National Guard",
    "Yang Jie": "entry truncated mid-name ('Yang Jie[chi]'); the extractor flags truncated entries",
    "East China": "entry truncated / typo for 'East China Sea' ('northern part of the East China.')",
}


def _chronology(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    m = CHRONOLOGY_HEADING.search(text)
    assert m, f"{path.name}: no chronology heading"
    return text[m.end():]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_chronology_proper_names_are_covered(lx, path):
    body = _chronology(path)
    covered = bytearray(len(body))
    for a, b in [(m.start, m.end) for m in lx.find(body)] + [(m.start, m.end) for m in lx.find_ambiguous(body)]:
        covered[a:b] = b"\x01" * (b - a)
    for phrase in NOT_ENTITIES:  # reviewed non-entities count as covered
        for m in re.finditer(re.escape(phrase), body):
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    missing = {}
    for cand in PROPER_NAME.finditer(body):
        words = [w.group() for w in re.finditer(r"[A-Z][\w'’&-]*", cand.group())
                 if re.sub(r"['’]s?$", "", w.group()) not in NOT_NAMES and not covered[cand.start() + w.start()]]
        if words:
            missing[cand.group()] = words
    assert not missing, f"{path.name}: names neither in entities.toml nor in NOT_ENTITIES: {missing}"


def test_allow_list_entries_still_occur():
    """An allow-list entry that no longer occurs in any chronology is stale and must go."""
    text = "\n".join(_chronology(p) for p in sorted(SEEDS.glob("*.txt")))
    assert [k for k in NOT_ENTITIES if k not in text] == []


def test_item_memo_computes_each_item_once():
    from kg.lexicon import ItemMemo

    calls = []

    def upper(item):
        calls.append(item)
        return item.upper()

    memo = ItemMemo(upper)
    assert list(map(memo.__getitem__, ["a", "b", "a"])) == ["A", "B", "A"]
    assert calls == ["a", "b"]


@pytest.mark.parametrize("text", ["Joint Sea-2014 and the Shanghai Cooperation Organization’s summit",
                                  "Xi's SHANGHAI COOPERATION ORGANIZATION; shanghai  cooperation\norganization",
                                  "", "—", "Straße Xi",
                                  "Xi Jinping   met\n\nVladimir Putin — SCO, BRICS; the SCO’s Joint Sea 2014"])
def test_scan_offsets_cut_the_surfaces(lx, text):
    """Offsets are counted from item lengths up to each match only: each span still names its entity."""
    for m in lx.find(text):
        assert text[m.start:m.end] == m.surface and m.surface
        if m.year is None:
            assert lx.lookup(m.surface) == m.entity, m
