"""End to end: seeds/ -> store, ingest idempotence, bad inputs never reach the store."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from kg.errors import InputError, StoreError
from kg.pipeline import build, collect_inputs, current_build_dir, ingest
from kg.settings import PROJECT_ROOT, Settings
from kg.store import current_build_dir, open_current

SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("var"))
    result = build(settings, None, dumps=True)
    return settings, result


def _count(store: ox.Store, where: str) -> int:
    q = f"PREFIX ccr: <https://w3id.org/china-russia-kg/ontology#> SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    return int(next(iter(store.query(q, use_default_graph_as_union=True)))["n"].value)


def test_seeds_are_four_articles_in_five_files(seed_build):
    _settings, result = seed_build
    assert len(result.articles) == 4
    both = [a for a in result.articles if len(a.sources) == 2]
    assert len(both) == 1 and {s.name[:3] for s in both[0].sources} == {"000", "001"}


def test_one_named_graph_per_article_plus_ontology_and_entities(seed_build):
    settings, result = seed_build
    graphs = set(result.manifest.graphs)
    base = settings.base
    assert f"<{base}/graph/ontology>" in graphs and f"<{base}/graph/entities>" in graphs
    article_graphs = {g for g in graphs if "/graph/article/" in g}
    assert len(article_graphs) == 4


def test_every_event_is_typed_dated_sourced(seed_build):
    settings, _ = seed_build
    store = open_current(settings)
    events = _count(store, "?e ccr:startDate ?d ; ccr:sourcePassage ?p")
    assert events >= 100
    assert _count(store, "?e ccr:sourcePassage ?p . FILTER NOT EXISTS { ?p ccr:text ?t ; ccr:startOffset ?s ; ccr:inArticle ?a }") == 0


def test_passage_offsets_point_into_the_source_file(seed_build):
    settings, _ = seed_build
    store = open_current(settings)
    q = """PREFIX ccr: <https://w3id.org/china-russia-kg/ontology#>
    SELECT ?name ?s ?e WHERE { ?p a ccr:Passage ; ccr:startOffset ?s ; ccr:endOffset ?e ; ccr:sourceFile ?f . ?f ccr:fileName ?name } LIMIT 200"""
    rows = list(store.query(q, use_default_graph_as_union=True))
    assert rows
    texts = {f.name: f.read_text(encoding="utf-8") for f in SEEDS}
    for r in rows:
        s, e = int(r["s"].value), int(r["e"].value)
        assert 0 <= s < e <= len(texts[r["name"].value])


def test_rebuild_is_deterministic(seed_build, tmp_path):
    _settings, result = seed_build
    again = build(Settings(data_dir=tmp_path / "var"), None, dumps=False)
    assert again.manifest.version == result.manifest.version


def test_ingest_same_file_changes_nothing_and_new_file_adds_its_graph(tmp_path):
    settings = Settings(data_dir=tmp_path / "var")
    first = build(settings, [SEEDS[2]], dumps=False)
    again = ingest(settings, SEEDS[2])
    assert again.unchanged and current_build_dir(settings).name == first.manifest.build_id
    added = ingest(settings, SEEDS[3])
    assert not added.unchanged
    assert len([g for g in added.manifest.graphs if "/graph/article/" in g]) == 2


@pytest.mark.parametrize(
    "name,content",
    [
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 100),
        ("latin1.txt", "Chronology of China-Russia Relations\nSept. 3, 2017: Xi meets Putin in Xiamen. Caf\xe9".encode("latin-1")),
    ],
)
def test_bad_article_is_skipped_with_a_message_and_the_store_is_untouched(tmp_path, name, content):
    settings = Settings(data_dir=tmp_path / "var")
    good = build(settings, [SEEDS[4]], dumps=False)
    bad = tmp_path / name
    bad.write_bytes(content)
    # alone, a bad file fails the build: nothing is swapped in
    with pytest.raises(InputError, match=name):
        build(settings, [bad], dumps=False)
    assert current_build_dir(settings).name == good.manifest.build_id
    # beside good files it is skipped and reported
    mixed = build(settings, [SEEDS[4], bad], dumps=False)
    assert any(name in p for p in mixed.problems)
    assert len(mixed.articles) == 1


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        collect_inputs([tmp_path / "nope"])


@pytest.mark.parametrize("content, message", [(b"\x00\x01bin", "binary"), (b"", "empty"),
                                              (b"<http://a> <http://b> .", "not valid")])
def test_ingest_of_a_file_that_does_not_read_is_an_error_and_keeps_the_store(tmp_path, content, message):
    settings = Settings(data_dir=tmp_path / "var")
    first = build(settings, [SEEDS[4]], dumps=False)
    bad = tmp_path / ("bad.ttl" if message == "not valid" else "bad.txt")
    bad.write_bytes(content)
    with pytest.raises(InputError, match=message):
        ingest(settings, bad)
    assert current_build_dir(settings).name == first.manifest.build_id


def test_ingest_without_a_build_says_build_first(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        ingest(Settings(data_dir=tmp_path / "var"), SEEDS[0])


def test_curated_rdf_files_load_beside_articles(tmp_path):
    ttl = tmp_path / "extra.ttl"
    ttl.write_text("<http://example.org/a> <http://example.org/b> 'c' .\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "var")
    result = build(settings, [SEEDS[4], ttl], dumps=False)
    assert result.manifest.graphs.get(f"<{settings.base}/graph/curated>") == 1
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <b", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        build(settings, [SEEDS[4], broken], dumps=False)
    assert current_build_dir(settings).name == result.manifest.build_id
    shutil.rmtree(tmp_path / "var")


def test_no_triple_sits_in_two_graphs_so_union_counts_are_sets(seed_build):
    """SPARQL's default graph is a merge (a set); pyoxigraph's union keeps one copy per graph."""
    settings, _ = seed_build
    store = open_current(settings)
    total = _count(store, "?s ?p ?o")
    distinct = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")))["n"].value)
    assert total == distinct
    tenures = _count(store, "?t a ccr:Tenure")
    assert tenures == _count(store, "SELECT DISTINCT ?t WHERE { ?t a ccr:Tenure }")
