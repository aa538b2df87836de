"""Dates as the genre writes them: "Sept. 3-5, 2017", "Oct. 31-Nov. 2, 2017", "mid-May", "June 2016".

Plain tables and one grammar, no dateutil.parser: dateutil silently misreads ranges ("Sept. 3-5,
2017" -> 2005-09-03 20:17, stack-facts §6) and fills missing fields from today's date. Every
parse is exact or raises a DateError subclass, so a chronology entry with an impossible date
("Feb. 30, 2017") is flagged by the caller, never silently "fixed".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kg.errors import InputError
from kg.records import DateSpan, Precision


class DateError(InputError, ValueError):
    """A date expression we cannot turn into a DateSpan (also a ValueError for generic callers)."""


class ImpossibleDateError(DateError):
    """The text names a day that does not exist ("Feb. 30, 2017", "Sept. 31")."""


class MissingYearError(DateError):
    """No year in the text and no default year (chronology heading / period) to take it from."""


#: month tokens of the genre (lower case, without the abbreviation dot)
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS.update({"sept": 9, "june": 6, "july": 7})
_FULL_NAMES = frozenset(n.lower() for n in calendar.month_name if n)

# "Sept" must be tried before "Sep"; full names before their prefixes.
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH = rf"(?:{_MONTH_ALT})\b\.?"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
DASH = rf"\s*(?:[-{_DASHES}]|\bto\b|\bthrough\b)\s*"
_DASH_CHARS = re.compile(rf"[{_DASHES}]")
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_QUAL = r"(?:early|mid|late|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of)"

#: "Sept. 3 and 5, 2017:" (a chronology entry of two days of one month): read as the span from the first to the last
_AND = r"\s*(?:\band\b|&)\s*"
_M = rf"(?P<{{n}}>{MONTH})"
_FULL = re.compile(
    r"^(?:(?P<q>" + _QUAL + r")[\s-]*)?"
    + _M.format(n="m1")
    + r"(?:\s*(?P<d1>\d{1,2})(?!\d)(?:st|nd|rd|th)?)?"
    + r"(?:,?\s*(?P<y1>\d{4}))?"
    + r"(?:(?:" + DASH + r"|" + _AND + r"(?=\d))(?:" + _M.format(n="m2") + r"\s*)?(?P<d2>\d{1,2})?(?:st|nd|rd|th)?)?"
    + r"(?:,?\s*(?P<y2>\d{4}))?\s*$",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(r"^(?:in\s+)?(?P<y>\d{4})$")

#: a chronology entry starts with a date followed by a colon: "Oct. 31-Nov. 2, 2017: ..."
ENTRY_START = re.compile(
    r"^[ \t\u00a0]*(?P<date>"
    + r"(?:(?:" + _QUAL + r")[\s-]*)?" + MONTH
    + r"(?:\s*\d{1,2})?(?:,?\s*\d{4})?"
    + r"(?:(?:" + DASH + r"(?:" + MONTH + r"\s*)?|" + _AND + r")\d{1,2}(?:,?\s*\d{4})?)?"
    + r"|\d{4})[ \t]*:(?=\s|$)",
    re.IGNORECASE,
)

#: a period heading: "SEPTEMBER – DECEMBER 2017", "May – August 2016", "October 2005 – January 2006"
_PERIOD = re.compile(
    r"^\s*" + _M.format(n="m1") + r"(?:\s*(?P<y1>\d{4}))?" + DASH + _M.format(n="m2") + r"\s*(?P<y2>\d{4})\s*$",
    re.IGNORECASE,
)

#: dates inside prose (month first, as the genre writes them)
_PROSE = re.compile(
    r"(?<![\w.])(?:(?P<q>" + _QUAL + r")[\s-]+|(?P<prep>on|in|by|since|from|until)\s+)?"
    + r"(?P<date>" + MONTH + r"(?:\s+\d{1,2}(?!\d))?(?:,?\s+\d{4})?"
    + r"(?:" + DASH + r"(?:" + MONTH + r"\s*)?\d{1,2}(?!\d)(?:,?\s+\d{4})?)?)",
    re.IGNORECASE,
)


def normalise_dashes(text: str) -> str:
    """En/em dashes and minus signs as '-'."""
    return _DASH_CHARS.sub("-", text)


def month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def _day(y: int, m: int, d: int, text: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError as exc:
        raise ImpossibleDateError(
            f"impossible date {text!r}",
            hint="the text names a day that does not exist; the entry is flagged, not corrected",
        ) from exc


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _qualified_month(q: str, y: int, m: int, text: str) -> DateSpan:
    """'early June' / 'mid-May' / 'late Nov.': month precision, span narrowed to the third named."""
    q = q.lower()
    last = calendar.monthrange(y, m)[1]
    if q.startswith("early") or "beginning" in q:
        lo, hi = 1, 10
    elif q.startswith("mid"):
        lo, hi = 11, 20
    else:  # late, end of
        lo, hi = 21, last
    return DateSpan(dt.date(y, m, lo), dt.date(y, m, hi), Precision.MONTH, text)


def parse_date_span(text: str, default_year: int | None = None) -> DateSpan:
    """Parse one date expression of the genre into a DateSpan.

    A written year always wins over default_year; in a range with a single year at the end
    ("Dec. 30-Jan. 2, 2018") that year belongs to the end, and a start month after the end month
    means the previous year. Raises ImpossibleDateError / MissingYearError / DateError.
    """
    original = text
    s = _SPACES.sub(" ", normalise_dashes(text).strip().rstrip(":").strip())
    m = _YEAR_ONLY.match(s)
    if m:
        y = int(m["y"])
        return DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), Precision.YEAR, original)
    m = _FULL.match(s)
    if not m:
        raise DateError(f"not a date: {original!r}", hint="expected e.g. 'Sept. 3-5, 2017' or 'June 2016'")
    m1 = month_number(m["m1"])
    m2 = month_number(m["m2"]) if m["m2"] else None
    d1 = int(m["d1"]) if m["d1"] else None
    d2 = int(m["d2"]) if m["d2"] else None
    y1 = int(m["y1"]) if m["y1"] else None
    y2 = int(m["y2"]) if m["y2"] else None
    q = m["q"]
    has_range = m["d2"] is not None or m["m2"] is not None
    if not has_range and y1 is None and y2 is not None:  # "Sept. 3 2017" parsed into y2
        y1, y2 = y2, None
    if m2 is not None and d2 is None and d1 is not None:
        raise DateError(f"not a date: {original!r}", hint="a range needs a day at both ends")
    end_year = y2 if y2 is not None else (y1 if not has_range else None)
    if end_year is None:
        end_year = y1 if y1 is not None else default_year
    if end_year is None:
        raise MissingYearError(
            f"no year in date {original!r}", hint="pass the chronology heading's year as default_year"
        )
    # --- month precision: "June 2016", "mid-May", "May-August 2016" ---------------------------
    if d1 is None:
        if has_range:
            if m2 is None or d2 is not None:
                raise DateError(f"not a date: {original!r}")
            start_year = y1 if y1 is not None else (end_year - 1 if m1 > m2 else end_year)
            return DateSpan(dt.date(start_year, m1, 1), _month_end(end_year, m2), Precision.MONTH, original)
        if q:
            return _qualified_month(q, end_year, m1, original)
        return DateSpan(dt.date(end_year, m1, 1), _month_end(end_year, m1), Precision.MONTH, original)
    # --- day precision ------------------------------------------------------------------------
    if not has_range:
        d = _day(end_year, m1, d1, original)
        return DateSpan(d, d, Precision.DAY, original)
    em = m2 if m2 is not None else m1
    if y1 is not None:
        start_year = y1
    elif m1 > em:
        start_year = end_year - 1
    else:
        start_year = end_year
    start = _day(start_year, m1, d1, original)
    end = _day(end_year, em, d2, original)
    if end < start:
        raise DateError(f"date range ends before it starts: {original!r}", hint="check the day numbers")
    return DateSpan(start, end, Precision.DAY, original)


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """'SEPTEMBER – DECEMBER 2017' -> (2017-09-01, 2017-12-31); None when the line is no period."""
    m = _PERIOD.match(normalise_dashes(text))
    if not m:
        return None
    m1, m2 = month_number(m["m1"]), month_number(m["m2"])
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if m1 > m2 else y2)
    return dt.date(y1, m1, 1), _month_end(y2, m2)


def year_for(month: int, period: tuple[dt.date, dt.date] | None, fallback: int | None) -> int | None:
    """The year a yearless date of `month` has inside a chronology period (which may cross a year)."""
    if period is None:
        return fallback
    start, end = period
    for y in range(start.year, end.year + 1):
        probe = dt.date(y, month, 1)
        if dt.date(start.year, start.month, 1) <= probe <= end:
            return y
    # just outside the period (entries of the previous weeks): the nearest year
    return min(range(start.year, end.year + 1), key=lambda y: min(abs((dt.date(y, month, 15) - start).days),
                                                                     abs((dt.date(y, month, 15) - end).days)))


def find_dates(text: str, context_year: int | None) -> list[tuple[int, int, DateSpan]]:
    """Dates inside prose: 'on Sept. 3', 'May 20-21', 'in early June', 'June 2016'.

    A bare month ('in June') counts only after a preposition or qualifier, so the verb 'may' and
    names like 'May' in other roles are not dates; 'May' itself must be capitalised. Expressions
    that are not valid dates (no year known, impossible day) are skipped.
    """
    out: list[tuple[int, int, DateSpan]] = []
    for m in _PROSE.finditer(text):
        date = m["date"]
        if not date[0].isupper():
            continue
        has_day_or_year = _DIGIT.search(date) is not None
        if not has_day_or_year and not (m["q"] or m["prep"]):
            continue
        if date.lower().startswith("may") and not has_day_or_year and not m["q"] and m["prep"] not in ("in", "since", "until", "by"):
            continue
        expr = f"{m['q']} {date}" if m["q"] else date
        try:
            span = parse_date_span(expr, default_year=context_year)
        except DateError:
            continue
        start = m.start("q") if m["q"] else m.start("date")
        end = m.end("date")
        if date.endswith(".") and date[:-1].lower() in _FULL_NAMES:  # "in May." : the dot ends the sentence
            end -= 1
            span = DateSpan(span.start, span.end, span.precision, span.text[:-1])
        out.append((start, end, span))
    return out


# --- relative dates in narrative ----------------------------------------------------------------
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "several": None, "a few": None}
_RELATIVE = re.compile(
    r"\b(?:(?P<same>(?:on )?(?:that|the) same day|that day)"
    r"|(?P<before>the (?:day|evening|night) before|the previous day|the preceding day|a day earlier)"
    r"|(?P<after>the (?:next|following) day|the day after|the next morning)"
    r"|(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|afterwards?|earlier|(?:after|before)\b(?!\s+(?:the|that|this|his|her|its|their)\b))"
    r"|(?P<week>the (?:following|next|previous|preceding) week)"
    r"|(?P<month>(?:earlier|later) (?:that|the same|in the) month|that same month|the (?:following|next|previous|preceding) month))",
    re.IGNORECASE,
)


def relative_date(match: re.Match, anchor: dt.date) -> DateSpan:
    """The DateSpan a relative expression names, counted from `anchor` (a day)."""
    text = match.group()
    if match["same"]:
        return DateSpan(anchor, anchor, Precision.DAY, text)
    if match["before"]:
        d = anchor - dt.timedelta(days=1)
        return DateSpan(d, d, Precision.DAY, text)
    if match["after"]:
        d = anchor + dt.timedelta(days=1)
        return DateSpan(d, d, Precision.DAY, text)
    if match["n"]:
        n = int(match["n"]) if match["n"].isdigit() else _COUNT[match["n"].lower()]
        days = n * (7 if match["unit"].lower().startswith("week") else 1)
        sign = -1 if match["dir"].lower() in ("earlier", "before") else 1
        d = anchor + dt.timedelta(days=sign * days)
        return DateSpan(d, d, Precision.DAY, text)
    if match["week"]:
        sign = -1 if re.search(r"previous|preceding", text, re.IGNORECASE) else 1
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=7 * sign)
        return DateSpan(monday, monday + dt.timedelta(days=6), Precision.DAY, text)
    # months: "earlier that month" = the anchor's month up to the anchor; "later that month" from it
    low = text.lower()
    if "following" in low or "next" in low or "previous" in low or "preceding" in low:
        y, m = anchor.year, anchor.month + (1 if ("following" in low or "next" in low) else -1)
        y, m = (y + 1, 1) if m == 13 else (y - 1, 12) if m == 0 else (y, m)
        return DateSpan(dt.date(y, m, 1), _month_end(y, m), Precision.MONTH, text)
    first, last = anchor.replace(day=1), _month_end(anchor.year, anchor.month)
    if low.startswith("earlier"):
        return DateSpan(first, max(first, anchor - dt.timedelta(days=1)), Precision.MONTH, text)
    if low.startswith("later"):
        return DateSpan(min(last, anchor + dt.timedelta(days=1)), last, Precision.MONTH, text)
    return DateSpan(first, last, Precision.MONTH, text)


def resolve_relative_dates(sentences: list[str], context_year: int | None, anchor: dt.date | None = None,
                           written: list[list[tuple[int, int, DateSpan]]] | None = None) -> list[list[tuple[int, int, DateSpan]]]:
    """Relative dates of each sentence ("the day before", "two days later", "a week later",
    "earlier that month"), counted from the last day-precise date written in the same sentence
    before the expression, else in the previous sentence (or `anchor` for the first one).

    A relative date never anchors another one (errors would compound), and a sentence without a
    written date passes no anchor on: "the next day" three sentences after a date is left alone.
    `written`, when the caller has them, is find_dates(sentence, context_year) of each sentence.
    Returns, per sentence, (start, end, DateSpan) of each relative expression resolved.
    """
    out: list[list[tuple[int, int, DateSpan]]] = []
    prev_anchor = anchor
    for k, sent in enumerate(sentences):
        days = [(s, e, d) for s, e, d in (find_dates(sent, context_year) if written is None else written[k])
                if d.precision is Precision.DAY]
        found = []
        for m in _RELATIVE.finditer(sent):
            before = [d for s, e, d in days if e <= m.start()]
            base = before[-1].end if before else prev_anchor
            if base is None:
                continue
            found.append((m.start(), m.end(), relative_date(m, base)))
        out.append(found)
        prev_anchor = days[-1][2].end if days else None
    return out
