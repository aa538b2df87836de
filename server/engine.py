"""The query engine behind every route: embedded store in worker processes, or a remote endpoint.

Routes and pages get it with ``get_engine(app)``. Every query goes through the same gate
(server.guard), deadline, row cap and error mapping, whichever backend answers:

- ``EmbeddedEngine``: the dataset (``kg serve --data FILE``, or the store ``kg build`` wrote) is loaded
  by a zygote process and queried by forked worker processes (server.pool) that are killed at the
  deadline. The default graph is the union of all graphs unless the request or the query (FROM)
  says otherwise. A newly built store (var/current moved) is picked up without dropping requests.
- ``RemoteEngine``: the same protocol forwarded to any SPARQL 1.1 endpoint with a shared urllib3
  pool; the upstream body is parsed (so validated) before anything is sent to the client, which
  turns a body that an upstream timeout cut short into a 503 rather than a broken 200.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import (
    BadRequest,
    Forbidden,
    KGError,
    NotAcceptable,
    QuerySyntaxError,
    QueryTimeout,
    StoreError,
    UpstreamError,
)
from kg.settings import Settings
from kg.vocab import prefixes as kg_prefixes
from server import formats, guard
from server.pool import PoolBroken, PoolClosed, WorkerPool

log = logging.getLogger("kg.server.engine")


@dataclass
class Result:
    """A complete answer: `body` is the whole serialised result (never a partial stream)."""

    body: bytes
    content_type: str  # the Content-Type header value
    mime: str  # the negotiated media type
    kind: str  # "solutions" | "boolean" | "graph"
    rows: int
    truncated: bool  # the row cap cut the result (announced in a header and in the body)
    elapsed_ms: float
    store_version: str


def _mimes(mime) -> tuple[str | None, str | None]:
    """`mime` is one media type (used for whichever result kind it fits) or a (solutions, graph) pair."""
    if mime is None:
        return formats.JSON, formats.TURTLE
    if isinstance(mime, tuple):
        return mime
    if mime in formats.SOLUTION_TYPES:
        return mime, formats.TURTLE
    if mime in formats.GRAPH_TYPES:
        return formats.JSON, mime
    raise NotAcceptable(f"{mime} is not a result format this endpoint produces.")


class Engine:
    """Common API (documented here for the pages blueprint and the routes).

    - ``run(query, *, mime, default_graphs, named_graphs, timeout_s, row_cap, info) -> Result``
    - ``select(query) -> list[dict]``: SPARQL JSON bindings of a SELECT.
    - ``ask(query) -> bool``; ``construct(query, mime="text/turtle") -> bytes``.
    - ``update(text) -> dict``: an (already authorised) SPARQL Update.
    - ``store_version``: changes whenever the data served changes (cache keys and ETags use it).
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.row_cap = settings.row_cap
        self.timeout_s = settings.query_timeout_s
        self.rewrites = guard.parse_rewrites(settings.service_rewrite)

    # subclass hooks -------------------------------------------------------------------------
    store_version: str = ""

    def _execute(self, request: dict, timeout_s: float) -> tuple[dict, bytes]:
        raise NotImplementedError

    # shared ---------------------------------------------------------------------------------
    def inspect(self, query: str) -> guard.QueryInfo:
        s = self.settings
        return guard.inspect(query, allowlist=s.service_allowlist, max_bytes=s.max_request_bytes, max_depth=s.max_query_depth)

    def run(self, query: str, *, mime=None, default_graphs=None, named_graphs=None, timeout_s: float | None = None,
            row_cap: int | None = None, info: guard.QueryInfo | None = None) -> Result:
        """Run a query (gate, deadline, row cap) and return the whole serialised answer."""
        info = info or self.inspect(query)
        sol, graph = _mimes(mime)
        timeout = self.timeout_s if timeout_s is None else min(float(timeout_s), self.timeout_s)
        if info.services and self.rewrites:
            query = guard.rewrite_services(query, self.rewrites)
        request = {
            "op": "query",
            "q": query,
            "sol": sol,
            "graph": graph,
            "dg": list(default_graphs) if default_graphs is not None else None,
            "ng": list(named_graphs) if named_graphs is not None else None,
            "cap": self.row_cap if row_cap is None else row_cap,
            "union": not info.has_dataset_clause,
        }
        version = self.store_version
        header, body = self._execute(request, timeout)
        if not header.get("ok"):
            if info.services and header.get("error") in ("storage", "evaluation"):
                raise UpstreamError(f"A federated SERVICE call failed: {header.get('message')}",
                                    hint="Retry later, or use SERVICE SILENT to ignore an unreachable endpoint.")
            raise _error_from(header)
        return Result(body, formats.content_type(header["mime"]), header["mime"], header["kind"], header["rows"],
                      header["truncated"], header["ms"], version)

    def select(self, query: str, **kw) -> list[dict]:
        return json.loads(self.run(query, mime=formats.JSON, **kw).body)["results"]["bindings"]

    def ask(self, query: str, **kw) -> bool:
        return bool(json.loads(self.run(query, mime=formats.JSON, **kw).body)["boolean"])

    def construct(self, query: str, mime: str = formats.TURTLE, **kw) -> bytes:
        return self.run(query, mime=(None, mime), **kw).body

    def update(self, text: str) -> dict:
        raise Forbidden("This backend does not accept updates.")

    def stats(self) -> dict:
        return {"store_version": self.store_version}

    def close(self) -> None:
        pass


def _error_from(header: dict) -> KGError:
    """The KGError for a worker's (or the remote backend's) failure header."""
    code, message = header.get("error"), header.get("message", "")
    if code == "syntax":
        line, col = header.get("line"), header.get("column")
        where = f" (line {line}, column {col})" if line else ""
        return QuerySyntaxError(f"The query is not valid SPARQL{where}: {message}",
                                hint="Fix the query at the position shown.", line=line, column=col)
    if code == "not_acceptable":
        offered = formats.SOLUTION_TYPES if header.get("kind") in ("solutions", "boolean") else formats.GRAPH_TYPES
        return NotAcceptable(f"{message} cannot be returned in the requested format.",
                             hint="Accept one of: " + ", ".join(offered))
    if code == "storage":
        return StoreError(f"The store could not be read: {message}", hint="Retry; if it persists, rebuild with 'kg build'.")
    if "service" in message.lower():
        return UpstreamError(f"A federated SERVICE call failed: {message}", hint="Retry later, or use SERVICE SILENT.")
    return BadRequest(f"The query could not be evaluated: {message}", hint="Check functions, types and values in the query.")


# --- embedded ---------------------------------------------------------------------------------
def resolve_dataset(settings: Settings) -> tuple[dict, str]:
    """(worker spec, version) of what to serve: Settings.data_file, else the store var/current points at."""
    prefixes = dict(kg_prefixes(settings.base))
    if settings.data_file is not None:
        path = Path(settings.data_file)
        if not path.is_file():
            raise StoreError(f"Dataset file not found: {path}", hint="Give an existing .trig/.nq/.ttl file to --data.")
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return {"kind": "file", "path": str(path.resolve()), "prefixes": prefixes}, "file-" + digest.hexdigest()[:16]
    path = current_store(settings)
    if path is None:
        raise StoreError(
            f"No built store to serve under {settings.data_dir}.",
            hint="Run 'kg build' first (or 'kg serve --build'), or serve a file with 'kg serve --data FILE'.",
        )
    spec = {"kind": "store", "path": str(path), "in_memory": settings.in_memory, "prefixes": prefixes}
    return spec, store_version_of(path)


def current_store(settings: Settings) -> Path | None:
    from kg.store import current_store_path

    return current_store_path(settings)


def store_version_of(path: Path) -> str:
    try:
        from kg.store import store_version
    except ImportError:
        return "store-" + Path(path).resolve().name
    return store_version(path)


class EmbeddedEngine(Engine):
    """Queries run in killable worker processes over a dataset loaded once (see server.pool)."""

    def __init__(self, settings: Settings, spec: dict | None = None, version: str | None = None):
        super().__init__(settings)
        if spec is None:
            spec, version = resolve_dataset(settings)
        self.spec = spec
        self._base_version = version or "unversioned"
        self._updates = 0
        size = max(1, settings.query_workers)
        self._max = settings.query_workers_max or size + 2
        self._size = size
        self._memory_mb = settings.query_memory_mb
        self._pool = WorkerPool(spec, size=size, max_size=self._max, memory_budget_mb=self._memory_mb)
        self._watch = spec["kind"] == "store" and settings.data_file is None and settings.store_check_s > 0
        self._next_check = time.monotonic() + settings.store_check_s
        self._reload_lock = threading.Lock()
        self._restart_lock = threading.Lock()
        self._reloading = False

    @property
    def store_version(self) -> str:  # type: ignore[override]
        """Read on every request (cache hits included), so it is also where a rebuilt store is noticed."""
        if self._watch and time.monotonic() >= self._next_check:
            self._check_for_new_store()
        return self._base_version if not self._updates else f"{self._base_version}+u{self._updates}"

    def _execute(self, request: dict, timeout_s: float) -> tuple[dict, bytes]:
        for _ in range(3):
            pool = self._pool
            try:
                return pool.call(request, timeout_s)
            except PoolClosed:
                if pool is self._pool:
                    raise
            except PoolBroken:
                self._replace_broken(pool)
        raise StoreError("The store was being replaced.", hint="Retry the request.")

    def _replace_broken(self, pool: WorkerPool) -> None:
        """The dataset process died (OOM killer, operator): load the same dataset again, once."""
        with self._restart_lock:
            if self._pool is not pool:
                return  # another thread already replaced it
            log.error("the dataset process of %s died; starting a new one", self.spec["path"])
            self._pool = WorkerPool(self.spec, size=self._size, max_size=self._max, memory_budget_mb=self._memory_mb)
        pool.close()

    # picking up a rebuilt store -----------------------------------------------------------------
    def _check_for_new_store(self) -> None:
        self._next_check = time.monotonic() + self.settings.store_check_s
        try:
            path = current_store(self.settings)
        except Exception:  # a half-written pointer: look again next time
            return
        if path is None or str(path) == self.spec["path"]:
            return
        with self._reload_lock:
            if self._reloading:
                return
            self._reloading = True
        threading.Thread(target=self._reload, args=(path,), daemon=True, name="kg-store-reload").start()

    def _reload(self, path: Path) -> None:
        """Load the new store beside the old one, then swap; in-flight queries finish on the old one."""
        try:
            spec = dict(self.spec, path=str(path))
            pool = WorkerPool(spec, size=self._size, max_size=self._max, memory_budget_mb=self._memory_mb)
            old, self._pool = self._pool, pool
            self.spec, self._base_version, self._updates = spec, store_version_of(path), 0
            log.info("now serving %s (version %s)", path, self._base_version)
            old.close()
        except Exception:
            log.exception("could not switch to the store at %s; still serving %s", path, self.spec["path"])
        finally:
            self._reloading = False

    def update(self, text: str) -> dict:
        reply = self._pool.update(text, timeout_s=max(self.timeout_s, 60.0))
        if not reply.get("ok"):
            kind = reply.get("kind")
            if kind == "SyntaxError":
                raise QuerySyntaxError(f"The update is not valid SPARQL Update: {reply.get('error')}")
            if kind == "PermissionError":
                raise Forbidden(f"Updates are not possible here: {reply.get('error')}",
                                hint="Serve the store in memory (KG_IN_MEMORY=true) or a dataset file to accept updates.")
            raise BadRequest(f"The update failed: {reply.get('error')}")
        self._updates += 1
        return {"quads": reply.get("quads"), "store_version": self.store_version}

    def stats(self) -> dict:
        return {"store_version": self.store_version, "dataset": self.spec["path"], **self._pool.info, **self._pool.stats()}

    def close(self) -> None:
        self._pool.close()


# --- remote -----------------------------------------------------------------------------------
class _UpstreamReader:
    """File-like view of a streamed upstream body for pyoxigraph's lazy parsers.

    Enforces the total deadline and a size bound on every read, and keeps the last bytes seen so a
    body that an upstream timeout cut short ("...The SPARQL operation has been cancelled") is
    recognised as a timeout rather than as garbage.
    """

    def __init__(self, resp, deadline: float, max_bytes: int, urllib3_module):
        self.resp, self.deadline, self.max_bytes, self._u3 = resp, deadline, max_bytes, urllib3_module
        self.size = 0
        self.tail = b""
        self._buf = b""
        self._eof = False

    def _fill(self) -> None:
        if time.monotonic() > self.deadline:
            raise QueryTimeout("The backend did not finish within the deadline.", hint="Add a LIMIT.")
        try:
            chunk = self.resp.read1(1 << 16) if hasattr(self.resp, "read1") else self.resp.read(1 << 16)
        except (self._u3.exceptions.ReadTimeoutError, TimeoutError):
            raise QueryTimeout("The backend did not finish within the deadline.", hint="Add a LIMIT.") from None
        except self._u3.exceptions.ProtocolError as exc:
            raise UpstreamError(f"The backend closed the connection mid-answer: {exc}", hint="Retry.") from None
        if not chunk:
            self._eof = True
            return
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise UpstreamError("The backend's answer is too large to relay.", hint="Add a LIMIT.")
        self.tail = (self.tail + chunk)[-400:]
        self._buf += chunk

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            while not self._eof:
                self._fill()
            out, self._buf = self._buf, b""
            return out
        if not self._buf and not self._eof:
            self._fill()
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def readable(self) -> bool:
        return True

    def finish(self, max_extra: int = 1 << 16) -> bool:
        """Read what is left (a trailing newline, a short error text) if it is small; True at EOF."""
        try:
            while not self._eof and len(self._buf) <= max_extra:
                self._fill()
        except KGError:
            return False
        return self._eof and len(self._buf) <= max_extra


class RemoteEngine(Engine):
    """Forwards queries to another SPARQL endpoint, validating and capping what comes back."""

    MAX_UPSTREAM_BYTES = 512 * 1024 * 1024

    def __init__(self, settings: Settings):
        super().__init__(settings)
        import urllib3

        self.url = settings.backend_url
        self.http = urllib3.PoolManager(maxsize=max(4, settings.web_threads), block=False, retries=False)
        self._urllib3 = urllib3
        self._prefixes = dict(kg_prefixes(settings.base))
        self._url_hash = hashlib.sha256(self.url.encode()).hexdigest()[:12]

    @property
    def store_version(self) -> str:  # type: ignore[override]
        # The remote store may change at any time: versions rotate so cached answers expire.
        period = max(1, int(self.settings.cache_max_age_s))
        return f"remote-{self._url_hash}-{int(time.time() // period)}"

    def _execute(self, request: dict, timeout_s: float) -> tuple[dict, bytes]:
        started = time.perf_counter()
        fields = [("query", request["q"])]
        fields += [("default-graph-uri", g) for g in request["dg"] or ()]
        fields += [("named-graph-uri", g) for g in request["ng"] or ()]
        deadline = time.monotonic() + timeout_s
        resp = self._open(self.url, fields, "application/sparql-results+json, application/n-triples;q=0.9", timeout_s)
        reader = _UpstreamReader(resp, deadline, self.MAX_UPSTREAM_BYTES, self._urllib3)
        finished = False
        try:
            if resp.status >= 400:
                data = reader.read(64 * 1024)
                finished = reader.finish()
                return self._upstream_error(resp.status, data), b""
            ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            try:
                header, out = self._reserialise(ctype, reader, request)
            except KGError:
                raise
            except Exception as exc:  # the upstream body is not a complete, valid answer
                tail = reader.tail.decode("utf-8", "replace").lower()
                if "cancel" in tail or "timeout" in tail or "timed out" in tail:
                    raise QueryTimeout("The backend stopped the query at its deadline.",
                                       hint="Make the query more selective.") from exc
                raise UpstreamError(f"The backend returned an incomplete or invalid answer: {exc}",
                                    hint="Retry; if it persists, check the backend endpoint.") from exc
            finished = not header.get("truncated") and reader.finish()
        finally:
            if finished:  # the body was read to its end: the connection can serve the next request
                resp.release_conn()
            else:  # stopped early (row cap, error): never drain a possibly huge body, drop the connection
                resp.close()
        header["ms"] = (time.perf_counter() - started) * 1000
        return header, out

    def _open(self, url: str, fields: list, accept: str, timeout_s: float, headers: dict | None = None):
        """POST a form to the backend; the response body is left unread (streamed by the caller)."""
        from urllib.parse import urlencode

        u3 = self._urllib3
        try:
            return self.http.request(
                "POST", url, body=urlencode(fields).encode("utf-8"),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept, **(headers or {})},
                timeout=u3.Timeout(connect=min(5.0, timeout_s), read=timeout_s), preload_content=False, redirect=False,
            )
        except u3.exceptions.NewConnectionError as exc:
            raise UpstreamError(f"The backend {url} could not be reached: {exc}", hint="Check that it is running.") from None
        except (u3.exceptions.ReadTimeoutError, u3.exceptions.ConnectTimeoutError, TimeoutError):
            raise QueryTimeout(f"The backend did not answer within {timeout_s:g} s.", hint="Make the query more selective.") from None
        except u3.exceptions.HTTPError as exc:
            raise UpstreamError(f"The backend {url} could not be reached: {exc}", hint="Check that it is running.") from None

    def _post(self, url: str, fields: list, accept: str, timeout_s: float):
        """A small request read whole (updates)."""
        resp = self._open(url, fields, accept, timeout_s)
        try:
            data = _UpstreamReader(resp, time.monotonic() + timeout_s, self.MAX_UPSTREAM_BYTES, self._urllib3).read()
        finally:
            resp.release_conn()
        return resp.status, (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower(), data

    def _reserialise(self, ctype: str, data, request: dict) -> tuple[dict, bytes]:
        """Parse the upstream answer lazily (so validate it), keep at most the row cap, re-serialise."""
        cap = request["cap"]
        if ctype in ("application/sparql-results+json", "application/json"):
            parsed = formats.parse_json_results(data)
            if isinstance(parsed, ox.QueryBoolean):
                if request["sol"] is None:
                    return {"ok": False, "error": "not_acceptable", "message": "ASK results", "kind": "boolean"}, b""
                return {"ok": True, "kind": "boolean", "mime": request["sol"], "rows": 1, "truncated": False}, \
                    formats.serialize_boolean(bool(parsed), request["sol"])
            if request["sol"] is None:
                return {"ok": False, "error": "not_acceptable", "message": "SELECT results", "kind": "solutions"}, b""
            body, rows, truncated = formats.serialize_solutions(parsed, request["sol"], cap)
            return {"ok": True, "kind": "solutions", "mime": request["sol"], "rows": rows, "truncated": truncated}, body
        fmt = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
               "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
               "application/n-quads": ox.RdfFormat.N_QUADS}.get(ctype)
        if fmt is None:
            raise UpstreamError(f"The backend answered with an unexpected media type {ctype!r}.",
                                hint="Point --backend at a SPARQL 1.1 query endpoint.")
        triples = (q if isinstance(q, ox.Triple) else ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt))
        if request["graph"] is None:
            return {"ok": False, "error": "not_acceptable", "message": "CONSTRUCT/DESCRIBE results", "kind": "graph"}, b""
        body, rows, truncated = formats.serialize_triples(triples, request["graph"], cap, self._prefixes)
        return {"ok": True, "kind": "graph", "mime": request["graph"], "rows": rows, "truncated": truncated}, body

    @staticmethod
    def _upstream_error(status: int, data: bytes) -> dict:
        text = data[:2000].decode("utf-8", "replace").strip()
        if status == 400:
            return {"ok": False, "error": "syntax", "message": text or "rejected by the backend"}
        if status in (503, 504) or "cancel" in text.lower() or "timeout" in text.lower():
            raise QueryTimeout(f"The backend gave up on the query: {text[:300]}", hint="Make the query more selective.")
        raise UpstreamError(f"The backend answered HTTP {status}: {text[:300]}", hint="Check the backend endpoint and its logs.")

    def update(self, text: str) -> dict:
        url = self.settings.backend_update_url
        if not url:
            raise Forbidden("Updates are not forwarded: no backend update URL is configured.",
                            hint="Set KG_BACKEND_UPDATE_URL to the backend's SPARQL Update endpoint.")
        status, _ctype, data = self._post(url, [("update", text)], "*/*", max(self.timeout_s, 60.0))
        if status >= 400:
            reply = self._upstream_error(status, data)
            raise QuerySyntaxError(f"The backend refused the update: {reply['message']}")
        return {"store_version": self.store_version}

    def stats(self) -> dict:
        return {"store_version": self.store_version, "backend": self.url}

    def close(self) -> None:
        self.http.clear()


def make_engine(settings: Settings) -> Engine:
    """The engine the settings ask for (remote backend, dataset file, or the built store)."""
    if settings.backend_url:
        return RemoteEngine(settings)
    return EmbeddedEngine(settings)


def get_engine(app) -> Engine:
    """The app's engine, created on first use (so importing the app never loads a store)."""
    state = app.extensions["kg"]
    return state.get_engine()
