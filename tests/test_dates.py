"""Every date form of the genre, ranges, yearless entries, impossible days, dates inside prose."""

import datetime as dt

import pytest

from kg.dates import (
    ENTRY_START,
    DateError,
    ImpossibleDateError,
    MissingYearError,
    find_dates,
    parse_date_span,
    parse_period,
    year_for,
)
from kg.errors import InputError
from kg.records import Precision

D = dt.date


@pytest.mark.parametrize(
    "text, default, start, end, precision",
    [
        ("Sept. 3, 2017", None, D(2017, 9, 3), D(2017, 9, 3), Precision.DAY),
        ("Sept. 3-5, 2017", None, D(2017, 9, 3), D(2017, 9, 5), Precision.DAY),
        ("Oct. 31-Nov. 2, 2017", None, D(2017, 10, 31), D(2017, 11, 2), Precision.DAY),
        ("April 29-May 4, 2019", None, D(2019, 4, 29), D(2019, 5, 4), Precision.DAY),
        ("Dec. 30, 2017-Jan. 2, 2018", None, D(2017, 12, 30), D(2018, 1, 2), Precision.DAY),
        ("Dec. 30-Jan. 2, 2018", None, D(2017, 12, 30), D(2018, 1, 2), Precision.DAY),
        ("Aug. 29-Sept. 1, 2014", None, D(2014, 8, 29), D(2014, 9, 1), Precision.DAY),
        ("June 2016", None, D(2016, 6, 1), D(2016, 6, 30), Precision.MONTH),
        ("mid-May", 2014, D(2014, 5, 11), D(2014, 5, 20), Precision.MONTH),
        ("early June", 2014, D(2014, 6, 1), D(2014, 6, 10), Precision.MONTH),
        ("late Nov.", 2017, D(2017, 11, 21), D(2017, 11, 30), Precision.MONTH),
        ("May 20-21", 2014, D(2014, 5, 20), D(2014, 5, 21), Precision.DAY),
        ("Sept 3 \u2013 5, 2017", None, D(2017, 9, 3), D(2017, 9, 5), Precision.DAY),
        ("Sep. 9\u20149, 2017", None, D(2017, 9, 9), D(2017, 9, 9), Precision.DAY),
        ("September 9, 2017", None, D(2017, 9, 9), D(2017, 9, 9), Precision.DAY),
        ("August 25, 2016", 1999, D(2016, 8, 25), D(2016, 8, 25), Precision.DAY),
        ("May \u2013 August 2016", None, D(2016, 5, 1), D(2016, 8, 31), Precision.MONTH),
        ("2017", None, D(2017, 1, 1), D(2017, 12, 31), Precision.YEAR),
        ("Feb. 29, 2016", None, D(2016, 2, 29), D(2016, 2, 29), Precision.DAY),
        ("Sept. 3 and 5, 2017", None, D(2017, 9, 3), D(2017, 9, 5), Precision.DAY),  # two days: the span of both
        ("Oct. 9 & 11", 2016, D(2016, 10, 9), D(2016, 10, 11), Precision.DAY),
    ],
)
def test_parse_date_span(text, default, start, end, precision):
    span = parse_date_span(text, default_year=default)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    assert span.text == text


def test_written_year_beats_default():
    assert parse_date_span("Sept. 3, 2017", default_year=1990).start == D(2017, 9, 3)


@pytest.mark.parametrize("text", ["Feb. 30, 2017", "Feb. 29, 2017", "Sept. 31, 2017", "April 31-May 2, 2019", "June 0, 2016"])
def test_impossible_dates_raise_a_clear_error(text):
    with pytest.raises(ImpossibleDateError) as exc:
        parse_date_span(text)
    assert text in str(exc.value)
    # usable as both the project's InputError and a plain ValueError
    assert isinstance(exc.value, InputError) and isinstance(exc.value, ValueError)


def test_missing_year_without_default():
    with pytest.raises(MissingYearError):
        parse_date_span("May 20-21")


@pytest.mark.parametrize("text", ["Foo 3, 2017", "", "yesterday", "Sept. 5-3, 2017"])
def test_not_a_date(text):
    with pytest.raises(DateError):
        parse_date_span(text)


@pytest.mark.parametrize(
    "line, date",
    [
        ("Sept. 3-5, 2017: Ninth BRICS annual summit", "Sept. 3-5, 2017"),
        (" Dec. 2-13, 2017: Russian National Guard", "Dec. 2-13, 2017"),
        ("Dec. 30, 2017-Jan. 2, 2018: x", "Dec. 30, 2017-Jan. 2, 2018"),
        ("May 20-21: Putin visits", "May 20-21"),
        ("June 2016: x", "June 2016"),
        ("Oct. 31\u2013Nov. 2, 2017: Medvedev", "Oct. 31\u2013Nov. 2, 2017"),
        ("Sept. 3 and 5, 2017: Xi and Putin meet twice", "Sept. 3 and 5, 2017"),
    ],
)
def test_entry_start(line, date):
    m = ENTRY_START.match(line)
    assert m and m["date"].strip() == date


@pytest.mark.parametrize("line", ["Dec. 6, the Jilin Daily used an entire page", "Xi: not a date", "Decided: no", "May we: no"])
def test_entry_start_rejects_prose(line):
    assert ENTRY_START.match(line) is None


def test_parse_period_and_year_for():
    assert parse_period("SEPTEMBER \u2013 DECEMBER 2017") == (D(2017, 9, 1), D(2017, 12, 31))
    assert parse_period("May \u2013 August 2016") == (D(2016, 5, 1), D(2016, 8, 31))
    period = parse_period("October 2005 \u2013 January 2006")
    assert period == (D(2005, 10, 1), D(2006, 1, 31))
    assert year_for(12, period, None) == 2005 and year_for(1, period, None) == 2006
    assert parse_period("Sept. 3, 2017") is None


def test_find_dates_in_prose():
    text = ("The summit was held on Sept. 3 in Xiamen. In early June, they may meet again (Sept. 6-7). "
            "It was decided in May. In March 2013 Xi took office.")
    found = {text[s:e]: span for s, e, span in find_dates(text, 2017)}
    assert found["Sept. 3"].start == D(2017, 9, 3)
    assert found["early June"].precision is Precision.MONTH
    assert (found["Sept. 6-7"].start, found["Sept. 6-7"].end) == (D(2017, 9, 6), D(2017, 9, 7))
    assert found["May"].start == D(2017, 5, 1)  # "in May." without the sentence's full stop
    assert found["March 2013"].start == D(2013, 3, 1)
    assert "may" not in found  # the verb is no date


def test_find_dates_skips_impossible_days():
    assert find_dates("on Feb. 30 they met", 2017) == []


# --- relative dates in narrative ------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentences, expected",
    [
        (["Xi arrived in Moscow on March 20, 2023.", "The day before, Putin published an article."], (1, "2023-03-19", "2023-03-19")),
        (["Xi arrived in Moscow on March 20, 2023.", "The next day they signed two statements."], (1, "2023-03-21", "2023-03-21")),
        (["Lavrov flew to Guilin on March 22, 2021.", "Two days later he was in Seoul."], (1, "2021-03-24", "2021-03-24")),
        (["The summit opened on June 9, 2018.", "A week later the ministers met again."], (1, "2018-06-16", "2018-06-16")),
        (["Wang visited Moscow on April 3, 2023; earlier that month the deputies had met."], (0, "2023-04-01", "2023-04-02")),
        (["Putin and Xi met in Bishkek on June 13, 2019, and three days earlier in Dushanbe."], (0, "2019-06-10", "2019-06-10")),
        (["Putin met Xi on June 13, 2019.", "Two days after the summit they spoke."], None),  # counted from the summit, unknown
    ],
)
def test_relative_dates_count_from_a_written_date(sentences, expected):
    from kg.dates import resolve_relative_dates

    got = resolve_relative_dates(sentences, 2023)
    if expected is None:
        assert all(not g for g in got)
        return
    i, start, end = expected
    (_s, _e, span), = got[i]
    assert (span.start.isoformat(), span.end.isoformat()) == (start, end)


def test_relative_dates_need_an_anchor_in_the_same_or_previous_sentence():
    from kg.dates import resolve_relative_dates

    sents = ["Xi arrived on March 20, 2023.", "Talks were long.", "The next day he left."]
    assert resolve_relative_dates(sents, 2023)[2] == []
    # a relative date never anchors another one
    sents = ["Xi arrived on March 20, 2023.", "The day before, Putin wrote.", "Two days later he left."]
    assert resolve_relative_dates(sents, 2023)[2] == []


def test_relative_dates_from_written_dates_given():
    from kg.dates import resolve_relative_dates

    sents = ["Xi arrived in Moscow on March 20.", "The next day, he met Putin.", "Two days later, he left."]
    written = [find_dates(s, 2023) for s in sents]
    assert resolve_relative_dates(sents, 2023, written=written) == resolve_relative_dates(sents, 2023)
