"""The query mix: ten kinds shaped like our competency queries, with constants taken from the data.

Why constants from the data: a query about an IRI that does not exist is answered from an index
miss and measures nothing. So the constants (events, persons with events, places in a partOf
chain, label words, Wikidata QIDs, years, named graphs) are harvested with SPARQL from the very
dataset the systems serve, loaded once into an in-memory pyoxigraph store in this process.

Two mixes:
- cold: every request distinct (kind and constants vary; when a kind's constant space runs out the
  LIMIT varies), so no result cache can answer; the same sequence goes to every system.
- zipf: a pool of distinct queries requested with a Zipf(s) law over their rank, as a public
  endpoint sees the same example queries again and again.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.settings import Settings
from kg.vocab import prefixes

JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    accept: str  # JSON for SELECT/ASK, Turtle for CONSTRUCT

    def get_path(self, path: str) -> str:
        return f"{path}?{urllib.parse.urlencode({'query': self.text})}"


@dataclass
class Constants:
    events: list[str]
    persons: list[str]  # agents that participate in events, most active first
    regions: list[str]  # places reached from event locations by partOf+ (regions, states), most used first
    states: list[str]  # countries of event participants (fallback for the path query)
    pairs: list[tuple[str, str, int]]  # (agent, agent, year) that share an event (true ASKs)
    qids: list[str]  # Wikidata entity IRIs with a local sameAs
    words: list[str]  # label words for CONTAINS search
    years: list[int]
    event_classes: list[str]  # classes events belong to through a/rdfs:subClassOf*, most used first
    graphs: list[str]  # article graphs


def _prologue(base: str) -> str:
    used = ("ccr", "rdf", "rdfs", "owl", "xsd", "skos", "wd")
    p = prefixes(base)
    return "".join(f"PREFIX {k}: <{p[k]}>\n" for k in used)


def harvest(data: Path, base: str | None = None, *, limit: int = 20000) -> tuple[Constants, dict]:
    """Load `data` into memory and pull the constants the mix needs; also returns dataset counts."""
    base = (base or Settings().base_iri).rstrip("/")
    store = ox.Store()
    fmt = ox.RdfFormat.from_extension(data.suffix.lstrip(".")) or ox.RdfFormat.N_QUADS
    store.bulk_load(path=str(data), format=fmt)
    pro = _prologue(base)

    def col(q: str, var: str = "x") -> list:
        out = []
        for row in store.query(pro + q, use_default_graph_as_union=True):
            term = row[var]
            out.append(term.value)
        return out

    c = Constants(
        events=col(f"SELECT DISTINCT ?x WHERE {{ ?x ccr:startDate ?d }} LIMIT {limit}"),
        persons=col(f"SELECT ?x WHERE {{ ?e ccr:participant ?x }} GROUP BY ?x ORDER BY DESC(COUNT(?e)) LIMIT {limit}"),
        regions=col("SELECT ?x WHERE { ?e ccr:location/ccr:partOf+ ?x } GROUP BY ?x ORDER BY DESC(COUNT(?e)) "
                    f"LIMIT {limit}"),
        states=col(f"SELECT DISTINCT ?x WHERE {{ ?e ccr:participant/ccr:country ?x }} LIMIT {limit}"),
        pairs=[(r["a"].value, r["b"].value, int(r["y"].value)) for r in store.query(
            pro + "SELECT ?a ?b (YEAR(?d) AS ?y) WHERE { ?e ccr:participant ?a , ?b ; ccr:startDate ?d . "
            f"FILTER(STR(?a) < STR(?b)) }} LIMIT {limit}", use_default_graph_as_union=True)],
        qids=col(f"SELECT DISTINCT ?x WHERE {{ ?e owl:sameAs ?x . ?ev ccr:participant ?e }} LIMIT {limit}"),
        words=sorted({w.lower() for label in col(f"SELECT ?x WHERE {{ ?s rdfs:label ?x }} LIMIT {limit * 5}")
                      for w in re.findall(r"[A-Za-z]{5,}", label)}),
        years=sorted({int(y) for y in col("SELECT DISTINCT (STR(YEAR(?d)) AS ?x) WHERE { ?e ccr:startDate ?d }")}),
        event_classes=col("SELECT ?x WHERE { ?e ccr:startDate ?d ; a/rdfs:subClassOf* ?x } GROUP BY ?x "
                          "ORDER BY DESC(COUNT(?e))"),
        graphs=col("SELECT DISTINCT ?x WHERE { GRAPH ?x { ?p ccr:inArticle ?a } }"),
    )
    counts = {"quads": len(store), "graphs": len(list(store.named_graphs())), "events": len(c.events),
              "persons_in_events": len(c.persons), "years": len(c.years)}
    missing = [k for k, v in vars(c).items() if not v and k not in ("regions", "states", "pairs")]
    if missing:
        raise ValueError(f"{data}: the data has none of {missing}; is it a graph built by kg (ccr: vocabulary)?")
    return c, counts


def _skewed(rng: random.Random, items: list, mean_rank: float):
    """An item from a most-used-first list, favouring the head (most path queries ask about big regions)."""
    return items[min(int(rng.expovariate(1 / mean_rank)), len(items) - 1)]


class MixBuilder:
    """Makes queries of each kind from the constants; `pick(kind, rng)` returns (params key, text)."""

    KINDS = ("lookup", "label_search", "date_range", "group_by", "two_hop", "property_path",
             "graph_provenance", "ask", "construct", "qid_events")

    def __init__(self, constants: Constants, base: str | None = None):
        self.c = constants
        self.base = (base or Settings().base_iri).rstrip("/")
        self.pro = _prologue(self.base)
        self.kinds = [k for k in self.KINDS if (k != "property_path" or constants.regions or constants.states)
                      and (k != "ask" or constants.pairs)]

    def make(self, kind: str, rng: random.Random, limit_bump: int = 0) -> Query:
        c = self.c
        lim = lambda n: n + limit_bump  # noqa: E731 - distinct LIMIT when constants repeat
        if kind == "lookup":
            e = rng.choice(c.events)
            q = f"SELECT ?p ?o WHERE {{ <{e}> ?p ?o }} LIMIT {lim(100)}"
        elif kind == "label_search":
            w = rng.choice(c.words)
            q = (f"SELECT ?s ?label WHERE {{ ?s rdfs:label ?label . FILTER(CONTAINS(LCASE(STR(?label)), \"{w}\")) }} "
                 f"LIMIT {lim(20)}")
        elif kind == "date_range":
            y = rng.choice(c.years)
            m = rng.randrange(1, 12)
            q = (f"SELECT ?e ?type ?d WHERE {{ ?e ccr:startDate ?d ; a ?type . "
                 f"FILTER(?d >= \"{y}-{m:02d}-01\"^^xsd:date && ?d < \"{y}-{m + 1:02d}-01\"^^xsd:date) }} "
                 f"ORDER BY ?d LIMIT {lim(50)}")
        elif kind == "group_by":
            y = rng.choice(c.years)
            q = (f"SELECT ?type (COUNT(?e) AS ?n) WHERE {{ ?e a ?type ; ccr:startDate ?d . "
                 f"FILTER(YEAR(?d) = {y}) }} GROUP BY ?type ORDER BY DESC(?n) LIMIT {lim(30)}")
        elif kind == "two_hop":
            p = c.persons[min(int(rng.expovariate(1 / 40)), len(c.persons) - 1)]
            q = (f"SELECT ?other (COUNT(?e) AS ?n) WHERE {{ ?e ccr:participant <{p}> , ?other . "
                 f"FILTER(?other != <{p}>) }} GROUP BY ?other ORDER BY DESC(?n) LIMIT {lim(10)}")
        elif kind == "property_path":
            cls = _skewed(rng, c.event_classes, 3)
            if c.regions:  # events of a class (or a subclass) located anywhere inside a region or state
                q = (f"SELECT ?e ?place WHERE {{ ?e ccr:location ?place . ?place ccr:partOf+ <{_skewed(rng, c.regions, 20)}> . "
                     f"?e a/rdfs:subClassOf* <{cls}> }} LIMIT {lim(50)}")
            else:  # no partOf chains in this graph: a path through the participants' country instead
                q = (f"SELECT ?e ?who WHERE {{ ?e a/rdfs:subClassOf* <{cls}> ; ccr:participant ?who . "
                     f"?who ccr:country <{rng.choice(c.states)}> }} LIMIT {lim(50)}")
        elif kind == "graph_provenance":
            e = rng.choice(c.events)
            q = (f"SELECT ?g ?text ?start WHERE {{ GRAPH ?g {{ <{e}> ccr:sourcePassage ?p . "
                 f"?p ccr:text ?text ; ccr:startOffset ?start }} }} LIMIT {lim(20)}")
        elif kind == "ask":
            a, b, y = rng.choice(c.pairs)
            if rng.random() < 0.5:  # half the ASKs are false: another year
                y = rng.choice(c.years)
            q = (f"ASK {{ ?e ccr:participant <{a}> , <{b}> ; ccr:startDate ?d . FILTER(YEAR(?d) = {y}) "
                 f"FILTER({lim(0)} >= 0) }}")
        elif kind == "construct":
            e = rng.choice(c.events)
            q = (f"CONSTRUCT {{ <{e}> ?p ?o . ?o rdfs:label ?l }} WHERE {{ <{e}> ?p ?o "
                 f"OPTIONAL {{ ?o rdfs:label ?l }} }} LIMIT {lim(200)}")
        elif kind == "qid_events":
            w = rng.choice(c.qids)
            q = (f"SELECT ?ev ?d ?label WHERE {{ ?who owl:sameAs <{w}> . ?ev ccr:participant ?who ; "
                 f"ccr:startDate ?d . OPTIONAL {{ ?ev rdfs:label ?label }} }} ORDER BY DESC(?d) LIMIT {lim(20)}")
        else:
            raise ValueError(kind)
        return Query(kind, self.pro + q, TURTLE if kind == "construct" else JSON)

    def cold(self, n: int, seed: int, seen: set[str] | None = None) -> list[Query]:
        """n distinct queries cycling through the kinds; `seen` carries distinctness across calls."""
        rng = random.Random(seed)
        seen = set() if seen is None else seen
        out = []
        for kind in itertools.islice(itertools.cycle(self.kinds), n):
            bump = 0
            q = self.make(kind, rng)
            while q.text in seen:  # constant space exhausted for this kind: vary the LIMIT
                bump += 1 + rng.randrange(1000)
                q = self.make(kind, rng, bump)
            seen.add(q.text)
            out.append(q)
        rng.shuffle(out)
        return out

    def zipf(self, n: int, seed: int, pool: int = 500, s: float = 1.1) -> list[Query]:
        """n requests drawn from a pool of `pool` distinct queries with P(rank k) ∝ 1/k^s."""
        rng = random.Random(seed)
        distinct = self.cold(pool, seed + 1)
        cum = list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(pool)))
        return [distinct[bisect.bisect_left(cum, rng.random() * cum[-1])] for _ in range(n)]

    def runaway(self) -> list[Query]:
        """Queries that run until a deadline stops them (unbounded cross products over the graph)."""
        qs = [
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }",
            "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y . FILTER(STR(?x) < STR(?y)) } ORDER BY ?a ?b",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 FILTER(REGEX(STR(?o), STR(?o2))) }",
        ]
        return [Query("runaway", self.pro + q, JSON) for q in qs]
