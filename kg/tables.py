"""Exercise tables -> one MilitaryExercise event per row.

The genre summarises joint exercises in a table: a code name with its year ("Peace Mission-2014"),
marker columns saying who took part ("SCO" = the organisation's members, "Russ-Ch" = the two
states alone; "n" = naval), the dates without a year, the location(s) and the force size
("7,000" personnel or "16 warships"). Markdown text keeps the table as tab-separated rows
(kg.documents gives them as Table); PDF text puts every non-empty cell on its own line, so the
row is rebuilt from the kinds of its cells (the marker columns cannot be told apart there, and we
say so rather than guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.dates import DateError, parse_date_span
from kg.documents import is_page_number, is_running_head
from kg.iris import slugify
from kg.records import DateSpan, Document, EntityRef, EventRecord, Passage, Precision, SectionKind, Table

#: a code name with its edition year: "Peace Mission-2014", "Joint Sea 2013", "Coalition-2003", "Zapad/Interaction-2021"
CODE_NAME = re.compile(r"^(?P<base>[A-Z][\w'.]*(?:[ \-/][A-Z][\w'.]*)*)[\s\-\u2013]*(?P<year>(?:19|20)\d\d)$")
_MARKERS = re.compile(r"^[*n\u2217\s]+$", re.IGNORECASE)
_FORCE = re.compile(
    r"^(?:about|some|over|more than|up to|nearly|~)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*"
    r"(?P<unit>warships?|ships?|vessels?|aircraft|planes?|troops?|personnel|servicemen|soldiers|tanks?|vehicles?)?\.?$",
    re.IGNORECASE,
)
_LEGEND = re.compile(r"^\s*(?P<mark>[*n\u2217])\s*=\s*(?P<meaning>.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_PLACE_TYPES = {"City", "Region", "WaterBody", "TrainingGround", "Place"}
_WATER = re.compile(r"\b(?:Sea|Gulf|Ocean|Strait|Bay|Channel)\b")
_GROUND = re.compile(r"\b(?:Base|Range|Ground|Grounds|Polygon|Training Area)\b", re.IGNORECASE)
_HEADER_WORDS = {
    "name": ("code", "name", "exercise", "drill"),
    "time": ("time", "date", "dates", "when", "period"),
    "place": ("location", "place", "venue", "where", "site"),
    "size": ("force", "size", "troops", "personnel", "strength", "scale"),
}
_BILATERAL_HEADER = re.compile(r"(?i)\b(?:russ\w*|rus|ch\w*|sino|bilateral)\b")


@dataclass(frozen=True)
class _Row:
    name: str
    marks: dict[str, str]  # column header -> marker text ("*", "n", "* n")
    time: str | None
    place: str | None
    size: str | None
    start: int
    end: int
    text: str


# --- header analysis -------------------------------------------------------------------------
def _column_roles(header: tuple[str, ...]) -> dict[int, str]:
    roles: dict[int, str] = {}
    for i, h in enumerate(header):
        low = h.casefold()
        for role, words in _HEADER_WORDS.items():
            if role not in roles.values() and any(re.search(rf"\b{w}", low) for w in words):
                roles[i] = role
                break
        else:
            roles[i] = "marker"
    if "name" not in roles.values() and header:
        roles[0] = "name"
    return roles


def is_exercise_table(table: Table) -> bool:
    """A table whose rows start with code names and that has a time column."""
    roles = _column_roles(table.header)
    if "time" not in roles.values():
        return False
    names = [r[0].strip() for r in table.rows if r and r[0].strip()]
    return bool(names) and sum(bool(CODE_NAME.match(n)) for n in names) >= max(1, len(names) // 2)


# --- cell readers ----------------------------------------------------------------------------
def _force(text: str | None) -> dict[str, int]:
    if not text:
        return {}
    m = _FORCE.match(text.strip())
    if not m:
        return {}
    n = int(m["n"].replace(",", ""))
    unit = (m["unit"] or "").casefold()
    if unit.startswith(("warship", "ship", "vessel")):
        return {"ships": n}
    if unit.startswith(("aircraft", "plane")):
        return {"aircraft": n}
    if unit.startswith(("tank", "vehicle")):
        return {"vehicles": n}
    return {"personnel": n}


def _legend(doc: Document, table: Table) -> dict[str, str]:
    """'* = Infantry with aerial support', 'n = naval' under the table -> event type per mark."""
    tail = "\n".join(getattr(table, "notes", ()) or ()) or doc.raw_text[table.passage.end: table.passage.end + 400]
    out = {}
    for m in _LEGEND.finditer(tail):
        meaning = m["meaning"].casefold()
        mark = "*" if m["mark"] in "*\u2217" else m["mark"].casefold()
        if "naval" in meaning or "navy" in meaning or "sea" in meaning:
            out[mark] = "NavalExercise"
        elif any(w in meaning for w in ("infantry", "ground", "army", "land")):
            out[mark] = "GroundExercise"
        elif "air" in meaning:
            out[mark] = "AirExercise"
    return out


def _place(text: str | None, lexicon) -> EntityRef | None:
    """The first place named in the location cell; a discovered place when the lexicon knows none."""
    if not text:
        return None
    first = re.split(r"\s*(?:&|\band\b|/|;)\s*", text.strip())[0].strip(" ,")
    if lexicon is not None:
        for m in lexicon.find(first.split(",")[0]):
            if m.entity.type in _PLACE_TYPES or m.entity.type == "State":
                return EntityRef(slug=m.entity.slug, label=m.entity.label, type=m.entity.type, country=m.entity.country)
    label = first.split(",")[0].strip()
    if not label:
        return None
    country = None
    if "," in first and lexicon is not None:
        for m in lexicon.find(first.split(",", 1)[1]):
            if m.entity.type == "State":
                country = m.entity.slug
                break
    typ = "WaterBody" if _WATER.search(label) else "TrainingGround" if _GROUND.search(label) else "Place"
    return EntityRef(slug=slugify(label), label=label, type=typ, discovered=True, country=country)


def _state(lexicon, slug: str, label: str) -> EntityRef:
    ent = lexicon.get(slug) if lexicon is not None else None
    return EntityRef(slug=slug, label=ent.label if ent else label, type="State")


def _org_for_header(header: str, lexicon) -> EntityRef | None:
    if lexicon is None:
        return None
    for m in lexicon.find(header):
        if m.entity.type in ("InternationalOrganization", "Organization"):
            return EntityRef(slug=m.entity.slug, label=m.entity.label, type=m.entity.type)
    return None


def codes_for(event_type: str, clause: str = "", status: str = "held", n_states: int = 2,
           multilateral: bool = False) -> dict:
    """CAMEO/PLOVER codes of an event from kg.eventtypes (the one place codes are decided)."""
    from kg.eventtypes import event_codes

    cameo, cat, mode, ctx = event_codes(event_type, clause, status=status, n_states=n_states,
                                        multilateral=multilateral)
    return {"cameo": cameo, "plover_category": cat, "plover_mode": mode, "plover_context": ctx}


# --- rows ------------------------------------------------------------------------------------
def _rows_from_table(doc: Document, table: Table) -> list[_Row]:
    roles = _column_roles(table.header)
    raw = doc.raw_text
    cursor = table.passage.start
    rows = []
    for cells in table.rows:
        cells = tuple(c.strip() for c in cells)
        if not cells or not CODE_NAME.match(cells[0] if roles.get(0) == "name" else cells[0]):
            continue
        rec = {"marks": {}}
        for i, cell in enumerate(cells):
            role = roles.get(i, "marker")
            if role == "marker":
                if cell and _MARKERS.match(cell):
                    rec["marks"][table.header[i] if i < len(table.header) else str(i)] = cell
            else:
                rec[role] = cell or None
        name = rec.get("name") or cells[0]
        pos = raw.find(name, cursor, table.passage.end + 1)
        if pos < 0:
            start, end = table.passage.start, table.passage.end
        else:
            line_end = raw.find("\n", pos)
            end = line_end if 0 <= line_end <= table.passage.end else table.passage.end
            start, cursor = pos, end
        rows.append(_Row(name=name, marks=rec["marks"], time=rec.get("time"), place=rec.get("place"),
                         size=rec.get("size"), start=start, end=end, text=" | ".join(c for c in cells if c)))
    return rows


_PDF_HEADER = re.compile(r"(?im)^\s*Code[- ]?Names?\s*$")


def _rows_from_lines(doc: Document) -> list[tuple[_Row, int, int]]:
    """PDF text: a 'Code-Names' header line, then cells one per line; rows restart at a code name."""
    raw = doc.raw_text
    out = []
    for hm in _PDF_HEADER.finditer(raw):
        pos = hm.end()
        current: dict | None = None
        blank_run = 0
        after_head = False
        table_start = hm.start()
        for line_m in re.finditer(r"[^\n]*\n?", raw[pos:]):
            line = line_m.group().strip()
            abs_start = pos + line_m.start()
            if not line_m.group():
                break
            if not line:
                blank_run += 1
                if blank_run > 2 and current is not None:
                    break
                continue
            blank_run = 0
            if is_running_head(line) or (after_head and is_page_number(line)):
                after_head = True
                continue  # a page break inside the table (a number alone elsewhere is a cell)
            after_head = False
            if CODE_NAME.match(line):
                if current is not None:
                    out.append((_finish_line_row(current), table_start, current["end"]))
                current = {"name": line, "cells": [], "start": abs_start, "end": abs_start + len(line_m.group().rstrip())}
                continue
            if current is None:
                if len(line) > 40:
                    break
                continue  # the other header cells
            if _LEGEND.match(line) or len(line) > 60:
                break
            current["cells"].append(line)
            current["end"] = abs_start + len(line_m.group().rstrip())
        if current is not None:
            out.append((_finish_line_row(current), table_start, current["end"]))
    return out


def _finish_line_row(cur: dict) -> _Row:
    marks: dict[str, str] = {}
    time = place = size = None
    for cell in cur["cells"]:
        if _MARKERS.match(cell):
            marks[f"col{len(marks)}"] = cell
        elif time is None and _is_date(cell):
            time = cell
        elif size is None and _FORCE.match(cell):
            size = cell
        elif place is None:
            place = cell
    text = " | ".join([cur["name"], *cur["cells"]])
    return _Row(name=cur["name"], marks=marks, time=time, place=place, size=size,
                start=cur["start"], end=cur["end"], text=text)


def _is_date(text: str) -> bool:
    try:
        parse_date_span(text, default_year=2000)
        return True
    except DateError:
        return False


def _row_event(doc: Document, row: _Row, headers_known: bool, legend: dict[str, str], lexicon,
               passage_section: SectionKind = SectionKind.TABLE) -> tuple[EventRecord | None, str | None]:
    m = CODE_NAME.match(row.name)
    if not m:
        return None, None
    year = int(m["year"])
    base = m["base"].strip(" -")
    name = f"{base}-{year}"
    issues = []
    if row.time:
        try:
            date = parse_date_span(row.time, default_year=year)
        except DateError as exc:
            return None, f"{doc.source.name}: table row {row.name!r}: bad time {row.time!r} ({exc.message})"
        if re.search(r"(?:19|20)\d\d", row.time) and date.start.year != year:
            issues.append(f"table time {row.time!r} is in {date.start.year}, the code name says {year}")
    else:
        from datetime import date as _d

        date = DateSpan(_d(year, 1, 1), _d(year, 12, 31), Precision.YEAR, str(year))
    marks = set(re.findall(r"[*n\u2217]", " ".join(row.marks.values()).casefold().replace("\u2217", "*")))
    kinds = {legend.get(tok) or ("NavalExercise" if tok == "n" else "MilitaryExercise") for tok in marks}
    ev_type = kinds.pop() if len(kinds) == 1 else "MilitaryExercise"
    participants = [_state(lexicon, "china", "China"), _state(lexicon, "russia", "Russia")]
    organizations = []
    if headers_known:
        for header in row.marks:
            org = _org_for_header(header, lexicon)
            if org is not None:
                organizations.append(org)
    series = None
    if lexicon is not None:
        for mention in lexicon.find(row.name):
            if mention.entity.type in ("ExerciseSeries", "EventSeries"):
                series = mention.entity.slug
                break
    if series is None:
        series = slugify(base)
    passage = Passage(file=doc.source, start=row.start, end=row.end, text=row.text, section=passage_section)
    ev = EventRecord(
        key=f"{date.start.isoformat()}/exercise/{slugify(name)}",
        type=ev_type,
        date=date,
        passage=passage,
        label=name,
        participants=tuple(participants),
        organizations=tuple(organizations),
        place=_place(row.place, lexicon),
        name=name,
        series=series,
        text_issues=tuple(issues),
        **_force(row.size),
        **codes_for(ev_type, row.text, multilateral=bool(organizations)),
    )
    return ev, None


def extract_tables(doc: Document, lexicon) -> list[EventRecord]:
    """One exercise event per row of every exercise table of the document (sorted by date, key)."""
    events: dict[str, EventRecord] = {}
    covered: list[tuple[int, int]] = []
    for table in doc.tables:
        if not is_exercise_table(table):
            continue
        covered.append((table.passage.start, table.passage.end))
        legend = _legend(doc, table)
        for row in _rows_from_table(doc, table):
            ev, _problem = _row_event(doc, row, True, legend, lexicon)
            if ev is not None:
                events.setdefault(ev.key, ev)
    for row, t_start, t_end in _rows_from_lines(doc):
        if any(s <= row.start <= e for s, e in covered):
            continue
        fake = Table(passage=Passage(doc.source, t_start, t_end, "", SectionKind.TABLE), header=(), rows=())
        ev, _problem = _row_event(doc, row, False, _legend(doc, fake), lexicon)
        if ev is not None:
            events.setdefault(ev.key, ev)
    return sorted(events.values(), key=lambda e: (e.date.start, e.key))


__all__ = ["extract_tables", "is_exercise_table", "codes_for", "CODE_NAME"]
