"""Exercise tables: one MilitaryExercise per row, from markdown (tab) tables and PDF cell-per-line text."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from kg.documents import read_document, read_text
from kg.lexicon import Lexicon
from kg.records import ArticleMeta, Document, FileFormat, SourceFile
from kg.tables import extract_tables

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "narrative"
SEED_004 = ROOT / "seeds" / "004_95c762b830a15577.txt"


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load(FIX / "lexicon.toml")


def _by_name(events):
    return {e.name: e for e in events}


def _pdf_doc(name: str) -> Document:
    raw = (FIX / name).read_text(encoding="utf-8")
    src = SourceFile(name, name, hashlib.sha256(raw.encode()).hexdigest(), FileFormat.PDF_TEXT, len(raw))
    return Document(source=src, raw_text=raw, meta=ArticleMeta(), paragraphs=(), chronology=())


def test_seed_004_every_row_becomes_an_exercise():
    doc = read_document(SEED_004)
    events = extract_tables(doc, Lexicon.load())
    names = _by_name(events)
    assert len(events) == 12
    pm = names["Peace Mission-2014"]
    assert (pm.date.start, pm.date.end) == (dt.date(2014, 8, 24), dt.date(2014, 8, 29))
    assert pm.personnel == 7000 and pm.ships is None
    assert pm.place is not None and "zhurihe" in pm.place.slug
    assert [o.slug for o in pm.organizations] == ["sco"]  # marked in the SCO column
    assert {p.slug for p in pm.participants} == {"china", "russia"}
    js = names["Joint Sea-2014"]
    assert js.type == "NavalExercise" and js.ships == 16 and js.organizations == ()  # "n" in Russ-Ch: bilateral naval
    assert js.series == "joint-sea"


def test_row_passages_point_at_the_row_in_the_file():
    doc = read_document(SEED_004)
    for ev in extract_tables(doc, Lexicon.load()):
        row = doc.raw_text[ev.passage.start:ev.passage.end]
        assert row.startswith(ev.name) and "\n" not in row
        assert ev.passage.section.value == "table"


def test_unseen_markdown_table_with_other_series_and_years(lexicon):
    doc = read_text((FIX / "md_table.txt").read_text(encoding="utf-8"), "md_table.txt")
    names = _by_name(extract_tables(doc, lexicon))
    ms = names["Maritime Shield-2006"]
    assert ms.type == "NavalExercise" and ms.ships == 14 and ms.place.slug == "yellow-sea"
    assert ms.date.start == dt.date(2006, 7, 3)  # the year comes from the code name
    assert ms.series == "maritime-shield"  # not a reference series: slug of the name
    assert names["Peace Mission-2005"].type == "MilitaryExercise"  # '* n': infantry and naval
    assert names["Coalition-2003"].type == "GroundExercise"  # '*' = infantry (legend)


def test_pdf_text_table_rebuilt_from_cell_lines(lexicon):
    events = extract_tables(_pdf_doc("pdf_table.txt"), lexicon)
    names = _by_name(events)
    assert set(names) == {"Joint Sea-2015", "Peace Mission-2016"}
    js = names["Joint Sea-2015"]
    assert js.type == "NavalExercise" and js.ships == 9
    assert (js.date.start, js.date.end) == (dt.date(2015, 5, 11), dt.date(2015, 5, 21))
    pm = names["Peace Mission-2016"]
    assert pm.personnel == 1100 and pm.type == "GroundExercise"
    assert pm.place.label == "Edelweiss Range" and pm.place.type == "TrainingGround"


@pytest.mark.parametrize("cut_after", ["*\n", "Sept. 15-21\n"])
def test_a_page_break_inside_a_pdf_text_table_is_no_cell(lexicon, cut_after):
    """A running head and the page number under it, between two cells of a row: the row is read as without them
    (a number alone elsewhere in a table is a cell, such as a force size)."""
    raw = (FIX / "pdf_table.txt").read_text(encoding="utf-8")
    at = raw.index("Peace Mission-2016")
    cut = raw.index(cut_after, at) + len(cut_after)
    broken = raw[:cut] + "\nJANUARY 2018 | CHINA-RUSSIA RELATIONS 121 \n121\n\n" + raw[cut:]
    src = SourceFile("t.txt", "t.txt", "0" * 64, FileFormat.PDF_TEXT, len(broken))
    events = extract_tables(Document(source=src, raw_text=broken, meta=ArticleMeta(), paragraphs=(), chronology=()),
                            lexicon)
    whole = extract_tables(_pdf_doc("pdf_table.txt"), lexicon)
    strip = lambda evs: sorted((e.name, e.type, e.date, e.place, e.personnel, e.ships) for e in evs)  # noqa: E731
    assert strip(events) == strip(whole)


def test_non_exercise_tables_are_ignored(lexicon):
    text = (
        "COMPARATIVE CONNECTIONS\n\nThis article is extracted from *Comparative Connections*, Vol. 9, No. 1, May 2007.\n\n"
        "Trade figures were as follows.\n\nYear\tExports\tImports\n2005\t13.2\t15.9\n2006\t15.8\t17.6\n\n"
        "Trade kept growing.\n"
    )
    assert extract_tables(read_text(text, "trade.txt"), lexicon) == []


def test_a_code_name_of_two_names_joined_by_a_slash_is_one_exercise(lexicon):
    text = ("China-Russia Relations: Table\n\nIntro paragraph about the relationship that is long enough to count as "
            "the abstract of the piece, with more than twenty-five words in it for the reader to see here.\n\n"
            "Table 1: Exercises\n\nExercise\tType\tDates\tLocation\tPersonnel\n"
            "Zapad/Interaction-2031\tGround\tAug. 9-13\tNingxia, China\t13,000\n\n"
            "Body text that is long enough to be a narrative paragraph of this synthetic article, with more than "
            "twenty-five words so that it is read as one.\n")
    (ev,) = extract_tables(read_text(text, "slash.txt"), lexicon)
    assert (ev.name, ev.date.start, ev.personnel) == ("Zapad/Interaction-2031", dt.date(2031, 8, 9), 13000)
