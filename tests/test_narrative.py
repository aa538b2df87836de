"""Narrative extraction: dated events, exercises, summits, agreements, memberships, tenures.

Seeds prove the rules on the real articles; the fixtures (another year, other names, both kinds
of trap) prove they read the genre rather than these five files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.documents import read_document, read_text
from kg.lexicon import Lexicon
from kg.narrative import NarrativeResult, extract_narrative
from kg.records import Precision

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIX = ROOT / "tests" / "fixtures" / "narrative"
SEED = {
    "000": SEEDS / "000_989d1c2c2fbc9513.txt",
    "001": SEEDS / "001_bf781be3f2b4207d.txt",
    "002": SEEDS / "002_a34c8ec05d7bdf2b.txt",
    "003": SEEDS / "003_b1d71dedfacc80fc.txt",
    "004": SEEDS / "004_95c762b830a15577.txt",
}


@pytest.fixture(scope="module")
def seed_results() -> dict[str, NarrativeResult]:
    lex = Lexicon.load()
    return {k: extract_narrative(read_document(p), lex) for k, p in SEED.items()}


@pytest.fixture(scope="module")
def unseen() -> NarrativeResult:
    lex = Lexicon.load(FIX / "lexicon.toml")
    doc = read_text((FIX / "unseen_2021.txt").read_text(encoding="utf-8"), "unseen_2021.txt")
    return extract_narrative(doc, lex)


def _events(res, type_=None, name=None):
    return [e for e in res.events if (type_ is None or e.type == type_) and (name is None or e.name == name)]


# --- seeds --------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", ["000", "001"])
def test_ninth_brics_summit_in_xiamen_hosted_by_china(seed_results, seed):
    summits = [e for e in _events(seed_results[seed], "Summit") if e.ordinal == 9]
    assert len(summits) == 1
    s = summits[0]
    assert s.date.start == dt.date(2017, 9, 3) and s.date.precision == Precision.DAY
    assert s.place.slug == "xiamen"
    assert [h.slug for h in s.hosts] == ["china"]
    assert "brics" in {o.slug for o in s.organizations}
    assert "ninth BRICS summit" in s.passage.text


@pytest.mark.parametrize("seed", ["000", "001"])
def test_contradicting_code_name_year_is_recorded_not_fixed(seed_results, seed):
    js = sorted(_events(seed_results[seed], name="Joint Sea-2017"), key=lambda e: e.date.start)
    # two phases: July in the Baltic Sea (month), Sept. 18-25 in the Sea of Japan (the typo sentence)
    assert [(e.date.start.month, e.date.precision.value) for e in js] == [(7, "month"), (9, "day")]
    assert all(e.type == "NavalExercise" for e in js)
    assert any("2007" in issue for issue in js[1].text_issues) and not js[0].text_issues
    assert not _events(seed_results[seed], name="Joint Sea-2007")  # no phantom 2007 exercise


def test_gas_deal_value_and_duration(seed_results):
    deals = [a for a in seed_results["004"].agreements if a.value and a.value.amount == 400e9]
    assert len(deals) == 1
    d = deals[0]
    assert d.type == "Contract" and d.value.currency == "USD" and d.value.usd == 400e9
    assert d.duration_years == 30
    assert {p.slug for p in d.parties} >= {"china", "russia"}


def test_peace_mission_2014_from_prose(seed_results):
    pm = _events(seed_results["004"], name="Peace Mission-2014")
    assert len(pm) == 1
    assert (pm[0].date.start, pm[0].date.end) == (dt.date(2014, 8, 24), dt.date(2014, 8, 29))
    assert pm[0].personnel == 7000  # "more than 7,000 troops ... including 2,200 from outside China"
    assert "sco" in {o.slug for o in pm[0].organizations}


def test_brics_members_from_parenthesised_list(seed_results):
    members = {m.member.slug for m in seed_results["004"].memberships
               if m.organization.slug == "brics" and m.status == "FullMember"}
    assert members == {"brazil", "russia", "india", "china", "south-africa"}


def test_sco_accession_and_observer(seed_results):
    ms = {(m.member.slug, m.organization.slug, m.status): m for m in seed_results["003"].memberships}
    assert ("india", "sco", "AccedingState") in ms
    assert ("pakistan", "sco", "AccedingState") in ms
    assert ("iran", "sco", "AccedingState") not in ms  # discussed, not decided
    assert ms[("iran", "sco", "Observer")].start == dt.date(2005, 1, 1)


def _sides(e) -> set[str]:
    refs = (*e.participants, *e.hosts, *e.organizations, *((e.place,) if e.place else ()))
    return {side for r in refs for side in ("china", "russia") if side in (r.slug, r.country)}


def test_history_is_kept_only_as_dated_china_russia_happenings(seed_results):
    """Before the window only a dated China-Russia meeting/visit or an exercise of that year survives."""
    for key, res in seed_results.items():
        doc = read_document(SEED[key])
        lo = doc.meta.period_start - dt.timedelta(days=46)
        hi = doc.meta.period_end + dt.timedelta(days=32)
        for e in res.events:
            assert e.date.end <= hi, (key, e.key)
            if e.date.start < lo and e.date.end < lo:
                assert (e.name and e.name.endswith(str(e.date.start.year))) or (
                    e.type in ("Visit", "BilateralMeeting", "Summit", "PhoneCall") and _sides(e) == {"china", "russia"}
                ) or (  # an earlier summit of the series the paragraph names ("when India hosted the summit in Goa")
                    e.type == "Summit" and e.hosts and e.series and e.date.precision.value == "year"
                ), (key, e.key)
    keys = {e.key for e in seed_results["004"].events}
    assert "2013-03-01/visit/xi-jinping" in keys  # "Xi's first Russia visit in March 2013"
    assert not [k for k in keys if k.startswith("2013-03-01") and "since" in k]


def test_every_record_carries_an_exact_passage(seed_results):
    for key, res in seed_results.items():
        raw = read_document(SEED[key]).raw_text
        for rec in (*res.events, *res.agreements, *res.memberships, *res.tenures, *res.initiatives):
            p = rec.passage
            assert 0 <= p.start < p.end <= len(raw)
            first = p.text.split()[0].strip("“\"'*([")[:4]
            assert first in raw[p.start:p.end], (key, rec.key)


def test_markdown_and_pdf_of_one_article_agree(seed_results):
    md = {(e.type, e.date.start) for e in seed_results["000"].events}
    pdf = {(e.type, e.date.start) for e in seed_results["001"].events}
    assert len(md & pdf) >= 0.8 * max(len(md), len(pdf))


def test_tenure_from_titled_person(seed_results):
    t = {x.key: x for x in seed_results["002"].tenures}
    assert any(x.holder.slug == "xi-jinping" for x in t.values())
    for x in t.values():
        assert x.role_title and not x.role_title.endswith((".",))


# --- unseen-style fixtures ------------------------------------------------------------------------
def test_unseen_video_call_is_a_phone_call(unseen):
    calls = _events(unseen, "PhoneCall")
    assert len(calls) == 1 and calls[0].date.start == dt.date(2021, 6, 28)
    assert {p.slug for p in calls[0].participants} == {"xi-jinping", "vladimir-putin"}


def test_unseen_will_visit_is_planned(unseen):
    planned = [v for v in _events(unseen, "Visit") if v.status == "planned"]
    assert [v.date.start for v in planned] == [dt.date(2021, 8, 25)]
    assert [p.slug for p in planned[0].participants] == ["sergey-lavrov"]


def test_unseen_negated_meeting_and_history_are_not_events(unseen):
    assert not [e for e in unseen.events if e.date.start == dt.date(2021, 7, 2)]  # "did not meet"
    assert not [e for e in unseen.events if e.date.start.year == 2013]  # "since March 2013"


def test_unseen_summit_ordinal_and_host(unseen):
    s = _events(unseen, "Summit")
    assert len(s) == 1
    assert s[0].ordinal == 13 and s[0].place.slug == "new-delhi" and [h.slug for h in s[0].hosts] == ["india"]
    assert s[0].series == "brics-summit"


def test_unseen_exercise_size_and_typo(unseen):
    ex = _events(unseen, name="Northern Interaction-2021")
    assert len(ex) == 1
    e = ex[0]
    assert e.type == "NavalExercise" and e.personnel == 10000 and e.ships == 11
    assert e.place.slug == "sea-of-japan"
    assert any("2012" in i for i in e.text_issues)


def test_unseen_ruble_contract_with_usd_and_duration(unseen):
    (c,) = [a for a in unseen.agreements if a.type == "Contract" and a.value is not None]
    assert c.value.currency == "RUB" and c.value.amount == 600e9 and c.value.usd == 8.1e9
    assert c.duration_years == 25 and c.date.start == dt.date(2021, 5, 19)
    assert c.signed_at_event is not None
    assert any(e.key == c.signed_at_event and e.type == "AgreementSigning" for e in unseen.events)
    # "The final agreement on the pipeline may be inked later." is speculation, not an agreement
    assert all("final" not in a.label for a in unseen.agreements)
    # the chronology entry "Russia and China sign a gas supply contract." is read too (kg.resolve merges the two)
    (chron,) = [a for a in unseen.agreements if a.passage.section.value == "chronology"]
    assert chron.type == "Contract" and chron.date.start == dt.date(2021, 5, 19) and chron.signed_at_event is None


def test_unseen_tenures_with_state_from_adjective(unseen):
    t = {x.holder.slug: x for x in unseen.tenures}
    assert t["igor-morgulov"].role_title == "Deputy Foreign Minister"
    assert t["igor-morgulov"].organization.slug == "russia"
    assert t["igor-morgulov"].observed_on == dt.date(2021, 7, 14)
    assert t["hua-chunying"].organization.slug == "china"


def test_unseen_memberships(unseen):
    ms = {(m.member.slug, m.status) for m in unseen.memberships if m.organization.slug == "sco"}
    assert ("tajikistan", "FullMember") in ms
    assert ("egypt", "DialoguePartner") in ms
    assert ("tajikistan", "DialoguePartner") not in ms
    assert ("iran", "AccedingState") in ms


def test_unseen_pronoun_subject_at_a_forum(unseen):
    (f,) = _events(unseen, "ConferenceOrForum")
    assert f.date.start == dt.date(2021, 9, 3)
    assert [p.slug for p in f.participants] == ["vladimir-putin"]  # "He repeated this in his address ..."


def test_unseen_when_clause_and_n_day_visit(unseen):
    (v,) = [e for e in _events(unseen, "Visit") if e.date.start == dt.date(2021, 7, 20)]
    assert v.date.end == dt.date(2021, 7, 22)  # "started a three-day visit"
    assert "liu-jianchao" in {p.slug for p in v.participants}
    assert v.place.slug == "russia" and [h.slug for h in v.hosts] == ["russia"]


def test_unseen_dispatching_an_envoy_is_a_visit(unseen):
    (v,) = [e for e in _events(unseen, "Visit") if e.date.start == dt.date(2021, 8, 2)]
    assert v.place.slug == "mongolia"
    assert any(p.type == "Person" and "Sun" in p.label for p in v.participants)


# --- an unseen article of another decade, as PDF text ---------------------------------------------
@pytest.fixture(scope="module")
def unseen_pdf() -> NarrativeResult:
    lex = Lexicon.load(FIX / "lexicon.toml")
    doc = read_text((FIX / "unseen_2006_pdf.txt").read_text(encoding="utf-8"), "unseen_2006_pdf.txt")
    return extract_narrative(doc, lex)


def test_pdf_visit_that_discusses_a_future_exercise(unseen_pdf):
    (v,) = [e for e in _events(unseen_pdf, "Visit") if e.date.start == dt.date(2006, 4, 25)]
    assert v.date.end == dt.date(2006, 4, 26) and v.place.slug == "beijing" and [h.slug for h in v.hosts] == ["china"]
    assert "sergei-ivanov" in {p.slug for p in v.participants}
    # "to discuss the Peace Mission 2007 exercise, which will be held ... next year": no exercise on April 25
    assert not [e for e in unseen_pdf.events if e.name and "Peace Mission" in e.name]
    assert not [e for e in unseen_pdf.events if e.text_issues]


def test_pdf_sidelines_meeting_and_summit(unseen_pdf):
    (m,) = _events(unseen_pdf, "BilateralMeeting")
    assert m.date.start == dt.date(2006, 6, 14) and {p.slug for p in m.participants} == {"hu-jintao", "vladimir-putin"}
    (s,) = _events(unseen_pdf, "Summit")
    assert (s.ordinal, s.place.slug, [h.slug for h in s.hosts], s.series) == (6, "shanghai", ["china"], "sco-summit")


def test_pdf_agreements_signed_at_the_visit_of_the_previous_sentence(unseen_pdf):
    (visit,) = [e for e in _events(unseen_pdf, "Visit") if e.date.start == dt.date(2006, 3, 21)]
    ags = {a.type: a for a in unseen_pdf.agreements if a.date and a.date.start.year == 2006}
    assert {p.slug for p in ags["JointStatement"].parties} == {"china", "russia"}
    assert {p.slug for p in ags["MemorandumOfUnderstanding"].parties} == {"gazprom", "cnpc"}
    for a in ags.values():
        assert a.signed_at_event == visit.key and a.date == visit.date
    assert set(visit.concerns) == {a.key for a in ags.values()}
    assert len([a for a in unseen_pdf.agreements if a.date and a.date.start.year == 2006]) == 2  # "29 documents": none


def test_pdf_observer_list(unseen_pdf):
    obs = {m.member.slug for m in unseen_pdf.memberships if m.status == "Observer" and m.organization.slug == "sco"}
    assert obs == {"iran", "india", "pakistan", "mongolia"}


def test_unseen_membership_stated_by_a_chronology_entry(unseen):
    (m,) = [m for m in unseen.memberships if m.member.slug == "kyrgyzstan"]
    assert (m.organization.slug, m.status, m.start) == ("sco", "FullMember", dt.date(2021, 7, 12))
    assert m.passage.section.value == "chronology"


def test_article_without_period_or_chronology_yields_no_dated_facts():
    text = (
        "COMPARATIVE CONNECTIONS\n\nCHINA-RUSSIA RELATIONS\n\nUNDATED THOUGHTS\n\n"
        "President Vladimir Putin visited Beijing on May 20 and met President Xi Jinping there. "
        "The two countries signed a $10 billion contract.\n\n"
        "The BRICS (Brazil, Russia, India, China, South Africa) nations met again.\n"
    )
    doc = read_text(text, "undated.txt")
    res = extract_narrative(doc, Lexicon.load(FIX / "lexicon.toml"))
    assert doc.meta.period_start is None and doc.meta.issue_date is None and not doc.chronology
    # no period: "May 20" has no year, so no event, no tenure date, no membership date
    assert res.events == () and res.tenures == () and res.memberships == ()
    assert all(a.date is None for a in res.agreements)


# --- a third period (2023): other names, other wording --------------------------------------------
@pytest.fixture(scope="module")
def unseen_2023() -> NarrativeResult:
    lex = Lexicon.load(FIX / "lexicon.toml")
    doc = read_text((FIX / "unseen_2023.txt").read_text(encoding="utf-8"), "unseen_2023.txt")
    return extract_narrative(doc, lex)


def test_2023_signed_named_statement_and_plan_at_the_state_visit(unseen_2023):
    (visit,) = [e for e in _events(unseen_2023, "Visit") if e.date.start == dt.date(2023, 3, 20)]
    assert visit.date.end == dt.date(2023, 3, 22) and [h.slug for h in visit.hosts] == ["russia"]
    ags = {a.type: a for a in unseen_2023.agreements}
    assert set(ags) == {"JointStatement", "Plan"}  # "did not sign a contract for Power of Siberia 2"
    assert ags["JointStatement"].label == "Joint Statement on Deepening the Comprehensive Partnership"
    assert "economic cooperation until 2030" in ags["Plan"].label
    assert all(a.signed_at_event == visit.key for a in ags.values())


def test_2023_visitor_host_and_project_value(unseen_2023):
    (v,) = [e for e in _events(unseen_2023, "Visit") if e.date.start == dt.date(2023, 4, 16)]
    assert v.place.slug == "moscow" and [h.slug for h in v.hosts] == ["russia"]  # Li Shangfu visits Russia
    assert not [e for e in unseen_2023.events if e.date.start == dt.date(2023, 4, 28) and e.status == "held"]
    (pos,) = [i for i in unseen_2023.initiatives if i.key == "power-of-siberia"]
    assert pos.value.amount == 55e9 and pos.value.currency == "USD"


def test_2023_patrol_exercise_and_summit(unseen_2023):
    (p,) = _events(unseen_2023, "JointPatrol")
    assert (p.date.start, p.date.end) == (dt.date(2023, 5, 6), dt.date(2023, 5, 7))
    assert {x.slug for x in p.participants} == {"china", "russia"}  # "the two air forces"
    (ex,) = [e for e in unseen_2023.events if e.name == "Northern/Interaction-2023"]
    assert ex.type == "NavalExercise" and ex.ships == 10 and ex.aircraft == 30
    (s,) = _events(unseen_2023, "Summit")
    assert (s.ordinal, [h.slug for h in s.hosts]) == (15, ["south-africa"])


def test_2023_size_in_the_sentence_after_the_code_name(unseen_2023):
    (ex,) = [e for e in unseen_2023.events if e.name == "Ocean Shield-2023"]
    assert (ex.date.start, ex.date.end, ex.personnel) == (dt.date(2023, 5, 10), dt.date(2023, 5, 12), 8000)
    (ni,) = [e for e in unseen_2023.events if e.name == "Northern/Interaction-2023"]
    assert ni.personnel is None  # the next sentence's size belongs to the exercise it follows


def test_undated_exercise_sizes_take_the_chronology_date(unseen):
    (z,) = [e for e in unseen.events if e.name == "Zapad-2021"]
    assert (z.date.start, z.date.end) == (dt.date(2021, 8, 15), dt.date(2021, 8, 20))
    assert (z.personnel, z.aircraft) == (20000, 80) and z.passage.section.value == "narrative"


def test_pdf_past_contract_is_kept_without_a_signing_event(unseen_pdf):
    (c,) = [a for a in unseen_pdf.agreements if a.type == "Contract"]
    assert (c.value.amount, c.value.currency) == (1.6e9, "USD")
    assert c.date.precision.value == "year" and c.date.start == dt.date(2002, 1, 1)
    assert c.signed_at_event is None and len(c.extra_passages) == 1  # the second mention is the same contract
    assert not [e for e in unseen_pdf.events if e.date.start.year == 2002]


# --- robustness: shuffled genre prose never breaks the extractor ----------------------------------
_HEADER = ("COMPARATIVE CONNECTIONS\n\nCHINA-RUSSIA RELATIONS\n\nSHUFFLED\n\nThis article is extracted from "
           "*Comparative Connections*, Vol. 30, No. 1, May 2030.\n\n")


def _pool() -> list[str]:
    doc = read_document(SEED["004"])
    return [p.text for p in doc.paragraphs][:30]


@pytest.mark.parametrize("seed", range(6))
def test_shuffled_paragraphs_extract_without_error_and_with_exact_passages(seed):
    import random

    rng = random.Random(seed)
    paras = _pool()
    rng.shuffle(paras)
    chron = "\n\nCHRONOLOGY OF CHINA-RUSSIA RELATIONS\n\nJANUARY – APRIL 2030\n\nMarch 3, 2030: Putin visits China.\n"
    text = _HEADER + "\n\n".join(paras[: 4 + seed * 3]) + chron
    doc = read_text(text, f"shuffled-{seed}.txt")
    res = extract_narrative(doc, Lexicon.load())
    for rec in (*res.events, *res.agreements, *res.memberships, *res.tenures, *res.initiatives):
        assert 0 <= rec.passage.start < rec.passage.end <= len(doc.raw_text)
    for e in res.events:  # the 2014 prose under a 2030 period: only the history rules may keep an event
        assert e.date.start.year == 2030 or e.date.end < dt.date(2030, 1, 1)


def test_last_years_edition_takes_its_code_name_year_not_a_typo(unseen):
    (js,) = [e for e in unseen.events if e.name and e.name.startswith("Joint Sea")]
    assert js.name == "Joint Sea-2019" and js.text_issues == ()
    assert (js.date.start, js.date.end) == (dt.date(2019, 4, 29), dt.date(2019, 5, 4))


# --- a fourth period (2026): past summits, carried years, member counts ----------------------------
LINKS = FIX / "unseen_2026_links.txt"


def _read_2026(text: str | None = None) -> NarrativeResult:
    lex = Lexicon.load(FIX / "lexicon.toml")
    return extract_narrative(read_text(text or LINKS.read_text(encoding="utf-8"), LINKS.name), lex)


@pytest.fixture(scope="module")
def unseen_2026() -> NarrativeResult:
    return _read_2026()


def test_2026_summit_hosted_years_before_the_one_just_named(unseen_2026):
    """'The tenth BRICS summit was held Oct. 20 in Kazan. Two years before, when Brazil hosted the summit in
    Durban': the 2024 summit of that series, in Durban, hosted by Brazil, known to the year only."""
    (past,) = [e for e in unseen_2026.events if e.type == "Summit" and e.date.start.year == 2024]
    assert past.date.precision == Precision.YEAR
    assert (past.date.start, past.date.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert [h.slug for h in past.hosts] == ["brazil"] and past.place.label == "Durban"
    assert past.series == "brics-summit" and past.status == "held"
    assert [o.slug for o in past.organizations] == ["brics"]


def test_2026_yearless_date_takes_the_year_of_the_previous_sentence(unseen_2026):
    """'... cemented in Moscow in 2025. On May 9, Xi Jinping visited Moscow': May 9, 2025, not 2026."""
    (visit,) = [e for e in unseen_2026.events if e.type == "Visit" and e.date.start.year == 2025]
    assert (visit.date.start, visit.date.end, visit.date.precision) == (dt.date(2025, 5, 9), dt.date(2025, 5, 9),
                                                                        Precision.DAY)
    assert visit.place.slug == "moscow" and [h.slug for h in visit.hosts] == ["russia"]
    assert not [e for e in unseen_2026.events if e.date.start == dt.date(2026, 5, 9)]


def test_2026_meeting_dated_by_month_only(unseen_2026):
    (meeting,) = [e for e in unseen_2026.events if e.type == "BilateralMeeting" and e.date.start.year == 2024]
    assert (meeting.date.start, meeting.date.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert meeting.date.precision == Precision.MONTH
    assert {"xi-jinping", "vladimir-putin"} <= {p.slug for p in meeting.participants}


def test_2026_member_count_names_the_reference_members_plus_the_accessions(unseen_2026):
    """'The eight SCO members': the reference's six founding members and the two the article says joined."""
    full = {m.member.slug: m for m in unseen_2026.memberships if m.organization.slug == "sco" and m.status == "FullMember"}
    assert set(full) == {"china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "india", "pakistan"}
    assert full["china"].start is None and full["china"].observed_on == dt.date(2026, 12, 31)
    # "joined the SCO in June 2017": a month, not a fake first of June
    assert (full["india"].start, full["india"].start_precision) == (dt.date(2017, 6, 1), "month")
    (iran,) = [m for m in unseen_2026.memberships if m.member.slug == "iran"]
    assert (iran.status, iran.start, iran.start_precision) == ("Observer", dt.date(2005, 1, 1), "year")


def test_2026_member_count_that_disagrees_names_nobody():
    """'troops from five SCO member states' (of six): a part of the membership, not the membership."""
    text = LINKS.read_text(encoding="utf-8").replace(
        "The eight SCO members met in Astana. India and Pakistan joined the SCO in June 2017, and", "Since then")
    res = _read_2026(text)
    assert not [m for m in res.memberships if m.organization.slug == "sco" and m.status == "FullMember"]


def test_records_default_to_day_precision_starts():
    from kg.records import MembershipRecord, TenureRecord

    fields = {f.name: f.default for cls in (MembershipRecord, TenureRecord) for f in cls.__dataclass_fields__.values()
              if f.name == "start_precision"}
    assert fields == {"start_precision": "day"}


def test_2026_relative_date_from_the_previous_sentence(unseen_2026):
    """'... arrived in Beijing on Nov. 2 for talks. The next day, he met Foreign Minister Wang Yi': Nov. 3, with
    the previous sentence's subject."""
    (meeting,) = [e for e in unseen_2026.events if e.date.start == dt.date(2026, 11, 3)]
    assert meeting.type == "BilateralMeeting" and meeting.date.end == dt.date(2026, 11, 3)
    assert {"sergey-lavrov", "wang-yi"} <= {p.slug for p in meeting.participants}


def test_2026_persons_he_also_met_took_part_in_his_visit(unseen_2026):
    """'... visited Beijing on Dec. 2-3. He also met separately with Premier Li Qiang.'"""
    (visit,) = [e for e in unseen_2026.events if e.type == "Visit" and e.date.start == dt.date(2026, 12, 2)]
    assert {"andrei-belousov", "li-qiang"} <= {p.slug for p in visit.participants}
    assert any("also met" in p.text for p in visit.extra_passages)
    # a meeting is not a visit: the persons of "He also met ..." after it are a meeting of their own
    (talks,) = [e for e in unseen_2026.events if e.date.start == dt.date(2026, 11, 3)]
    assert "li-qiang" not in {p.slug for p in talks.participants}


def test_2026_persons_acting_with_the_visitor_at_the_destination(unseen_2026):
    """'In Beijing, Belousov and Chairman Zhao Leji discussed ...' after his Beijing visit: Zhao Leji took
    part; 'In Shanghai, Li Qiang and Foreign Minister Wang Yi opened ...' is elsewhere, with no visitor."""
    (visit,) = [e for e in unseen_2026.events if e.type == "Visit" and e.date.start == dt.date(2026, 12, 2)]
    slugs = {p.slug for p in visit.participants}
    assert "zhao-leji" in slugs and "wang-yi" not in slugs


# --- an undated visit report dated by the chronology's entry --------------------------------------
_ANCHORED = """COMPARATIVE CONNECTIONS

A TRIANNUAL E-JOURNAL OF BILATERAL RELATIONS IN THE INDO-PACIFIC

CHINA-RUSSIA RELATIONS

A SHORT AUTUMN

ANALYST FIVE, FIFTH INSTITUTE

This article is extracted from *Comparative Connections: A Triannual E-Journal of Bilateral Relations in the Indo-Pacific*, Vol. 28, No. 3, January 2027.

Ministers on the move

Only a few days after the forum in Kazan, the two foreign ministers met again, this time in Shanghai. Foreign Minister Sergey Lavrov spent less than a day in China for his fifth visit to China as minister. He also met separately with Chairman Zhao Leji and two vice premiers.

CHRONOLOGY OF CHINA-RUSSIA RELATIONS

SEPTEMBER – DECEMBER 2026

Oct. 10, 2026: Vice Premier Wang Yang meets Russian diplomats in Moscow to prepare Lavrov's visit to China.

Oct. 24, 2026: Foreign Minister Lavrov visits and meets Foreign Minister Wang Yi.
"""


def test_undated_visit_report_takes_the_date_of_the_chronology_visit():
    """'Lavrov spent less than a day in China for his fifth visit to China. He also met separately with ...':
    the one entry in which Lavrov is the visitor dates it (not the entry preparing 'Lavrov's visit'); the city
    of that country named in the paragraph is where; the entry's persons and those he also met took part."""
    res = extract_narrative(read_text(_ANCHORED, "anchored.txt"), Lexicon.load(FIX / "lexicon.toml"))
    (visit,) = [e for e in res.events if e.type == "Visit"]
    assert visit.date.start == dt.date(2026, 10, 24) and visit.date.precision == Precision.DAY
    assert [h.slug for h in visit.hosts] == ["china"] and visit.place.slug == "shanghai"
    assert {"sergey-lavrov", "wang-yi", "zhao-leji"} <= {p.slug for p in visit.participants}


def test_undated_visit_report_without_a_single_chronology_entry_is_no_event():
    text = _ANCHORED.replace("Oct. 24, 2026: Foreign Minister Lavrov visits and meets Foreign Minister Wang Yi.\n",
                             "Oct. 24, 2026: Foreign Minister Lavrov visits and meets Foreign Minister Wang Yi.\n\n"
                             "Nov. 14, 2026: Foreign Minister Lavrov visits China again.\n")
    res = extract_narrative(read_text(text, "anchored2.txt"), Lexicon.load(FIX / "lexicon.toml"))
    assert not [e for e in res.events if e.type == "Visit"]  # two visits by him: which one is meant is unknown


def test_visit_merged_with_its_entry_gets_host_and_the_city_of_the_narrative():
    """The entry 'X visits and meets Y' names no destination: Y's country hosts it; the narrative's city in that
    country is the finer place of the merged event."""
    from kg.extract import extract_document
    from kg.resolve import merge_articles

    lex = Lexicon.load(FIX / "lexicon.toml")
    (art,) = merge_articles([extract_document(read_text(_ANCHORED, "anchored.txt"), lex)])
    (visit,) = [e for e in art.events if e.type == "Visit" and e.date.start == dt.date(2026, 10, 24)]
    assert [h.slug for h in visit.hosts] == ["china"] and visit.place.slug == "shanghai"
    assert {"sergey-lavrov", "wang-yi", "zhao-leji"} <= {p.slug for p in visit.participants}


# --- cue gates: substring tests that rule out a pattern's scan -----------------------------------------
def _gate_texts() -> list[str]:
    from kg.documents import split_sentences

    texts = []
    for path in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")) + sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.extend(line[i:j] for i, j in split_sentences(line))
    return texts + [
        "India and Pakistan accession to full membership of the ", "to accept India and Pakistan as full members of the ",
        "the memorandums of obligations for India and Pakistan to join the ", "India's accession procedure to the ",
        "Iran and Belarus officially became full members of the ", "They inked a 400 billion rubles ($6.2 billion) loan.",
        "The two navies held the exercise with 13 warships and more than 7,000 troops; it followed the drills.",
        "The SCO heads of state met in Bishkek. The premiers held their 23rd regular meeting in Beijing.",
        "Xi arrived in Moscow, arriving in the Kremlin later; the trip took him to Kazan, and he will travel to Minsk.",
        "They marked the completion of the Skovorodino-Daqing oil pipeline.",
    ]


def test_cue_words_are_in_every_match():
    """Each gate's words: one of them is inside every match of its pattern (so a text without them has none)."""
    from kg import narrative_cues as c

    gates = [(rx, c._TRIGGER_WORDS[typ], True) for typ, rx in c._TRIGGERS] + [
        (c._SIGN, c._SIGN_WORDS, True), (c._SIZE, c._SIZE_UNITS, True), (c._MONEY, c._CURRENCY_WORDS, True),
        (c._EXERCISE_BACKREF, c._EXERCISE_BACKREF_WORDS, True), (c._EXERCISE_CUE, c._EXERCISE_CUE_WORDS, True),
        (c._DYAD_PHRASE, c._DYAD_WORDS, True), (c._JOINED_BEFORE, c._JOINED_WORDS, False),
    ] + [(rx, words, False) for rx, words in c._ACCESSION_BEFORE]
    texts = _gate_texts()
    for rx, words, fold in gates:
        hits = 0
        for text in texts:
            for m in rx.finditer(text):
                hits += 1
                got = m.group().lower() if fold else m.group()
                assert any(w in got for w in words), (rx.pattern[:40], m.group())
        assert hits, rx.pattern[:60]  # the texts exercise every gate


def test_sentence_gates():
    from kg.narrative_cues import _Cues, _Sentence

    s = _Sentence("Putin SIGNED a $2 billion deal; the summit ended.", 0)
    assert s.may(("sign",)) and not s.may(("visit",))
    assert s.has(("Putin",)) and not s.has(("putin",))
    assert [m[2].as_written for m in s.money] == ["$2 billion"]
    assert _Sentence("He \u017figned it.", 0).may(("sign",))  # a letter lower() cannot mirror: no ruling out
    cues = _Cues("Troops held drills. In May they met.")
    from kg.narrative_cues import _EXERCISE_CUE, _EXERCISE_CUE_WORDS, _MONTH_START

    assert cues.search(_EXERCISE_CUE, _EXERCISE_CUE_WORDS) and cues.search(_MONTH_START)
    assert not _Cues("They met.").search(_EXERCISE_CUE, _EXERCISE_CUE_WORDS)


# --- exercise sizes and host states (made-up prose in the genre) ----------------------------------
def _made_up(paragraphs: list[str], entries: tuple[str, ...] = ("May 3, 2030: Putin visits China.",)) -> NarrativeResult:
    chron = "\n\nCHRONOLOGY OF CHINA-RUSSIA RELATIONS\n\nMAY – AUGUST 2030\n\n" + "\n\n".join(entries) + "\n"
    abstract = ("Relations between the two countries stayed close this summer. Their leaders met twice and their "
                "militaries trained together more than ever, while trade grew as both sides looked for new markets.")
    doc = read_text(_HEADER + "\n\n".join([abstract, *paragraphs]) + chron, "made-up-2030.txt")
    return extract_narrative(doc, Lexicon.load())


def test_a_national_contingent_gives_way_to_the_exercise_total():
    res = _made_up(["Russian forces held a round of large drills this summer. In August 2030, 1,600 Chinese troops "
                    "took part in the Zephyr-2030 strategic exercises (128,000 personnel, 900 aircraft and 40 ships)."])
    (ex,) = [e for e in res.events if e.name == "Zephyr-2030"]
    assert (ex.personnel, ex.aircraft, ex.ships) == (128000, 900, 40)
    res = _made_up(["Military ties deepened. In August 2030, 1,600 Chinese troops joined the Zephyr-2030 exercises."])
    (ex,) = [e for e in res.events if e.name == "Zephyr-2030"]
    assert ex.personnel == 1600  # no total given: the contingent is all the text says


def test_a_run_of_size_sentences_after_a_code_name_describes_that_exercise():
    res = _made_up(["The two navies will hold the Blue Current-2030 drills on July 12-18 in the Sea of Japan. "
                    "About 6,000 servicemen will take part. Some 30 aircraft and 12 ships will also be involved.",
                    "Trade grew by 8%. More than 40 ships called at the port."])
    (ex,) = [e for e in res.events if e.name == "Blue Current-2030"]
    assert (ex.personnel, ex.aircraft, ex.ships) == (6000, 30, 12)


def test_foreign_troops_in_a_national_exercise_series_make_its_state_a_participant():
    res = _made_up(["In September 2030, 2,000 Chinese troops joined the Tsentr-2030 exercises, with 900 aircraft."])
    (ex,) = [e for e in res.events if e.date.start.year == 2030 and e.series == "center-exercise"]
    assert {p.slug for p in ex.participants} == {"china", "russia"}
    # an ambiguous short form ("Vostok") takes its series from the other form the text gives ("East-2030")
    res = _made_up(["In September 2030, 2,000 Chinese troops joined the Vostok 2030 (East-2030) exercises."])
    (ex,) = [e for e in res.events if e.name == "Vostok-2030"]
    assert ex.series == "vostok-exercise" and {p.slug for p in ex.participants} == {"china", "russia"}
    res = _made_up(["In September 2030, 2,000 Chinese troops joined the Zephyr-2030 exercises, with 900 aircraft."])
    (ex,) = [e for e in res.events if e.name == "Zephyr-2030"]
    assert {p.slug for p in ex.participants} == {"china"}  # a series of no known state: no host added


# --- meetings and visits told without a date or without the second leader's name --------------------
def test_an_undated_leaders_meeting_at_a_summit_takes_the_summits_days():
    entries = ("May 3, 2030: Putin visits China.", "June 14-15, 2030: SCO Summit is held in Bishkek.")
    res = _made_up(["The SCO had a busy summer. Presidents Xi and Putin met briefly in Bishkek ahead of the formal "
                    "SCO sessions. They discussed trade and security."], entries)
    (mt,) = [e for e in res.events if e.type == "BilateralMeeting"]
    assert (mt.date.start, mt.date.end, mt.place.slug) == (dt.date(2030, 6, 14), dt.date(2030, 6, 15), "bishkek")
    assert {p.slug for p in mt.participants} == {"xi-jinping", "vladimir-putin"}
    res = _made_up(["The SCO had a busy summer. Presidents Xi and Putin met briefly in Bishkek to discuss trade."], entries)
    assert not [e for e in res.events if e.type == "BilateralMeeting"]  # not told against the summit: no date


def test_the_two_leaders_of_a_visit_are_the_visitor_and_the_hosts_holder_of_the_same_post():
    intro = ("Russian President Vladimir Putin and Chinese President Xi Jinping kept in close touch this summer, "
             "as Chinese Premier Li Qiang looked after the economy.")
    res = _made_up([intro, "In June 2030, when Xi visited Moscow for a state visit, the two leaders discussed trade."])
    (v,) = [e for e in res.events if e.type == "Visit" and e.date.start.month == 6]
    assert {"xi-jinping", "vladimir-putin"} <= {p.slug for p in v.participants}
    res = _made_up([intro, "In June 2030, when Xi visited Moscow for a state visit, he discussed trade."])
    (v,) = [e for e in res.events if e.type == "Visit" and e.date.start.month == 6]
    assert "vladimir-putin" not in {p.slug for p in v.participants}


def test_a_leaders_meeting_on_the_sidelines_of_the_summit_just_told_takes_its_day_and_city():
    entries = ("May 3, 2030: Putin visits China.",)
    res = _made_up(["The SCO met in Central Asia. The 30th SCO summit was held in Bishkek on June 14, 2030. "
                    "Presidents Xi and Putin met on the sidelines of the summit."], entries)
    (mt,) = [e for e in res.events if e.type == "BilateralMeeting"]
    assert (mt.date.start, mt.place.slug) == (dt.date(2030, 6, 14), "bishkek")
    assert {p.slug for p in mt.participants} == {"xi-jinping", "vladimir-putin"}
    res = _made_up(["The SCO met in Central Asia. The 30th SCO summit was held in Bishkek on June 14, 2030.",
                    "Presidents Xi and Putin met on the sidelines of the summit."], entries)
    assert not [e for e in res.events if e.type == "BilateralMeeting"]  # another paragraph: which summit is unsaid


def test_a_dated_veto_in_the_prose_is_a_un_action_of_the_states_that_cast_it():
    res = _made_up(["The UN was busy. Russia and China vetoed a Security Council resolution on aid to Syria on "
                    "July 7, 2030, their 20th joint veto."])
    (un,) = [e for e in res.events if e.type == "UNAction"]
    assert un.date.start == dt.date(2030, 7, 7)
    assert {p.slug for p in un.participants} == {"russia", "china"}  # Syria is what the resolution is about


def test_they_at_the_start_of_a_sentence_are_the_pair_the_paragraph_named_last():
    res = _made_up(["The leaders kept meeting. In Kazan, Xi and Putin signed a joint statement on May 30, 2030. "
                    "They met again on June 28, 2030 on the sidelines of the G20 summit in Osaka."])
    (mt,) = [e for e in res.events if e.type == "BilateralMeeting" and e.date.start == dt.date(2030, 6, 28)]
    assert {"xi-jinping", "vladimir-putin"} <= {p.slug for p in mt.participants}


def test_two_summits_in_one_sentence_each_keep_their_own_organisation():
    res = _made_up(["Summer was busy. Russia and China attended the SCO summit in Bishkek on June 14, 2030, and the "
                    "CICA summit in Dushanbe on June 15, 2030."])
    summits = {e.date.start.day: ([o.slug for o in e.organizations], e.series) for e in res.events if e.type == "Summit"}
    assert summits[14] == (["sco"], "sco-summit") and summits[15] == (["cica"], "cica-summit")


def test_the_two_leaders_are_the_pair_the_paragraph_named_last():
    res = _made_up(["The leaders kept meeting. In Kazan, Xi and Putin signed a joint statement on May 30, 2030. "
                    "A week later, the two leaders met again in Bishkek on June 14, 2030."])
    (mt,) = [e for e in res.events if e.type == "BilateralMeeting"]
    assert {"xi-jinping", "vladimir-putin"} <= {p.slug for p in mt.participants}
    res = _made_up(["The leaders kept meeting. In Kazan, Xi signed a joint statement on May 30, 2030.",
                    "A week later, the two leaders met again in Bishkek on June 14, 2030."])
    (mt,) = [e for e in res.events if e.type == "BilateralMeeting"]
    assert not {"xi-jinping", "vladimir-putin"} & {p.slug for p in mt.participants}  # no pair named before


def test_leaders_meeting_during_a_summit_is_the_event_and_each_date_has_its_own_place():
    res = _made_up(["The leaders kept meeting. In Kazan, Xi and Putin signed a joint statement on May 30, 2030. "
                    "A week later, the two leaders met again in Bishkek at the SCO summit on June 14, 2030, and in "
                    "Dushanbe at the CICA summit on June 15, 2030. Xi and Putin met in Lima on Aug. 19, 2030 during "
                    "the APEC summit."])
    meetings = {(e.date.start.month, e.date.start.day): e.place.slug for e in res.events if e.type == "BilateralMeeting"}
    assert meetings == {(6, 14): "bishkek", (6, 15): "dushanbe", (8, 19): "lima"}


def test_a_visit_made_to_co_chair_a_session_is_a_visit():
    res = _made_up(["Defense ties grew. Russian Defense Minister Sergei Shoigu visited Beijing on June 23, 2030 to "
                    "co-chair the 30th session of the intergovernmental commission on military cooperation."])
    assert [e.type for e in res.events if e.date.start == dt.date(2030, 6, 23)] == ["Visit"]


def test_an_exercise_after_which_a_patrol_is_told_is_no_date_of_the_exercise():
    res = _made_up(["The militaries trained hard. In August 2030, Russia held the Zephyr-2030 exercises with 5,000 troops. "
                    "After the exercise, Chinese and Russian warships conducted a joint naval patrol in the Pacific on "
                    "Aug. 15-20, 2030."])
    (patrol,) = [e for e in res.events if e.date.start == dt.date(2030, 8, 15)]
    assert patrol.type == "JointPatrol" and patrol.name is None and patrol.place.slug == "pacific-ocean"


def test_a_code_name_of_an_ambiguous_series_takes_the_series_the_context_tells():
    res = _made_up(["Russia held the Vostok-2030 strategic command-staff exercise in the Eastern Military District on "
                    "Aug. 1-7, 2030, with Chinese troops taking part."])
    (ex,) = [e for e in res.events if e.name == "Vostok-2030"]
    assert ex.series == "vostok-exercise"


def test_a_sides_contingent_told_apart_is_no_size_of_the_exercise():
    res = _made_up(["The drills grew. From Aug. 1 to 7, 2030, Russia held the Zephyr-2030 exercise with more than "
                    "50,000 troops and 60 warships. China sent more than 2,000 troops, 300 vehicles and 21 aircraft."])
    (ex,) = [e for e in res.events if e.name == "Zephyr-2030"]
    assert (ex.personnel, ex.ships, ex.vehicles, ex.aircraft) == (50000, 60, None, None)


def test_what_the_exercises_own_state_deploys_is_its_size():
    res = _made_up(["Russia's forces trained in the east. From Aug. 1 to 7, 2030, Russia held the Vostok-2030 strategic "
                    "command-staff exercise in the Eastern Military District. Russia deployed 297,000 troops and 1,000 "
                    "aircraft. China sent 3,200 troops."])
    (ex,) = [e for e in res.events if e.name == "Vostok-2030"]
    assert (ex.personnel, ex.aircraft) == (297000, 1000)


@pytest.mark.parametrize("when", ["Aug. 1-7", "August 1-7", "Aug 1-7"])
def test_an_exercises_place_is_read_past_an_abbreviated_month(when):
    """The dot of "Aug." ends no stretch of the sentence: the place after the date is the exercise's, however the
    month is written."""
    res = _made_up([f"Russia and China agreed to hold the Zephyr-2030 joint exercise on {when}, 2030, at the Tsugol "
                    "training ground in Zabaikalsky Krai, with 3,000 troops."])
    (ex,) = [e for e in res.events if e.name == "Zephyr-2030"]
    assert ex.place is not None and ex.place.label == "Tsugol training ground"


def test_a_place_in_a_concession_is_not_the_exercises():
    res = _made_up(["China will take part in Russia's Zephyr-2030 exercise, to be held Aug. 1-7, 2030, mostly at ranges "
                    "of the Central Military District, though some events will take place in the Arctic."])
    (ex,) = [e for e in res.events if e.name == "Zephyr-2030"]
    assert ex.place is None or ex.place.slug != "arctic"


@pytest.mark.parametrize("paragraph, typ, start", [
    ("On May 8, President Xi Jinping arrived in Moscow for a three-day state visit, his second trip to Russia.",
     "Visit", dt.date(2030, 5, 8)),
    ("Putin chose China for his first foreign trip, arriving in Beijing on May 16, a week after his inauguration.",
     "Visit", dt.date(2030, 5, 16)),
    ("Premier Li Keqiang and Prime Minister Dmitry Medvedev held their 23rd regular meeting in Beijing on June 7.",
     "CommissionSession", dt.date(2030, 6, 7)),
    ("The SCO heads of state met in Bishkek on Aug. 16 and then watched the final phase of the exercise.",
     "Summit", dt.date(2030, 8, 16)),
    ("On June 27, Putin and Xi Jinping attended a ceremony marking the completion of the Skovorodino-Daqing oil "
     "pipeline.", "Launch", dt.date(2030, 6, 27)),
    ("Foreign Minister Sergey Lavrov will travel to Beijing on July 22, his third trip this year.", "Visit",
     dt.date(2030, 7, 22)),
])
def test_dated_events_told_in_other_ways(paragraph, typ, start):
    """Made-up prose of other periods: an arrival, a regular meeting, heads of state meeting, a completion."""
    res = _made_up([paragraph])
    assert typ in {e.type for e in res.events if e.date.start == start}


def test_cargo_that_arrives_is_no_visit():
    res = _made_up(["The PLA moved its heavy equipment by rail, and it arrived in Orenburg on Aug. 4, 2030."])
    assert not [e for e in res.events if e.type == "Visit"]


def test_a_bric_summit_is_a_brics_summit():
    res = _made_up(["Yekaterinburg hosted the SCO summit on June 15-16, 2030, followed by the first-ever BRIC summit on "
                    "June 16."])
    series = {e.date.start: e.series for e in res.events if e.type == "Summit"}
    assert series == {dt.date(2030, 6, 15): "sco-summit", dt.date(2030, 6, 16): "brics-summit"}


def test_an_exercise_of_a_known_series_takes_its_kind():
    """"Peace Mission 2030 was held near Chelyabinsk": no word says land forces, the series does (as in a chronology)."""
    res = _made_up(["Peace Mission 2030, the first SCO exercise involving all members, was held near Chelyabinsk on "
                    "Aug. 9-17, 2030."])
    assert [e.type for e in res.events if e.name and e.name.startswith("Peace Mission")] == ["GroundExercise"]
