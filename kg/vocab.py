"""Namespaces and prefixes used across the pipeline, the server and the queries.

The ontology namespace depends on the configured base IRI, so it is built by `ccr(base)`.
"""

from __future__ import annotations

from functools import lru_cache

#: The base every IRI is minted under unless Settings.base_iri says otherwise.
DEFAULT_BASE = "https://w3id.org/china-russia-kg"

STANDARD_PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}


@lru_cache(maxsize=8)
def prefixes(base: str) -> dict[str, str]:
    """All prefixes for a given base IRI: ccr (ontology), res (resources), graph, plus the standard ones."""
    b = base.rstrip("/")
    return {"ccr": f"{b}/ontology#", "res": f"{b}/resource/", "graph": f"{b}/graph/", **STANDARD_PREFIXES}


def sparql_prologue(base: str) -> str:
    """PREFIX lines for every known prefix (prepended to example queries)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes(base).items())


def ccr(base: str = DEFAULT_BASE) -> str:
    """The ontology namespace for a base: '<base>/ontology#'."""
    return f"{base.rstrip('/')}/ontology#"


#: The ontology namespace under the default base (use ccr(settings.base) for a configured one).
CCR = ccr()
