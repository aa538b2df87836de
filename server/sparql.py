"""The SPARQL 1.1 Protocol (query part) at /sparql, and authorised updates at /sparql/update.

Request path, cheapest first: size check -> parameters -> content negotiation -> result cache
(ETag / If-None-Match) -> rate limit -> the gate (server.guard) -> the engine. A cache hit never
touches a parser or a worker process.

Dataset: without default-graph-uri / named-graph-uri (and without FROM in the query), the default
graph is the union of all graphs (the article graphs, entities, ontology); the service description
says so with sd:UnionDefaultGraph. With those parameters, exactly the graphs named are used.
"""

from __future__ import annotations

import hmac
import io
import logging
import os
import time
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from kg.errors import (
    BadRequest,
    Forbidden,
    KGError,
    NotAcceptable,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from server import formats, guard
from server.cache import Entry, make_key

log = logging.getLogger("kg.server.query")

blueprint = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT_QUERY = "application/sparql-query"
DIRECT_UPDATE = "application/sparql-update"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Link, Retry-After, Server-Timing, KG-Dataset-Version, KG-Row-Cap, "
    "KG-Result-Rows, KG-Result-Truncated, X-Cache",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, If-None-Match, Cache-Control",
    "Access-Control-Max-Age": "86400",
}


def _state():
    return current_app.extensions["kg"]


# --- parameters ---------------------------------------------------------------------------------
def _check_query_string_size(limit: int) -> None:
    if len(request.query_string) > limit:
        raise PayloadTooLarge(f"The URL's query string is longer than {limit} bytes.",
                              hint="Send long queries with POST (application/sparql-query or a form).")


def _read_request(endpoint: str):
    """(text or None, dataset source MultiDict) for the query or update endpoint, per the Protocol."""
    param = "query" if endpoint == "query" else "update"
    other = "update" if endpoint == "query" else "query"
    if request.method in ("GET", "HEAD"):
        src = request.args
        texts = src.getlist(param)
    else:
        mimetype = request.mimetype
        if mimetype == FORM:
            src = request.values  # form body + URL (dataset parameters may sit in either)
            texts = request.form.getlist(param) + request.args.getlist(param)
        elif mimetype == (DIRECT_QUERY if endpoint == "query" else DIRECT_UPDATE):
            raw = request.get_data(cache=False)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise BadRequest(f"The request body is not UTF-8 (byte {exc.start}).",
                                 hint="Encode the query as UTF-8.") from None
            src = request.args
            texts = [text] + src.getlist(param)
        elif endpoint == "query" and mimetype == DIRECT_UPDATE:
            raise _update_refused()
        else:
            want = f"{FORM} ({param}=...) or {DIRECT_QUERY if endpoint == 'query' else DIRECT_UPDATE}"
            raise UnsupportedMediaType(f"Cannot read a request body of type {mimetype or 'none'!r}.",
                                       hint=f"Send the {param} as {want}.")
    if endpoint == "query" and src.getlist(other):
        raise _update_refused()
    if len(texts) > 1:
        raise BadRequest(f"The '{param}' parameter was given {len(texts)} times; send exactly one.",
                         hint="Remove the repeated parameter.")
    return (texts[0] if texts else None), src


def _update_refused() -> Forbidden:
    return Forbidden(
        "This endpoint is read-only: SPARQL Update is not accepted at /sparql.",
        hint="Send updates to /sparql/update with 'Authorization: Bearer <token>' (the server must set the token).",
    )


def _graphs(src, name: str) -> tuple[str, ...] | None:
    values = src.getlist(name)
    if not values:
        return None
    for v in values:
        try:
            ox.NamedNode(v)
        except ValueError:
            raise BadRequest(f"{name}={v!r} is not an absolute IRI.", hint="Give full IRIs such as https://…") from None
    return tuple(values)


def _timeout(src) -> float | None:
    raw = src.get("timeout")
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise BadRequest(f"timeout={raw!r} is not a positive number of seconds.", hint="For example timeout=5.")
    return value


def negotiate(src) -> tuple[str | None, str | None]:
    """(media type for SELECT/ASK, for CONSTRUCT/DESCRIBE); `format=` wins over Accept. 406 if neither fits."""
    fmt = src.get("format")
    if fmt:
        pair = formats.FORMAT_PARAM.get(fmt.strip().lower())
        if pair is None:
            raise NotAcceptable(f"format={fmt!r} is not a format this endpoint produces.",
                                hint="Use json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml, nquads or trig.")
        return pair
    raw = request.headers.get("Accept", "")
    sol, graph = _negotiate_accept(raw)
    if sol is None and graph is None:
        raise NotAcceptable(
            f"None of the accepted media types ({raw[:200]}) can carry SPARQL results.",
            hint="Accept one of: " + ", ".join(formats.SOLUTION_TYPES + formats.GRAPH_TYPES),
        )
    return sol, graph


@lru_cache(maxsize=256)
def _negotiate_accept(raw: str) -> tuple[str | None, str | None]:
    """Best result types for one Accept header value. Memoised: clients send the same few headers
    again and again, and parsing one with its q-values costs more than a small query."""
    accept = parse_accept_header(raw, MIMEAccept)
    if not accept:
        return formats.JSON, formats.TURTLE
    return accept.best_match(formats.SOLUTION_TYPES), accept.best_match(formats.GRAPH_TYPES)


# --- /sparql ------------------------------------------------------------------------------------
@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"], provide_automatic_options=False)
def sparql():
    state = _state()
    settings = state.settings
    if request.method == "OPTIONS":
        return Response(status=204, headers={**CORS_HEADERS, **PREFLIGHT_HEADERS, "Allow": "GET, HEAD, POST, OPTIONS"})
    _check_query_string_size(settings.max_request_bytes)
    query, src = _read_request("query")
    if query is None:
        if request.method in ("GET", "HEAD"):
            return service_description()
        raise BadRequest("No 'query' parameter in the request.", hint="Send query=... (form) or an application/sparql-query body.")
    started = time.perf_counter()
    try:
        return _query(state, query, src, started)
    except KGError as exc:
        _log(request.remote_addr or "-", exc.status, started, query, note=type(exc).__name__)
        raise


def _query(state, query: str, src, started: float) -> Response:
    """Negotiate, answer from the cache or run the query (every outcome is logged by the caller)."""
    dg, ng = _graphs(src, "default-graph-uri"), _graphs(src, "named-graph-uri")
    timeout = _timeout(src)
    sol, graph = negotiate(src)
    engine = state.get_engine()
    cache = state.cache
    version = engine.store_version
    info = None
    if cache.enabled:
        raw = (query, dg, ng, sol, graph)
        key = cache.key_for_raw(version, raw)
        if key is None:
            info = engine.inspect(query)  # the gate runs before anything is computed or cached
            key = _key(version, info, dg, ng, sol, graph)
            cache.remember_raw(raw, key)
        entry = cache.get(version, key)
        if entry is not None:
            resp = _respond(entry, version, started, hit=True)
            _log(request.remote_addr or "-", resp.status_code, started, query, cache="hit")
            _remember_fast(state, resp, entry, version, query)
            return resp
    client = request.remote_addr or "-"
    state.limiter.check(client)
    if info is None:
        info = engine.inspect(query)
    key = _key(version, info, dg, ng, sol, graph)
    try:
        result = engine.run(query, mime=(sol, graph), default_graphs=dg, named_graphs=ng, timeout_s=timeout, info=info)
    finally:
        state.limiter.charge(client, time.perf_counter() - started)
    headers = {"KG-Result-Rows": str(result.rows)}
    if result.truncated:
        headers["KG-Result-Truncated"] = "true"
    entry = Entry(result.body, result.content_type, '"' + key[:32] + '"', headers)
    if cache.enabled and result.store_version == version:
        cache.put(version, key, entry)
    resp = _respond(entry, result.store_version, started, hit=False, engine_ms=result.elapsed_ms)
    _log(client, 200, started, query, rows=result.rows, truncated=result.truncated)
    _remember_fast(state, resp, entry, version, query)
    return resp


def _remember_fast(state, resp: Response, entry: Entry, version: str, query: str) -> None:
    """Let FastPath answer exact repeats of this request without Flask."""
    fast_key = request.environ.get("kg.fast_key")
    if fast_key is None or resp.status_code != 200:
        return
    headers = [(k, v) for k, v in resp.headers.items() if k not in ("Server-Timing", "X-Cache")]
    headers.append(("X-Cache", "hit"))
    state.fast.put(fast_key, (version, headers, entry.body, " ".join(query[:300].split())))


def _key(version: str, info: guard.QueryInfo, dg, ng, sol, graph) -> str:
    """Cache key: only the format that applies to the query's form counts, so clients with different
    Accept lists (one offering Turtle too, one not) share the cached SELECT answer."""
    if info.form in ("select", "ask"):
        graph = None
    elif info.form in ("construct", "describe"):
        sol = None
    return make_key(version, info.normalized, dg, ng, sol, graph)


def _respond(entry: Entry, version: str, started: float, *, hit: bool, engine_ms: float | None = None) -> Response:
    settings = _state().settings
    headers = {
        **CORS_HEADERS,
        "Vary": "Accept",
        "ETag": entry.etag,
        "Cache-Control": f"public, max-age={int(settings.cache_max_age_s)}",
        "KG-Dataset-Version": version,
        "KG-Row-Cap": str(settings.row_cap),
        "X-Cache": "hit" if hit else "miss",
        **entry.headers,
    }
    total_ms = (time.perf_counter() - started) * 1000
    headers["Server-Timing"] = f"total;dur={total_ms:.2f}" + (f", query;dur={engine_ms:.2f}" if engine_ms is not None else "")
    if request.method in ("GET", "HEAD") and entry.etag in _if_none_match():
        return Response(status=304, headers=headers)
    return Response(entry.body, status=200, headers=headers, content_type=entry.content_type)


def _if_none_match() -> set[str]:
    raw = request.headers.get("If-None-Match")
    if not raw:
        return set()
    if raw.strip() == "*":
        return {"*"} | {t.strip() for t in raw.split(",")}
    return {t.strip().removeprefix("W/") for t in raw.split(",")}


def _log(client: str, status: int, started: float, query: str, **extra) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    ms = (time.perf_counter() - started) * 1000
    one_line = " ".join(query[:300].split())
    more = " ".join(f"{k}={v}" for k, v in extra.items() if v not in (None, False))
    log.info('%s %s %d %.1fms %s q="%s"', client, request.method, status, ms, more, one_line)


# --- cache warming --------------------------------------------------------------------------------
def warm(state, limit: int = 200) -> int:
    """Answer the example queries (Settings.queries_dir/*.rq) into the cache: they are what the query
    page offers, so they are what a public endpoint is asked most. Returns how many were cached."""
    from pathlib import Path

    engine = state.get_engine()
    if not state.cache.enabled:
        return 0
    done = 0
    for path in sorted(Path(state.settings.queries_dir).glob("*.rq"))[:limit]:
        try:
            text = path.read_text(encoding="utf-8")
            version = engine.store_version
            info = engine.inspect(text)
            if info.services:  # never call out to another endpoint just to warm a cache
                continue
            result = engine.run(text, mime=(formats.JSON, formats.TURTLE), info=info)
        except KGError as exc:
            log.info("not warming %s: %s", path.name, exc.message)
            continue
        except OSError:
            continue
        key = _key(version, info, None, None, formats.JSON, formats.TURTLE)
        headers = {"KG-Result-Rows": str(result.rows)}
        if result.truncated:
            headers["KG-Result-Truncated"] = "true"
        state.cache.put(version, key, Entry(result.body, result.content_type, '"' + key[:32] + '"', headers))
        done += 1
    return done


# --- the fast path ------------------------------------------------------------------------------
class FastPath:
    """WSGI layer in front of Flask that answers exact repeats of cached /sparql requests.

    The repeating part of a public endpoint's traffic (example queries, dashboards) then costs a
    dict lookup: no Flask request object, no parameter parsing, no gate, no worker. Only requests
    identical to one already answered (same query string or body, same Accept, no conditional
    headers) for the current store version qualify; everything else goes to Flask unchanged.
    """

    def __init__(self, wsgi_app, state):
        self.wsgi_app = wsgi_app
        self.state = state

    def __call__(self, environ, start_response):
        state = self.state
        if environ.get("PATH_INFO") == "/sparql" and state.cache.enabled and "HTTP_IF_NONE_MATCH" not in environ:
            key = self._key(environ, state.settings.max_request_bytes)
            if key is not None:
                hit = state.fast.get(key)
                if hit is not None and hit[0] == state.get_engine().store_version:
                    started = time.perf_counter()
                    start_response("200 OK", list(hit[1]))
                    if log.isEnabledFor(logging.INFO):
                        log.info('%s %s 200 %.1fms cache=hit q="%s"', environ.get("REMOTE_ADDR", "-"),
                                 environ["REQUEST_METHOD"], (time.perf_counter() - started) * 1000, hit[3])
                    return [hit[2]]
                environ["kg.fast_key"] = key
        return self.wsgi_app(environ, start_response)

    @staticmethod
    def _key(environ, limit: int):
        method = environ.get("REQUEST_METHOD")
        if method == "GET":
            return ("GET", environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT"))
        if method != "POST":
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 < length <= limit or environ.get("HTTP_TRANSFER_ENCODING"):
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # Flask reads the same bytes on a miss
        if len(body) != length:
            environ["CONTENT_LENGTH"] = str(len(body))
            return None
        return ("POST", environ.get("CONTENT_TYPE"), environ.get("QUERY_STRING", ""), body, environ.get("HTTP_ACCEPT"))


# --- service description -------------------------------------------------------------------------
SD_TEMPLATE = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix void: <http://rdfs.org/ns/void#> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph{federated} ;
  sd:resultFormat fmt:SPARQL_Results_JSON , fmt:SPARQL_Results_XML , fmt:SPARQL_Results_CSV , fmt:SPARQL_Results_TSV ,
    fmt:Turtle , fmt:N-Triples , fmt:JSON-LD , fmt:RDF_XML , fmt:N-Quads , fmt:TriG ;
  dcterms:description "Read-only SPARQL 1.1 endpoint of the China-Russia relations knowledge graph. Without default-graph-uri/named-graph-uri or FROM, the default graph is the union of all named graphs. Answers carry at most {row_cap} rows (KG-Result-Truncated header and a 'truncated' member in SPARQL JSON when capped); queries stop after {timeout:g} s{memory} (HTTP 503). SERVICE is limited to: {allow}." ;
  sd:defaultDataset <{endpoint}#dataset> .
<{endpoint}#dataset> a sd:Dataset ;
  sd:defaultGraph <{endpoint}#default-graph> {named} .
<{endpoint}#default-graph> a sd:Graph ; dcterms:description "Union of all named graphs" .
"""


def service_description() -> Response:
    """SPARQL 1.1 Service Description, in the RDF format the client accepts (Turtle by default)."""
    state = _state()
    s = state.settings
    fmt = request.args.get("format")
    if fmt:
        mime = (formats.FORMAT_PARAM.get(fmt.lower()) or (None, None))[1]
    elif request.accept_mimetypes:
        mime = request.accept_mimetypes.best_match(formats.GRAPH_TYPES)
    else:
        mime = formats.TURTLE
    if mime is None:
        raise NotAcceptable("The service description is available as RDF only.",
                            hint="Accept one of: " + ", ".join(formats.GRAPH_TYPES))
    engine = state.get_engine()
    key = (request.base_url, mime, engine.store_version)
    body = state.sd_cache.get(key)
    if body is None:
        graphs = [b["g"]["value"] for b in engine.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g", row_cap=10000)]
        named = "".join(f";\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] " for g in graphs if ">" not in g)
        ttl = SD_TEMPLATE.format(
            endpoint=request.base_url, federated=" , sd:BasicFederatedQuery" if s.service_allowlist else "",
            row_cap=s.row_cap, timeout=s.query_timeout_s,
            memory=f" or past {s.query_memory_mb:,} MiB of memory" if s.query_memory_mb else "",
            allow=", ".join(s.service_allowlist) or "no endpoint",
            named=named,
        )
        triples = list(ox.parse(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE))
        body, _, _ = formats.serialize_triples(
            triples, mime, len(triples) + 1,
            {"sd": "http://www.w3.org/ns/sparql-service-description#", "fmt": "http://www.w3.org/ns/formats/",
             "dcterms": "http://purl.org/dc/terms/"},
        )
        if len(state.sd_cache) > 64:
            state.sd_cache.clear()
        state.sd_cache[key] = body
    return Response(body, content_type=formats.content_type(mime),
                    headers={**CORS_HEADERS, "Vary": "Accept", "KG-Dataset-Version": engine.store_version})


# --- /sparql/update ------------------------------------------------------------------------------
@blueprint.route("/sparql/update", methods=["POST"])
def sparql_update():
    """SPARQL Update, only with 'Authorization: Bearer <token>' matching the configured token."""
    state = _state()
    settings = state.settings
    token = os.environ.get(settings.update_token_env, "")
    if not token:
        raise Forbidden("Updates are disabled on this server.",
                        hint=f"The operator enables them by setting the environment variable {settings.update_token_env}.")
    given = request.headers.get("Authorization", "")
    scheme, _, credential = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(credential.strip().encode(), token.encode()):
        raise Forbidden("A valid bearer token is required to update this store.",
                        hint="Send 'Authorization: Bearer <token>' with the token the operator gave you.")
    _check_query_string_size(settings.max_request_bytes)
    text, _src = _read_request("update")
    if not text:
        raise BadRequest("No 'update' parameter in the request.", hint="Send update=... (form) or an application/sparql-update body.")
    info = guard.inspect(text, allowlist=settings.service_allowlist, max_bytes=settings.max_request_bytes,
                         max_depth=settings.max_query_depth, endpoint="update")
    if info.form is not None:
        raise BadRequest("This is a query, not an update.", hint="Send queries to /sparql.")
    words = guard.scan(text)[1]
    if "load" in words:
        raise Forbidden("LOAD is refused: it would make the server fetch URLs.",
                        hint="Add RDF files with 'kg build FILE…' instead.")
    engine = state.get_engine()
    started = time.perf_counter()
    outcome = engine.update(text)
    state.cache.clear()
    state.fast.clear()
    state.sd_cache.clear()
    _log(request.remote_addr or "-", 200, started, text, update=True)
    return {"ok": True, **outcome}
