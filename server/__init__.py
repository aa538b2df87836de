"""The web server: a Flask app in front of the query engine (`kg serve`).

`create_app(settings)` builds the app (SPARQL protocol, error renderer, the publishing pages);
`run(settings, dev=False)` serves it with gunicorn (gthread workers) or, with dev=True, the Flask
development server. Flask is imported lazily so that the query worker
processes (server.pool, server.worker) never load it.
"""

from __future__ import annotations

import logging
import threading

from kg.settings import Settings

log = logging.getLogger("kg.server")


class ServerState:
    """Per-process server state in app.extensions["kg"]: settings, engine (lazy), cache, rate limiter."""

    def __init__(self, settings: Settings, engine=None):
        from server.cache import FastIndex, ResultCache
        from server.ratelimit import QueryTimeBudget

        self.settings = settings
        self._engine = engine
        self._lock = threading.Lock()
        self.cache = ResultCache(settings.cache_entries, settings.cache_max_bytes)
        self.fast = FastIndex(settings.cache_entries)
        self.limiter = QueryTimeBudget(settings.rate_limit_query_s_per_min)
        self.sd_cache: dict = {}

    def get_engine(self):
        """The engine, started on first use (the dataset is loaded then, once per web worker)."""
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    from server.engine import make_engine

                    self._engine = make_engine(self.settings)
                engine = self._engine
        return engine

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None


def create_app(settings: Settings | None = None, *, engine=None):
    """The Flask app for `settings` (default: Settings.from_env()). `engine` overrides make_engine."""
    from flask import Flask

    from server import errors, pages, sparql

    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_request_bytes
    app.config["MAX_FORM_PARTS"] = 1000
    app.extensions["kg"] = ServerState(settings, engine)
    errors.register(app)
    app.register_blueprint(sparql.blueprint)
    app.wsgi_app = sparql.FastPath(app.wsgi_app, app.extensions["kg"])
    app.register_blueprint(pages.blueprint)

    @app.get("/healthz")
    def healthz():
        """Liveness and readiness: the engine answers a trivial query."""
        engine = app.extensions["kg"].get_engine()
        ok = engine.ask("ASK { }", timeout_s=5)
        return {"ok": ok, **engine.stats(), "cache": app.extensions["kg"].cache.stats()}

    return app


def run(settings: Settings, dev: bool = False) -> None:
    """Serve until interrupted: gunicorn with Settings.web_workers x web_threads, or the dev server."""
    from server.engine import resolve_dataset

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not settings.backend_url:
        resolve_dataset(settings)  # fail now, with a hint, rather than in every worker
        if settings.data_file is not None:
            from kg.pipeline import check_rdf_file

            check_rdf_file(settings.data_file)  # a malformed file: file and line, not a worker traceback
    if dev:
        app = create_app(settings)
        log.info("development server on http://%s:%d/sparql", settings.host, settings.port)
        app.run(host=settings.host, port=settings.port, threaded=True, use_reloader=False)
        return
    from server.gunicorn_conf import serve

    serve(settings)
