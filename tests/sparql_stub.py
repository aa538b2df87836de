"""A small SPARQL 1.1 endpoint on 127.0.0.1 over fixture triples: the tests' stand-in for Wikidata.

The machines are offline, so a test that federates with the Wikidata Query Service routes the
SERVICE IRI to one of these instead. It speaks the query protocol (GET, form POST, direct POST),
answers SPARQL JSON (or XML when asked for it alone) and records every query it was sent.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox


class SparqlStub:
    """`with SparqlStub(turtle) as stub:` -> stub.url (…/sparql), stub.queries (what it was asked)."""

    def __init__(self, *turtle: str):
        self.store = ox.Store()
        for text in turtle:
            self.store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        self.queries: list[str] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "SparqlStub":
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, query: str | None) -> None:
                if not query:
                    self.send_error(400, "no query")
                    return
                stub.queries.append(query)
                try:
                    result = stub.store.query(query)
                except SyntaxError as exc:
                    self.send_error(400, str(exc))
                    return
                accept = self.headers.get("Accept") or ""
                xml = "sparql-results+xml" in accept and "json" not in accept
                body = result.serialize(format=ox.QueryResultsFormat.XML if xml else ox.QueryResultsFormat.JSON)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+" + ("xml" if xml else "json"))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                self._answer(parse_qs(urlparse(self.path).query).get("query", [None])[0])

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
                direct = self.headers.get("Content-Type", "").startswith("application/sparql-query")
                self._answer(body if direct else parse_qs(body).get("query", [None])[0])

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/sparql"

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
