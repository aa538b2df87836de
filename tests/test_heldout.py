"""Held-out test of the extraction pipeline on Comparative Connections articles it has never seen.

tests/heldout/ holds three articles of periods the seeds do not cover (Sept.-Dec. 2018, Jan.-Apr. 2019,
Jan.-Apr. 2021), one of them in both file formats, with a gold annotation written to the seed gold's
guideline (docs/evaluation.md; deviations in tests/heldout/README.md). The real pipeline
(kg.documents -> kg.extract -> kg.resolve) runs on them and kg.evaluate scores it, as on the seeds.
Keep the extractor's authors away from the gold: a held-out set tuned to stops measuring anything.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.documents import read_document
from kg.evaluate import evaluate_records, extracted_slugs, load_gold
from kg.extract import extract_document
from kg.lexicon import Lexicon
from kg.records import FileFormat, SectionKind
from kg.resolve import merge_articles
from kg.settings import PROJECT_ROOT, Settings

HELDOUT = PROJECT_ROOT / "tests" / "heldout"
ARTICLES = HELDOUT / "articles"
GOLD_DIR = HELDOUT / "gold"
SRC = HELDOUT / "src"
GOLD = load_gold(GOLD_DIR)
FILES = sorted(f for g in GOLD for f in g.files)

# Thresholds for unseen text (issue 3 says the extractor is judged on articles it has never seen). They sit
# below the seed targets (0.98 / 0.98 / 0.99 / 0.95, kg.evaluate.TARGETS) because new periods bring names,
# bodies and phrasings no seed shows, yet high enough that an extractor that memorised the seeds fails.
EVENTS_PRECISION_MIN = 0.90  # extracted events that match nothing dated in the text stay under 1 in 10
EVENTS_RECALL_MIN = 0.90  # at least 9 in 10 required gold events (every chronology entry is one) are found
DATES_EXACT_MIN = 0.95  # start and end both exact on matched events: entry dates are explicit in the genre
PARTICIPANTS_F1_MIN = 0.85  # micro F1 over participant slugs of matched events

#: file format each held-out file is written in (the renderer's choice, see tests/heldout/src/build.py)
FORMATS = {
    "h1_cc_21_1_markdown.txt": FileFormat.MARKDOWN,
    "h2_cc_21_1_pdf.txt": FileFormat.PDF_TEXT,
    "h3_cc_20_3_pdf.txt": FileFormat.PDF_TEXT,
    "h4_cc_23_1_markdown.txt": FileFormat.MARKDOWN,
}
#: the article given in both formats: (markdown-like, PDF text)
PAIR = ("h1_cc_21_1_markdown.txt", "h2_cc_21_1_pdf.txt")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load(Path(Settings.from_env().ontology_dir) / "entities.toml")


@pytest.fixture(scope="module")
def extracted(lexicon):
    """file name -> (Document, ArticleRecords), each file extracted on its own."""
    out = {}
    for name in FILES:
        doc = read_document(ARTICLES / name)
        out[name] = (doc, extract_document(doc, lexicon))
    return out


@pytest.fixture(scope="module")
def report(extracted, lexicon):
    records = merge_articles([rec for _doc, rec in extracted.values()])
    texts = {name: doc.raw_text for name, (doc, _rec) in extracted.items()}
    return evaluate_records(GOLD, records, texts, lexicon, str(GOLD_DIR))


# --- the held-out set itself -----------------------------------------------------------------------
def _load(module: str):
    """A module of tests/heldout/src under a private name (its own imports resolve in that folder)."""
    name = f"_heldout_{module}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SRC / f"{module}.py")
        mod = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(SRC))
        try:
            spec.loader.exec_module(mod)
        finally:
            sys.path.remove(str(SRC))
        sys.modules[name] = mod
    return sys.modules[name]


def test_articles_match_their_sources():
    """The files are the build of tests/heldout/src (re-run build.py after editing a source)."""
    build = _load("build")
    for name, (src, layout) in build.FILES.items():
        md = (SRC / src).read_text(encoding="utf-8")
        want = md if layout is None else build.to_pdf_text(md, layout)[0]
        assert (ARTICLES / name).read_text(encoding="utf-8") == want, f"{name} is stale: run tests/heldout/src/build.py"


def test_gold_json_matches_the_annotation():
    """The JSON is the build of tests/heldout/src/cc_*.py (re-run build_gold.py after editing)."""
    build_gold = _load("build_gold")
    for module in build_gold.MODULES:
        doc = _load(module).DOC
        path = GOLD_DIR / f"{doc['article']}.json"
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(build_gold.render(doc)), \
            f"{path.name} is stale: run tests/heldout/src/build_gold.py"


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g.slug)
def test_gold_covers_every_entry_and_the_genre(gold):
    """25-40 entries, each the passage of a required gold event; periods outside the seeds'."""
    assert 25 <= gold.chronology_entries <= 40
    text = (ARTICLES / gold.files[0]).read_text(encoding="utf-8")
    starts = _load("annotate").Article(gold.slug, list(gold.files), "", "", "", []).entries()
    annotated = {e.offset for e in gold.events if e.required and e.section == "chronology"}
    assert set(starts) <= annotated, [text[s:s + 40] for s in starts if s not in annotated]
    assert gold.period[0].year not in (2014, 2016, 2017) and (gold.period[0].year, gold.period[0].month) != (2019, 5)


@pytest.mark.parametrize("name", FILES)
def test_layout_is_read(extracted, name):
    """Format, volume/number and the chronology entries are found in each unseen file."""
    doc, rec = extracted[name]
    gold = next(g for g in GOLD if name in g.files)
    assert doc.source.format == FORMATS[name]
    meta = json.loads(gold.path.read_text(encoding="utf-8"))
    assert (doc.meta.volume, doc.meta.number) == (meta["volume"], meta["number"])
    assert rec.article_slug == gold.slug
    assert len(doc.chronology) == gold.chronology_entries, [e.date_text for e in doc.chronology]


@pytest.mark.parametrize("name", FILES)
def test_each_entry_yields_an_event(extracted, name):
    """At least one event per chronology entry, read from that entry."""
    doc, rec = extracted[name]
    spans = [(p.start, p.end) for ev in rec.events for p in (ev.passage, *ev.extra_passages)
             if p.file.name == name and p.section == SectionKind.CHRONOLOGY]
    empty = [e.date_text + ": " + e.body[:50] for e in doc.chronology
             if not any(s < e.passage.end and e.passage.start < t for s, t in spans)]
    assert not empty, f"{len(empty)} entries gave no event: {empty}"


def _signature(ev) -> tuple:
    return (ev.type, ev.date.start.isoformat(), ev.date.end.isoformat(), tuple(sorted(extracted_slugs(ev))),
            ev.place.slug if ev.place else None, ev.series, ev.ordinal)


def test_both_formats_give_the_same_events(extracted):
    """The markdown-like file and the PDF text of one article yield the same events, slot for slot."""
    md = Counter(_signature(ev) for ev in extracted[PAIR[0]][1].events)
    pdf = Counter(_signature(ev) for ev in extracted[PAIR[1]][1].events)
    assert md == pdf, f"only in markdown: {sorted((md - pdf).elements())}\nonly in PDF: {sorted((pdf - md).elements())}"


def test_both_formats_merge_into_one_article(extracted):
    """kg.resolve joins the two files into one article with one event per happening."""
    merged = merge_articles([extracted[PAIR[0]][1], extracted[PAIR[1]][1]])
    assert [m.article_slug for m in merged] == ["cc-21-1-china-russia"]
    assert {s.name for s in merged[0].sources} == set(PAIR)
    alone = merge_articles([extracted[PAIR[0]][1]])[0].events  # narrative joined to chronology, one file
    extra = Counter(map(_signature, merged[0].events)) - Counter(map(_signature, alone))
    assert len(merged[0].events) == len(alone), f"events the second file added: {sorted(extra.elements())}"


# --- the score --------------------------------------------------------------------------------------
def test_heldout_quality(report):
    """Events, dates and participants on unseen articles meet the held-out thresholds."""
    figs = report.overall.figures()
    checks = [("events_precision", EVENTS_PRECISION_MIN), ("events_recall", EVENTS_RECALL_MIN),
              ("dates_exact", DATES_EXACT_MIN), ("participants_f1", PARTICIPANTS_F1_MIN)]
    failed = [f"{k} {figs[k]} < {t}" for k, t in checks if figs[k] is None or figs[k] < t]
    assert not report.unmatched_sources
    assert not failed, "held-out thresholds missed: " + "; ".join(failed) + "\n\n" + report.table()
