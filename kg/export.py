"""Exports for statistics: events one per row (CSV / JSON Lines / PLOVER JSONL) and dyad-year counts.

Everything is read by SPARQL from the built store opened read-only (or from `Settings.data_file`),
so the export agrees with what /sparql answers. Rows are sorted (date, IRI) so two exports of the
same build diff cleanly.

Dyads (documented in docs/publishing.md): each participant is mapped to a state (itself when it is
a ccr:State, else its ccr:country). An event with a visitor and a host gives directed dyads
visitor-state -> host-state (PLOVER: the visitor is the actor, the host the recipient); any other
event gives one undirected dyad per pair of distinct states, written with actor < recipient.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import BinaryIO

from kg.errors import BadRequest, StoreError
from kg.settings import Settings
from kg.vocab import STANDARD_PREFIXES, prefixes

RDFS = STANDARD_PREFIXES["rdfs"]
OWL = STANDARD_PREFIXES["owl"]
WD = STANDARD_PREFIXES["wd"]

# the contract's event classes (docs/architecture.md); subclasses found in the ontology are added
EVENT_CLASSES = (
    "Event Summit BilateralMeeting Visit PhoneCall MilitaryExercise NavalExercise GroundExercise AirExercise "
    "MissileDefenceSimulation LawEnforcementExercise JointPatrol AgreementSigning CommissionSession Consultation "
    "ConferenceOrForum ArmsDelivery Statement UNAction Appointment Election Launch OtherEvent"
).split()
ROLES = ("participant", "host", "visitor", "organizer")
EVENT_COLUMNS = ("event", "type", "label", "start", "end", "cameo", "plover_category", "plover_mode", "plover_context",
                 "participants", "participant_qids", "hosts", "visitors", "place", "place_qid", "article", "passage",
                 "passage_text")
DYAD_COLUMNS = ("year", "actor", "recipient", "plover_category", "cameo_root", "count")


def open_store(settings: Settings):
    """The graph a query sees: Settings.data_file when given (like `kg serve --data`), else the current build."""
    import pyoxigraph as ox

    if settings.data_file is not None:
        path = Path(settings.data_file)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
        if fmt is None:
            raise BadRequest(f"cannot tell the RDF format of {path}", hint="use .trig, .nq, .ttl or .nt")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load {path}: {exc}", hint="check the file is valid RDF") from exc
        return store
    from kg.store import open_current

    return open_current(settings)


class _Graph:
    """SELECT over the union of all graphs, returning plain Python values (str / None)."""

    def __init__(self, settings: Settings):
        self.store = open_store(settings)
        self.prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes(settings.base).items())
        self.ccr = settings.ontology_ns
        self.res = settings.resource_ns

    def rows(self, query: str) -> list[dict]:
        sols = self.store.query(self.prologue + query, use_default_graph_as_union=True)
        names = [v.value for v in sols.variables]
        return [{n: (None if s[n] is None else s[n].value) for n in names} for s in sols]


def _event_classes(g: _Graph) -> list[str]:
    found = {r["c"] for r in g.rows("SELECT DISTINCT ?c WHERE { ?c rdfs:subClassOf+ ccr:Event }")}
    return sorted(found | {g.ccr + c for c in EVENT_CLASSES})


def _entities(g: _Graph) -> dict[str, dict]:
    """Label, QID, ISO3 code, type and state of every agent or place an event refers to."""
    info: dict[str, dict] = defaultdict(lambda: {"label": None, "qid": None, "iso3": None, "types": set(), "country": None})
    roles = " ".join(f"ccr:{r}" for r in ROLES) + " ccr:location"
    for r in g.rows(f"""SELECT DISTINCT ?x ?label ?qid ?wd ?iso3 ?type ?country WHERE {{
            ?e ?role ?x . VALUES ?role {{ {roles} }}
            OPTIONAL {{ ?x rdfs:label ?label }} OPTIONAL {{ ?x ccr:qid ?qid }} OPTIONAL {{ ?x ccr:iso3 ?iso3 }}
            OPTIONAL {{ ?x owl:sameAs ?wd FILTER(STRSTARTS(STR(?wd), "{WD}")) }}
            OPTIONAL {{ ?x a ?type }} OPTIONAL {{ ?x ccr:country ?country }} }}"""):
        d = info[r["x"]]
        d["label"] = d["label"] or r["label"]
        d["qid"] = d["qid"] or r["qid"] or (r["wd"][len(WD):] if r["wd"] else None)
        d["iso3"] = d["iso3"] or r["iso3"]
        d["country"] = d["country"] or r["country"]
        if r["type"]:
            d["types"].add(r["type"])
    for country in {d["country"] for d in list(info.values()) if d["country"]}:
        info[country]  # noqa: B018 - the state of a person, body or place: created here, filled below
    for r in g.rows("SELECT ?x ?iso3 ?qid ?label WHERE { ?x a ccr:State OPTIONAL { ?x ccr:iso3 ?iso3 } "
                    "OPTIONAL { ?x ccr:qid ?qid } OPTIONAL { ?x rdfs:label ?label } }"):
        if r["x"] in info:
            d = info[r["x"]]
            d["types"].add(g.ccr + "State")
            d["iso3"] = d["iso3"] or r["iso3"]
            d["qid"] = d["qid"] or r["qid"]
            d["label"] = d["label"] or r["label"]
    return info


def collect_events(settings: Settings) -> tuple[list[dict], dict[str, dict]]:
    """One dict per event node (dates, codes, roles, place, first source passage), sorted by (start, IRI)."""
    g = _Graph(settings)
    values = " ".join(f"<{c}>" for c in _event_classes(g))
    events: dict[str, dict] = {}
    for r in g.rows(f"""SELECT ?e ?type ?label ?start ?end ?cameo ?plover ?mode ?context ?place ?passage ?text ?so ?eo
                               ?article ?atitle WHERE {{
            ?e a ?type . VALUES ?type {{ {values} }}
            OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ ?e ccr:startDate ?start }} OPTIONAL {{ ?e ccr:endDate ?end }}
            OPTIONAL {{ ?e ccr:cameoCode ?cameo }} OPTIONAL {{ ?e ccr:ploverCategory ?plover }}
            OPTIONAL {{ ?e ccr:ploverMode ?mode }} OPTIONAL {{ ?e ccr:ploverContext ?context }}
            OPTIONAL {{ ?e ccr:location ?place }}
            OPTIONAL {{ ?e ccr:sourcePassage ?passage OPTIONAL {{ ?passage ccr:text ?text }}
                        OPTIONAL {{ ?passage ccr:startOffset ?so }} OPTIONAL {{ ?passage ccr:endOffset ?eo }}
                        OPTIONAL {{ ?passage ccr:inArticle ?article OPTIONAL {{ ?article rdfs:label ?atitle }} }} }}
        }} ORDER BY ?e ?passage"""):
        ev = events.setdefault(r["e"], {"iri": r["e"], "types": set(), "label": r["label"], "start": r["start"], "end": r["end"],
                                        "cameo": r["cameo"], "plover": r["plover"], "mode": r["mode"], "contexts": set(),
                                        "place": r["place"], "passage": r["passage"], "text": r["text"], "so": r["so"],
                                        "eo": r["eo"], "article": r["article"], "article_title": r["atitle"],
                                        "roles": defaultdict(list)})
        ev["types"].add(r["type"])
        if r["context"]:
            ev["contexts"].add(r["context"])
        for k, col in (("label", "label"), ("start", "start"), ("end", "end"), ("cameo", "cameo"), ("plover", "plover"),
                       ("mode", "mode"), ("place", "place")):
            ev[k] = ev[k] or r[col]
    roles = " ".join(f"ccr:{r}" for r in ROLES)
    for r in g.rows(f"SELECT ?e ?role ?x WHERE {{ ?e ?role ?x . VALUES ?role {{ {roles} }} }} ORDER BY ?e ?role ?x"):
        if r["e"] in events:
            role = r["role"][len(g.ccr):]
            if r["x"] not in events[r["e"]]["roles"][role]:
                events[r["e"]]["roles"][role].append(r["x"])
    ancestors: dict[str, set] = defaultdict(set)
    for r in g.rows(f'SELECT ?sub ?sup WHERE {{ ?sub rdfs:subClassOf+ ?sup FILTER(STRSTARTS(STR(?sub), "{g.ccr}")) }}'):
        ancestors[r["sub"]].add(r["sup"])
    for ev in events.values():  # the most specific type: one that is no other asserted type's superclass
        broader = set().union(*(ancestors[t] for t in ev["types"]))
        specific = sorted(t for t in ev["types"] if t not in broader and t != g.ccr + "Event") or sorted(ev["types"])
        ev["type"] = specific[0][len(g.ccr):] if specific[0].startswith(g.ccr) else specific[0]
    ordered = sorted(events.values(), key=lambda e: (e["start"] or "9999", e["iri"]))
    return ordered, _entities(g)


def _people(ev: dict) -> list[str]:
    """Everyone involved, in role order, without repeats (host/visitor are participants too)."""
    out: list[str] = []
    for role in ("visitor", "host", "participant", "organizer"):
        for x in ev["roles"].get(role, []):
            if x not in out:
                out.append(x)
    return out


def event_row(ev: dict, ents: dict[str, dict]) -> dict:
    def name(x):
        return ents.get(x, {}).get("label") or x.rsplit("/", 1)[-1]

    people = _people(ev)
    place = ents.get(ev["place"], {}) if ev["place"] else {}
    return {
        "event": ev["iri"], "type": ev["type"], "label": ev["label"] or "", "start": ev["start"] or "",
        "end": ev["end"] or ev["start"] or "", "cameo": ev["cameo"] or "", "plover_category": ev["plover"] or "",
        "plover_mode": ev["mode"] or "", "plover_context": ";".join(sorted(ev["contexts"])),
        "participants": ";".join(name(x) for x in people),
        "participant_qids": ";".join(ents.get(x, {}).get("qid") or "" for x in people),
        "hosts": ";".join(name(x) for x in ev["roles"].get("host", [])),
        "visitors": ";".join(name(x) for x in ev["roles"].get("visitor", [])),
        "place": name(ev["place"]) if ev["place"] else "", "place_qid": place.get("qid") or "",
        "article": ev["article"] or "", "passage": ev["passage"] or "", "passage_text": ev["text"] or "",
    }


def _actor(x: str, ents: dict[str, dict], ccr: str) -> dict:
    """A PLOVER actor object: country code (ISO 3166 alpha-3, 'IGO' for organisations), sector, Wikidata QID."""
    d = ents.get(x, {})
    types = {t[len(ccr):] for t in d.get("types", ()) if t.startswith(ccr)}
    country = ents.get(d.get("country"), {}) if d.get("country") else {}
    if "State" in types:
        code, sector = d.get("iso3"), "GOV"
    elif types & {"InternationalOrganization"}:
        code, sector = "IGO", None
    else:
        code = country.get("iso3")
        sector = "MIL" if "ArmedService" in types else "BUS" if "Company" in types else "GOV" if types & {
            "Person", "GovernmentBody", "Ministry", "Commission", "Parliament"} else None
    actor = {"code": code, "sector": sector, "entity_text": d.get("label") or x.rsplit("/", 1)[-1],
             "identifier_id": d.get("qid"), "identifier_text": d.get("label"), "iri": x}
    return {k: v for k, v in actor.items() if v is not None}


def plover_record(ev: dict, ents: dict[str, dict], ccr: str, version: str | None) -> dict:
    """PLOVER JSON (required: id, date, actor, event); the visitor is the actor and the host the recipient."""
    visitors, hosts = ev["roles"].get("visitor", []), ev["roles"].get("host", [])
    if visitors and hosts:
        actors, recipients = visitors, [h for h in hosts if h not in visitors]
    else:
        actors, recipients = _people(ev), []
    rec = {"id": ev["iri"], "date": ev["start"], "event": ev["plover"], "mode": ev["mode"],
           "context": sorted(ev["contexts"]), "actor": [_actor(x, ents, ccr) for x in actors],
           "recipient": [_actor(x, ents, ccr) for x in recipients]}
    if ev["end"] and ev["end"] != ev["start"]:
        rec["enddate"] = ev["end"]
    if ev["place"]:
        p = ents.get(ev["place"], {})
        rec["event_loc"] = {k: v for k, v in {"name": p.get("label"), "identifier_id": p.get("qid"), "iri": ev["place"]}.items() if v}
    if ev["text"]:
        rec["text"] = ev["text"]
        rec["text_info"] = {k: int(v) for k, v in (("start", ev["so"]), ("end", ev["eo"])) if v is not None}
    rec["cite_info"] = {k: v for k, v in {"publication": "Comparative Connections", "title": ev["article_title"],
                                          "url": ev["article"], "passage": ev["passage"], "dataset_version": version,
                                          "codebook_version": "PLOVER 0.7b1"}.items() if v}
    if ev["cameo"]:
        rec["comment"] = f"CAMEO {ev['cameo']}; type {ev['type']}"
    return {k: v for k, v in rec.items() if v not in (None, [], {})}


def dyad_counts(events: list[dict], ents: dict[str, dict], ccr: str) -> list[dict]:
    """(year, actor, recipient, PLOVER category, CAMEO root) -> number of events (see the module docstring)."""

    def state(x):
        d = ents.get(x, {})
        if ccr + "State" in d.get("types", ()):
            return x
        c = d.get("country")
        return c if c and ccr + "State" in ents.get(c, {}).get("types", ()) else None

    def code(s):
        return ents[s].get("iso3") or s.rsplit("/", 1)[-1]

    counts: Counter = Counter()
    for ev in events:
        if not ev["start"]:
            continue
        year = ev["start"][:4]
        visitors = {s for s in map(state, ev["roles"].get("visitor", [])) if s}
        hosts = {s for s in map(state, ev["roles"].get("host", [])) if s}
        if visitors and hosts:
            pairs = {(code(a), code(b)) for a in visitors for b in hosts if a != b}
        else:
            states = sorted({code(s) for s in map(state, _people(ev)) if s})
            pairs = set(combinations(states, 2))
        cameo_root = (ev["cameo"] or "")[:2]
        for a, b in pairs:
            counts[(year, a, b, ev["plover"] or "", cameo_root)] += 1
    return [dict(zip(DYAD_COLUMNS, (*k, n))) for k, n in sorted(counts.items())]


def export(settings: Settings, what: str, fmt: str, out: BinaryIO) -> int:
    """Write the export to a binary stream; returns the number of rows (records) written."""
    if what not in ("events", "dyad-years"):
        raise BadRequest(f"unknown export {what!r}", hint="use 'events' or 'dyad-years'")
    if fmt not in ("csv", "jsonl", "plover"):
        raise BadRequest(f"unknown format {fmt!r}", hint="use csv, jsonl or plover")
    events, ents = collect_events(settings)
    ccr = settings.ontology_ns
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if what == "dyad-years":
            if fmt == "plover":
                raise BadRequest("dyad-years are counts, not events", hint="use --format csv or jsonl")
            rows = dyad_counts(events, ents, ccr)
            _write(text, fmt, DYAD_COLUMNS, rows)
            return len(rows)
        if fmt == "plover":
            version = _version(settings)
            n = 0
            for ev in events:
                if ev["plover"] and ev["start"]:
                    text.write(json.dumps(plover_record(ev, ents, ccr, version), ensure_ascii=False, sort_keys=True) + "\n")
                    n += 1
            return n
        rows = [event_row(ev, ents) for ev in events]
        _write(text, fmt, EVENT_COLUMNS, rows)
        return len(rows)
    finally:
        text.flush()
        text.detach()


def _write(text, fmt: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    if fmt == "csv":
        w = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    else:
        for r in rows:
            text.write(json.dumps(r, ensure_ascii=False) + "\n")


def _version(settings: Settings) -> str | None:
    if settings.data_file is not None:
        return None
    try:
        from kg.store import current_build_dir, store_version

        build = current_build_dir(settings)
        return store_version(build) if build else None
    except Exception:  # noqa: BLE001 - the version is informative only
        return None
