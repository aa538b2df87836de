"""Result formats: the media types we offer, `format=` names, and result serialisation.

SELECT results are written as SPARQL JSON by a small serialiser here (so the row cap can stop the
iteration early: pyoxigraph's own serialiser always drains the whole result); XML, CSV and TSV are
then produced by pyoxigraph from that JSON, so their exact syntax stays Oxigraph's. Graph results
(CONSTRUCT/DESCRIBE) are collected up to the cap and serialised natively.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _jstr  # the C implementation when available

import pyoxigraph as ox

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"
TRIG = "application/trig"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"

# Offered in preference order (the first wins ties, and `*/*` or no Accept picks it).
SOLUTION_TYPES: tuple[str, ...] = (JSON, "application/json", XML, CSV, TSV)
GRAPH_TYPES: tuple[str, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML, NQUADS, TRIG, "application/x-turtle")

_RESULTS_FORMAT = {
    JSON: ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    XML: ox.QueryResultsFormat.XML,
    CSV: ox.QueryResultsFormat.CSV,
    TSV: ox.QueryResultsFormat.TSV,
}
_RDF_FORMAT = {
    TURTLE: ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    NQUADS: ox.RdfFormat.N_QUADS,
    TRIG: ox.RdfFormat.TRIG,
    JSONLD: ox.RdfFormat.JSON_LD,
    RDFXML: ox.RdfFormat.RDF_XML,
}
# Line-based text formats where a leading '#' comment is legal: the truncation note goes there.
_COMMENTABLE = {TURTLE, "application/x-turtle", NTRIPLES, NQUADS, TRIG}

# `format=` values (browsers and links cannot set Accept): name -> (for SELECT/ASK, for CONSTRUCT/DESCRIBE).
FORMAT_PARAM: dict[str, tuple[str | None, str | None]] = {
    "json": (JSON, JSONLD),
    "xml": (XML, RDFXML),
    "csv": (CSV, None),
    "tsv": (TSV, None),
    "turtle": (None, TURTLE),
    "ttl": (None, TURTLE),
    "ntriples": (None, NTRIPLES),
    "nt": (None, NTRIPLES),
    "n-triples": (None, NTRIPLES),
    "nquads": (None, NQUADS),
    "nq": (None, NQUADS),
    "trig": (None, TRIG),
    "jsonld": (None, JSONLD),
    "json-ld": (None, JSONLD),
    "rdfxml": (None, RDFXML),
    "rdf": (None, RDFXML),
}
for _t in SOLUTION_TYPES:
    FORMAT_PARAM[_t] = (_t, None)
for _t in GRAPH_TYPES:
    FORMAT_PARAM[_t] = (None, _t)
FORMAT_PARAM["application/json"] = ("application/json", JSONLD)


def content_type(mime: str) -> str:
    """The Content-Type header for a negotiated media type (UTF-8 spelled out for text types)."""
    return f"{mime}; charset=utf-8" if mime.startswith("text/") else mime


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIRLANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


def term_json(term) -> str:
    """One RDF term as a SPARQL 1.1 (1.2 for triple terms) JSON object, as text."""
    cls = type(term)
    if cls is ox.NamedNode:
        return '{"type":"uri","value":' + _jstr(term.value) + "}"
    if cls is ox.Literal:
        lang = term.language
        if lang:
            extra = ',"xml:lang":' + _jstr(lang)
            direction = getattr(term, "direction", None)
            if direction is not None:
                extra += ',"its:dir":' + _jstr(str(direction.value if hasattr(direction, "value") else direction).lower())
            return '{"type":"literal","value":' + _jstr(term.value) + extra + "}"
        dt = term.datatype.value
        if dt == XSD_STRING:
            return '{"type":"literal","value":' + _jstr(term.value) + "}"
        return '{"type":"literal","value":' + _jstr(term.value) + ',"datatype":' + _jstr(dt) + "}"
    if cls is ox.BlankNode:
        return '{"type":"bnode","value":' + _jstr(term.value) + "}"
    if cls is ox.Triple:
        return (
            '{"type":"triple","value":{"subject":' + term_json(term.subject) + ',"predicate":'
            + term_json(term.predicate) + ',"object":' + term_json(term.object) + "}}"
        )
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(solutions, row_cap: int, note: bool = True) -> tuple[bytes, int, bool]:
    """Serialise at most `row_cap` solutions as SPARQL JSON: (body, rows, truncated).

    Iteration stops at the cap, so a huge result costs only what is sent. A capped answer carries
    top-level "truncated": true and a "note" (clients that do not know them ignore extra members).
    """
    names = [v.value for v in solutions.variables]
    keys = ['"' + n + '":' if n.isidentifier() else _jstr(n) + ":" for n in names]
    rows: list[str] = []
    truncated = False
    append = rows.append
    for i, sol in enumerate(solutions):
        if i >= row_cap:
            truncated = True
            break
        append("{" + ",".join(k + term_json(t) for k, t in zip(keys, sol) if t is not None) + "}")
    head = '{"head":{"vars":[' + ",".join(_jstr(n) for n in names) + ']},"results":{"bindings":['
    tail = "]}"
    if truncated and note:
        tail += ',"truncated":true,"note":' + _jstr(
            f"Only the first {row_cap} rows are returned (the server's row cap). "
            "Use LIMIT/OFFSET with ORDER BY to page through the rest."
        )
    return (head + ",".join(rows) + tail + "}").encode("utf-8"), len(rows), truncated


def serialize_solutions(solutions, mime: str, row_cap: int) -> tuple[bytes, int, bool]:
    """SELECT results in the negotiated format (see module docstring)."""
    fmt = _RESULTS_FORMAT[mime]
    if fmt is ox.QueryResultsFormat.JSON:
        return solutions_json(solutions, row_cap)
    body, rows, truncated = solutions_json(solutions, row_cap, note=False)
    out = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    if truncated and fmt is ox.QueryResultsFormat.XML:  # a comment in the prolog: the note for XML readers
        end = out.find(b"?>") + 2
        out = out[:end] + f"<!-- truncated: only the first {row_cap} rows are returned (the server's row cap) -->".encode() + out[end:]
    return out, rows, truncated


def serialize_boolean(value: bool, mime: str) -> bytes:
    """ASK results."""
    fmt = _RESULTS_FORMAT[mime]
    if fmt is ox.QueryResultsFormat.JSON:
        return b'{"head":{},"boolean":true}' if value else b'{"head":{},"boolean":false}'
    return ox.parse_query_results(serialize_boolean(value, JSON), format=ox.QueryResultsFormat.JSON).serialize(format=fmt)


def serialize_triples(triples, mime: str, row_cap: int, prefixes: dict[str, str] | None = None) -> tuple[bytes, int, bool]:
    """CONSTRUCT/DESCRIBE results, at most `row_cap` triples; a capped text answer starts with a comment."""
    collected = []
    truncated = False
    for i, t in enumerate(triples):
        if i >= row_cap:
            truncated = True
            break
        collected.append(t)
    fmt = _RDF_FORMAT[mime]
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        collected_q = [ox.Quad(t.subject, t.predicate, t.object) for t in collected]
        body = ox.serialize(collected_q, format=fmt, prefixes=prefixes if fmt is ox.RdfFormat.TRIG else None)
    elif fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        body = ox.serialize(collected, format=fmt, prefixes=prefixes)
    else:
        body = ox.serialize(collected, format=fmt)
    if truncated and mime in _COMMENTABLE:
        body = (f"# truncated: only the first {row_cap} triples are returned (the server's row cap)\n").encode() + body
    return body, len(collected), truncated


def rdf_format(mime: str) -> ox.RdfFormat:
    return _RDF_FORMAT[mime]


def results_format(mime: str) -> ox.QueryResultsFormat:
    return _RESULTS_FORMAT[mime]


def parse_json_results(body: bytes):
    """Parse (and so validate) a SPARQL JSON result document: QuerySolutions or QueryBoolean."""
    return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)


def bindings(body: bytes) -> list[dict]:
    """The `results.bindings` list of a SPARQL JSON body (helper for pages and tests)."""
    return json.loads(body)["results"]["bindings"]
