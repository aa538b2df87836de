"""kg.export: events as CSV / JSON Lines / PLOVER JSONL and dyad-year counts, read by SPARQL."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from interop.apps import DEFAULT_BASE, sample_file, settings_for  # noqa: E402

from kg.errors import BadRequest  # noqa: E402
from kg.export import DYAD_COLUMNS, EVENT_COLUMNS, export  # noqa: E402

RES = f"{DEFAULT_BASE}/resource/"
VISIT = RES + "event/2017-07-03-visit-xi-jinping-russia"


def run(settings, what, fmt) -> tuple[int, str]:
    buf = io.BytesIO()
    n = export(settings, what, fmt, buf)
    return n, buf.getvalue().decode("utf-8")


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    return settings_for(tmp, sample_file(tmp))


def test_events_csv_one_row_per_event(settings):
    n, text = run(settings, "events", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == 4
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert [r["start"] for r in rows] == ["2017-07-03", "2017-09-03", "2017-09-18", "2017-11-10"]  # sorted by date
    visit = rows[0]
    assert visit["event"] == VISIT and visit["type"] == "Visit" and visit["end"] == "2017-07-04"
    assert visit["visitors"] == "Xi Jinping" and visit["hosts"] == "Russia"
    assert visit["participants"] == "Xi Jinping;Russia;Vladimir Putin"
    assert visit["participant_qids"] == "Q15031;Q159;Q7747"
    assert visit["cameo"] == "042" and visit["plover_category"] == "CONSULT" and visit["plover_mode"] == "visit"
    assert visit["passage_text"] == "July 3-4, 2017: Xi Jinping pays a state visit to Russia."
    assert visit["article"] == RES + "article/cc-19-3-china-russia"
    summit = rows[1]
    assert summit["type"] == "Summit" and summit["place"] == "Xiamen" and summit["place_qid"] == ""
    assert rows[3]["end"] == "2017-11-10"  # a one-day event ends when it starts


def test_events_jsonl_matches_csv(settings):
    n, text = run(settings, "events", "jsonl")
    lines = [json.loads(line) for line in text.splitlines()]
    assert n == len(lines) == 4
    _, csv_text = run(settings, "events", "csv")
    assert lines == list(csv.DictReader(io.StringIO(csv_text)))


def test_plover_records(settings):
    n, text = run(settings, "events", "plover")
    recs = {r["id"]: r for r in map(json.loads, text.splitlines())}
    assert n == len(recs) == 4
    for r in recs.values():
        assert {"id", "date", "actor", "event"} <= set(r)  # PLOVER's required fields
        assert r["cite_info"]["publication"] == "Comparative Connections"
    visit = recs[VISIT]
    assert visit["event"] == "CONSULT" and visit["mode"] == "visit" and visit["enddate"] == "2017-07-04"
    assert [(a["entity_text"], a["code"], a["identifier_id"]) for a in visit["actor"]] == [("Xi Jinping", "CHN", "Q15031")]
    assert [(a["entity_text"], a["code"]) for a in visit["recipient"]] == [("Russia", "RUS")]
    assert visit["text_info"] == {"start": 400, "end": 470}
    summit = recs[RES + "event/2017-09-03-summit-brics"]
    assert "recipient" not in summit  # a reciprocal event: everyone is an actor
    codes = {a["entity_text"]: a.get("code") for a in summit["actor"]}
    assert codes["China"] == "CHN" and codes["Vladimir Putin"] == "RUS" and codes["BRICS <script>alert('label')</script>"] == "IGO"
    assert summit["event_loc"]["name"] == "Xiamen"


def test_dyad_years(settings):
    n, text = run(settings, "dyad-years", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == DYAD_COLUMNS and n == 2
    assert [tuple(r.values()) for r in rows] == [
        ("2017", "CHN", "RUS", "CONSULT", "04", "3"),  # visit (directed Xi's China -> host Russia), summit, APEC meeting
        ("2017", "CHN", "RUS", "COOPERATE", "06", "1"),  # Joint Sea-2017
    ]


def test_export_reads_the_built_store_read_only(tmp_path):
    """Without a data file the export opens var/current read-only, as `kg export` does after `kg build`."""
    db = tmp_path / "var" / "stores" / "b1" / "db"
    db.parent.mkdir(parents=True)
    store = ox.Store(str(db))
    store.load(path=str(sample_file(tmp_path)), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    (tmp_path / "var" / "current").symlink_to(db.parent)
    s = settings_for(tmp_path, None)
    n, text = run(s, "dyad-years", "jsonl")
    assert n == 2 and json.loads(text.splitlines()[0])["count"] == 3


@pytest.mark.parametrize("what,fmt", [("people", "csv"), ("events", "xlsx"), ("dyad-years", "plover")])
def test_bad_requests(settings, what, fmt):
    with pytest.raises(BadRequest):
        export(settings, what, fmt, io.BytesIO())


def test_cli(tmp_path):
    from kg.cli import cli

    data = sample_file(tmp_path)
    out = tmp_path / "events.plover.jsonl"
    res = CliRunner().invoke(cli, ["export", "events", "--format", "plover", "-o", str(out)],
                             env={"KG_DATA_FILE": str(data), "KG_DATA_DIR": str(tmp_path / "var")})
    assert res.exit_code == 0, res.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "DEMAND", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.mark.slow
def test_seed_graph_exports(tmp_path):
    """The graph `kg build` makes from seeds/: every event exported once, codes valid, China-Russia dyads present."""
    from kg.pipeline import build
    from kg.store import open_current

    settings = settings_for(tmp_path, None)
    build(settings, None, dumps=False)
    ccr = settings.ontology_ns
    store = open_current(settings)
    expected = {s["e"].value for s in store.query(
        f"SELECT DISTINCT ?e WHERE {{ ?e a ?t . ?t <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{ccr}Event> }}",
        use_default_graph_as_union=True)}
    n, text = run(settings, "events", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == len(rows) == len(expected) > 50
    assert {r["event"] for r in rows} == expected
    assert all(r["start"] and r["passage"] and r["passage_text"] for r in rows)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    n_pl, text = run(settings, "events", "plover")
    recs = [json.loads(line) for line in text.splitlines()]
    assert n_pl == len(recs) > 0 and {r["event"] for r in recs} <= PLOVER
    _, text = run(settings, "dyad-years", "csv")
    dyads = list(csv.DictReader(io.StringIO(text)))
    assert any(d["actor"] == "CHN" and d["recipient"] == "RUS" and int(d["count"]) > 5 for d in dyads)
    assert all(d["actor"] != d["recipient"] for d in dyads)
