"""Entity pages, ontology docs, VoID, dumps, JSON-LD context and the query page (server.pages).

Runs the real app (server.create_app, or the pages blueprint over the real engine while the
factory is not there yet) over tests/interop/sample.trig served as a dataset file.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from interop.apps import DEFAULT_BASE, close_app, make_app, sample_file, settings_for  # noqa: E402

B = DEFAULT_BASE
RES, CCR = f"{B}/resource/", f"{B}/ontology#"
XI = RES + "xi-jinping"
OWL_SAMEAS = rdflib.OWL.sameAs
QUERIES = {
    "01-events.rq": "# title: Events on a timeline\n# description: Every dated event, <em>first</em> to last.\n"
                    "#defaultView:Timeline\nSELECT ?event ?label ?start ?end WHERE { ?event ccr:startDate ?start ; "
                    "rdfs:label ?label OPTIONAL { ?event ccr:endDate ?end } } ORDER BY ?start\n",
    "02-qids.rq": "# Entities linked to Wikidata\n# Each entity with its QID.\nPREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
                  "SELECT ?x ?wd WHERE { ?x owl:sameAs ?wd } ORDER BY ?x\n",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages")
    qdir = tmp / "queries"
    qdir.mkdir()
    for name, text in QUERIES.items():
        (qdir / name).write_text(text, encoding="utf-8")
    data = sample_file(tmp)
    settings = settings_for(tmp, data, queries_dir=qdir)
    app = make_app(settings)
    yield app, app.test_client(), settings, data
    close_app(app)


@pytest.fixture(scope="module")
def client(env):
    return env[1]


def sample_graph(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def minted_iris(path: Path) -> list[str]:
    store = sample_graph(path)
    iris = {t.value for q in store for t in (q.subject, q.object) if isinstance(t, ox.NamedNode) and t.value.startswith(RES)}
    return sorted(iris)


# --- entity pages -------------------------------------------------------------------------------
def test_entity_page_shows_label_types_wikidata_facts_sources(client):
    r = client.get("/resource/xi-jinping")
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "<h1>Xi Jinping</h1>" in html
    assert 'href="https://www.wikidata.org/wiki/Q15031"' in html
    assert "习近平" in html  # the native-script alternative label
    # every fact about him with its source passage and article
    for text in ("July 3-4, 2017: Xi Jinping pays a state visit to Russia.",
                 "Sept. 3-5, 2017: Xi Jinping hosts the ninth BRICS summit in Xiamen; Putin attends.",
                 "Nov. 10, 2017: Xi and Putin meet in Da Nang on the sidelines of APEC."):
        assert text in html
    assert html.count("Between the Past and the Future") >= 3
    assert 'href="/resource/article/cc-19-3-china-russia"' in html
    assert 'href="/resource/event/2017-07-03-visit-xi-jinping-russia"' in html
    assert "as visitor" in html  # his role in the visit
    # the timeline of his events, in date order
    tl = html[html.index('class="timeline"'):]
    assert tl.index("state visit to Russia") < tl.index("Ninth BRICS summit") < tl.index("meet at APEC")


def test_incoming_links_are_grouped_with_counts(client):
    html = client.get("/resource/russia").get_data(as_text=True)
    section = html[html.index("Incoming links"):]
    counts = dict(re.findall(r'>([a-z ]+)</a> <span class="curie">ccr:\w+</span> <span class="count">(\d+)</span>', section))
    assert counts == {"country": "1", "host": "1", "participant": "2"}  # Putin's country; the visit; summit + exercise


def test_blank_nodes_are_nested_in_the_page(client):
    html = client.get("/resource/event/2017-07-03-visit-xi-jinping-russia").get_data(as_text=True)
    assert '<table class="nested">' in html and "a remark kept as a blank node" in html


@pytest.mark.parametrize("path", ["/resource/event/2017-09-18-navalexercise-joint-sea-2017", "/resource/brics",
                                  "/resource/passage/cc-19-3-china-russia-200-290", "/resource/xiamen", "/resource/china"])
def test_no_markup_from_documents_runs(client, path):
    html = client.get(path).get_data(as_text=True)
    assert "<script>alert" not in html and "<b>second phase</b>" not in html
    assert 'href="javascript:' not in html.lower()
    assert "&lt;script&gt;alert" in html or "&lt;b&gt;second phase&lt;/b&gt;" in html or path.endswith(("xiamen", "china"))


def test_every_minted_iri_dereferences(env):
    app, client, settings, data = env
    iris = minted_iris(data)
    assert len(iris) == 16  # 7 entities, 4 events, 4 passages, 1 article
    for iri in iris:
        path = "/resource/" + iri[len(RES):]
        assert client.get(path).status_code == 200, iri
        r = client.get(path, headers={"Accept": "text/turtle"})
        assert r.status_code == 200, iri
        g = rdflib.Graph().parse(data=r.data, format="turtle")
        assert any(rdflib.URIRef(iri) in (s, o) for s, _, o in g), iri


ACCEPTS = [
    ("text/html", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
    ("application/rdf+xml;q=0.3, text/turtle", "text/turtle"),
    ("application/json", "application/ld+json"),
    ("*/*", "text/html"),
    ("", "text/html"),
]


@pytest.mark.parametrize("accept,expected", ACCEPTS)
def test_content_negotiation(client, accept, expected):
    r = client.get("/resource/xi-jinping", headers={"Accept": accept} if accept else {})
    assert r.status_code == 200
    assert r.mimetype == expected
    assert "Accept" in r.headers["Vary"]
    links = r.headers["Link"]
    for mime in ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"):
        assert f'type="{mime}"' in links and 'rel="alternate"' in links


@pytest.mark.parametrize("fmt,mime,parser", [("ttl", "text/turtle", "turtle"), ("turtle", "text/turtle", "turtle"),
                                             ("jsonld", "application/ld+json", "json-ld"), ("nt", "application/n-triples", "nt"),
                                             ("rdf", "application/rdf+xml", "xml")])
def test_format_parameter_gives_the_same_description(client, fmt, mime, parser):
    r = client.get(f"/resource/xi-jinping?format={fmt}", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == mime
    g = rdflib.Graph().parse(data=r.data, format=parser)
    ref = rdflib.Graph().parse(data=client.get("/resource/xi-jinping?format=nt").data, format="nt")
    assert isomorphic(g, ref)
    xi = rdflib.URIRef(XI)
    assert (xi, OWL_SAMEAS, rdflib.URIRef("http://www.wikidata.org/entity/Q15031")) in g
    assert (rdflib.URIRef(RES + "event/2017-07-03-visit-xi-jinping-russia"), rdflib.URIRef(CCR + "visitor"), xi) in g  # incoming


def test_unacceptable_and_unknown(client):
    assert client.get("/resource/xi-jinping", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/resource/xi-jinping?format=pdf").status_code == 406
    r = client.get("/resource/no-such-thing")
    assert r.status_code == 404 and "Not in the graph" in r.get_data(as_text=True)
    r = client.get("/resource/no-such-thing", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and r.is_json and r.get_json()["ok"] is False
    assert client.get("/resource/a%3Eb%22c").status_code == 404  # cannot be an IRI: never reaches SPARQL


def test_pages_follow_the_configured_base(tmp_path):
    base = "http://example.org/kg"
    data = sample_file(tmp_path, base)
    app = make_app(settings_for(tmp_path, data, base_iri=base))
    try:
        c = app.test_client()
        r = c.get("/resource/xi-jinping?format=nt")
        assert r.status_code == 200
        assert f"<{base}/resource/xi-jinping> <http://www.w3.org/2002/07/owl#sameAs>" in r.get_data(as_text=True)
        html = c.get("/resource/xi-jinping").get_data(as_text=True)
        assert 'href="/resource/event/2017-07-03-visit-xi-jinping-russia"' in html  # local links on any host
        assert c.get("/ontology?format=ttl").get_data(as_text=True).count(f"{base}/ontology#") >= 1
    finally:
        close_app(app)


# --- ontology ---------------------------------------------------------------------------------------
def test_ontology_html_documents_every_term(client, env):
    data = env[3]
    html = client.get("/ontology").get_data(as_text=True)
    store = sample_graph(data)
    terms = [s.value[len(CCR):] for s in {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None, ox.NamedNode(f"{B}/graph/ontology"))}
        if isinstance(s, ox.NamedNode) and s.value.startswith(CCR)]
    assert len(terms) > 30
    for t in terms:
        assert f'id="{t}"' in html, t  # /ontology#Term lands on its documentation
    assert "A meeting of leaders." in html  # comments
    assert "<em>or</em>" in html  # the union domain of ccr:country rendered
    assert 'href="/ontology#Event"' in html  # hierarchy links stay on this host


@pytest.mark.parametrize("accept,mime,parser", [("text/turtle", "text/turtle", "turtle"),
                                                ("application/rdf+xml", "application/rdf+xml", "xml"),
                                                ("application/n-triples", "application/n-triples", "nt"),
                                                ("application/ld+json", "application/ld+json", "json-ld")])
def test_ontology_negotiation(client, accept, mime, parser):
    r = client.get("/ontology", headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mime and "Accept" in r.headers["Vary"]
    g = rdflib.Graph().parse(data=r.data, format=parser)
    ref = rdflib.Graph().parse(data=client.get("/ontology.ttl").data, format="turtle")
    assert len(g) == len(ref) > 100 and isomorphic(g, ref)
    assert client.get("/ontology.owl").mimetype == "application/rdf+xml"


# --- VoID, dumps, context, examples ---------------------------------------------------------------
def test_void_counts_match_the_data(client, env):
    data = env[3]
    r = client.get("/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    g = rdflib.Graph().parse(data=r.data, format="turtle")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = rdflib.URIRef(f"{B}/void#dataset")
    store = sample_graph(data)
    distinct = {(q.subject, q.predicate, q.object) for q in store}
    assert int(g.value(ds, VOID.triples)) == len(distinct)
    assert str(g.value(ds, VOID.sparqlEndpoint)) == "http://localhost/sparql"
    linksets = list(g.subjects(rdflib.RDF.type, VOID.Linkset))
    assert len(linksets) == 1 and int(g.value(linksets[0], VOID.triples)) == 4
    assert g.value(linksets[0], VOID.linkPredicate) == OWL_SAMEAS
    summit = [p for p in g.objects(ds, VOID.classPartition) if g.value(p, VOID["class"]) == rdflib.URIRef(CCR + "Summit")]
    assert len(summit) == 1 and int(g.value(summit[0], VOID.entities)) == 1
    graphs = {str(g.value(s, rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#name"))): int(g.value(s, VOID.triples))
              for s in g.objects(ds, VOID.subset) if (s, rdflib.RDF.type, VOID.Dataset) in g}
    assert graphs[f"{B}/graph/entities"] == len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(f"{B}/graph/entities"))))
    html = client.get("/void").get_data(as_text=True)
    assert "Links to Wikidata" in html
    assert client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data == r.data


def test_dumps_are_listed_and_served(tmp_path):
    data = sample_file(tmp_path)
    build = tmp_path / "var" / "stores" / "b1"
    (build / "db").mkdir(parents=True)
    (build / "dumps").mkdir()
    (build / "dumps" / "graph.trig").write_bytes(data.read_bytes())
    (build / "dumps" / "graph.nq.gz").write_bytes(b"\x1f\x8b fake gzip")
    (build / "manifest.json").write_text("{}", encoding="utf-8")
    (tmp_path / "var" / "current").symlink_to(build)
    app = make_app(settings_for(tmp_path, data))
    try:
        c = app.test_client()
        listing = c.get("/dumps?format=json").get_json()
        assert [f["name"] for f in listing["files"]] == ["graph.nq.gz", "graph.trig"]
        assert "graph.trig" in c.get("/dumps").get_data(as_text=True)
        r = c.get("/dumps/graph.trig")
        assert r.status_code == 200 and r.mimetype == "application/trig" and r.data == data.read_bytes()
        assert c.get("/dumps/graph.nq.gz").mimetype == "application/gzip"
        for bad in ("/dumps/manifest.json", "/dumps/..%2Fmanifest.json", "/dumps/.hidden", "/dumps/nope.ttl"):
            assert c.get(bad).status_code == 404, bad
        void = rdflib.Graph().parse(data=c.get("/void?format=ttl").data, format="turtle")
        dumps = sorted(str(o) for o in void.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#dataDump")))
        assert dumps == ["http://localhost/dumps/graph.nq.gz", "http://localhost/dumps/graph.trig"]
    finally:
        close_app(app)


def test_dumps_page_without_a_build(client):
    r = client.get("/dumps")
    assert r.status_code == 200 and "no dumps" in r.get_data(as_text=True)
    assert client.get("/dumps/graph.trig").status_code == 404


def test_context_compacts_our_data(client):
    r = client.get("/context.jsonld")
    assert r.mimetype == "application/ld+json" and r.headers["Access-Control-Allow-Origin"] == "*"
    ctx = r.get_json()["@context"]
    assert ctx["ccr"] == CCR and ctx["participant"] == {"@id": "ccr:participant", "@type": "@id"}
    assert ctx["startDate"] == {"@id": "ccr:startDate", "@type": "xsd:date"}
    assert ctx["Summit"] == "ccr:Summit"
    doc = {"@context": ctx, "@id": RES + "event/x", "@type": "Summit", "startDate": "2017-09-03", "participant": RES + "china"}
    g = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    ev = rdflib.URIRef(RES + "event/x")
    assert (ev, rdflib.URIRef(CCR + "participant"), rdflib.URIRef(RES + "china")) in g
    assert (ev, rdflib.URIRef(CCR + "startDate"), rdflib.Literal("2017-09-03", datatype=rdflib.XSD.date)) in g


def test_examples_json_and_page(env):
    app, client, settings, _ = env
    examples = client.get("/queries").get_json()
    assert [e["name"] for e in examples] == ["01-events", "02-qids"]
    ev, qids = examples
    assert ev["title"] == "Events on a timeline" and ev["view"] == "timeline"
    assert qids["title"] == "Entities linked to Wikidata" and qids["description"] == "Each entity with its QID."
    assert "PREFIX ccr: <" in ev["query"] and ev["query"].startswith("# title")  # missing prefixes added under the header
    assert qids["query"].count("PREFIX owl:") == 1
    from server.pages import _engine

    with app.app_context():
        assert len(_engine().select(ev["query"])) == 4 and len(_engine().select(qids["query"])) == 4
    html = client.get("/").get_data(as_text=True)
    assert "<em>first</em>" not in html  # descriptions are text, even inside the JSON config
    assert 'data-name="01-events"' in html and "/assets/yasgui/yasgui.min.js" in html


def test_query_page_works_offline(client):
    html = client.get("/").get_data(as_text=True)
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and not [u for u in refs if u.startswith(("http:", "https:", "//")) and "/sparql" not in u]
    for asset in ("/assets/yasgui/yasgui.min.js", "/assets/yasgui/yasgui.min.css", "/assets/query.js", "/assets/kg.css"):
        r = client.get(asset)
        assert r.status_code == 200 and len(r.data) > 1000, asset
    assert "MIT" in (Path(__file__).resolve().parent.parent / "server/static/yasgui/LICENSE").read_text()
    js = client.get("/assets/query.js").get_data(as_text=True)
    assert "autocompleters = []" in js and "persistenceId: null" in js and 'window.location.origin + "/sparql"' in js
    assert ".innerHTML" not in js  # data only ever goes in as text


def test_conditional_requests(client):
    r = client.get("/resource/xi-jinping", headers={"Accept": "text/turtle"})
    etag = r.headers["ETag"]
    assert r.headers["Cache-Control"].startswith("public")
    again = client.get("/resource/xi-jinping", headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    html = client.get("/resource/xi-jinping", headers={"If-None-Match": etag})
    assert html.status_code == 200 and html.headers["ETag"] != etag  # another representation, another validator
    onto = client.get("/ontology")
    assert client.get("/ontology", headers={"If-None-Match": onto.headers["ETag"]}).status_code == 304


# --- the real seed graph ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_app(tmp_path_factory):
    """The graph `kg build` makes from seeds/, served as `kg serve` serves it."""
    from kg.pipeline import build

    tmp = tmp_path_factory.mktemp("seeds")
    settings = settings_for(tmp, None)
    build(settings, None, dumps=True)
    app = make_app(settings)
    yield app, settings
    close_app(app)


@pytest.mark.slow
def test_seed_graph_every_minted_iri_dereferences(seed_app):
    from kg.store import open_current

    app, settings = seed_app
    store = open_current(settings)
    res = settings.resource_ns
    iris = sorted({t.value for q in store for t in (q.subject, q.object) if isinstance(t, ox.NamedNode) and t.value.startswith(res)})
    same_as = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(OWL_SAMEAS)), None)
               if isinstance(q.subject, ox.NamedNode)}
    assert len(iris) > 300
    c = app.test_client()
    for iri in iris:
        path = "/resource/" + iri[len(res):]
        r = c.get(path)
        assert r.status_code == 200, iri
        html = r.get_data(as_text=True)
        assert "<script>" not in html, iri
        if iri in same_as and same_as[iri].startswith("http://www.wikidata.org/entity/"):
            assert f'href="https://www.wikidata.org/wiki/{same_as[iri].rsplit("/", 1)[-1]}"' in html, iri
        nt = c.get(path, headers={"Accept": "application/n-triples"})
        assert nt.status_code == 200 and f"<{iri}>" in nt.get_data(as_text=True), iri


@pytest.mark.slow
def test_seed_graph_events_show_their_passages(seed_app):
    from kg.store import open_current

    app, settings = seed_app
    q = f"""SELECT ?e ?text WHERE {{ ?e <{settings.ontology_ns}sourcePassage> ?p . ?p <{settings.ontology_ns}text> ?text .
             FILTER(STRSTARTS(STR(?e), "{settings.resource_ns}event/")) }} ORDER BY ?e LIMIT 40"""
    rows = [(s["e"].value, s["text"].value) for s in open_current(settings).query(q, use_default_graph_as_union=True)]
    assert rows
    c = app.test_client()
    from markupsafe import escape

    for iri, text in rows:
        html = c.get("/resource/" + iri[len(settings.resource_ns):]).get_data(as_text=True)
        assert str(escape(text)) in html, iri


@pytest.mark.slow
def test_seed_graph_ontology_and_void(seed_app):
    app, settings = seed_app
    c = app.test_client()
    html = c.get("/ontology").get_data(as_text=True)
    for term in ("Summit", "NavalExercise", "participant", "sourcePassage", "startDate", "FullMember"):
        assert f'id="{term}"' in html, term
    g = rdflib.Graph().parse(data=c.get("/void?format=ttl").data, format="turtle")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    dumps = {str(o).rsplit("/", 1)[-1] for o in g.objects(None, VOID.dataDump)}
    assert {"graph.trig", "graph.nq.gz", "graph.jsonld"} <= dumps
    assert int(next(g.objects(next(g.subjects(rdflib.RDF.type, VOID.Linkset)), VOID.triples))) > 20


def test_search(client):
    r = client.get("/search?q=xi", headers={"Accept": "application/json"})
    hits = r.get_json()["results"]
    assert [h["label"] for h in hits][:1] == ["Xi Jinping"] and hits[0]["type"] == CCR + "Person"
    assert [h["iri"] for h in client.get("/search?q=%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F&format=json").get_json()["results"]] == [RES + "russia"]
    html = client.get('/search?q=<script>"\\').get_data(as_text=True)  # quotes and backslashes cannot break the query
    assert '<script>"' not in html and "0 results" in html
    html = client.get("/search?q=brics").get_data(as_text=True)
    assert 'href="/resource/brics"' in html and "&lt;script&gt;" in html
    assert client.get("/search").status_code == 200


def test_entity_page_links_to_a_query(client):
    html = client.get("/resource/xi-jinping").get_data(as_text=True)
    href = re.search(r'href="(/\?query=[^"]+)"', html).group(1)
    from urllib.parse import parse_qs, urlparse

    query = parse_qs(urlparse(href.replace("&amp;", "&")).query)["query"][0]
    assert f"<{XI}> ?property ?value" in query


def test_article_page_has_the_timeline_of_its_events(client):
    html = client.get("/resource/article/cc-19-3-china-russia").get_data(as_text=True)
    assert "4 dated events, 2017-07-03 – 2017-11-10" in html


@pytest.mark.slow
def test_seed_graph_default_query_without_examples(seed_app):
    app, settings = seed_app
    html = app.test_client().get("/").get_data(as_text=True)
    cfg = json.loads(re.search(r'<script type="application/json" id="kg-config">(.*?)</script>', html, re.S).group(1))
    assert cfg["examples"] == [] and "No example queries installed" in html
    from server.pages import _engine

    with app.app_context():
        assert len(_engine().select(cfg["defaultQuery"])) == 100
