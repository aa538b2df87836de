"""Tests of the benchmark tooling (not of performance): the generators produce what the benchmarks
claim to measure, and the query mix really is distinct / repeating as advertised.

Run: PYTHONPATH=. .venv/bin/pytest benchmarks/test_benchmarks.py -q
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest

from benchmarks import generate_corpus, generate_graph
from benchmarks.common import Proc, free_port, settle, tree, wait_for
from benchmarks.loadgen import count_rows, percentile
from benchmarks.mixes import JSON, MixBuilder, harvest
from kg.settings import Settings


# --- generated graph ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "g.nq"
    with path.open("w", encoding="utf-8") as out:
        stats = generate_graph.generate(out, triples=20_000, seed=3)
    return path, stats


def test_graph_is_valid_nquads_of_the_announced_size(small_graph):
    path, stats = small_graph
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    assert stats["quads"] >= 20_000
    assert len(store) >= 0.99 * stats["quads"]  # a few tenure quads repeat by construction
    graphs = {g.value for g in store.named_graphs()}
    base = Settings().base
    assert f"{base}/graph/ontology" in graphs and f"{base}/graph/entities" in graphs
    assert sum(g.startswith(f"{base}/graph/article/") for g in graphs) == stats["articles"]


def test_graph_is_deterministic():
    a, b = io.StringIO(), io.StringIO()
    generate_graph.generate(a, triples=3_000, seed=11)
    generate_graph.generate(b, triples=3_000, seed=11)
    c = io.StringIO()
    generate_graph.generate(c, triples=3_000, seed=12)
    assert a.getvalue() == b.getvalue() != c.getvalue()


def test_graph_has_the_shape_the_queries_need(small_graph):
    """Events with dates, participants, places in partOf chains, passages in named graphs, sameAs."""
    path, _ = small_graph
    constants, counts = harvest(path)
    assert constants.events and constants.persons and constants.qids and constants.years
    assert constants.regions, "event places must sit in partOf chains for the property-path queries"
    assert constants.pairs and constants.graphs
    base = Settings().base
    assert f"{base}/ontology#Event" in constants.event_classes  # reached through rdfs:subClassOf*


# --- query mix ----------------------------------------------------------------------------------
def test_cold_mix_is_distinct_across_calls_and_zipf_repeats(small_graph):
    path, _ = small_graph
    mb = MixBuilder(harvest(path)[0])
    seen: set[str] = set()
    first = mb.cold(3000, seed=1, seen=seen)
    second = mb.cold(3000, seed=2, seen=seen)
    texts = [q.text for q in first + second]
    assert len(set(texts)) == len(texts) == 6000
    assert {q.kind for q in first} == set(mb.kinds) and len(mb.kinds) == 10
    zipf = mb.zipf(5000, seed=3, pool=200)
    counts = sorted((sum(1 for q in zipf if q.text == t) for t in {q.text for q in zipf}), reverse=True)
    assert len(counts) <= 200 and counts[0] > 10 * counts[len(counts) // 2]  # a head and a long tail


@pytest.mark.parametrize("kind", MixBuilder.KINDS)
def test_every_query_kind_parses_and_mostly_answers(small_graph, kind):
    """Each kind is valid SPARQL and, on its own data, usually has an answer (not index misses)."""
    path, _ = small_graph
    constants, _ = harvest(path)
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    mb = MixBuilder(constants)
    rng = random.Random(5)
    answered = 0
    for _ in range(10):
        q = mb.make(kind, rng)
        res = store.query(q.text, use_default_graph_as_union=True)
        if isinstance(res, ox.QueryBoolean):
            answered += 1  # ASK: both answers are answers
        else:
            answered += bool(list(res))
    assert answered >= 5


# --- corpus -------------------------------------------------------------------------------------
def test_corpus_varies_the_seeds_and_is_deterministic(tmp_path):
    a = generate_corpus.generate(6, tmp_path / "a", seed=9)
    b = generate_corpus.generate(6, tmp_path / "b", seed=9)
    files_a = sorted((tmp_path / "a").iterdir())
    assert [p.read_bytes() for p in files_a] == [p.read_bytes() for p in sorted((tmp_path / "b").iterdir())]
    groups = generate_corpus.seed_groups()
    assert a["files"] == sum(len(groups[i % len(groups)]) for i in range(6)) == b["files"]
    twin = next(g for g in groups if len(g) == 2)  # 000 + 001: one article in two formats
    assert {n[:3] for n, _ in twin} == {"000", "001"}
    text = files_a[0].read_text(encoding="utf-8")
    seed_text = (generate_corpus.SEEDS / twin[0][0]).read_text(encoding="utf-8")
    assert "Vladimir Putin" in seed_text and "Vladimir Putin" not in text
    assert re.search(r"Vol\. 100, No\. \d", text)
    assert set(re.findall(r"\b20\d\d\b", text)) != set(re.findall(r"\b20\d\d\b", seed_text))


def test_corpus_articles_are_distinct_articles_for_the_reader(tmp_path):
    """The reader must see N articles (twins share one identity), else the build benchmark would merge them."""
    pytest.importorskip("kg.extract")
    from kg.documents import read_document
    from kg.extract import article_slug

    generate_corpus.generate(5, tmp_path, seed=1)
    slugs = {}
    for p in sorted(tmp_path.iterdir()):
        slugs.setdefault(p.name[:4], set()).add(article_slug(read_document(p)))
    assert all(len(s) == 1 for s in slugs.values())  # twins agree
    assert len({next(iter(s)) for s in slugs.values()}) == 5


def test_chronology_permutation_keeps_every_entry(tmp_path):
    groups = generate_corpus.seed_groups()
    name, text = groups[0][0]
    out = generate_corpus.Variant(0, random.Random(1))._permute(text)
    entries = lambda t: sorted(m.group(0) for m in generate_corpus.ENTRY.finditer(t))  # noqa: E731
    assert out != text and entries(out) == entries(text) and len(out) == len(text)


def test_build_phases_follow_the_pipelines_progress_messages(tmp_path):
    """bench_build times its phases from the pipeline's progress messages: every phase it names must
    be announced by a real seeds build, in order, or its table silently merges phases."""
    from benchmarks.bench_build import PHASES, phases
    from kg.pipeline import build

    events: list[tuple[float, str]] = []
    build(Settings.from_env(data_dir=tmp_path / "var"), [generate_corpus.ROOT / "seeds"], dumps=True,
          progress=lambda m: events.append((float(len(events)), m)))
    starts = [next((i for i, (_t, m) in enumerate(events) if m.startswith(prefix)), None) for _n, prefix in PHASES]
    assert None not in starts, f"no progress message starts with {[p for (_n, p), s in zip(PHASES, starts) if s is None]}"
    assert starts == sorted(starts)
    assert list(phases(events, float(len(events)))) == [n for n, _p in PHASES if n != "end"]


# --- harness ------------------------------------------------------------------------------------
def test_proc_stop_kills_the_whole_group(tmp_path):
    """A server's children must not outlive the benchmark (stop() kills the process group)."""
    code = "import subprocess,sys,time; subprocess.Popen([sys.executable,'-c','import time; time.sleep(60)']); time.sleep(60)"
    p = Proc([sys.executable, "-c", code], log=tmp_path / "log")
    wait_for(lambda: len(tree(p.pid)) == 2, timeout=10, what="child started")
    pids = [x.pid for x in tree(p.pid)]
    p.stop(grace=1)
    import psutil

    assert not [pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"]


def test_settle_reports_busy_then_idle(tmp_path):
    busy = Proc([sys.executable, "-c", "import time\nt=time.time()\nwhile time.time()-t<1.5: pass\ntime.sleep(30)"])
    try:
        waited, still = settle([busy.pid], window=0.3, max_wait=0.5)
        assert waited == -1 and still == [busy.pid]
        waited, still = settle([busy.pid], window=0.3, max_wait=10)
        assert waited >= 0 and still == []
    finally:
        busy.stop(grace=1)


def test_row_counting_and_percentiles():
    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{}, {}, {}]}}).encode()
    assert count_rows(body, JSON) == 3
    assert count_rows(b'{"head":{},"boolean":true}', JSON) == 1
    assert count_rows(b"<http://a> <http://b> <http://c> .\n", "text/turtle") == 1
    with pytest.raises(ValueError):
        count_rows(b'{"head":{"vars":["x"]},"results":{"bindings":[', JSON)  # truncated body is an error
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50) in (5, 6) and percentile([], 99) is None


def test_free_port_is_bindable():
    import socket

    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_scripts_have_help():
    for mod in ("generate_graph", "generate_corpus", "bench_build", "bench_endpoint"):
        r = subprocess.run([sys.executable, f"benchmarks/{mod}.py", "--help"], capture_output=True, text=True,
                           timeout=60, cwd=str(generate_corpus.ROOT))
        assert r.returncode == 0 and "usage" in r.stdout, (mod, r.stderr[-500:])


# --- the flask-ceiling reference point ----------------------------------------------------------------
def test_flask_ceiling_answers_like_an_endpoint_without_evaluating():
    """It must pass the load generator's checks (valid JSON / Turtle per Accept) for any query, and
    still reject a request without a query, so it costs what a minimal real proxy costs."""
    from benchmarks.flask_ceiling import app

    client = app.test_client()
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": JSON})
    assert r.status_code == 200 and json.loads(r.data) == {"head": {}, "boolean": True}
    r = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    assert client.get("/sparql").status_code == 400
