"""Resolution: one article per slug, one event per happening, one entity per person."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from kg.documents import read_document
from kg.iris import slugify
from kg.lexicon import Lexicon
from kg.narrative import extract_narrative
from kg.records import (
    AgreementRecord, ArticleMeta, ArticleRecords, DateSpan, EntityRef, EventRecord, FileFormat, Passage,
    Precision, SectionKind, SourceFile, TenureRecord,
)
from kg.resolve import clean_role_title, fold_name, match_score, merge_articles
from kg.tables import extract_tables

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "narrative"
META = ArticleMeta(volume="30", number="1", period_start=dt.date(2028, 1, 1), period_end=dt.date(2028, 4, 30))
MD = SourceFile("a.txt", "a.txt", "0" * 64, FileFormat.MARKDOWN, 100)
PDF = SourceFile("b.txt", "b.txt", "1" * 64, FileFormat.PDF_TEXT, 100)

XI = EntityRef("xi-jinping", "Xi Jinping", "Person", country="china")
PUTIN = EntityRef("vladimir-putin", "Vladimir Putin", "Person", country="russia")
LI = EntityRef("li-qiang", "Li Qiang", "Person", discovered=True, country="china")
CHINA = EntityRef("china", "China", "State")
RUSSIA = EntityRef("russia", "Russia", "State")


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load(FIX / "lexicon.toml")


def day(m, d, m2=None, d2=None, y=2028):
    start = dt.date(y, m, d)
    end = dt.date(y, m2 or m, d2 or d)
    return DateSpan(start, end, Precision.DAY, "")


def ev(key, type_, date, text, *, src=MD, section=SectionKind.CHRONOLOGY, start=0, **kw):
    p = Passage(src, start, start + len(text), text, section)
    return EventRecord(key=key, type=type_, date=date, passage=p, label=key, **kw)


def art(*events, src=MD, **kw):
    return ArticleRecords(article_slug=META.slug, meta=META, sources=(src,), events=tuple(events), **kw)


# --- events ----------------------------------------------------------------------------------------
def test_narrative_report_merges_into_the_chronology_entry(lexicon):
    chron = ev("2028-03-18/naval/joint-sea", "NavalExercise", day(3, 18, 3, 26),
               "March 18-26, 2028: China and Russia hold Joint Sea-2028.", name="Joint Sea-2028",
               participants=(CHINA, RUSSIA))
    narr = ev("2028/exercise/joint-sea-2028", "MilitaryExercise", day(3, 18, 3, 25),
              "On March 18-25, the two navies held Joint Sea-2028 with 12 ships.", section=SectionKind.NARRATIVE,
              start=500, name="Joint Sea-2028", ships=12, text_issues=("a typo",))
    (out,) = merge_articles([art(chron, narr)], lexicon=lexicon)
    (e,) = out.events
    assert e.key == chron.key and e.passage == chron.passage  # the chronology entry is the primary source
    assert [p.text for p in e.extra_passages] == [narr.passage.text]
    assert e.ships == 12 and e.type == "NavalExercise" and e.text_issues[0] == "a typo"
    assert e.date == chron.date
    # the narrative says March 18-25, the chronology March 18-26: recorded, not silently resolved
    assert len(e.text_issues) == 2 and "disagree" in e.text_issues[1]


def test_different_meetings_on_the_same_day_stay_apart(lexicon):
    a = ev("2028-03-29/meeting/xi-putin", "BilateralMeeting", day(3, 29), "Xi and Putin meet at APEC.",
           participants=(XI, PUTIN))
    b = ev("2028-03-29/meeting/putin-li", "BilateralMeeting", day(3, 29), "Putin meets Li Qiang in Moscow.",
           participants=(PUTIN, LI), start=100)
    narr = ev("2028-03-29/bilateralmeeting/putin", "BilateralMeeting", day(3, 29), "Putin met Li Qiang on March 29.",
              participants=(PUTIN, LI), section=SectionKind.NARRATIVE, start=900)
    (out,) = merge_articles([art(a, b, narr)], lexicon=lexicon)
    assert len(out.events) == 2
    merged = next(e for e in out.events if e.key == b.key)
    assert len(merged.extra_passages) == 1
    assert match_score(a, b) is None  # {Xi, Putin} vs {Putin, Li}: neither contains the other


def test_chronology_entries_of_one_file_never_merge(lexicon):
    a = ev("2028-02-01/delivery/a", "ArmsDelivery", day(2, 1), "Russia delivers Su-35s.", participants=(RUSSIA, CHINA))
    b = ev("2028-02-01/delivery/b", "ArmsDelivery", day(2, 1), "Russia delivers S-400s.", participants=(RUSSIA, CHINA),
           start=50)
    (out,) = merge_articles([art(a, b)], lexicon=lexicon)
    assert len(out.events) == 2


def test_two_files_of_one_article_give_one_event_set(lexicon):
    text = "Jan. 5, 2028: President Xi Jinping speaks by phone with President Putin."
    e_md = ev("2028-01-05/phonecall/xi-putin", "PhoneCall", day(1, 5), text, participants=(XI, PUTIN))
    e_pdf = ev("2028-01-05/phonecall/putin-xi", "PhoneCall", day(1, 5), text.replace(" by phone", " by\nphone"),
               src=PDF, start=40, participants=(XI, PUTIN))
    out = merge_articles([art(e_pdf, src=PDF), art(e_md)], lexicon=lexicon)
    assert len(out) == 1
    (a,) = out
    assert [s.name for s in a.sources] == ["a.txt", "b.txt"]
    (e,) = a.events
    assert e.passage.file.name == "a.txt"  # markdown passage preferred
    assert e.extra_passages[0].file.name == "b.txt"


def test_agreement_signing_key_follows_the_merged_event(lexicon):
    chron = ev("2028-04-02/signing/gas", "AgreementSigning", day(4, 2),
               "April 2, 2028: Xi and Putin preside over the signing of a gas contract.", participants=(XI, PUTIN))
    narr = ev("2028-04-02/agreementsigning/gas-deal", "AgreementSigning", day(4, 2),
              "On April 2 Putin and Xi saw a gas deal signed.", participants=(CHINA, RUSSIA, PUTIN),
              section=SectionKind.NARRATIVE, start=300, concerns=("contract/x",))
    ag = AgreementRecord("contract/x", "Contract", "gas deal", narr.passage, parties=(CHINA, RUSSIA),
                         signed_at_event=narr.key)
    (out,) = merge_articles([art(chron, narr, agreements=(ag,))], lexicon=lexicon)
    assert len(out.events) == 1
    assert out.agreements[0].signed_at_event == chron.key
    assert out.events[0].concerns == ("contract/x",)


# --- entities ---------------------------------------------------------------------------------------
def test_spelling_variants_fold_and_reference_wins(lexicon):
    yury = EntityRef("yury-trutnev", "Yury Trutnev", "Person", discovered=True, country="russia",
                     title="Deputy Prime Minister")
    den1 = EntityRef("andrey-ivanovich-denisov", "Andrey Ivanovich Denisov", "Person", discovered=True)
    den2 = EntityRef("andrei-denisov", "Andrei Denisov", "Person", discovered=True)
    a = ev("2028-01-10/meeting/a", "BilateralMeeting", day(1, 10), "Trutnev meets Denisov.", participants=(yury, den1))
    meta2 = replace(META, number="2")
    b = ArticleRecords("cc-30-2-china-russia", meta2, (PDF,), events=(
        ev("2028-05-10/meeting/b", "BilateralMeeting", day(5, 10), "Denisov again.", src=PDF, participants=(den2, XI)),))
    out = merge_articles([art(a), b], lexicon=lexicon)
    e1, e2 = out[0].events[0], out[1].events[0]
    # one person, one slug across articles: the fullest spelling names it
    assert [p.slug for p in e1.participants] == ["yuri-trutnev", "andrey-ivanovich-denisov"]
    assert e1.participants[0].discovered is False  # the reference entity, not a new one
    assert e2.participants[0].slug == "andrey-ivanovich-denisov"
    assert {r.slug for r in out[0].entities} == {"andrey-ivanovich-denisov"}
    assert fold_name("Yury Trutnev") == fold_name("Yuri Trutnev")


def test_short_form_resolved_by_title_then_dropped_when_unknowable(lexicon):
    wy = EntityRef("wang-yang", "Wang Yang", "Person", country="china", title="Vice Premier")
    wyi = EntityRef("wang-yi", "Wang Yi", "Person", country="china", title="Foreign Minister")
    short_vp = EntityRef("wang", "Wang", "Person", discovered=True, title="Vice Premier")
    short_fm = EntityRef("wang", "Wang", "Person", discovered=True, title="Foreign Ministers")
    short_none = EntityRef("zhao", "Zhao", "Person", discovered=True)
    events = [
        ev("2028-01-02/m/1", "BilateralMeeting", day(1, 2), "Vice Premier Wang Yang meets Putin.", participants=(wy, PUTIN)),
        ev("2028-01-03/m/2", "BilateralMeeting", day(1, 3), "FM Wang Yi meets Lavrov.", participants=(wyi,), start=60),
        ev("2028-01-04/m/3", "BilateralMeeting", day(1, 4), "Putin meets Vice Premier Wang.", participants=(PUTIN, short_vp),
           start=120),
        ev("2028-01-05/m/4", "BilateralMeeting", day(1, 5), "Foreign Ministers Lavrov and Wang meet.",
           participants=(short_fm,), start=180),
        ev("2028-01-06/m/5", "BilateralMeeting", day(1, 6), "Putin meets Zhao.", participants=(PUTIN, short_none), start=240),
    ]
    (out,) = merge_articles([art(*events)], lexicon=lexicon)
    by_day = {e.date.start.day: e for e in out.events}
    assert [p.slug for p in by_day[4].participants] == ["vladimir-putin", "wang-yang"]
    assert [p.slug for p in by_day[5].participants] == ["wang-yi"]
    assert [p.slug for p in by_day[6].participants] == ["vladimir-putin"]
    assert any("Zhao" in w for w in out.warnings)


def test_tenures_from_titled_participants_deduplicated(lexicon):
    morgulov = EntityRef("igor-morgulov", "Igor Morgulov", "Person", discovered=True, country="russia",
                         title="Russian Deputy Foreign Minister")
    e1 = ev("2028-02-10/c/1", "Consultation", day(2, 10), "Russian Deputy Foreign Minister Igor Morgulov ...",
            participants=(morgulov,))
    e2 = ev("2028-03-10/c/2", "Consultation", day(3, 10), "Russian Deputy Foreign Minister Igor Morgulov again",
            participants=(morgulov,), start=80)
    narr_t = TenureRecord("igor-morgulov/deputy-foreign-minister/russia", replace(morgulov, title=None),
                          "Deputy Foreign Minister", RUSSIA, dt.date(2028, 4, 1),
                          Passage(MD, 300, 340, "Deputy Foreign Minister Igor Morgulov", SectionKind.NARRATIVE))
    gen = EntityRef("zhang-youxia", "Zhang Youxia", "Person", discovered=True, country="china", title="Gen.")
    e3 = ev("2028-03-11/m/3", "BilateralMeeting", day(3, 11), "Putin meets Gen. Zhang Youxia", participants=(PUTIN, gen),
            start=160)
    (out,) = merge_articles([art(e1, e2, e3, tenures=(narr_t,))], lexicon=lexicon)
    ts = {t.key: t for t in out.tenures}
    t = ts["igor-morgulov/deputy-foreign-minister/russia"]
    assert t.observed_on == dt.date(2028, 2, 10) and t.role_title == "Deputy Foreign Minister"
    assert t.organization.slug == "russia"
    assert not any(k.startswith("zhang-youxia") for k in ts)  # a rank is not a post
    assert clean_role_title("Navy Commander Gen.") == "Navy Commander"
    assert clean_role_title("Foreign Ministers") == "Foreign Minister"


def test_output_is_deterministic(lexicon):
    events = [ev(f"2028-01-{d:02d}/m/{d}", "BilateralMeeting", day(1, d), f"Meeting {d}.", start=d * 40,
                 participants=(XI, PUTIN) if d % 2 else (PUTIN, LI)) for d in range(1, 12)]
    a = merge_articles([art(*events)], lexicon=lexicon)
    b = merge_articles([art(*reversed(events))], lexicon=lexicon)
    assert a == b
    assert [e.date.start for e in a[0].events] == sorted(e.date.start for e in a[0].events)


# --- the seeds: 000 (markdown) + 001 (PDF text) are one article -------------------------------------
def _records(path: Path, lex) -> ArticleRecords:
    doc = read_document(path)
    try:
        from kg.extract import extract_document
    except ImportError:
        extract_document = None
    if extract_document is not None:
        return extract_document(doc, lex)
    nar = extract_narrative(doc, lex)
    return ArticleRecords(
        article_slug=doc.meta.slug, meta=doc.meta, sources=(doc.source,),
        events=(*nar.events, *extract_tables(doc, lex)), agreements=nar.agreements, tenures=nar.tenures,
        memberships=nar.memberships, initiatives=nar.initiatives, entities=nar.entities,
    )


def test_seed_000_and_001_merge_without_duplicates():
    lex = Lexicon.load()
    a = _records(ROOT / "seeds" / "000_989d1c2c2fbc9513.txt", lex)
    b = _records(ROOT / "seeds" / "001_bf781be3f2b4207d.txt", lex)
    (m,) = merge_articles([a, b], lexicon=lex)
    assert m.article_slug == "cc-19-3-china-russia"
    assert {s.name for s in m.sources} == {"000_989d1c2c2fbc9513.txt", "001_bf781be3f2b4207d.txt"}
    assert len(m.events) <= max(len(a.events), len(b.events)) + 2
    seen = {}
    for e in m.events:
        persons = frozenset(p.slug for p in e.participants if p.type == "Person")
        sig = (e.type, e.date.start, e.date.end, persons, e.name)
        assert sig not in seen, (e.key, seen.get(sig))
        seen[sig] = e.key
    assert len({e.key for e in m.events}) == len(m.events)
    # both files contributed passages to the shared facts
    files = {p.file.name for e in m.events for p in (e.passage, *e.extra_passages)}
    assert files == {s.name for s in m.sources}
    summit = [e for e in m.events if e.type == "Summit" and e.ordinal == 9]
    assert len(summit) == 1
    # one post per person: 000 writes "the Communist Party's Liaison Department", 001 "Party’s"
    posts = [(t.holder.slug, slugify(t.role_title)) for t in m.tenures]
    assert len(posts) == len(set(posts)), sorted(p for p in posts if posts.count(p) > 1)
    assert [t.role_title for t in m.tenures if t.holder.slug == "song-tao"] in (
        ["director of the Communist Party's Liaison Department"], ["director of the Communist Party’s Liaison Department"])


@pytest.mark.parametrize("a, b", [("the CCP's Military Commission", "the CCP’s Military Commission"),
                                  ("People's Republic", "People’s Republic")])
def test_an_apostrophe_straight_or_typographic_gives_one_slug(a, b):
    assert slugify(a) == slugify(b) and "-s-" not in slugify(a)


def test_same_day_patrol_between_the_same_states_is_one_event(lexicon):
    chron = ev("2028-07-23/jointpatrol/china-russia", "JointPatrol", DateSpan(dt.date(2028, 7, 23), dt.date(2028, 7, 23),
               Precision.DAY, "July 23, 2028"), "July 23, 2028: Chinese and Russian bombers conduct a joint patrol.",
               participants=(CHINA, RUSSIA))
    narr = ev("2028-07-23/jointpatrol/event", "JointPatrol", DateSpan(dt.date(2028, 7, 23), dt.date(2028, 7, 23),
              Precision.DAY, "July 23"), "On July 23 the two air forces flew their first joint air patrol.",
              participants=(CHINA, RUSSIA), section=SectionKind.NARRATIVE, start=400)
    other_day = ev("2028-07-25/jointpatrol/event", "JointPatrol", day(7, 25), "On July 25 another patrol.",
                   participants=(CHINA, RUSSIA), section=SectionKind.NARRATIVE, start=800)
    (out,) = merge_articles([art(chron, narr, other_day)], lexicon=lexicon)
    assert [e.key for e in out.events] == [chron.key, other_day.key]


def test_chronology_agreement_links_to_its_entry_and_merges_with_the_narrative_one(lexicon):
    text = "April 2, 2028: Russia and China sign a gas supply contract."
    chron_ev = ev("2028-04-02/agreementsigning/china-russia", "AgreementSigning", day(4, 2), text,
                  participants=(CHINA, RUSSIA))
    chron_ag = AgreementRecord("contract/2028-04-02-gas-supply-contract", "Contract", "gas supply contract",
                               chron_ev.passage, parties=(RUSSIA, CHINA), date=day(4, 2))
    from kg.records import MonetaryAmountRecord

    narr_p = Passage(MD, 900, 960, "On April 2 the two countries signed a $20 billion contract.", SectionKind.NARRATIVE)
    narr_ag = AgreementRecord("contract/USD-20000000000", "Contract", "$20 billion contract", narr_p,
                              parties=(CHINA, RUSSIA), date=day(4, 2),
                              value=MonetaryAmountRecord(20e9, "USD", "$20 billion", 20e9))
    (out,) = merge_articles([art(chron_ev, agreements=(chron_ag, narr_ag))], lexicon=lexicon)
    (a,) = out.agreements
    assert a.value.amount == 20e9 and a.signed_at_event == chron_ev.key
    assert {p.file.name for p in (a.passage, *a.extra_passages)} == {"a.txt"} and len(a.extra_passages) == 1
    assert out.events[0].concerns == (a.key,)


def test_pdf_line_break_hyphen_in_a_name_is_the_same_person_and_entry(lexicon):
    md = EntityRef("dan-coats", "Dan Coats", "Person", discovered=True, country="united-states")
    pdf = EntityRef("dan-co-ats", "Dan Co-ats", "Person", discovered=True, country="united-states")
    text = "Jan. 29, 2028: US Director of National Intelligence Dan Coats tells the Senate that China and Russia are aligned."
    a = ev("2028-01-29/statement/dan-coats", "Statement", day(1, 29), text, participants=(md, CHINA, RUSSIA))
    b = ev("2028-01-29/statement/dan-co-ats", "Statement", day(1, 29), text.replace("Coats", "Co-\nats"), src=PDF,
           participants=(pdf, CHINA, RUSSIA))
    (out,) = merge_articles([art(b, src=PDF), art(a)], lexicon=lexicon)
    (e,) = out.events
    assert [r.slug for r in out.entities] == ["dan-coats"] and out.entities[0].label == "Dan Coats"
    assert e.participants[0].slug == "dan-coats" and len(e.extra_passages) == 1


def test_sidelines_meeting_becomes_a_sub_event_of_the_summit(lexicon):
    brics = EntityRef("brics", "BRICS", "InternationalOrganization")
    summit = ev("2028-09-03/summit/brics", "Summit", day(9, 3, 9, 5), "Sept. 3-5, 2028: BRICS summit held in Xiamen.",
                organizations=(brics,), series="brics-summit")
    forum = ev("2028-09-04/forum/x", "ConferenceOrForum", day(9, 4), "Sept. 4, 2028: A business forum opens.", start=60)
    meet = ev("2028-09-03/meeting/xi-putin", "BilateralMeeting", day(9, 3),
              "Sept. 3, 2028: Xi meets Putin on the sidelines of the BRICS summit.", participants=(XI, PUTIN), start=120)
    (out,) = merge_articles([art(summit, forum, meet)], lexicon=lexicon)
    by_key = {e.key: e for e in out.events}
    assert by_key[meet.key].sub_event_of == summit.key
    assert by_key[forum.key].sub_event_of is None


# --- links between events: sidelines, visits, congratulations ---------------------------------------
LINKS = FIX / "unseen_2026_links.txt"


@pytest.fixture(scope="module")
def links_article(lexicon):
    from kg.documents import read_text
    from kg.extract import extract_document

    doc = read_text(LINKS.read_text(encoding="utf-8"), LINKS.name)
    (merged,) = merge_articles([extract_document(doc, lexicon)], lexicon)
    return {e.key: e for e in merged.events}


def _on(events, day_, type_):
    return [e for e in events.values() if e.date.start == day_ and e.type == type_]


def test_sidelines_of_an_unreported_summit_creates_it_from_the_phrase(links_article):
    """'meet on the sidelines of the G20 Summit in Kazan': the summit is dated by the meeting (in session)."""
    (meeting,) = _on(links_article, dt.date(2026, 9, 8), "BilateralMeeting")
    parent = links_article[meeting.sub_event_of]
    assert parent.type == "Summit" and parent.series == "g20-summit" and "G20" in parent.label
    assert [o.slug for o in parent.organizations] == ["g20"]
    assert (parent.date.start, parent.date.end) == (dt.date(2026, 9, 8), dt.date(2026, 9, 8))
    assert parent.cameo and parent.plover_category  # codes like any event
    assert parent.sub_event_of is None


def test_sidelines_of_a_reported_summit_links_to_it(links_article):
    (meeting,) = _on(links_article, dt.date(2026, 11, 15), "BilateralMeeting")
    (summit,) = [e for e in links_article.values() if e.type == "Summit" and e.series == "sco-summit"]
    assert meeting.sub_event_of == summit.key and summit.date.start == dt.date(2026, 11, 14)
    assert summit.sub_event_of is None  # the entry naming the summit is not on its own sidelines


def test_sidelines_of_something_that_is_no_event_names_the_organisation(links_article):
    """'on the sidelines of the ASEAN-related events in Vientiane': no event noun, so the body, not a new event."""
    (meeting,) = _on(links_article, dt.date(2026, 9, 10), "BilateralMeeting")
    assert meeting.sub_event_of is None and "asean" in {o.slug for o in meeting.organizations}
    assert not [e for e in links_article.values() if e.date.start == dt.date(2026, 9, 10) and e is not meeting]


def test_persons_met_during_a_visit_are_its_participants(links_article):
    (visit,) = [e for e in links_article.values() if e.type == "Visit" and e.date.start == dt.date(2026, 10, 4)]
    assert {"vyacheslav-volodin", "zhao-leji", "xi-jinping"} <= {p.slug for p in visit.participants}


def test_senders_of_congratulations_are_not_at_the_ceremony(links_article):
    (ceremony,) = [e for e in links_article.values() if e.date.start == dt.date(2026, 10, 9) and e.type != "Statement"]
    assert not {"vladimir-putin", "xi-jinping"} & {p.slug for p in ceremony.participants}
    (message,) = [e for e in links_article.values() if e.date.start == dt.date(2026, 10, 9) and e.type == "Statement"]
    assert {"vladimir-putin", "xi-jinping"} <= {p.slug for p in message.participants}
    assert message.concerns == (ceremony.key,)


def test_sidelines_containers_of_one_event_are_one_event(lexicon):
    """Two meetings on the G20's sidelines two days apart: one G20 summit spanning both, not two."""
    from kg.resolve_events import link_sidelines

    a = ev("2028-03-10/bilateralmeeting/a", "BilateralMeeting", day(3, 10),
           "March 10, 2028: Wang Yi and Sergey Lavrov meet on the sidelines of the G20 Summit.",
           participants=(CHINA, RUSSIA))
    b = ev("2028-03-12/bilateralmeeting/b", "BilateralMeeting", day(3, 12),
           "March 12, 2028: Xi Jinping and Vladimir Putin meet on the sidelines of the G20 Summit.", start=500,
           participants=(XI, PUTIN))
    out = link_sidelines([a, b], lexicon)
    (g20,) = [e for e in out if e.type == "Summit"]
    assert (g20.date.start, g20.date.end) == (dt.date(2028, 3, 10), dt.date(2028, 3, 12))
    assert {e.sub_event_of for e in out if e.type == "BilateralMeeting"} == {g20.key}


def test_a_prose_sentence_of_several_happenings_gives_no_sidelines_link(lexicon):
    """'the 19th SCO summit in Bishkek on June 14 ... and the RIC meeting on the sidelines of the G20 summit':
    the summit reported by that sentence is not on the G20's sidelines."""
    from kg.resolve_events import link_sidelines

    s = ev("2028-03-14/summit/sco-summit", "Summit", day(3, 14),
           "Xi attended the SCO summit in Astana on March 14 and the RIC meeting on the sidelines of the G20 summit "
           "in Osaka on March 28.", section=SectionKind.NARRATIVE, series="sco-summit")
    assert link_sidelines([s], lexicon) == [s]


def test_a_national_forum_from_the_phrase_is_hosted_where_its_name_says(lexicon):
    """'on the sidelines of the St Petersburg International Economic Forum': a forum of Russia, in St Petersburg,
    and the meeting was held there too."""
    from kg.resolve_events import link_sidelines

    m = ev("2028-06-02/bilateralmeeting/x", "BilateralMeeting", day(6, 2),
           "June 2, 2028: President Putin meets Vice President Li Qiang on the sidelines of the St Petersburg "
           "International Economic Forum.", participants=(PUTIN, LI))
    out = {e.type: e for e in link_sidelines([m], lexicon)}
    forum = out["ConferenceOrForum"]
    assert forum.series == "spief" and forum.place.slug == "saint-petersburg"
    assert [p.slug for p in forum.participants] == ["russia"] == [h.slug for h in forum.hosts]
    assert out["BilateralMeeting"].sub_event_of == forum.key
    assert out["BilateralMeeting"].place.slug == "saint-petersburg"
