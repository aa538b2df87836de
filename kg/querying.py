"""`kg query`: run one SPARQL query against the built store from the command line.

The same union-default-graph rule as the endpoint: a query sees all article graphs, the ontology
and the reference entities as its default graph.
"""

from __future__ import annotations

import io

import pyoxigraph as ox

from kg.errors import QuerySyntaxError
from kg.settings import Settings
from kg.store import open_current
from kg.vocab import prefixes

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def run_cli_query(settings: Settings, query: str, fmt: str = "table") -> bytes:
    store = open_current(settings)
    try:
        result = store.query(query, use_default_graph_as_union=True, prefixes=prefixes(settings.base))
    except SyntaxError as exc:
        raise QuerySyntaxError(f"malformed query: {exc}", hint="check the query; prefixes ccr:, res:, schema:... are predefined") from exc
    if isinstance(result, ox.QueryBoolean):
        return (b"true\n" if bool(result) else b"false\n") if fmt == "table" else result.serialize(format=RESULT_FORMATS.get(fmt, ox.QueryResultsFormat.JSON))
    if isinstance(result, ox.QuerySolutions):
        if fmt == "table":
            return _table(result, settings).encode("utf-8")
        if fmt not in RESULT_FORMATS:
            raise QuerySyntaxError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, json, csv, tsv or xml")
        return result.serialize(format=RESULT_FORMATS[fmt])
    graph_fmt = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
    return ox.serialize(result, format=graph_fmt, **({"prefixes": prefixes(settings.base)} if graph_fmt is ox.RdfFormat.TURTLE else {}))


def _table(solutions: ox.QuerySolutions, settings: Settings) -> str:
    """An aligned text table with prefixed names, like `oxigraph query` but readable."""
    names = [v.value for v in solutions.variables]
    pfx = sorted(prefixes(settings.base).items(), key=lambda kv: -len(kv[1]))
    rows = [[_short(s[n], pfx) for n in names] for s in solutions]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    out = io.StringIO()
    out.write("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def _short(term, pfx) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for p, ns in pfx:
            if term.value.startswith(ns):
                return f"{p}:{term.value[len(ns):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)
