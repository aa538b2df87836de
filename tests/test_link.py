"""kg link: QID proposals from a local stand-in for the Wikidata API (wbsearchentities), offline behaviour."""

from __future__ import annotations

import csv
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from interop.apps import DEFAULT_BASE, free_port, sample_file, settings_for  # noqa: E402

from kg.errors import UpstreamError  # noqa: E402
from kg.link import COLUMNS, entities_without_qid, propose_links  # noqa: E402

RES = f"{DEFAULT_BASE}/resource/"
# what wbsearchentities answers (shape of https://www.wikidata.org/w/api.php?action=wbsearchentities)
CANDIDATES = {
    "Xiamen": [{"id": "Q68855", "label": "Xiamen", "description": "sub-provincial city in Fujian, China",
                "match": {"type": "label", "language": "en", "text": "Xiamen"}}],
    "Joint Sea": [{"id": "Q1", "label": "Joint Sea exercise", "description": "a guess to review",
                   "match": {"type": "alias", "language": "en", "text": "Joint Sea"}},
                  {"id": "Q2", "label": "Joint Sea 2", "description": "", "match": {"type": "label", "text": "Joint Sea 2"}}],
}


class WikidataAPI(BaseHTTPRequestHandler):
    calls: list = []
    fail_first_with: int | None = None

    def do_GET(self):  # noqa: N802
        q = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        type(self).calls.append((q, self.headers.get("User-Agent")))
        if type(self).fail_first_with and len(type(self).calls) == 1:
            self.send_response(type(self).fail_first_with)
            self.send_header("Retry-After", "0")
            self.end_headers()
            return
        body = {"searchinfo": {"search": q.get("search")}, "search": CANDIDATES.get(q.get("search"), []), "success": 1}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    WikidataAPI.calls = []
    WikidataAPI.fail_first_with = None
    server = ThreadingHTTPServer(("127.0.0.1", 0), WikidataAPI)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/w/api.php", WikidataAPI
    server.shutdown()
    t.join(timeout=5)


def test_entities_without_qid(tmp_path):
    found = entities_without_qid(settings_for(tmp_path, sample_file(tmp_path)))
    assert [(e["iri"][len(RES):], e["type"]) for e in found] == [
        ("brics", "InternationalOrganization"), ("joint-sea", "ExerciseSeries"), ("xiamen", "City")]


def test_proposals_are_written_for_review(tmp_path, api):
    url, handler = api
    data = sample_file(tmp_path)
    before = data.read_bytes()
    out = tmp_path / "review" / "proposals.tsv"
    messages = []
    n = propose_links(settings_for(tmp_path, data, wikidata_api=url), out, limit=10, echo=messages.append)
    assert n == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["entity"][len(RES):], r["rank"], r["qid"]) for r in rows] == [
        ("joint-sea", "1", "Q1"), ("joint-sea", "2", "Q2"), ("xiamen", "1", "Q68855")]
    assert all(r["decision"] == "" for r in rows)  # a person decides
    assert rows[2]["wikidata_url"] == "https://www.wikidata.org/wiki/Q68855" and rows[2]["match"] == "label:Xiamen"
    searched = [q["search"] for q, _ in handler.calls]
    assert searched == ["BRICS <script>alert('label')</script>", "Joint Sea", "Xiamen"]
    q, agent = handler.calls[0]
    assert q["action"] == "wbsearchentities" and q["type"] == "item" and q["format"] == "json" and q["maxlag"] == "5"
    assert agent.startswith("china-russia-kg/")  # Wikimedia asks for a descriptive User-Agent
    assert data.read_bytes() == before  # proposals are never applied
    assert any("review" in m for m in messages)


def test_limit_and_retry_after(tmp_path, api):
    url, handler = api
    handler.fail_first_with = 429
    out = tmp_path / "p.tsv"
    n = propose_links(settings_for(tmp_path, sample_file(tmp_path), wikidata_api=url), out, limit=2, echo=lambda m: None)
    assert n == 2  # BRICS (no candidate) and Joint Sea (2): the limit stopped before Xiamen
    assert len(handler.calls) == 3  # the 429 was retried


def test_server_errors_are_reported(tmp_path, api):
    url, handler = api
    handler.fail_first_with = 500
    with pytest.raises(UpstreamError):
        propose_links(settings_for(tmp_path, sample_file(tmp_path), wikidata_api=url), tmp_path / "p.tsv", echo=lambda m: None)


def test_offline_says_so_and_exits_cleanly(tmp_path):
    from kg.cli import cli

    closed = f"http://127.0.0.1:{free_port()}/w/api.php"  # nothing listens there
    out = tmp_path / "p.tsv"
    res = CliRunner().invoke(cli, ["link", "-o", str(out)], env={
        "KG_DATA_FILE": str(sample_file(tmp_path)), "KG_DATA_DIR": str(tmp_path / "var"), "KG_WIKIDATA_API": closed})
    assert res.exit_code == 0, res.output
    assert "offline" in res.output and "no proposals written" in res.output and "written to" not in res.output
    assert not out.exists()
