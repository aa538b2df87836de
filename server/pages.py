"""What people and Linked Data clients see: the query page, entity pages, ontology docs, VoID, dumps.

Every page is built from SPARQL over the engine (`server.engine.get_engine(app)`), so a page shows
exactly what /sparql answers. Entity IRIs are `<base>/resource/<path>`: the route maps the request
path to the IRI with the *configured* base, whatever host serves it. We use direct content
negotiation (200 + `Vary: Accept` + `Link: rel=alternate`), never 303: one URL, one round trip
(LodView's choice; documented in docs/publishing.md). `?format=` overrides Accept for browsers.
Templates are autoescaped and only http(s) IRIs become links: no markup or script from a document
can run in a page.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, render_template, request, send_from_directory

from kg.errors import KGError, NotAcceptable, NotFound
from kg.settings import Settings
from kg.queries import load_queries
from kg.vocab import STANDARD_PREFIXES, prefixes, sparql_prologue

blueprint = Blueprint("pages", __name__, template_folder="templates", static_folder="static", static_url_path="/assets")

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = STANDARD_PREFIXES["rdfs"]
OWL = STANDARD_PREFIXES["owl"]
SKOS = STANDARD_PREFIXES["skos"]
XSD = STANDARD_PREFIXES["xsd"]
WD_ENTITY = STANDARD_PREFIXES["wd"]
LABEL_PROPS = (SKOS + "prefLabel", RDFS + "label", "http://purl.org/dc/terms/title", "http://schema.org/name")

# format key -> (media type, pyoxigraph format; None for HTML)
FORMATS: dict[str, tuple[str, object]] = {
    "html": ("text/html", None),
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdf": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
FORMAT_ALIASES = {
    "html": "html", "turtle": "ttl", "ttl": "ttl", "json-ld": "jsonld", "jsonld": "jsonld", "json": "jsonld",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt", "rdf": "rdf", "xml": "rdf", "rdfxml": "rdf",
    "rdf+xml": "rdf", "owl": "rdf",
}
ACCEPT_OFFERS = [
    ("text/html", "html"), ("application/xhtml+xml", "html"), ("text/turtle", "ttl"),
    ("application/x-turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/json", "jsonld"),
    ("application/n-triples", "nt"), ("text/plain", "nt"), ("application/rdf+xml", "rdf"),
    ("application/xml", "rdf"),
]
FORMAT_LABELS = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdf": "RDF/XML"}
MAX_OUT, MAX_IN = 5000, 2000  # bounds of one entity description (outgoing / incoming triples)
MAX_FACTS = 300  # facts shown with their passages on one page (the rest: incoming links and /sparql)


# --- plumbing -----------------------------------------------------------------------------------
def _engine():
    """The app's query engine: every page query goes through the same gate, deadline and row cap as /sparql."""
    from server.engine import get_engine

    return get_engine(current_app)


def _settings() -> Settings:
    return current_app.extensions["kg"].settings


def _select(query: str) -> list[dict]:
    return _engine().select(query)


def _v(row: dict, name: str):
    b = row.get(name)
    return None if b is None else b.get("value")


def _iri(value: str) -> str:
    """An IRI for a SPARQL query; refuses characters that cannot be in an IRIREF (injection guard)."""
    if re.search(r'[<>"{}|^`\\\s]', value):
        raise NotFound(f"{value!r} is not an IRI this graph can contain", hint="check the link")
    return f"<{value}>"


def _negotiate(allowed: tuple[str, ...]) -> str:
    """Pick a format key from ?format= or the Accept header (q-values honoured); 406 when none fits."""
    asked = request.args.get("format")
    if asked:
        key = FORMAT_ALIASES.get(asked.lower())
        if key not in allowed:
            raise NotAcceptable(f"format={asked!r} is not offered here", hint=f"use one of {', '.join(allowed)}")
        return key
    offers = [(mime, key) for mime, key in ACCEPT_OFFERS if key in allowed]
    if not request.accept_mimetypes or str(request.accept_mimetypes) in ("", "*/*"):
        return allowed[0]
    best = request.accept_mimetypes.best_match([m for m, _ in offers])
    if best is None:
        raise NotAcceptable(
            "none of the media types in the Accept header is offered here",
            hint="ask for " + ", ".join(sorted({FORMATS[k][0] for _, k in offers})),
        )
    return dict(offers)[best]


def _alternates(path: str, keys=("ttl", "jsonld", "nt", "rdf")) -> list[dict]:
    return [{"key": k, "label": FORMAT_LABELS[k], "mime": FORMATS[k][0], "href": f"{path}?format={k}"} for k in keys]


def _link_header(path: str, keys=("ttl", "jsonld", "nt", "rdf")) -> str:
    return ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["mime"]}"' for a in _alternates(path, keys))


def _used_prefixes(triples: list, base: str) -> dict[str, str]:
    """Only the prefixes the triples use (a Turtle header of 20 unused prefixes helps nobody)."""
    iris = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {p: ns for p, ns in prefixes(base).items() if any(i.startswith(ns) for i in iris)}


def _serialize(triples: list, key: str, base: str) -> bytes:
    if key == "jsonld":
        return _jsonld(triples, base)
    pfx = _used_prefixes(triples, base) if key in ("ttl", "rdf") else None
    return ox.serialize(triples, format=FORMATS[key][1], prefixes=pfx)


def _jsonld(triples: list, base: str) -> bytes:
    """Compact JSON-LD with our prefixes (rdflib does the compaction; descriptions are small)."""
    import rdflib

    g = rdflib.Graph()
    if triples:
        g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    ctx = _used_prefixes(triples, base)
    return g.serialize(format="json-ld", context=ctx, auto_compact=True, indent=2).encode("utf-8")


def _construct(query: str) -> list:
    data = _engine().construct(query, "application/n-triples")
    return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)) if data else []


def _rdf_response(triples: list, key: str, path: str, keys=("ttl", "jsonld", "nt", "rdf")) -> Response:
    resp = Response(_serialize(triples, key, _settings().base), mimetype=FORMATS[key][0])
    if FORMATS[key][0] in ("text/turtle", "application/n-triples"):
        resp.headers["Content-Type"] = f"{FORMATS[key][0]}; charset=utf-8"
    return _decorate(resp, path, keys)


def _decorate(resp: Response, path: str, keys=("ttl", "jsonld", "nt", "rdf")) -> Response:
    resp.headers["Vary"] = "Accept"
    resp.headers["Link"] = _link_header(path, keys)
    resp.headers["Access-Control-Allow-Origin"] = "*"
    etag = _etag(resp.mimetype)
    if etag and resp.status_code == 200:
        resp.set_etag(etag)
        resp.headers["Cache-Control"] = "public, max-age=300"
    return resp


def _etag(mime: str) -> str | None:
    """Pages change only with the store: its version, the URL and the format make a strong validator."""
    version = getattr(_engine(), "store_version", None)
    if not version:
        return None
    raw = "\x1f".join((version, request.host_url, request.full_path, mime))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def _not_modified(key: str) -> Response | None:
    """304 before any query runs when the client already holds this representation."""
    etag = _etag(FORMATS[key][0])
    if etag and etag in request.if_none_match:
        resp = Response(status=304)
        resp.set_etag(etag)
        resp.headers["Vary"] = "Accept"
        return resp
    return None


@blueprint.errorhandler(KGError)
def _kg_error(exc: KGError):
    """Errors of these routes: an HTML page for browsers, the shared JSON shape for everyone else."""
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        return render_template("error.html", error=exc, settings=_safe_settings()), exc.status
    return jsonify(exc.to_dict()), exc.status


def _safe_settings():
    try:
        return _settings()
    except Exception:  # noqa: BLE001 - the error page must render even when the engine is down
        return Settings()


# --- labels and term display ------------------------------------------------------------------
class Labeller:
    """Turns IRIs into (label, local href, CURIE) with one SPARQL query per page."""

    def __init__(self, settings: Settings):
        self.base = settings.base
        self.pfx = {**prefixes(settings.base), "vann": "http://purl.org/vocab/vann/", "dcat": "http://www.w3.org/ns/dcat#",
                    "lode": "http://linkedevents.org/ontology/"}  # display only
        self.labels: dict[str, str] = {}

    def load(self, iris) -> None:
        todo = sorted({i for i in iris if i and i not in self.labels and not re.search(r'[<>"{}|^`\\\s]', i)})
        for start in range(0, len(todo), 400):
            chunk = todo[start : start + 400]
            values = " ".join(f"<{i}>" for i in chunk)
            rows = _select(
                f"SELECT ?x ?p ?l WHERE {{ VALUES ?x {{ {values} }} VALUES ?p {{ {' '.join(f'<{p}>' for p in LABEL_PROPS)} }}"
                " ?x ?p ?l }"
            )
            best: dict[str, tuple] = {}
            for r in rows:
                x, p, lab = _v(r, "x"), _v(r, "p"), r["l"]
                rank = (LABEL_PROPS.index(p), 0 if lab.get("xml:lang", "en").startswith("en") else 1)
                if x not in best or rank < best[x][0]:
                    best[x] = (rank, lab["value"])
            self.labels.update({x: v for x, (_, v) in best.items()})

    STANDARD_LABELS = {RDF_TYPE: "type", RDFS + "label": "label", RDFS + "comment": "comment", OWL + "sameAs": "same as",
                       SKOS + "prefLabel": "preferred label", SKOS + "altLabel": "also known as",
                       RDFS + "subClassOf": "subclass of", RDFS + "subPropertyOf": "subproperty of",
                       RDFS + "domain": "domain", RDFS + "range": "range", RDFS + "seeAlso": "see also",
                       OWL + "disjointWith": "disjoint with", OWL + "equivalentClass": "equivalent class",
                       OWL + "inverseOf": "inverse of", "http://purl.org/dc/terms/title": "title"}

    def curie(self, iri: str) -> str:
        for p, ns in sorted(self.pfx.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_\-./]*", iri[len(ns) :]):
                return f"{p}:{iri[len(ns):]}"
        return iri

    def href(self, iri: str) -> str | None:
        """Local pages for our IRIs (whatever host serves them), the item page for Wikidata, else the IRI."""
        if iri.startswith(self.base + "/resource/"):
            return "/resource/" + quote(iri[len(self.base) + len("/resource/") :], safe="/-._~:@!$&'()*+,;=")
        if iri.startswith(self.base + "/ontology"):
            return "/ontology" + iri[len(self.base) + len("/ontology") :]
        if iri.startswith(WD_ENTITY):
            return "https://www.wikidata.org/wiki/" + iri[len(WD_ENTITY) :]
        if iri.startswith(("http://", "https://")):
            return iri
        return None  # never javascript:, data: ... from a document

    def term(self, b: dict) -> dict:
        """A SPARQL JSON binding -> what the templates show."""
        if b["type"] == "uri":
            iri = b["value"]
            label = self.labels.get(iri) or self.STANDARD_LABELS.get(iri)
            return {"kind": "iri", "iri": iri, "label": label, "curie": self.curie(iri), "href": self.href(iri)}
        if b["type"] == "bnode":
            return {"kind": "bnode", "id": b["value"]}
        dt = b.get("datatype")
        return {"kind": "literal", "value": b["value"], "lang": b.get("xml:lang"), "datatype": self.curie(dt) if dt else None}


# --- the query page and its examples -------------------------------------------------------------
def load_examples(settings: Settings) -> list[dict]:
    """queries/*.rq with their comment headers (kg.queries), for the query page's example list.

    Known prefixes the query uses without declaring are prepended so every example runs as shown.
    """
    return [
        {
            "name": q.name, "title": q.title, "description": q.description, "question": q.question,
            "view": q.view, "query": _with_prefixes(q.text, settings.base),
        }
        for q in load_queries(settings.queries_dir)
    ]


def _with_prefixes(query: str, base: str) -> str:
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", query)}
    body = re.sub(r"<[^>\s]*>|\"[^\"\n]*\"|#[^\n]*", " ", query)
    missing = [p for p in prefixes(base) if p.lower() not in declared and re.search(rf"(?<![\w?$]){re.escape(p)}:", body)]
    pro = "".join(f"PREFIX {p}: <{prefixes(base)[p]}>\n" for p in missing)
    if not pro:
        return query
    lines = query.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].lstrip().startswith("#"):
        head += 1  # keep the comment header on top
    return "".join(lines[:head]) + pro + "".join(lines[head:])


@blueprint.get("/")
def index():
    settings = _settings()
    examples = load_examples(settings)
    default = examples[0]["query"] if examples else sparql_prologue(settings.base) + (
        "\n# Dated events, first to last\nSELECT ?event ?label ?start ?end WHERE {\n"
        "  ?event ccr:startDate ?start ; rdfs:label ?label .\n  OPTIONAL { ?event ccr:endDate ?end }\n} ORDER BY ?start LIMIT 100\n"
    )
    return render_template("index.html", settings=settings, examples=examples, default_query=default,
                           prefixes=prefixes(settings.base), resource_ns=settings.resource_ns)


@blueprint.get("/queries")
def queries():
    """The examples as JSON (what the query page lists; handy for notebooks too)."""
    resp = jsonify(load_examples(_settings()))
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


# --- label search ------------------------------------------------------------------------------
@blueprint.get("/search")
def search():
    """Entities whose label or alternative label contains the text (case-insensitive); HTML or JSON."""
    settings = _settings()
    q = " ".join((request.args.get("q") or "").split())[:100]
    hits: list[dict] = []
    if q:
        lit = '"' + re.sub(r'[\x00-\x1f]', " ", q.lower()).replace("\\", "\\\\").replace('"', '\\"') + '"'
        rows = _select(f"""SELECT ?x (SAMPLE(?l) AS ?match) (SAMPLE(?t) AS ?type) WHERE {{
              ?x <{RDFS}label>|<{SKOS}prefLabel>|<{SKOS}altLabel> ?l .
              FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{settings.resource_ns}") && CONTAINS(LCASE(STR(?l)), {lit}))
              OPTIONAL {{ ?x a ?t FILTER(STRSTARTS(STR(?t), "{settings.ontology_ns}")) }}
            }} GROUP BY ?x LIMIT 200""")
        lab = Labeller(settings)
        lab.load({_v(r, "x") for r in rows} | {_v(r, "type") for r in rows if "type" in r})
        for r in rows:
            x = _v(r, "x")
            label = lab.labels.get(x) or _v(r, "match")
            hits.append({"iri": x, "label": label, "match": _v(r, "match"), "href": lab.href(x),
                         "type": lab.term(r["type"]) if "type" in r else None})
        ql = q.lower()
        hits.sort(key=lambda h: (h["label"].lower() != ql, ql not in re.split(r"[\s,.()-]+", h["label"].lower()),
                                 not h["label"].lower().startswith(ql), len(h["label"]), h["iri"]))
        hits = hits[:50]
    if request.args.get("format") == "json" or request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        return jsonify({"q": q, "results": [{k: h[k] for k in ("iri", "label", "match")} | {"type": h["type"]["iri"] if h["type"] else None}
                                            for h in hits]})
    return render_template("search.html", settings=settings, q=q, hits=hits)


# --- entity pages ------------------------------------------------------------------------------
@blueprint.get("/resource/<path:rest>")
def resource(rest: str):
    settings = _settings()
    iri = settings.resource_ns + rest
    key = _negotiate(("html", "ttl", "jsonld", "nt", "rdf"))
    path = request.path
    cached = _not_modified(key)
    if cached is not None:
        return cached
    if key != "html":
        triples = _construct(_describe_query(iri))
        if not triples:
            raise NotFound(f"{iri} is not in the graph", hint="search for it on the query page (/)")
        return _rdf_response(triples, key, path)
    page = entity_page(settings, iri)
    if page is None:
        resp = Response(render_template("not_found.html", iri=iri, settings=settings), status=404, mimetype="text/html")
        return _decorate(resp, path)
    title = " ".join(page["label"].split())
    query = (f"# Everything the graph says about {title}\nSELECT ?property ?value ?direction WHERE {{\n"
             f"  {{ <{iri}> ?property ?value BIND(\"out\" AS ?direction) }}\n"
             f"  UNION {{ ?value ?property <{iri}> BIND(\"in\" AS ?direction) }}\n}} ORDER BY ?direction ?property LIMIT 1000\n")
    page["query_href"] = "/?" + urlencode({"query": query})
    resp = Response(render_template("entity.html", settings=settings, alternates=_alternates(path), **page), mimetype="text/html")
    return _decorate(resp, path)


def _describe_query(iri: str) -> str:
    """Outgoing triples (blank nodes nested one level deep, like a CBD) and incoming links."""
    i = _iri(iri)
    return (
        f"CONSTRUCT {{ {i} ?p ?o . ?o ?bp ?bo . ?s ?ip {i} }} WHERE {{"
        f" {{ {i} ?p ?o OPTIONAL {{ FILTER(isBlank(?o)) ?o ?bp ?bo }} }}"
        f" UNION {{ SELECT ?s ?ip WHERE {{ ?s ?ip {i} }} LIMIT {MAX_IN} }} }}"
    )


def entity_page(settings: Settings, iri: str) -> dict | None:
    """Everything the entity template shows, or None when the IRI appears nowhere in the graph."""
    i, ccr = _iri(iri), settings.ontology_ns
    out = _select(f"SELECT ?p ?o ?bp ?bo WHERE {{ {i} ?p ?o OPTIONAL {{ FILTER(isBlank(?o)) ?o ?bp ?bo }} }} LIMIT {MAX_OUT}")
    incoming = _select(f"SELECT ?s ?p WHERE {{ ?s ?p {i} FILTER(!isBlank(?s)) }} LIMIT {MAX_IN}")
    if not out and not incoming:
        return None
    in_counts = {_v(r, "p"): int(_v(r, "n")) for r in _select(f"SELECT ?p (COUNT(?s) AS ?n) WHERE {{ ?s ?p {i} }} GROUP BY ?p")}
    facts = _select(f"""
        SELECT ?f ?role ?type ?label ?start ?end ?passage ?text ?so ?eo ?article WHERE {{
          {{ ?f ?role {i} . ?f <{ccr}sourcePassage> ?passage }} UNION {{ BIND({i} AS ?f) {i} <{ccr}sourcePassage> ?passage }}
          OPTIONAL {{ ?passage <{ccr}text> ?text }}
          OPTIONAL {{ ?f a ?type }} OPTIONAL {{ ?f <{RDFS}label> ?label }}
          OPTIONAL {{ ?f <{ccr}startDate> ?start }} OPTIONAL {{ ?f <{ccr}endDate> ?end }}
          OPTIONAL {{ ?passage <{ccr}startOffset> ?so }} OPTIONAL {{ ?passage <{ccr}endOffset> ?eo }}
          OPTIONAL {{ ?passage <{ccr}inArticle> ?article }}
        }} ORDER BY ?start ?f LIMIT {MAX_IN}""")
    timeline = _select(f"""
        SELECT DISTINCT ?e ?type ?label ?start ?end WHERE {{
          {{ ?e ?p {i} }} UNION {{ {i} ?p ?e }} UNION {{ {i} <{ccr}inSeries> ?series . ?e <{ccr}inSeries> ?series }}
          UNION {{ ?e <{ccr}sourcePassage>/<{ccr}inArticle> {i} }} UNION {{ BIND({i} AS ?e) }}
          ?e <{ccr}startDate> ?start . FILTER(!isBlank(?e))
          OPTIONAL {{ ?e <{ccr}endDate> ?end }} OPTIONAL {{ ?e <{RDFS}label> ?label }} OPTIONAL {{ ?e a ?type }}
        }} ORDER BY ?start LIMIT 400""")

    lab = Labeller(settings)
    seen = {iri}
    for rows, cols in ((out, ("p", "o", "bp", "bo")), (incoming, ("s", "p")), (facts, ("role", "type", "article", "f")),
                       (timeline, ("type",))):
        for r in rows:
            seen.update(r[c]["value"] for c in cols if c in r and r[c]["type"] == "uri")
    seen.update(in_counts)
    lab.load(seen)

    props: "OrderedDict[str, dict]" = OrderedDict()
    bnodes: dict[str, list] = defaultdict(list)
    types, same_as, alt_labels = [], [], []
    for r in out:
        p, o = _v(r, "p"), r["o"]
        if "bp" in r and o["type"] == "bnode":
            pair = (lab.term({"type": "uri", "value": _v(r, "bp")}), lab.term(r["bo"]))
            if pair not in bnodes[o["value"]]:
                bnodes[o["value"]].append(pair)
        entry = props.setdefault(p, {"prop": lab.term({"type": "uri", "value": p}), "values": []})
        t = lab.term(o)
        if t not in entry["values"]:
            entry["values"].append(t)
        if p == RDF_TYPE and o["type"] == "uri" and t not in types and o["value"] != OWL + "NamedIndividual":
            types.append(t)
        if p == OWL + "sameAs" and o["type"] == "uri" and t not in same_as:
            same_as.append(t)
        if p == SKOS + "altLabel" and t not in alt_labels:
            alt_labels.append(t)
    first = (RDF_TYPE, SKOS + "prefLabel", RDFS + "label", SKOS + "altLabel", OWL + "sameAs")
    props = OrderedDict(sorted(props.items(), key=lambda kv: (
        first.index(kv[0]) if kv[0] in first else len(first), (kv[1]["prop"]["label"] or kv[1]["prop"]["curie"]).lower())))
    for entry in props.values():
        for t in entry["values"]:
            if t["kind"] == "bnode":
                t["nested"] = bnodes.get(t["id"], [])
    wikidata = [t for t in same_as if t["iri"].startswith(WD_ENTITY)]

    in_groups: "OrderedDict[str, dict]" = OrderedDict()
    for r in sorted(incoming, key=lambda r: (_v(r, "p"), lab.labels.get(_v(r, "s"), _v(r, "s")))):
        p = _v(r, "p")
        g = in_groups.setdefault(p, {"prop": lab.term({"type": "uri", "value": p}), "count": in_counts.get(p, 0), "subjects": []})
        g["subjects"].append(lab.term(r["s"]))

    return {
        "iri": iri, "label": lab.labels.get(iri) or iri.rsplit("/", 1)[-1], "types": types, "alt_labels": alt_labels,
        "wikidata": wikidata, "same_as": [t for t in same_as if t not in wikidata],
        "properties": list(props.values()), "incoming": list(in_groups.values()),
        "facts": _group_facts(facts, iri, lab), "timeline": _timeline(timeline, lab, iri),
    }


def _group_facts(rows: list[dict], iri: str, lab: Labeller) -> list[dict]:
    """One entry per fact node: its types, label, dates, role of this entity, and every source passage."""
    facts: "OrderedDict[str, dict]" = OrderedDict()
    for r in rows:
        f = _v(r, "f")
        fact = facts.setdefault(f, {"node": lab.term(r["f"]), "self": f == iri, "label": _v(r, "label"), "types": [],
                                    "roles": [], "start": _v(r, "start"), "end": _v(r, "end"), "sources": []})
        if "type" in r and r["type"]["type"] == "uri":
            t = lab.term(r["type"])
            if t not in fact["types"] and t["iri"].startswith(lab.base):
                fact["types"].append(t)
        if "role" in r and f != iri:
            t = lab.term(r["role"])
            if t not in fact["roles"]:
                fact["roles"].append(t)
        src = {"passage": lab.term(r["passage"]), "text": _v(r, "text"), "start": _v(r, "so"), "end": _v(r, "eo"),
               "article": lab.term(r["article"]) if "article" in r else None}
        if src not in fact["sources"]:
            fact["sources"].append(src)
    return sorted(facts.values(), key=lambda f: (not f["self"], f["start"] or "9999"))[:MAX_FACTS]


def _timeline(rows: list[dict], lab: Labeller, iri: str) -> dict | None:
    """Events positioned on a shared axis (percentages), drawn by the template without JavaScript."""
    import datetime as dt

    def parse(s):
        try:
            return dt.date.fromisoformat(s[:10])
        except (TypeError, ValueError):
            return None

    items: "OrderedDict[str, dict]" = OrderedDict()
    for r in rows:
        e, start = _v(r, "e"), parse(_v(r, "start"))
        if start is None:
            continue
        end = parse(_v(r, "end")) or start
        it = items.setdefault(e, {"node": lab.term(r["e"]), "label": _v(r, "label") or lab.labels.get(e) or e.rsplit("/", 1)[-1],
                                  "start": start, "end": max(start, end), "type": None})
        if "type" in r and r["type"]["type"] == "uri" and r["type"]["value"].startswith(lab.base) and it["type"] is None:
            it["type"] = lab.term(r["type"])
    if not items or (len(items) == 1 and next(iter(items)) == iri):
        return None  # an event alone on its own timeline says nothing
    lo = min(i["start"] for i in items.values())
    hi = max(i["end"] for i in items.values())
    span = max((hi - lo).days, 1)
    for it in items.values():
        it["left"] = round(100 * (it["start"] - lo).days / span, 2)
        it["width"] = max(round(100 * ((it["end"] - it["start"]).days + 1) / (span + 1), 2), 0.6)
        it["left"] = min(it["left"], 100 - it["width"])
    return {"items": list(items.values()), "from": lo.isoformat(), "to": hi.isoformat(), "ticks": _ticks(lo, hi)}


def _ticks(lo, hi) -> list[dict]:
    """Year ticks for long spans, month ticks ('Sep', with the year on January) for spans under two years."""
    import datetime as dt

    span = max((hi - lo).days, 1)
    if span > 730:
        step = max(1, -(-(hi.year - lo.year) // 8))
        marks = [(dt.date(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1, step)]
    else:
        marks, y, m = [], lo.year, lo.month
        while True:
            m, y = (1, y + 1) if m == 12 else (m + 1, y)
            d = dt.date(y, m, 1)
            if d > hi:
                break
            marks.append((d, d.strftime("%b %Y") if m == 1 or not marks else d.strftime("%b")))
        if len(marks) > 12:
            marks = marks[:: -(-len(marks) // 12)]
    return [{"label": label, "left": round(100 * (d - lo).days / span, 2)} for d, label in marks]


# --- the ontology ---------------------------------------------------------------------------------
def ontology_triples(settings: Settings) -> list:
    """The ontology as loaded in the store (graph <base>/graph/ontology); falls back to ontology/ccr.ttl."""
    triples = _construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{settings.graph_ns}ontology> {{ ?s ?p ?o }} }}")
    if triples:
        return triples
    path = Path(settings.ontology_dir) / "ccr.ttl"
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    default_base = Settings.__dataclass_fields__["base_iri"].default.rstrip("/")
    if settings.base != default_base:
        text = text.replace(default_base + "/", settings.base + "/")
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))


@blueprint.get("/ontology")
def ontology():
    settings = _settings()
    key = _negotiate(("html", "ttl", "rdf", "nt", "jsonld"))
    cached = _not_modified(key)
    if cached is not None:
        return cached
    triples = ontology_triples(settings)
    if not triples:
        raise NotFound("the ontology is not loaded in this store", hint="build the graph with 'kg build'")
    if key != "html":
        return _rdf_response(triples, key, "/ontology", ("ttl", "rdf", "nt", "jsonld"))
    doc = ontology_doc(triples, settings)
    resp = Response(render_template("ontology.html", settings=settings, doc=doc,
                                    alternates=_alternates("/ontology", ("ttl", "rdf", "nt", "jsonld"))), mimetype="text/html")
    return _decorate(resp, "/ontology", ("ttl", "rdf", "nt", "jsonld"))


@blueprint.get("/ontology.ttl")
@blueprint.get("/ontology.owl")
def ontology_file():
    """Fixed-format twins for tools that pick a parser by file extension (Protégé, owlready2)."""
    key = "ttl" if request.path.endswith(".ttl") else "rdf"
    triples = ontology_triples(_settings())
    if not triples:
        raise NotFound("the ontology is not loaded in this store", hint="build the graph with 'kg build'")
    return _rdf_response(triples, key, "/ontology", ("ttl", "rdf", "nt", "jsonld"))


@blueprint.get("/context.jsonld")
def context():
    """A JSON-LD @context: our prefixes plus one short term per ontology class and property."""
    settings = _settings()
    ctx: dict = {"id": "@id", "type": "@type", **prefixes(settings.base)}
    ccr = settings.ontology_ns
    for r in _select(f"""SELECT ?t ?kind ?range WHERE {{ VALUES ?kind {{ <{OWL}Class> <{OWL}ObjectProperty>
            <{OWL}DatatypeProperty> <{OWL}AnnotationProperty> }} ?t a ?kind . FILTER(STRSTARTS(STR(?t), "{ccr}"))
            OPTIONAL {{ ?t <{RDFS}range> ?range FILTER(isIRI(?range)) }} }} ORDER BY ?t"""):
        name, kind, rng = _v(r, "t")[len(ccr):], _v(r, "kind"), _v(r, "range")
        if not re.fullmatch(r"[A-Za-z_][\w-]*", name) or name in ctx and not isinstance(ctx[name], dict):
            continue
        if kind.endswith("ObjectProperty"):
            ctx[name] = {"@id": f"ccr:{name}", "@type": "@id"}
        elif kind.endswith("DatatypeProperty") and rng and rng.startswith(XSD) and rng != XSD + "string":
            ctx[name] = {"@id": f"ccr:{name}", "@type": f"xsd:{rng[len(XSD):]}"}
        elif name not in ctx:
            ctx[name] = f"ccr:{name}"
    ctx.update({"label": {"@id": "rdfs:label"}, "sameAs": {"@id": "owl:sameAs", "@type": "@id"}})
    resp = Response(json.dumps({"@context": ctx}, indent=2, ensure_ascii=False), mimetype="application/ld+json")
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def ontology_doc(triples: list, settings: Settings) -> dict:
    """Classes (as a tree), properties and individuals with labels, comments, domains and ranges."""
    by_s: dict = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_s[t.subject][t.predicate.value].append(t.object)
    ns = settings.ontology_ns
    lab = Labeller(settings)
    for s, po in by_s.items():
        if isinstance(s, ox.NamedNode):
            ls = po.get(RDFS + "label") or po.get(SKOS + "prefLabel")
            if ls:
                en = [x for x in ls if getattr(x, "language", None) in (None, "en")] or ls
                lab.labels[s.value] = en[0].value

    def show(node) -> dict:
        """An IRI, literal, or an OWL class expression (unionOf / intersectionOf / restriction) as text parts."""
        if isinstance(node, ox.NamedNode):
            return lab.term({"type": "uri", "value": node.value})
        if isinstance(node, ox.Literal):
            return lab.term({"type": "literal", "value": node.value})
        po = by_s.get(node, {})
        for op, word in (("unionOf", "or"), ("intersectionOf", "and"), ("oneOf", ",")):
            if OWL + op in po:
                return {"kind": "expr", "word": word, "parts": [show(x) for x in _rdf_list(by_s, po[OWL + op][0])]}
        if OWL + "onProperty" in po:
            rest = [(k.split("#")[-1], v[0]) for k, v in po.items() if k.startswith(OWL) and k != OWL + "onProperty"]
            return {"kind": "restriction", "prop": show(po[OWL + "onProperty"][0]),
                    "parts": [{"word": w, "value": show(v)} for w, v in rest]}
        return {"kind": "bnode", "id": str(node)}

    kinds = {"classes": OWL + "Class", "object_properties": OWL + "ObjectProperty",
             "datatype_properties": OWL + "DatatypeProperty", "annotation_properties": OWL + "AnnotationProperty",
             "individuals": OWL + "NamedIndividual"}
    doc: dict = {k: [] for k in kinds}
    header: dict = {}
    for s, po in sorted(by_s.items(), key=lambda kv: str(kv[0])):
        if not isinstance(s, ox.NamedNode):
            continue
        types = {o.value for o in po.get(RDF_TYPE, []) if isinstance(o, ox.NamedNode)}
        if OWL + "Ontology" in types:
            header = {"iri": s.value, "props": [(lab.term({"type": "uri", "value": p}), [show(o) for o in os])
                                                for p, os in po.items() if p != RDF_TYPE]}
        if not s.value.startswith(ns):
            continue
        local = s.value[len(ns):]
        entry = {
            "id": local, "iri": s.value, "label": lab.labels.get(s.value, local),
            "comments": [o.value for o in po.get(RDFS + "comment", []) + po.get(SKOS + "definition", [])],
            "types": [lab.term({"type": "uri", "value": t}) for t in sorted(types) if t.startswith(ns)],
            "axioms": [(lab.term({"type": "uri", "value": p}), [show(o) for o in os]) for p, os in sorted(po.items())
                       if p not in (RDF_TYPE, RDFS + "label", RDFS + "comment", SKOS + "definition")],
            "sub": [],
        }
        for k, uri in kinds.items():
            if uri in types:
                doc[k].append(entry)
                break
    parents = {e["iri"]: [o.value for o in by_s[ox.NamedNode(e["iri"])].get(RDFS + "subClassOf", [])
                          if isinstance(o, ox.NamedNode) and o.value.startswith(ns)] for e in doc["classes"]}
    by_iri = {e["iri"]: e for e in doc["classes"]}
    roots = []
    for e in doc["classes"]:
        ps = [p for p in parents[e["iri"]] if p in by_iri]
        (by_iri[ps[0]]["sub"] if ps else roots).append(e)
    doc["tree"] = roots
    doc["header"] = header
    doc["triples"] = len(triples)
    return doc


def _rdf_list(by_s: dict, node) -> list:
    items, seen = [], set()
    while isinstance(node, ox.BlankNode) and node not in seen:
        seen.add(node)
        po = by_s.get(node, {})
        items += po.get(STANDARD_PREFIXES["rdf"] + "first", [])[:1]
        rest = po.get(STANDARD_PREFIXES["rdf"] + "rest", [])
        node = rest[0] if rest else None
    return items


# --- VoID and dumps --------------------------------------------------------------------------------
VOID = STANDARD_PREFIXES["void"]
DCT = STANDARD_PREFIXES["dcterms"]


def void_triples(settings: Settings, select, host: str, dumps: list[dict], version: str | None) -> tuple[list, dict]:
    """A VoID description with counts measured by SPARQL (dataset, class/property partitions, graphs, Linkset)."""
    N, L = ox.NamedNode, ox.Literal
    nn = lambda v: L(str(v), datatype=N(XSD + "integer"))  # noqa: E731
    ds = N(f"{settings.base}/void#dataset")
    ls = N(f"{settings.base}/void#wikidata-links")
    a = N(RDF_TYPE)
    t = [ox.Triple(ds, a, N(VOID + "Dataset")),
         ox.Triple(ds, N(DCT + "title"), L("China-Russia relations knowledge graph", language="en")),
         ox.Triple(ds, N(DCT + "description"), L("Events, agreements, memberships and tenures of China-Russia relations "
                                                 "extracted from Comparative Connections articles, each with its source passage.", language="en")),
         ox.Triple(ds, N(VOID + "sparqlEndpoint"), N(host + "/sparql")),
         ox.Triple(ds, N(VOID + "uriSpace"), L(settings.resource_ns)),
         ox.Triple(ds, N(VOID + "vocabulary"), N(settings.ontology_ns))]
    for p in ("skos", "prov", "org", "sem", "dcterms", "owl"):
        t.append(ox.Triple(ds, N(VOID + "vocabulary"), N(STANDARD_PREFIXES[p])))
    if version:
        t.append(ox.Triple(ds, N(DCT + "hasVersion"), L(version)))

    def one(q):
        rows = select(q)
        return int(_v(rows[0], "n")) if rows and "n" in rows[0] else 0

    summary = {
        "triples": one("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"),
        "entities": one(f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{settings.resource_ns}")) }}'),
        "subjects": one("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        "objects": one("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        "properties": one("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"),
        "classes": one("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"),
        "links": one(f'SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{OWL}sameAs> ?o '
                     f'FILTER(STRSTARTS(STR(?o), "{WD_ENTITY}")) }} }}'),
    }
    for k, p in (("triples", "triples"), ("entities", "entities"), ("subjects", "distinctSubjects"),
                 ("objects", "distinctObjects"), ("properties", "properties"), ("classes", "classes")):
        t.append(ox.Triple(ds, N(VOID + p), nn(summary[k])))
    t += [ox.Triple(ls, a, N(VOID + "Linkset")), ox.Triple(ls, N(VOID + "subjectsTarget"), ds),
          ox.Triple(ls, N(VOID + "objectsTarget"), N("http://www.wikidata.org/")),
          ox.Triple(ls, N(VOID + "linkPredicate"), N(OWL + "sameAs")), ox.Triple(ls, N(VOID + "triples"), nn(summary["links"])),
          ox.Triple(ds, N(VOID + "subset"), ls)]
    for i, r in enumerate(select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c")):
        part = N(f"{settings.base}/void#class-{i}")
        t += [ox.Triple(ds, N(VOID + "classPartition"), part), ox.Triple(part, N(VOID + "class"), N(_v(r, "c"))),
              ox.Triple(part, N(VOID + "entities"), nn(_v(r, "n")))]
    for i, r in enumerate(select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p")):
        part = N(f"{settings.base}/void#property-{i}")
        t += [ox.Triple(ds, N(VOID + "propertyPartition"), part), ox.Triple(part, N(VOID + "property"), N(_v(r, "p"))),
              ox.Triple(part, N(VOID + "triples"), nn(_v(r, "n")))]
    graphs = select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    summary["graphs"] = [(_v(r, "g"), int(_v(r, "n"))) for r in graphs]
    for g, n in summary["graphs"]:
        sub = N(f"{settings.base}/void#graph-{g.rsplit('/', 1)[-1]}")
        t += [ox.Triple(ds, N(VOID + "subset"), sub), ox.Triple(sub, a, N(VOID + "Dataset")),
              ox.Triple(sub, N(STANDARD_PREFIXES["sd"] + "name"), N(g)), ox.Triple(sub, N(VOID + "triples"), nn(n))]
    for f in dumps:
        t.append(ox.Triple(ds, N(VOID + "dataDump"), N(host + f["href"])))
    for r in select(f"SELECT DISTINCT ?x WHERE {{ ?x <{OWL}sameAs> ?w FILTER(STRSTARTS(STR(?x), \"{settings.resource_ns}\")) }} ORDER BY ?x LIMIT 3"):
        t.append(ox.Triple(ds, N(VOID + "exampleResource"), N(_v(r, "x"))))
    return t, summary



@blueprint.get("/void")
@blueprint.get("/.well-known/void")
def void():
    settings = _settings()
    key = _negotiate(("html", "ttl", "jsonld", "nt", "rdf"))
    version = getattr(_engine(), "store_version", None)
    dumps = dump_files(settings)
    cache = current_app.extensions.setdefault("kg_void_cache", {})  # per app: counts only change with the store
    cache_key = (settings.base, request.host_url, version, tuple((d["name"], d["size"]) for d in dumps))
    if version is None or cache_key not in cache:
        triples, summary = void_triples(settings, _select, request.host_url.rstrip("/"), dumps, version)
        if version is not None:
            cache.clear()
            cache[cache_key] = (triples, summary)
    else:
        triples, summary = cache[cache_key]
    if key != "html":
        return _rdf_response(triples, key, "/void")
    turtle = _serialize(triples, "ttl", settings.base).decode("utf-8")
    resp = Response(render_template("void.html", settings=settings, turtle=turtle, summary=summary,
                                    alternates=_alternates("/void")), mimetype="text/html")
    return _decorate(resp, "/void")


def _dumps_dir(settings: Settings) -> Path | None:
    engine = _engine()
    for attr in ("dumps_dir", "store_path"):
        p = getattr(engine, attr, None)
        if p:
            p = Path(p)
            d = p if attr == "dumps_dir" else (p.parent if p.name == "db" else p) / "dumps"
            if d.is_dir():
                return d
    try:
        from kg.store import dumps_dir
    except ImportError:
        return None
    d = dumps_dir(settings)
    return d if d is not None and d.is_dir() else None


DUMP_TYPES = {".trig": "application/trig", ".nq": "application/n-quads", ".ttl": "text/turtle",
              ".jsonld": "application/ld+json", ".owl": "application/rdf+xml", ".rdf": "application/rdf+xml",
              ".nt": "application/n-triples", ".gz": "application/gzip", ".json": "application/json"}


def dump_files(settings: Settings) -> list[dict]:
    d = _dumps_dir(settings)
    if d is None:
        return []
    files = []
    for f in sorted(d.iterdir()):
        if f.is_file() and not f.name.startswith("."):
            inner = Path(f.name[:-3]).suffix if f.name.endswith(".gz") else None
            files.append({"name": f.name, "size": f.stat().st_size, "mime": DUMP_TYPES.get(f.suffix, "application/octet-stream"),
                          "format": DUMP_TYPES.get(inner or f.suffix, "application/octet-stream"), "href": f"/dumps/{f.name}"})
    return files


@blueprint.get("/dumps")
def dumps():
    settings = _settings()
    files = dump_files(settings)
    if request.args.get("format") == "json" or request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        return jsonify({"version": getattr(_engine(), "store_version", None), "files": files})
    return render_template("dumps.html", settings=settings, files=files, version=getattr(_engine(), "store_version", None))


@blueprint.get("/dumps/<name>")
def dump_file(name: str):
    settings = _settings()
    d = _dumps_dir(settings)
    if d is None or "/" in name or name.startswith(".") or not (d / name).is_file():
        raise NotFound(f"no dump named {name!r}", hint="see /dumps for the files of the current build")
    resp = send_from_directory(d, name, mimetype=DUMP_TYPES.get(Path(name).suffix, "application/octet-stream"),
                               as_attachment=name.endswith(".gz"), max_age=300)
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


@blueprint.app_template_filter("filesize")
def _filesize(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


@blueprint.app_context_processor
def _nav():
    return {"nav_links": [("Query", "/"), ("Ontology", "/ontology"), ("VoID", "/void"), ("Dumps", "/dumps"),
                          ("SPARQL endpoint", "/sparql")]}
