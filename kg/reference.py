"""Reference entities: the reviewed individuals in ontology/entities.toml and their RDF.

entities.toml is the one place where reference entities and their Wikidata QIDs live, so a
reviewer can check every owl:sameAs link in one file. This module parses and validates it
(stdlib tomllib) and turns it into the entities graph, as rdflib triples or pyoxigraph quads.

File layout (one ``[[entity]]`` table per individual)::

    [[entity]]
    slug = "sergey-lavrov"            # stable IRI local name: <base>/resource/sergey-lavrov
    type = "Person"                   # ccr class local name (see ENTITY_TYPES)
    label = "Sergey Lavrov"           # English preferred label
    alt = ["Sergei Lavrov", "Lavrov"] # spellings and abbreviations seen in the texts (no titles)
    native = { ru = "Сергей Лавров" } # native-script names, by BCP 47 language tag (str or list)
    country = "russia"                # slug of a State entity
    qid = "Q23936"                    # Wikidata item, only when verified ...
    qid_source = "..."                # ... and how it was verified
    title = "Foreign Minister"        # any other key is kept in RefEntity.extra

    [ambiguous]                       # short forms shared by several entities: never auto-resolved
    "Wang" = ["wang-yi", "wang-yang"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from kg.errors import ConfigError
from kg.iris import IRIs
from kg.settings import PROJECT_ROOT
from kg.vocab import STANDARD_PREFIXES

DEFAULT_PATH = PROJECT_ROOT / "ontology" / "entities.toml"

#: ccr classes a reference entity may have (local names fixed by docs/architecture.md).
ENTITY_TYPES: frozenset[str] = frozenset(
    {
        "State", "Person", "Organization", "InternationalOrganization", "GovernmentBody", "Ministry",
        "Commission", "Parliament", "ArmedService", "Company", "PoliticalParty", "MediaOrganization",
        "Place", "City", "Region", "WaterBody", "TrainingGround",
        "EventSeries", "ExerciseSeries", "SummitSeries", "MeetingSeries",
        "Initiative", "Project",
        "Agreement", "Treaty", "JointStatement", "Declaration", "Plan",
    }
)
SERIES_TYPES = frozenset({"EventSeries", "ExerciseSeries", "SummitSeries", "MeetingSeries"})

_QID = re.compile(r"^Q[1-9][0-9]*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_KNOWN_KEYS = {"slug", "type", "label", "alt", "native", "qid", "qid_source", "country", "iso3"}
#: extra keys whose value is the slug of another entity (checked like `country`).
_ENTITY_VALUED_EXTRA = {"part_of", "parent", "organization"}


@dataclass(frozen=True)
class RefEntity:
    """One reviewed individual. `extra` holds other facts as (key, value) pairs, e.g. ("title", "President")."""

    slug: str
    type: str
    label: str
    alt_labels: tuple[str, ...] = ()
    native_labels: tuple[tuple[str, str], ...] = ()  # (text, lang)
    qid: str | None = None
    country: str | None = None
    iso3: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    def extra_values(self, key: str) -> tuple[str, ...]:
        """All values of one extra key ("demonym" may occur several times)."""
        return tuple(v for k, v in self.extra if k == key)

    def extra_value(self, key: str) -> str | None:
        vals = self.extra_values(key)
        return vals[0] if vals else None

    @property
    def wikidata_iri(self) -> str | None:
        return f"{STANDARD_PREFIXES['wd']}{self.qid}" if self.qid else None


@dataclass(frozen=True)
class ReferenceData:
    """The parsed file: entities in file order plus the declared ambiguous short forms."""

    entities: tuple[RefEntity, ...]
    ambiguous: dict[str, tuple[str, ...]]  # surface -> candidate slugs
    path: Path


def _bad(path: Path, where: str, msg: str) -> ConfigError:
    return ConfigError(
        f"{path.name}: {where}: {msg}",
        hint=f"fix the entry in {path} (see the format in kg/reference.py)",
    )


def _strs(value, path: Path, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(path, where, f"'{key}' must be a non-empty string or a list of them")
    return tuple(v.strip() for v in value)


def _parse_entity(raw: dict, i: int, path: Path) -> RefEntity:
    where = f"entity #{i + 1} ({raw.get('slug', '?')!s})"
    slug = raw.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise _bad(path, where, f"slug {slug!r} must be lower-case words joined by '-'")
    typ = raw.get("type")
    if typ not in ENTITY_TYPES:
        raise _bad(path, where, f"unknown type {typ!r}; use one of {', '.join(sorted(ENTITY_TYPES))}")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _bad(path, where, "missing English 'label'")
    alt = _strs(raw.get("alt"), path, where, "alt")
    native_raw = raw.get("native") or {}
    if not isinstance(native_raw, dict):
        raise _bad(path, where, "'native' must be a table of language tag = name(s)")
    native: list[tuple[str, str]] = []
    for lang, texts in native_raw.items():
        if not _LANG.match(lang):
            raise _bad(path, where, f"native language tag {lang!r} is not a BCP 47 tag")
        native.extend((t, lang) for t in _strs(texts, path, where, f"native.{lang}"))
    qid = raw.get("qid")
    if qid is not None:
        if not isinstance(qid, str) or not _QID.match(qid):
            raise _bad(path, where, f"malformed QID {qid!r}; expected Q followed by digits (e.g. Q148)")
        if not isinstance(raw.get("qid_source"), str) or not raw["qid_source"].strip():
            raise _bad(path, where, f"QID {qid} has no 'qid_source' saying how it was verified")
    iso3 = raw.get("iso3")
    if iso3 is not None and (typ != "State" or not isinstance(iso3, str) or not _ISO3.match(iso3)):
        raise _bad(path, where, f"iso3 {iso3!r} must be three capital letters, on a State only")
    country = raw.get("country")
    if country is not None and not isinstance(country, str):
        raise _bad(path, where, "'country' must be the slug of a State entity")
    extra: list[tuple[str, str]] = []
    for key, value in raw.items():
        if key in _KNOWN_KEYS:
            continue
        for v in value if isinstance(value, list) else [value]:
            if not isinstance(v, (str, int, float, bool)):
                raise _bad(path, where, f"extra key {key!r} must hold scalars or a list of scalars")
            extra.append((key, str(v)))
    return RefEntity(
        slug=slug, type=typ, label=label.strip(), alt_labels=alt, native_labels=tuple(native),
        qid=qid, country=country, iso3=iso3, extra=tuple(extra),
    )


def load_reference_data(path: Path | None = None) -> ReferenceData:
    """Parse and validate entities.toml; every problem raises ConfigError naming the entry."""
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"reference entities file {path} not found", hint="restore ontology/entities.toml") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name}: not valid TOML: {exc}", hint=f"fix the syntax of {path}") from exc
    raw_entities = doc.get("entity")
    if not isinstance(raw_entities, list) or not raw_entities:
        raise ConfigError(f"{path.name}: no [[entity]] tables", hint="each entity is an [[entity]] table")
    entities = [_parse_entity(raw, i, path) for i, raw in enumerate(raw_entities)]
    by_slug: dict[str, RefEntity] = {}
    qids: dict[str, str] = {}
    for e in entities:
        if e.slug in by_slug:
            raise _bad(path, f"entity {e.slug!r}", "duplicate slug; slugs must be unique")
        by_slug[e.slug] = e
        if e.qid:
            if e.qid in qids:
                raise _bad(path, f"entity {e.slug!r}", f"QID {e.qid} already used by {qids[e.qid]!r}")
            qids[e.qid] = e.slug
    for e in entities:
        if e.country is not None:
            target = by_slug.get(e.country)
            if target is None or target.type != "State":
                raise _bad(path, f"entity {e.slug!r}", f"dangling country {e.country!r}: not the slug of a State")
        for key, value in e.extra:
            if key in _ENTITY_VALUED_EXTRA and value not in by_slug:
                raise _bad(path, f"entity {e.slug!r}", f"dangling {key} {value!r}: no entity with that slug")
    ambiguous_raw = doc.get("ambiguous") or {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for surface, slugs in ambiguous_raw.items():
        cands = _strs(slugs, path, f"[ambiguous] {surface!r}", "candidates")
        if len(cands) < 2:
            raise _bad(path, f"[ambiguous] {surface!r}", "an ambiguous form needs at least two candidate slugs")
        for s in cands:
            if s not in by_slug:
                raise _bad(path, f"[ambiguous] {surface!r}", f"unknown candidate slug {s!r}")
        ambiguous[surface] = cands
    return ReferenceData(entities=tuple(entities), ambiguous=ambiguous, path=path)


@lru_cache(maxsize=4)
def _cached(path: Path, mtime_ns: int) -> ReferenceData:
    return load_reference_data(path)


def cached_reference_data(path: Path | None = None) -> ReferenceData:
    """load_reference_data, re-read only when the file changes."""
    path = (Path(path) if path is not None else DEFAULT_PATH).resolve()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError as exc:
        raise ConfigError(f"reference entities file {path} not found", hint="restore ontology/entities.toml") from exc
    return _cached(path, mtime)


def load_reference_entities(path: Path | None = None) -> list[RefEntity]:
    """The reference entities in file order (validated)."""
    return list(cached_reference_data(path).entities)


# --- RDF ------------------------------------------------------------------------------------
RDF_TYPE = STANDARD_PREFIXES["rdf"] + "type"
_OWL = STANDARD_PREFIXES["owl"]
_RDFS = STANDARD_PREFIXES["rdfs"]
_SKOS = STANDARD_PREFIXES["skos"]
_XSD_STRING = STANDARD_PREFIXES["xsd"] + "string"


def _triples(entities: list[RefEntity], iris: IRIs) -> Iterator[tuple[str, str, tuple]]:
    """(subject IRI, predicate IRI, object) where object is ("iri", x) or ("lit", text, lang|None)."""
    for e in entities:
        s = iris.entity(e.slug)
        yield s, RDF_TYPE, ("iri", iris.term(e.type))
        yield s, RDF_TYPE, ("iri", _OWL + "NamedIndividual")
        yield s, _RDFS + "label", ("lit", e.label, "en")
        yield s, _SKOS + "prefLabel", ("lit", e.label, "en")
        for alt in e.alt_labels:
            yield s, _SKOS + "altLabel", ("lit", alt, "en")
        for text, lang in e.native_labels:
            yield s, _SKOS + "altLabel", ("lit", text, lang)
        if e.qid:
            yield s, _OWL + "sameAs", ("iri", e.wikidata_iri)
            yield s, iris.term("qid"), ("lit", e.qid, None)
        if e.country:
            yield s, iris.term("country"), ("iri", iris.entity(e.country))
        if e.iso3:
            yield s, iris.term("iso3"), ("lit", e.iso3, None)
        for part in e.extra_values("part_of"):
            yield s, iris.term("partOf"), ("iri", iris.entity(part))


def reference_graph(iris: IRIs, entities: list[RefEntity] | None = None):
    """The entities graph as an rdflib.Graph (types, labels, sameAs Wikidata, country, iso3, partOf)."""
    import rdflib

    g = rdflib.Graph()
    g.bind("ccr", iris.ontology)
    g.bind("res", iris.resource)
    for p in ("rdf", "rdfs", "owl", "skos", "wd"):
        g.bind(p, STANDARD_PREFIXES[p])
    ents = load_reference_entities() if entities is None else entities
    for s, p, o in _triples(ents, iris):
        obj = rdflib.URIRef(o[1]) if o[0] == "iri" else rdflib.Literal(o[1], lang=o[2])
        g.add((rdflib.URIRef(s), rdflib.URIRef(p), obj))
    return g


def reference_quads(iris: IRIs, entities: list[RefEntity] | None = None) -> list:
    """The same content as reference_graph, as pyoxigraph quads in iris.entities_graph."""
    import pyoxigraph as ox

    graph = ox.NamedNode(iris.entities_graph)
    ents = load_reference_entities() if entities is None else entities
    quads = []
    for s, p, o in _triples(ents, iris):
        if o[0] == "iri":
            obj = ox.NamedNode(o[1])
        elif o[2]:
            obj = ox.Literal(o[1], language=o[2])
        else:
            obj = ox.Literal(o[1])
        quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, graph))
    return quads
