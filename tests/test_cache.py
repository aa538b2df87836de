"""The result cache: bounds, keys, versions, ETag/304, and emptying when the store changes."""

from __future__ import annotations

import pytest

from endpoint_support import PREFIXES, RELATIONS, RES
from kg.settings import Settings
from server import create_app
from server.cache import Entry, ResultCache, make_key

Q = PREFIXES + "SELECT ?n WHERE { ?e ccr:eventName ?n } ORDER BY ?n"


def entry(n: int = 10) -> Entry:
    return Entry(b"x" * n, "application/sparql-results+json", '"e"')


def test_lru_by_entries():
    c = ResultCache(max_entries=2, max_bytes=10**6)
    for k in "abc":
        c.put("v1", k, entry())
    assert c.get("v1", "a") is None and c.get("v1", "b") and c.get("v1", "c")
    c.get("v1", "b")  # b is now the most recent
    c.put("v1", "d", entry())
    assert c.get("v1", "c") is None and c.get("v1", "b")


def test_bounded_by_bytes_and_refuses_huge_entries():
    c = ResultCache(max_entries=100, max_bytes=4 * 1300)
    for i in range(10):
        c.put("v1", str(i), entry(1000))
    assert c.stats()["bytes"] <= 4 * 1300 and c.stats()["entries"] < 10
    assert not c.put("v1", "huge", entry(2000))  # more than a quarter of the budget


def test_new_store_version_empties_the_cache():
    c = ResultCache(max_entries=10, max_bytes=10**6)
    c.put("v1", "a", entry())
    c.remember_raw(("q",), "a")
    assert c.get("v2", "a") is None
    assert c.stats()["entries"] == 0 and c.key_for_raw("v2", ("q",)) is None


def test_disabled_cache_stores_nothing():
    c = ResultCache(max_entries=0, max_bytes=10**6)
    assert not c.enabled and not c.put("v", "k", entry())


@pytest.mark.parametrize(
    "a, b, same",
    [
        (("v1", "Q", None, None, "json", "ttl"), ("v1", "Q", None, None, "json", "ttl"), True),
        (("v1", "Q", None, None, "json", "ttl"), ("v2", "Q", None, None, "json", "ttl"), False),
        (("v1", "Q", None, None, "json", "ttl"), ("v1", "Q", ("g",), None, "json", "ttl"), False),
        (("v1", "Q", None, None, "json", "ttl"), ("v1", "Q", None, ("g",), "json", "ttl"), False),
        (("v1", "Q", None, None, "json", "ttl"), ("v1", "Q", None, None, "xml", "ttl"), False),
        (("v1", "Q", None, None, "json", "ttl"), ("v1", "Q ", None, None, "json", "ttl"), False),
    ],
)
def test_key_components(a, b, same):
    assert (make_key(*a) == make_key(*b)) is same


@pytest.fixture(scope="module")
def app():
    app = create_app(Settings.from_env(data_file=RELATIONS, update_token_env="KG_TEST_CACHE_TOKEN"))
    yield app
    app.extensions["kg"].close()


def test_etag_and_304(app):
    c = app.test_client()
    first = c.get("/sparql", query_string={"query": Q})
    etag = first.headers["ETag"]
    assert first.headers["X-Cache"] == "miss" and "max-age" in first.headers["Cache-Control"]
    again = c.get("/sparql", query_string={"query": Q}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert c.get("/sparql", query_string={"query": Q}, headers={"If-None-Match": '"other"'}).status_code == 200
    assert c.get("/sparql", query_string={"query": Q}, headers={"If-None-Match": f'"x", W/{etag}'}).status_code == 304
    # POST answers come from the cache too, but a conditional POST is never a 304
    post = c.post("/sparql", data={"query": Q}, headers={"If-None-Match": etag})
    assert post.status_code == 200 and post.headers["X-Cache"] == "hit"


def test_normalised_query_hits_and_format_is_part_of_the_key(app):
    c = app.test_client()
    a = c.get("/sparql", query_string={"query": Q + " LIMIT 5"})
    b = c.get("/sparql", query_string={"query": "  " + Q.replace(" ", "\n  ") + " LIMIT 5 # same query"})
    assert b.headers["X-Cache"] == "hit" and b.data == a.data and b.headers["ETag"] == a.headers["ETag"]
    x = c.get("/sparql", query_string={"query": Q + " LIMIT 5"}, headers={"Accept": "application/sparql-results+xml"})
    assert x.headers["X-Cache"] == "miss" and x.headers["ETag"] != a.headers["ETag"]


def test_the_cache_never_answers_a_refused_query(app):
    c = app.test_client()
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"
    for _ in range(2):
        assert c.get("/sparql", query_string={"query": q}).status_code == 403


def test_cache_emptied_when_the_store_changes(app, monkeypatch):
    c = app.test_client()
    ask = f'ASK {{ <{RES}beijing> ?p ?o }}'
    first = c.get("/sparql", query_string={"query": ask})
    assert b"false" in first.data and c.get("/sparql", query_string={"query": ask}).headers["X-Cache"] == "hit"
    monkeypatch.setenv("KG_TEST_CACHE_TOKEN", "t0ken")
    r = c.post("/sparql/update", data={"update": f"INSERT DATA {{ <{RES}beijing> <urn:p> 1 }}"},
               headers={"Authorization": "Bearer t0ken"})
    assert r.status_code == 200
    after = c.get("/sparql", query_string={"query": ask}, headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and after.headers["X-Cache"] == "miss" and b"true" in after.data
    assert after.headers["KG-Dataset-Version"] != first.headers["KG-Dataset-Version"]
    assert app.extensions["kg"].cache.stats()["entries"] == 1


@pytest.mark.parametrize("how", ["get", "post-form", "post-direct"])
def test_exact_repeats_are_answered_before_flask(app, how):
    """The WSGI fast path: the repeat is byte-identical, marked a hit, and carries no Server-Timing."""
    c = app.test_client()
    q = Q + f" LIMIT {len(how) + 40}"
    send = {
        "get": lambda: c.get("/sparql", query_string={"query": q}),
        "post-form": lambda: c.post("/sparql", data={"query": q}),
        "post-direct": lambda: c.post("/sparql", data=q, content_type="application/sparql-query"),
    }[how]
    first, second = send(), send()
    assert "Server-Timing" in first.headers and first.headers["X-Cache"] in ("miss", "hit")
    assert "Server-Timing" not in second.headers and second.headers["X-Cache"] == "hit"
    assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert len(app.extensions["kg"].fast) >= 1
    # a conditional request or another Accept goes through Flask
    cond = c.get("/sparql", query_string={"query": q}, headers={"If-None-Match": first.headers["ETag"]})
    assert cond.status_code in (200, 304) and "Server-Timing" in cond.headers


def test_clients_with_different_accept_lists_share_a_select_answer(app):
    c = app.test_client()
    q = Q + " LIMIT 77"
    a = c.get("/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+json"})
    b = c.get("/sparql", query_string={"query": q},
              headers={"Accept": "application/sparql-results+json, text/turtle;q=0.5"})
    assert a.headers["X-Cache"] == "miss" and b.headers["X-Cache"] == "hit" and a.data == b.data


def test_example_queries_are_warmed_into_the_cache(tmp_path):
    from server.sparql import warm

    (tmp_path / "events.rq").write_text("# title: events\n" + Q, encoding="utf-8")
    (tmp_path / "broken.rq").write_text("SELECT WHERE", encoding="utf-8")
    (tmp_path / "federated.rq").write_text(
        "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }", encoding="utf-8")
    app = create_app(Settings.from_env(data_file=RELATIONS, queries_dir=tmp_path))
    try:
        assert warm(app.extensions["kg"]) == 1  # the broken one is skipped, the federated one never run
        r = app.test_client().get("/sparql", query_string={"query": "# title: events\n" + Q},
                                  headers={"Accept": "application/sparql-results+json,*/*;q=0.9"})
        assert r.status_code == 200 and r.headers["X-Cache"] == "hit"
    finally:
        app.extensions["kg"].close()
