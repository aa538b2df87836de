"""How the publishing tests get a server: the product's app factory over a fixture dataset.

`make_app` is `server.create_app` (real engine, worker processes, /sparql and the pages);
`LiveServer` puts an app on 127.0.0.1:<free port> for clients that speak HTTP themselves.
"""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.settings import Settings

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample.trig"
DEFAULT_BASE = "https://w3id.org/china-russia-kg"


def sample_file(tmp_path: Path, base: str = DEFAULT_BASE) -> Path:
    """The sample graph, re-based when the test configures another base IRI."""
    text = SAMPLE.read_text(encoding="utf-8")
    if base != DEFAULT_BASE:
        text = text.replace(DEFAULT_BASE, base.rstrip("/"))
    out = tmp_path / "sample.trig"
    out.write_text(text, encoding="utf-8")
    return out


def settings_for(tmp_path: Path, data_file: Path | None = None, **kw) -> Settings:
    values = dict(data_dir=tmp_path / "var", data_file=data_file, query_workers=1, queries_dir=tmp_path / "queries")
    values.update(kw)
    return Settings(**values)


def make_app(settings: Settings):
    from server import create_app

    app = create_app(settings)
    app.config["TESTING"] = True
    return app


def close_app(app) -> None:
    app.extensions["kg"].close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The app on 127.0.0.1:<free port> in a thread (werkzeug, threaded), for real HTTP clients."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = make_server("127.0.0.1", self.port, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=10)


def http(url: str, *, data: dict | None = None, headers: dict | None = None, timeout: float = 60) -> tuple[int, dict, bytes]:
    """(status, headers, body) of a GET, or of a form POST when `data` is given; HTTP errors are answers too."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - 127.0.0.1 test server
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()
