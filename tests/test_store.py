"""Store life cycle: a build lands atomically, a failed build leaves the served store untouched."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.settings import Settings
from kg.store import (
    BuildManifest,
    current_build_dir,
    current_store_path,
    open_current,
    prune,
    require_current_build,
    store_version,
    write_build,
)

EX = "http://example.org/"


def _quads(n: int, graph: str = "g1"):
    g = ox.NamedNode(EX + graph)
    return [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(f"v{i}"), g) for i in range(n)]


@pytest.fixture
def settings(tmp_path):
    return Settings(data_dir=tmp_path / "var")


def test_nothing_built_says_what_to_do(settings):
    assert current_store_path(settings) is None
    with pytest.raises(StoreError, match="kg build"):
        require_current_build(settings)


def test_build_swaps_current_and_records_manifest(settings):
    m = write_build(settings, _quads(10), dumps=True)
    build = current_build_dir(settings)
    assert build is not None and build.name == m.build_id
    assert m.quads == 10 and m.graphs == {f"<{EX}g1>": 10}
    assert store_version(current_store_path(settings)) == m.version
    store = open_current(settings)
    assert len(store) == 10
    for name in ("graph.trig", "graph.nq.gz", "graph.ttl", "graph.jsonld"):
        assert (build / "dumps" / name).stat().st_size > 0
    # the dumps hold the same data
    with gzip.open(build / "dumps" / "graph.nq.gz") as fh:
        assert len(list(ox.parse(fh, ox.RdfFormat.N_QUADS))) == 10
    assert len(list(ox.parse(path=str(build / "dumps" / "graph.ttl"), format=ox.RdfFormat.TURTLE))) == 10


def test_turtle_dump_is_the_union_of_the_graphs_each_triple_once(settings):
    # the same triple in two graphs (and a look-alike with a longer object, which sorts between them
    # if the sort were by triple text alone) comes out once; datatypes are kept as stored
    typed = ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "pages"),
                    ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#positiveInteger")),
                    ox.NamedNode(EX + "g1"))
    longer = ox.Quad(ox.NamedNode(EX + "s0"), ox.NamedNode(EX + "p"), ox.Literal("v0", language="en"), ox.NamedNode(EX + "g1"))
    write_build(settings, _quads(3, "g1") + _quads(2, "g2") + [typed, longer], dumps=True)
    ttl = ox.parse(path=str(current_build_dir(settings) / "dumps" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    triples = sorted(str(t) for t in ttl)
    assert len(triples) == len(set(triples)) == 5  # s0, s1, s2 (once each), the typed one, the tagged one
    assert str(typed.triple) in triples and str(longer.triple) in triples


def test_trig_and_jsonld_dumps_hold_every_quad_in_its_graph(settings):
    # written from the canonical lines re-sorted graph by graph, not from the store: the same quads
    # must come back, each in its own graph, and each graph in one block of the TriG
    quads = _quads(4, "g2") + _quads(3, "g1") + [ox.Quad(ox.NamedNode(EX + "s9"), ox.NamedNode(EX + "p"),
                                                         ox.Literal('a "quoted"\nline'), ox.NamedNode(EX + "g3"))]
    write_build(settings, quads, dumps=True)
    dumps = current_build_dir(settings) / "dumps"
    for name, fmt in (("graph.trig", ox.RdfFormat.TRIG), ("graph.jsonld", ox.RdfFormat.JSON_LD)):
        assert set(ox.parse(path=str(dumps / name), format=fmt)) == set(quads), name
    trig = (dumps / "graph.trig").read_text(encoding="utf-8")
    assert sum(trig.count(f"<{EX}g{i}> {{") for i in (1, 2, 3)) == 3


def test_no_dumps_still_writes_the_nquads_the_server_loads(settings):
    write_build(settings, _quads(3), dumps=False)
    dumps = current_build_dir(settings) / "dumps"
    assert sorted(p.name for p in dumps.iterdir()) == ["graph.nq.gz"]
    with gzip.open(dumps / "graph.nq.gz") as fh:
        assert len(list(ox.parse(fh, ox.RdfFormat.N_QUADS))) == 3


@pytest.mark.parametrize("chunk", [1, 64, 150, 1 << 20])
def test_bulk_load_in_slices_loads_every_line(settings, monkeypatch, chunk):
    # slices are cut at line breaks, whatever the slice size: smaller than a line, a few lines, all lines
    import kg.store

    monkeypatch.setattr(kg.store, "BULK_CHUNK_BYTES", chunk)
    quads = _quads(7) + _quads(5, "g2")
    m = write_build(settings, quads, dumps=False)
    assert m.quads == 12 and set(open_current(settings)) == set(quads)


def test_a_write_failure_is_a_store_error_and_keeps_the_served_build(settings, monkeypatch):
    import kg.store

    good = write_build(settings, _quads(3), dumps=False)

    def disk_full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.store, "_gzip", disk_full)  # a dump thread fails
    with pytest.raises(StoreError, match="No space left on device") as info:
        write_build(settings, _quads(5), dumps=True)
    assert "unchanged" in info.value.hint
    assert current_build_dir(settings).name == good.build_id
    assert not list(settings.stores_dir.glob(".building-*"))


def test_same_content_same_version(settings):
    a = write_build(settings, _quads(5), dumps=False)
    b = write_build(settings, list(reversed(_quads(5))) + _quads(5), dumps=False)  # order and duplicates do not matter
    assert a.version == b.version
    assert a.build_id != b.build_id


def test_failed_build_leaves_current_untouched(settings):
    good = write_build(settings, _quads(3), dumps=False)

    def exploding():
        yield from _quads(2)
        raise RuntimeError("extractor crashed mid-way")

    with pytest.raises(RuntimeError):
        write_build(settings, exploding(), dumps=False)
    assert current_build_dir(settings).name == good.build_id
    assert len(open_current(settings)) == 3
    assert not list(settings.stores_dir.glob(".building-*"))


def test_in_memory_open_matches_disk(settings):
    write_build(settings, _quads(7), dumps=False)
    assert len(open_current(settings, in_memory=True)) == 7


def test_prune_keeps_recent_builds_and_current(settings):
    ids = [write_build(settings, _quads(i + 1), dumps=False).build_id for i in range(5)]
    prune(settings, keep=2)
    left = sorted(p.name for p in settings.stores_dir.iterdir() if not p.name.startswith("."))
    assert left == ids[-2:]
    assert current_build_dir(settings).name == ids[-1]


def test_manifest_round_trip(settings):
    m = write_build(settings, _quads(2), dumps=False)
    assert BuildManifest.read(current_build_dir(settings)) == m
