"""The query engine: worker processes, deadlines, crashes, store modes, reloads, the Python API."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import psutil
import pyoxigraph as ox
import pytest

from endpoint_support import GRAPH, PREFIXES, RELATIONS, RES, RUNAWAY
from kg.errors import NotAcceptable, QueryMemoryExceeded, QuerySyntaxError, QueryTimeout
from kg.settings import Settings
from server import formats
from server.engine import EmbeddedEngine, make_engine
from server.pool import EngineFailure


def _settings(**kw) -> Settings:
    return Settings.from_env(data_file=RELATIONS, **kw)


@pytest.fixture(scope="module")
def engine():
    e = EmbeddedEngine(_settings(query_workers=1, query_workers_max=3, query_timeout_s=1.0))
    yield e
    e.close()


@pytest.fixture(scope="module")
def reference():
    store = ox.Store()
    store.load(path=str(RELATIONS), format=ox.RdfFormat.TRIG)
    return store


QUERIES = [
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT ?s ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?missing } }",
    PREFIXES + "SELECT ?l (LANG(?l) AS ?lang) WHERE { ?x rdfs:label ?l }",
    PREFIXES + "SELECT ?v WHERE { ?m ccr:amount ?v }",
    PREFIXES + "SELECT ?node WHERE { ?a ccr:value ?node }",  # a blank node
    "SELECT (COUNT(*) AS ?n) (SUM(1) AS ?one) (\"x\\\"y\" AS ?quote) (STRDT(\"1\", <urn:dt>) AS ?typed) WHERE { }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT * WHERE { } LIMIT 0",
    "SELECT ?x WHERE { VALUES ?x { \"tab\\tnewline\\n\" \"中国\"@zh <urn:é> } }",
    "SELECT ?t WHERE { BIND(<<( <urn:a> <urn:b> <urn:c> )>> AS ?t) }",
]


@pytest.mark.parametrize("query", QUERIES)
def test_json_serialiser_matches_pyoxigraph(engine, reference, query):
    """Our capped SPARQL JSON writer gives exactly what pyoxigraph's own serialiser gives."""
    ours = json.loads(engine.run(query).body)
    native = json.loads(reference.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON))
    assert ours["head"] == native["head"]
    key = lambda b: json.dumps(b, sort_keys=True)  # noqa: E731  (order may differ for unordered queries)
    if "bnode" in json.dumps(native):  # blank node labels are per store: compare the shape
        assert [sorted(b) for b in ours["results"]["bindings"]] == [sorted(b) for b in native["results"]["bindings"]]
    else:
        assert sorted(map(key, ours["results"]["bindings"])) == sorted(map(key, native["results"]["bindings"]))


def test_python_api(engine):
    rows = engine.select(PREFIXES + "SELECT ?n WHERE { ?e ccr:eventName ?n } ORDER BY ?n")
    assert [r["n"]["value"] for r in rows] == ["BRICS summit", "Joint Sea-2017", "Xi Jinping state visit to Moscow"]
    assert engine.ask(PREFIXES + "ASK { res:russia a ccr:State }") is True
    assert engine.ask(PREFIXES + "ASK { res:russia a ccr:Person }") is False
    ttl = engine.construct(PREFIXES + "CONSTRUCT { ?s a ccr:State } WHERE { ?s a ccr:State }")
    assert len(list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) == 2
    nt = engine.construct(PREFIXES + "DESCRIBE res:china", mime=formats.NTRIPLES)
    assert f"<{RES}china>".encode() in nt
    res = engine.run("SELECT * WHERE { ?s ?p ?o }", mime=formats.TSV, row_cap=3)
    assert res.truncated and res.rows == 3 and res.content_type.startswith("text/tab-separated-values")
    assert res.store_version == engine.store_version and res.store_version.startswith("file-")
    with pytest.raises(QuerySyntaxError):
        engine.select("SELECT WHERE")
    with pytest.raises(NotAcceptable):
        engine.run("ASK {}", mime=(None, formats.TURTLE))


def test_deadline_kills_the_query_and_others_are_served_meanwhile(engine):
    errors: list[Exception] = []

    def runaway():
        try:
            engine.run(RUNAWAY, timeout_s=1.0)
        except Exception as exc:  # expected: QueryTimeout
            errors.append(exc)

    before = engine.stats()["kills"]
    threads = [threading.Thread(target=runaway) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    latencies = []
    while any(t.is_alive() for t in threads):
        t0 = time.monotonic()
        assert engine.ask("ASK { ?s ?p ?o }", timeout_s=1.0)
        latencies.append(time.monotonic() - t0)
        time.sleep(0.02)
    for t in threads:
        t.join()
    assert len(errors) == 2 and all(isinstance(e, QueryTimeout) for e in errors)
    assert engine.stats()["kills"] == before + 2
    assert len(latencies) > 10 and max(latencies) < 0.5  # fast queries never waited for the runaways
    assert engine.ask("ASK { ?s ?p ?o }")


def test_killed_processes_really_stop(engine):
    """The runaway's process is gone after the deadline (the CPU is free again)."""
    zygote = psutil.Process(engine._pool._proc.pid)
    with pytest.raises(QueryTimeout):
        engine.run(RUNAWAY, timeout_s=0.3)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        busy = [p for p in zygote.children() if p.is_running() and p.status() != psutil.STATUS_ZOMBIE
                and p.cpu_times().user > 0.25]
        if not busy:
            break
        time.sleep(0.05)
    assert not busy


def test_a_worker_that_died_is_replaced(engine):
    zygote = psutil.Process(engine._pool._proc.pid)
    assert engine.ask("ASK {}")
    for child in zygote.children():  # kill every idle worker behind the engine's back
        os.kill(child.pid, signal.SIGKILL)
    time.sleep(0.1)
    assert engine.ask("ASK {}")  # an idle worker found dead is never handed out


def test_a_crash_during_a_query_is_reported_and_recovered():
    e = EmbeddedEngine(_settings(query_workers=1, max_query_depth=100000, query_timeout_s=10))
    try:
        deep = "SELECT * WHERE { FILTER(" + "(" * 20000 + "1" + ")" * 20000 + ") }"
        with pytest.raises(EngineFailure) as err:
            e.run(deep)  # overflows the engine's stack: the worker dies, not the server
        assert err.value.status == 500
        assert e.ask("ASK {}")
        assert e.stats()["crashes"] == 1
    finally:
        e.close()


#: ORDER BY holds every row of a 59^4 cross product: gigabytes, if nothing stops it
MEMORY_HOG = "SELECT ?a ?d ?g ?j WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j"


def test_a_query_past_the_memory_budget_is_stopped_and_others_are_served():
    e = EmbeddedEngine(_settings(query_workers=1, query_timeout_s=20, query_memory_mb=64))
    try:
        zygote = psutil.Process(e._pool._proc.pid)
        t0 = time.monotonic()
        with pytest.raises(QueryMemoryExceeded, match="more than 64 MiB") as err:
            e.run(MEMORY_HOG)
        assert err.value.status == 503 and time.monotonic() - t0 < 10  # long before the 20 s deadline
        assert e.stats()["memory_kills"] == 1 and e.stats()["kills"] == 0
        assert e.ask("ASK { ?s ?p ?o }")
        deadline = time.monotonic() + 5  # the hog's process is gone, its memory given back
        while time.monotonic() < deadline:
            big = [p for p in zygote.children() if p.is_running() and p.status() != psutil.STATUS_ZOMBIE
                   and p.memory_info().rss > 256 * 1024 * 1024]
            if not big:
                break
            time.sleep(0.05)
        assert not big
    finally:
        e.close()


def test_the_memory_budget_leaves_ordinary_and_long_streaming_queries_alone(engine):
    # the module engine runs with the default budget: a COUNT over a cross product streams (little memory)
    # and must end by its deadline, not by the memory check
    with pytest.raises(QueryTimeout):
        engine.run(RUNAWAY, timeout_s=0.5)
    assert engine.stats()["memory_kills"] == 0
    assert engine.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")


def test_workers_busy_until_deadline_is_503():
    e = EmbeddedEngine(_settings(query_workers=1, query_workers_max=1, query_timeout_s=2))
    try:
        t = threading.Thread(target=lambda: pytest.raises(QueryTimeout, e.run, RUNAWAY, timeout_s=1.5))
        t.start()
        time.sleep(0.2)
        with pytest.raises(QueryTimeout, match="busy"):
            e.run("ASK {}", timeout_s=0.3)
        t.join()
        assert e.ask("ASK {}")
    finally:
        e.close()


# --- the built store: read-only on disk or loaded in memory; picked up after a rebuild ----------------
def _quads(extra: int = 0):
    store = ox.Store()
    store.load(path=str(RELATIONS), format=ox.RdfFormat.TRIG)
    quads = list(store)
    for i in range(extra):
        quads.append(ox.Quad(ox.NamedNode(f"{RES}extra-{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)),
                             ox.NamedNode(GRAPH + "curated")))
    return quads


@pytest.mark.parametrize("in_memory", [True, False])
def test_built_store_modes(tmp_path, in_memory):
    from kg.store import write_build

    settings = Settings.from_env(data_dir=tmp_path, in_memory=in_memory, query_workers=1, store_check_s=0)
    manifest = write_build(settings, _quads(), dumps=False)
    e = make_engine(settings)
    try:
        assert e.store_version == manifest.version
        assert e.stats()["mode"] == ("memory" if in_memory else "disk")
        n = e.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"]
        assert int(n) == manifest.quads
    finally:
        e.close()


def test_a_rebuilt_store_is_picked_up_without_dropping_requests(tmp_path):
    from kg.store import write_build

    settings = Settings.from_env(data_dir=tmp_path, query_workers=1, store_check_s=0.2)
    first = write_build(settings, _quads(), dumps=False)
    e = make_engine(settings)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    try:
        assert int(e.select(count)[0]["n"]["value"]) == first.quads
        second = write_build(settings, _quads(extra=5), dumps=False)
        seen, failures = set(), 0
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                seen.add(int(e.select(count)[0]["n"]["value"]))
            except Exception:
                failures += 1
            if second.quads in seen:
                break
            time.sleep(0.02)
        assert second.quads in seen and failures == 0
        assert e.store_version == second.version
    finally:
        e.close()


def test_missing_store_is_a_clear_error(tmp_path):
    from kg.errors import StoreError

    with pytest.raises(StoreError) as err:
        make_engine(Settings.from_env(data_dir=tmp_path))
    assert "kg build" in err.value.hint


def test_update_applies_to_every_worker():
    e = EmbeddedEngine(_settings(query_workers=2))
    try:
        v = e.store_version
        out = e.update(f"INSERT DATA {{ GRAPH <{GRAPH}curated> {{ <{RES}moscow> <urn:p> 1 }} }}")
        assert e.store_version != v and out["store_version"] == e.store_version
        for _ in range(6):
            assert e.ask(f"ASK {{ <{RES}moscow> <urn:p> 1 }}")
        with pytest.raises(QuerySyntaxError):
            e.update("INSERT NOTHING")
    finally:
        e.close()


def test_slow_queries_yield_the_cpu_then_get_it_back():
    """A query past SLOW_QUERY_S runs at a lower priority (short queries keep their latency); its
    worker is kept afterwards with nice 0 (a re-fork would have to copy the store pages again)."""
    from server.pool import DEMOTED_NICE, SLOW_QUERY_S

    e = EmbeddedEngine(_settings(query_workers=1, query_timeout_s=20))
    try:
        zygote = psutil.Process(e._pool._proc.pid)
        slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . VALUES ?x { "
                + " ".join(str(i) for i in range(80)) + " } }")  # ~2 s on 2 cores
        out: list = []
        t = threading.Thread(target=lambda: out.append(e.select(slow)))
        t.start()
        time.sleep(SLOW_QUERY_S + 0.3)
        during = {p.pid: p.nice() for p in zygote.children()}
        t.join()
        assert out and int(out[0][0]["n"]["value"]) == 59 ** 3 * 80
        assert DEMOTED_NICE in during.values()
        demoted = next(pid for pid, nice in during.items() if nice == DEMOTED_NICE)
        assert psutil.Process(demoted).nice() == 0  # same worker, priority restored
    finally:
        e.close()


def test_the_dataset_process_is_restarted_if_it_dies():
    e = EmbeddedEngine(_settings(query_workers=1))
    try:
        zygote = psutil.Process(e._pool._proc.pid)
        workers = zygote.children()
        zygote.kill()
        for w in workers:
            w.kill()
        time.sleep(0.1)
        assert e.ask("ASK { ?s ?p ?o }")  # served by a new dataset process
        assert e._pool._proc.pid != zygote.pid
    finally:
        e.close()


def test_kg_serve_fails_fast_without_a_store(tmp_path):
    """`run()` resolves the dataset before starting gunicorn, so the user sees the hint at once."""
    from kg.errors import StoreError
    from server import run

    with pytest.raises(StoreError) as err:
        run(Settings.from_env(data_dir=tmp_path, port=1))
    assert "kg build" in err.value.hint
