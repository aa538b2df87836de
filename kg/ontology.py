"""The ontology as code: load it for any base IRI, publish RDF/XML, reason with HermiT, validate with SHACL.

ontology/ccr.ttl is the hand-written source of truth; ontology/ccr.owl is generated from it
(`python -m kg.ontology --write-owl`) because Protégé-style tools and owlready2 cannot read Turtle.
ontology/shapes.ttl holds the SHACL shapes. Both files are written for the default base
https://w3id.org/china-russia-kg and are rewritten (plain IRI prefix replacement) when a deployment
configures another base, so every IRI the graph mints stays in one namespace.

`validate_all` is what `kg validate` runs: parse, term hygiene, the vocabulary contract of
docs/architecture.md, RDF/XML freshness, SHACL-for-SHACL, HermiT, and the reference entities.
"""

from __future__ import annotations

import io
import re
import shutil
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable
from xml.sax.saxutils import escape, quoteattr

from kg.errors import ConfigError, ValidationFailed
from kg.settings import PROJECT_ROOT, Settings
from kg.vocab import DEFAULT_BASE, STANDARD_PREFIXES, ccr, prefixes

ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
TTL_NAME, OWL_NAME, SHAPES_NAME = "ccr.ttl", "ccr.owl", "shapes.ttl"
ARCHITECTURE_DOC = PROJECT_ROOT / "docs" / "architecture.md"

_RDF = STANDARD_PREFIXES["rdf"]
_RDFS = STANDARD_PREFIXES["rdfs"]
_OWL = STANDARD_PREFIXES["owl"]
_SKOS = STANDARD_PREFIXES["skos"]

#: Annotations that count as an alignment to a vocabulary outside ccr.
ALIGNMENT_ANNOTATIONS = tuple(
    _SKOS + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
) + (_OWL + "equivalentClass", _OWL + "equivalentProperty")
#: Axioms that align a term when their object lies outside ccr.
ALIGNMENT_AXIOMS = (_RDFS + "subClassOf", _RDFS + "subPropertyOf")
TERM_TYPES = {
    _OWL + "Class": "class",
    _OWL + "ObjectProperty": "object property",
    _OWL + "DatatypeProperty": "datatype property",
    _OWL + "AnnotationProperty": "annotation property",
    _OWL + "NamedIndividual": "individual",
}


# --- loading --------------------------------------------------------------------------------------
def _dir(settings: Settings | None) -> Path:
    return Path(settings.ontology_dir) if settings is not None else ONTOLOGY_DIR


def _base(settings: Settings | None) -> str:
    return settings.base if settings is not None else DEFAULT_BASE


def rebase_text(text: str, base: str) -> str:
    """Replace the default base IRI by `base` (plain prefix replacement, as documented)."""
    base = base.rstrip("/")
    return text if base == DEFAULT_BASE else text.replace(DEFAULT_BASE, base)


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{what} {path} not found", hint="restore it from the repository (ontology/)") from exc


def _parse_turtle(text: str, path: Path):
    import rdflib

    g = rdflib.Graph()
    try:
        g.parse(data=text, format="turtle", publicID=path.as_uri())
    except Exception as exc:  # rdflib raises several parser exception types
        raise ValidationFailed(f"{path.name} is not valid Turtle: {exc}", hint=f"fix the syntax of {path}") from exc
    return g


def _bind(g, base: str):
    for p, ns in prefixes(base).items():
        g.bind(p, ns, override=True)
    g.bind("vann", "http://purl.org/vocab/vann/")
    return g


@lru_cache(maxsize=8)
def _cached_graph(path: Path, mtime_ns: int, base: str):
    return _bind(_parse_turtle(rebase_text(_read(path, "ontology file"), base), path), base)


def _load(path: Path, base: str):
    """Parse a Turtle file for `base`; cached per (file version, base), returned as a fresh copy."""
    import rdflib

    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError as exc:
        raise ConfigError(f"{path} not found", hint="restore it from the repository (ontology/)") from exc
    cached = _cached_graph(path, mtime, base)
    g = _bind(rdflib.Graph(), base)
    for t in cached:
        g.add(t)
    return g


def ontology_graph(settings: Settings | None = None, path: Path | None = None):
    """The ontology (ccr.ttl) as an rdflib.Graph, with IRIs under the configured base."""
    return _load(Path(path) if path else _dir(settings) / TTL_NAME, _base(settings))


def shapes_graph(settings: Settings | None = None, path: Path | None = None):
    """The SHACL shapes (shapes.ttl) as an rdflib.Graph, with IRIs under the configured base."""
    return _load(Path(path) if path else _dir(settings) / SHAPES_NAME, _base(settings))


def ccr_namespace(base: str = DEFAULT_BASE) -> str:
    """The ccr namespace for a base (kg.vocab.ccr; kept here for readers of this module)."""
    return ccr(base)


# --- RDF/XML --------------------------------------------------------------------------------------
def rdfxml_bytes(graph) -> bytes:
    """Flat, deterministic RDF/XML (sorted subjects and statements, stable blank-node ids).

    rdflib's serializers order subjects and namespaces by hash, so the generated file would change
    on every run; this writer keeps `git diff` of ontology/ccr.owl meaningful.
    """
    import rdflib
    from rdflib.compare import to_canonical_graph

    canon = to_canonical_graph(graph)
    bnode_ids: dict = {}

    def node_id(b) -> str:
        return bnode_ids.setdefault(b, f"b{len(bnode_ids)}")

    def key(term) -> tuple:
        return (isinstance(term, rdflib.BNode), str(term))

    for b in sorted({t for tr in canon for t in (tr[0], tr[2]) if isinstance(t, rdflib.BNode)}, key=str):
        node_id(b)

    ns_map = {str(ns): p for p, ns in graph.namespaces()}
    used: dict[str, str] = {"rdf": _RDF}

    def qname(pred: str) -> str:
        m = re.match(r"^(.*[/#])([A-Za-z_][\w.-]*)$", pred)
        if not m:
            raise ValidationFailed(f"predicate {pred} cannot be written as an RDF/XML element name")
        ns, local = m.groups()
        prefix = ns_map.get(ns)
        if prefix is None or (prefix in used and used[prefix] != ns) or not prefix:
            prefix = next(f"ns{i}" for i in range(1000) if f"ns{i}" not in used)
        used[prefix] = ns
        ns_map[ns] = prefix
        return f"{prefix}:{local}"

    body: list[str] = []
    for s in sorted({tr[0] for tr in canon}, key=key):
        attr = f"rdf:nodeID={quoteattr(node_id(s))}" if isinstance(s, rdflib.BNode) else f"rdf:about={quoteattr(str(s))}"
        body.append(f"  <rdf:Description {attr}>")
        for p, o in sorted(canon.predicate_objects(s), key=lambda po: (str(po[0]), key(po[1]), repr(po[1]))):
            q = qname(str(p))
            if isinstance(o, rdflib.BNode):
                body.append(f"    <{q} rdf:nodeID={quoteattr(node_id(o))}/>")
            elif isinstance(o, rdflib.URIRef):
                body.append(f"    <{q} rdf:resource={quoteattr(str(o))}/>")
            else:
                extra = ""
                if o.language:
                    extra = f" xml:lang={quoteattr(o.language)}"
                elif o.datatype:
                    extra = f" rdf:datatype={quoteattr(str(o.datatype))}"
                body.append(f"    <{q}{extra}>{escape(str(o))}</{q}>")
        body.append("  </rdf:Description>")
    head = ['<?xml version="1.0" encoding="utf-8"?>', "<!-- Generated from ccr.ttl by kg.ontology; do not edit. -->", "<rdf:RDF"]
    head += [f"   xmlns:{p}={quoteattr(ns)}" for p, ns in sorted(used.items())]
    head.append(">")
    return ("\n".join(head + body + ["</rdf:RDF>", ""])).encode("utf-8")


def write_rdfxml(path: Path | None = None, settings: Settings | None = None) -> Path:
    """Write the RDF/XML rendering of ccr.ttl (default: ontology/ccr.owl, default base)."""
    target = Path(path) if path else _dir(settings) / OWL_NAME
    target.write_bytes(rdfxml_bytes(ontology_graph(settings)))
    return target


def rdfxml_is_current(settings: Settings | None = None) -> tuple[bool, str]:
    """Whether ccr.owl holds the same triples as ccr.ttl (graph isomorphism, default base)."""
    import rdflib
    from rdflib.compare import isomorphic

    owl_path = _dir(settings) / OWL_NAME
    if not owl_path.exists():
        return False, f"{owl_path} is missing; run: python -m kg.ontology --write-owl"
    published = rdflib.Graph().parse(owl_path, format="xml")
    source = ontology_graph(None if settings is None else settings.replace(base_iri=DEFAULT_BASE))
    if isomorphic(published, source):
        return True, f"{owl_path.name} matches {TTL_NAME} ({len(source)} triples)"
    return False, f"{owl_path.name} is out of date with {TTL_NAME}; run: python -m kg.ontology --write-owl"


# --- term hygiene ---------------------------------------------------------------------------------
def ccr_terms(graph, base: str = DEFAULT_BASE) -> dict[str, str]:
    """Every declared ccr term -> its kind (class, object property, ..., individual)."""
    import rdflib

    ns = ccr_namespace(base)
    terms: dict[str, str] = {}
    for t_iri, kind in TERM_TYPES.items():
        for s in graph.subjects(rdflib.RDF.type, rdflib.URIRef(t_iri)):
            if isinstance(s, rdflib.URIRef) and str(s).startswith(ns):
                terms.setdefault(str(s)[len(ns):], kind)
    return terms


def term_problems(graph, base: str = DEFAULT_BASE) -> list[str]:
    """Terms lacking an English label or comment, isDefinedBy, or (classes/properties) an alignment;
    and ccr IRIs used anywhere without being declared (a typo in a domain or range)."""
    import rdflib

    ns = ccr_namespace(base)
    onto_iri = rdflib.URIRef(ns.rstrip("#"))
    problems: list[str] = []
    terms = ccr_terms(graph, base)
    for local, kind in sorted(terms.items()):
        s = rdflib.URIRef(ns + local)
        for pred, what in ((rdflib.RDFS.label, "label"), (rdflib.RDFS.comment, "comment")):
            vals = [o for o in graph.objects(s, pred) if isinstance(o, rdflib.Literal) and o.language == "en"]
            if not vals or not all(str(v).strip() for v in vals):
                problems.append(f"ccr:{local} ({kind}) has no English rdfs:{what}")
        if (s, rdflib.RDFS.isDefinedBy, onto_iri) not in graph:
            problems.append(f"ccr:{local} ({kind}) has no rdfs:isDefinedBy <{onto_iri}>")
        if kind != "individual" and not _is_aligned(graph, s, ns):
            problems.append(
                f"ccr:{local} ({kind}) is not aligned: add a skos:*Match or a super-term outside ccr"
            )
    for t in {x for tr in graph for x in tr}:
        if isinstance(t, rdflib.URIRef) and str(t).startswith(ns) and str(t)[len(ns):] not in terms:
            problems.append(f"ccr:{str(t)[len(ns):]} is used but not declared in the ontology")
    return problems


def _is_aligned(graph, s, ns: str) -> bool:
    import rdflib

    for p in ALIGNMENT_ANNOTATIONS:
        if any(not str(o).startswith(ns) for o in graph.objects(s, rdflib.URIRef(p))):
            return True
    for p in ALIGNMENT_AXIOMS:
        if any(isinstance(o, rdflib.URIRef) and not str(o).startswith(ns) for o in graph.objects(s, rdflib.URIRef(p))):
            return True
    return False


_CONTRACT_HEADING = re.compile(r"^## Vocabulary contract.*$", re.M)
_EXTERNAL_ALIAS = re.compile(r"`(\w+)` is (\w+):(\w+)")
_TERM_TOKEN = re.compile(r"`(?:ccr:)?([A-Za-z][A-Za-z0-9]*)`")


def contract_terms(doc: Path = ARCHITECTURE_DOC) -> set[str]:
    """Local names the "Vocabulary contract" section of docs/architecture.md promises.

    Backticked names in that section, minus the ones the doc says are another vocabulary's term
    ("`wasGeneratedBy` is prov:wasGeneratedBy"), so the doc and the ontology cannot drift apart.
    """
    text = _read(doc, "architecture document")
    m = _CONTRACT_HEADING.search(text)
    if not m:
        raise ConfigError(f"{doc.name} has no '## Vocabulary contract' section", hint="restore the section heading")
    end = text.find("\n## ", m.end())
    section = text[m.end(): end if end != -1 else len(text)]
    external = {name for name, _p, _l in _EXTERNAL_ALIAS.findall(section)}
    return {t for t in _TERM_TOKEN.findall(section)} - external


def shape_term_problems(shapes, ontology, base: str = DEFAULT_BASE) -> list[str]:
    """ccr IRIs the shapes mention that the ontology does not declare (a renamed or misspelt term)."""
    import rdflib

    ns = ccr_namespace(base)
    known = set(ccr_terms(ontology, base))
    used = {str(t)[len(ns):] for tr in shapes for t in tr if isinstance(t, rdflib.URIRef) and str(t).startswith(ns)}
    return [f"shapes.ttl uses ccr:{name}, which the ontology does not declare" for name in sorted(used - known)]


# --- reasoning ------------------------------------------------------------------------------------
def disjointness_clashes(graph, base: str = DEFAULT_BASE, limit: int = 20) -> list[str]:
    """Individuals that the graph puts in two disjoint ccr classes, by assertion or through the
    domain and range of the ccr properties they use: the usual reason HermiT says "inconsistent",
    which HermiT itself does not explain. A cheap, incomplete diagnosis (no full OWL reasoning)."""
    import rdflib
    from rdflib.collection import Collection

    ns = ccr(base)
    RDF_TYPE, SUB, DOM, RNG = rdflib.RDF.type, rdflib.RDFS.subClassOf, rdflib.RDFS.domain, rdflib.RDFS.range
    classes = {s for s in graph.subjects(RDF_TYPE, rdflib.OWL.Class) if isinstance(s, rdflib.URIRef) and str(s).startswith(ns)}
    supers = {c: {c} | {x for x in graph.transitive_objects(c, SUB) if x in classes} for c in classes}
    disjoint: set[frozenset] = set()
    for node in graph.subjects(RDF_TYPE, rdflib.OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(node, rdflib.OWL.members)))
        disjoint |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:]}
    disjoint |= {frozenset((a, b)) for a, b in graph.subject_objects(rdflib.OWL.disjointWith)}

    def alternatives(node) -> list:
        if isinstance(node, rdflib.BNode) and graph.value(node, rdflib.OWL.unionOf) is not None:
            return [m for m in Collection(graph, graph.value(node, rdflib.OWL.unionOf)) if m in classes]
        return [node] if node in classes else []

    def inherited(prop, pred) -> list[list]:
        props = {prop} | set(graph.transitive_objects(prop, rdflib.RDFS.subPropertyOf))
        return [a for p in props for d in graph.objects(p, pred) if (a := alternatives(d))]

    def clash(a, b) -> bool:
        return any(frozenset((x, y)) in disjoint for x in supers[a] for y in supers[b])

    def short(t) -> str:
        return f"ccr:{str(t)[len(ns):]}" if str(t).startswith(ns) else f"<{t}>"

    tbox_types = [rdflib.URIRef(t) for t in TERM_TYPES if t != _OWL + "NamedIndividual"] + [rdflib.OWL.Ontology]
    terms = {s for t in tbox_types for s in graph.subjects(RDF_TYPE, t)}  # vocabulary, not individuals
    facts: dict = {}
    for s, p, o in graph:
        if s in terms or not isinstance(s, rdflib.URIRef):
            continue
        if p == RDF_TYPE and o in classes:
            facts.setdefault(s, []).append(([o], "asserted"))
        elif str(p).startswith(ns):
            for alts in inherited(p, DOM):
                facts.setdefault(s, []).append((alts, f"domain of {short(p)}"))
            if isinstance(o, rdflib.URIRef) and o not in terms:
                for alts in inherited(p, RNG):
                    facts.setdefault(o, []).append((alts, f"range of {short(p)}"))
    found: list[str] = []
    for ind, items in sorted(facts.items(), key=lambda kv: str(kv[0])):
        items.sort(key=lambda it: (it[1] != "asserted", it[1], [str(a) for a in it[0]]))
        seen = set()
        for i, (a_alts, a_why) in enumerate(items):
            for b_alts, b_why in items[i + 1:]:
                if all(clash(a, b) for a in a_alts for b in b_alts):
                    a_txt = " or ".join(map(short, a_alts))
                    b_txt = " or ".join(map(short, b_alts))
                    key = frozenset((a_txt, b_txt))
                    if key not in seen:
                        seen.add(key)
                        found.append(f"<{ind}>: {a_txt} ({a_why}) and {b_txt} ({b_why}) are disjoint")
        if len(found) >= limit:
            break
    return found[:limit]


@dataclass
class ReasonerReport:
    """Outcome of a HermiT run: consistent or not, unsatisfiable classes, or why it could not run."""

    consistent: bool | None
    unsatisfiable: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str | None = None
    error: str | None = None
    triples: int = 0
    explanations: list[str] = field(default_factory=list)  # likely causes of an inconsistency

    @property
    def ok(self) -> bool:
        return self.error is None and self.skipped is None and bool(self.consistent) and not self.unsatisfiable

    def summary(self) -> str:
        if self.skipped:
            return f"skipped: {self.skipped}"
        if self.error:
            return f"HermiT failed: {self.error}"
        if not self.consistent:
            why = f"; likely cause: {self.explanations[0]}" if self.explanations else ""
            return f"HermiT: INCONSISTENT ({self.triples} triples){why}"
        if self.unsatisfiable:
            return f"HermiT: consistent but {len(self.unsatisfiable)} unsatisfiable class(es): {', '.join(self.unsatisfiable)}"
        return f"HermiT: consistent, no unsatisfiable class ({self.triples} triples, {self.seconds:.1f} s)"


def check_reasoner(graph, java: str | None = None, base: str | None = None,
                   ignore_unsupported_datatypes: bool = False) -> ReasonerReport:
    """Run HermiT (owlready2 0.51) over `graph` in a fresh owlready2 World.

    owlready2 cannot read Turtle, so the graph goes in as N-Triples bytes. HermiT runs strictly by
    default: a datatype outside the OWL 2 datatype map (xsd:date in an axiom or a literal) is an
    error, as it would be for anyone loading the published ontology. Pass
    ignore_unsupported_datatypes=True to reason over data that carries xsd:date values. Pellet is
    not used: its bundled jar does not run on this Java.
    """
    java = java or shutil.which("java")
    if not java:
        return ReasonerReport(
            None, skipped="no `java` on PATH; install a JRE (Debian: default-jre-headless) or use --no-reasoner"
        )
    import owlready2
    from owlready2.base import OwlReadyInconsistentOntologyError, OwlReadyJavaError

    owlready2.JAVA_EXE = java
    nt = graph.serialize(format="nt", encoding="utf-8")
    world = owlready2.World()
    t0 = time.monotonic()
    report = ReasonerReport(True, triples=len(graph))
    try:
        world.get_ontology("urn:kg:reasoner-input").load(fileobj=io.BytesIO(nt), format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                           ignore_unsupported_datatypes=ignore_unsupported_datatypes)
        except OwlReadyInconsistentOntologyError:
            report.consistent = False
            report.explanations = disjointness_clashes(graph, base or DEFAULT_BASE)
        report.unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes() if c is not owlready2.Nothing)
    except OwlReadyJavaError as exc:
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip() and not ln.startswith("Java error message")]
        first = next((ln for ln in lines if "Exception" in ln or "Error" in ln), lines[0] if lines else "Java error")
        report.consistent, report.error = None, first[:500]
    finally:
        report.seconds = time.monotonic() - t0
        world.close()
    return report


# --- SHACL ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShapeResult:
    focus: str
    path: str | None
    value: str | None
    constraint: str
    shape: str
    severity: str
    message: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        val = f" (value {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus}{where}{val}: {self.message} [{self.constraint}, shape {self.shape}]"


@dataclass
class ShapesReport:
    """pyshacl's verdict, with one readable line per result naming the node, the path and the constraint."""

    conforms: bool
    results: list[ShapeResult]
    raw_text: str = ""

    @property
    def violations(self) -> list[ShapeResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def text(self) -> str:
        if not self.results:
            return "conforms: no SHACL results"
        head = "conforms (warnings only)" if self.conforms else f"does not conform: {len(self.violations)} violation(s)"
        return "\n".join([head] + [r.line() for r in self.results])

    def __str__(self) -> str:
        return self.text


def _plain_strings(graph):
    """The same graph with "x"^^xsd:string written as "x".

    RDF 1.1 makes the two one literal (Oxigraph returns the typed form), but rdflib compares them
    as different terms, so sh:in ("held" ...) would reject "held"^^xsd:string.
    """
    import rdflib

    xsd_string = rdflib.XSD.string
    if not any(True for _ in _typed_strings(graph, xsd_string)):
        return graph
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype == xsd_string:
            o = rdflib.Literal(str(o))
        out.add((s, p, o))
    return out


def _typed_strings(graph, xsd_string):
    import rdflib

    return (o for o in graph.objects() if isinstance(o, rdflib.Literal) and o.datatype == xsd_string)


def validate_shapes(data_graph, shapes=None, ontology=None, settings: Settings | None = None) -> ShapesReport:
    """Validate `data_graph` with the SHACL shapes, the ontology mixed in so that sh:targetClass
    reaches instances of subclasses (a ccr:Summit is a ccr:Event)."""
    import pyshacl
    import rdflib

    shapes = shapes if shapes is not None else shapes_graph(settings)
    ontology = ontology if ontology is not None else ontology_graph(settings)
    data_graph = _plain_strings(data_graph)
    conforms, results_graph, text = pyshacl.validate(
        data_graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
        allow_warnings=True, abort_on_first=False, advanced=False,
    )
    base = settings.base if settings is not None else DEFAULT_BASE
    nm = _bind(rdflib.Graph(), base).namespace_manager
    sh = rdflib.Namespace(STANDARD_PREFIXES["sh"])

    def show(term) -> str | None:
        if term is None:
            return None
        if isinstance(term, rdflib.URIRef):
            try:
                return term.n3(nm)
            except Exception:
                return f"<{term}>"
        if isinstance(term, rdflib.BNode):
            return "_:" + str(term)[:8]
        return term.n3(nm) if isinstance(term, rdflib.Literal) else str(term)

    def shape_name(shape) -> str:
        """'Event/participant' for a property shape of a named node shape, else the shape's own name."""
        name = shapes.value(shape, sh.name)
        own = str(name) if name is not None else (show(shape) or "?")
        parent = shapes.value(predicate=sh.property, object=shape)
        parent_name = shapes.value(parent, sh.name) if parent is not None else None
        return f"{parent_name}/{own}" if parent_name is not None else own

    out: list[ShapeResult] = []
    for r in results_graph.subjects(rdflib.RDF.type, sh.ValidationResult):
        comp = results_graph.value(r, sh.sourceConstraintComponent)
        sev = results_graph.value(r, sh.resultSeverity)
        msgs = [str(m) for m in results_graph.objects(r, sh.resultMessage)]
        focus = results_graph.value(r, sh.focusNode)
        value = results_graph.value(r, sh.value)
        out.append(ShapeResult(
            focus=show(focus) or "?",
            path=show(results_graph.value(r, sh.resultPath)),
            value=None if value == focus else show(value),
            constraint=str(comp).rsplit("#", 1)[-1] if comp is not None else "?",
            shape=shape_name(results_graph.value(r, sh.sourceShape)),
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
            message="; ".join(sorted(msgs)) or "constraint not met",
        ))
    out.sort(key=lambda r: (r.severity != "Violation", r.focus, r.path or "", r.constraint))
    return ShapesReport(bool(conforms), out, text)


@lru_cache(maxsize=1)
def _shacl_shacl():
    import importlib.resources

    import rdflib

    ref = importlib.resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"
    return rdflib.Graph().parse(data=ref.read_text(encoding="utf-8"), format="turtle")


def shapes_are_valid_shacl(shapes) -> ShapesReport:
    """Validate a shapes graph against the SHACL-for-SHACL shapes pyshacl ships (W3C, Appendix C)."""
    import rdflib

    return validate_shapes(shapes, shapes=_shacl_shacl(), ontology=rdflib.Graph())


# --- everything -----------------------------------------------------------------------------------
@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    problems: list[str] = field(default_factory=list)
    skipped: bool = False


@dataclass
class ValidationReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def summary(self, max_problems: int = 25) -> str:
        failed = [c for c in self.checks if not c.ok]
        skipped = [c for c in self.checks if c.skipped]
        verdict = "OK" if not failed else f"FAILED ({len(failed)} of {len(self.checks)} checks)"
        lines = [f"kg validate: {verdict}" + (f", {len(skipped)} skipped" if skipped else "")]
        for c in self.checks:
            mark = "skip" if c.skipped else ("ok" if c.ok else "FAIL")
            lines.append(f"  [{mark:>4}] {c.name}: {c.detail}")
            for p in c.problems[:max_problems]:
                lines.append(f"         - {p}")
            if len(c.problems) > max_problems:
                lines.append(f"         ... and {len(c.problems) - max_problems} more")
        return "\n".join(lines)


_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


def reference_entity_problems(entities: Iterable, ontology, base: str) -> list[str]:
    """Each reference entity has a label, a type that is a ccr class, and a well-formed QID."""
    classes = {n for n, k in ccr_terms(ontology, base).items() if k == "class"}
    problems = []
    for e in entities:
        if not (e.label or "").strip():
            problems.append(f"{e.slug}: no label")
        if e.type not in classes:
            problems.append(f"{e.slug}: type {e.type!r} is not a ccr class")
        if e.qid is not None and not _QID_RE.match(e.qid):
            problems.append(f"{e.slug}: malformed QID {e.qid!r}")
    return problems


def _run(report: ValidationReport, echo: Callable[[str], None], name: str, fn: Callable[[], Check]) -> Check:
    echo(f"kg validate: {name} ...")
    try:
        check = fn()
    except (ConfigError, ValidationFailed) as exc:
        check = Check(name, False, str(exc))
    check.name = name
    report.checks.append(check)
    return check


def validate_all(settings: Settings | None = None, reasoner: bool = True, echo: Callable[[str], None] = print) -> ValidationReport:
    """Every check `kg validate` makes; never raises for a failed check, the report says what failed."""
    settings = settings or Settings.from_env()
    base = settings.base
    report = ValidationReport()
    state: dict = {}

    def parse() -> Check:
        g = state["onto"] = ontology_graph(settings)
        terms = ccr_terms(g, base)
        kinds = {k: sum(1 for v in terms.values() if v == k) for k in TERM_TYPES.values()}
        return Check("", True, f"{len(g)} triples; " + ", ".join(f"{n} {k}{'es' if k.endswith('s') else 's'}".replace("propertys", "properties") for k, n in kinds.items() if n))

    c = _run(report, echo, "ontology parses", parse)
    if not c.ok:
        return report
    onto = state["onto"]

    def terms() -> Check:
        probs = term_problems(onto, base)
        n = len(ccr_terms(onto, base))
        return Check("", not probs, f"all {n} ccr terms labelled, commented, defined and aligned" if not probs else f"{len(probs)} problem(s)", probs)

    def contract() -> Check:
        if not ARCHITECTURE_DOC.exists():
            return Check("", True, f"{ARCHITECTURE_DOC} not present", skipped=True)
        wanted = contract_terms()
        missing = sorted(wanted - set(ccr_terms(onto, base)))
        return Check("", not missing, f"{len(wanted)} contract terms of docs/architecture.md, {len(missing)} missing",
                     [f"ccr:{m} promised by docs/architecture.md is not in ccr.ttl" for m in missing])

    def owl_file() -> Check:
        ok, msg = rdfxml_is_current(settings)
        return Check("", ok, msg)

    def shapes_ok() -> Check:
        shapes = state["shapes"] = shapes_graph(settings)
        meta = shapes_are_valid_shacl(shapes)
        drift = shape_term_problems(shapes, onto, base)
        probs = [r.line() for r in meta.violations] + drift
        return Check("", not probs, "valid against SHACL-for-SHACL; every ccr term they use exists" if not probs else f"{len(probs)} problem(s)", probs)

    def entities() -> Check:
        try:
            from kg.reference import load_reference_entities, reference_graph
        except ImportError as exc:
            return Check("", False, f"kg.reference is not importable: {exc}")
        from kg.iris import IRIs

        ents = load_reference_entities()
        g = state["entities"] = reference_graph(IRIs(base), ents)
        probs = reference_entity_problems(ents, onto, base)
        shapes = state.get("shapes") or shapes_graph(settings)
        rep = validate_shapes(g, shapes=shapes, ontology=onto, settings=settings)
        probs += [r.line() for r in rep.violations]
        with_qid = sum(1 for e in ents if e.qid)
        return Check("", not probs, f"{len(ents)} reference entities ({with_qid} with a QID) conform to the shapes" if not probs else f"{len(probs)} problem(s)", probs)

    def hermit() -> Check:
        g = onto
        if "entities" in state:
            g = _bind(__import__("rdflib").Graph(), base)
            for t in onto:
                g.add(t)
            for t in state["entities"]:
                g.add(t)
        rep = check_reasoner(g, base=base)
        what = "ontology + reference entities" if "entities" in state else "ontology"
        probs = [f"unsatisfiable class <{c}>" for c in rep.unsatisfiable] + rep.explanations
        if rep.consistent is False and not rep.explanations:
            probs.append("no disjointness clash found by the quick diagnosis; load ontology/ccr.owl and the entities in Protégé and ask HermiT for an explanation")
        return Check("", rep.ok or rep.skipped is not None, f"{what}: {rep.summary()}", probs, skipped=rep.skipped is not None)

    _run(report, echo, "terms", terms)
    _run(report, echo, "vocabulary contract", contract)
    _run(report, echo, "RDF/XML", owl_file)
    _run(report, echo, "SHACL shapes", shapes_ok)
    _run(report, echo, "reference entities", entities)
    if reasoner:
        _run(report, echo, "reasoner", hermit)
    else:
        report.checks.append(Check("reasoner", True, "skipped (--no-reasoner)", skipped=True))
    return report


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.ontology --write-owl` regenerates ccr.owl; `--check` runs validate_all."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m kg.ontology", description=main.__doc__)
    ap.add_argument("--write-owl", action="store_true", help="regenerate ontology/ccr.owl from ontology/ccr.ttl")
    ap.add_argument("--check", action="store_true", help="run every validation check (as kg validate)")
    ap.add_argument("--no-reasoner", action="store_true")
    args = ap.parse_args(argv)
    if not (args.write_owl or args.check):
        ap.print_help()
        return 2
    if args.write_owl:
        print(f"wrote {write_rdfxml()}")
    if args.check:
        rep = validate_all(Settings.from_env(), reasoner=not args.no_reasoner, echo=lambda m: print(m, file=sys.stderr))
        print(rep.summary())
        return 0 if rep.ok else 5
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
