"""Production serving with gunicorn, started programmatically (`kg serve`).

- gthread workers (web_workers() processes x Settings.web_threads threads): keep-alive, and a slow
  query blocks one thread, not a process. Each web worker builds the app after the fork
  (no preload), so it starts its own query-worker zygote with the store it finds then.
- No control socket (gunicorn 27 creates ~/.gunicorn/gunicorn.ctl by default, which a second
  instance on the same machine would silently take over).
- Picking up a rebuilt store: every web worker looks at var/current every Settings.store_check_s
  seconds and switches to a new store in the background (the old one serves until the new one is
  loaded). `kill -HUP <master pid>` does the same the gunicorn way: new workers start on the new
  store and the old ones finish their requests first (graceful_timeout), so nothing is dropped.
- The request line is capped at gunicorn's maximum of 8190 bytes: longer queries must use POST
  (bodies up to Settings.max_request_bytes, 413 above).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from kg.settings import Settings

log = logging.getLogger("kg.server")


SMALL_DATASET_QUADS = 400_000
_BYTES_PER_QUAD = 120  # N-Quads/TriG text, measured on the benchmark graphs (119 MB for 1M)


def web_workers(settings: Settings) -> int:
    """Settings.web_workers, or the automatic choice (0): on a small dataset the Python HTTP layer is
    the bottleneck and one process per core helps (measured +30-50% req/s on the seed graph with 2);
    on a big one the query workers use the cores and a second copy of the dataset only costs memory."""
    if settings.web_workers > 0:
        return settings.web_workers
    if settings.backend_url:
        return min(4, os.cpu_count() or 1)
    quads = _dataset_quads(settings)
    return min(4, os.cpu_count() or 1) if quads is not None and quads < SMALL_DATASET_QUADS else 1


def _dataset_quads(settings: Settings) -> int | None:
    try:
        if settings.data_file is not None:
            size = Path(settings.data_file).stat().st_size
            return size * (8 if str(settings.data_file).endswith(".gz") else 1) // _BYTES_PER_QUAD
        from server.engine import current_store

        store = current_store(settings)
        if store is None:
            return None
        return int(json.loads((store.parent / "manifest.json").read_text(encoding="utf-8"))["quads"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def options(settings: Settings) -> dict:
    """gunicorn settings for `settings` (also usable from a gunicorn.conf.py)."""
    return {
        "bind": f"{settings.host}:{settings.port}",
        "workers": web_workers(settings),
        "threads": max(1, settings.web_threads),
        "worker_class": "gthread",
        "control_socket_disable": True,
        "preload_app": False,
        # gthread workers are not killed by this heartbeat timeout while a thread waits on a query;
        # the query deadline is enforced by the engine. Keep it above the longest deadline anyway.
        "timeout": int(settings.query_timeout_s) + 30,
        "graceful_timeout": int(settings.query_timeout_s) + 5,
        "keepalive": 5,
        "limit_request_line": 8190,
        "limit_request_field_size": 16384,
        "accesslog": None,
        "loglevel": "info",
        "post_worker_init": _post_worker_init,
        "worker_exit": _worker_exit,
    }


def _post_worker_init(worker) -> None:
    """Load the dataset before this worker takes requests (not on its first request: a big graph
    takes seconds to load, and the first clients would wait for it)."""
    state = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("kg")
    if state is not None:
        state.get_engine()
        import threading

        from server.sparql import warm

        threading.Thread(target=warm, args=(state,), daemon=True, name="kg-cache-warm").start()


def _worker_exit(server, worker) -> None:
    """Stop this worker's engine (its zygote and query workers) when the web worker exits."""
    app = getattr(worker, "wsgi", None)
    state = getattr(app, "extensions", {}).get("kg") if app is not None else None
    if state is not None:
        state.close()


def serve(settings: Settings) -> None:
    from gunicorn.app.base import BaseApplication

    from server import create_app

    class KGApplication(BaseApplication):
        def load_config(self):
            for key, value in options(settings).items():
                if value is not None and key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self):
            return create_app(settings)

    log.info("serving http://%s:%d/sparql with %d x %d gthread workers",
             settings.host, settings.port, web_workers(settings), settings.web_threads)
    KGApplication().run()
