"""The query page in a real browser: Debian's Chromium driven by Playwright (python).

Opens /, runs an example query with one click, reads the result table, switches to the timeline
view, follows a result to its entity page, and downloads the results as CSV. Only requests to the
page's own server are allowed, so the page is proven to work offline (no CDN).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from interop.apps import DEFAULT_BASE, LiveServer, close_app, make_app, sample_file, settings_for  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run",
        "--disable-extensions", "--disable-component-update"]
EXAMPLES = {
    "10-wikidata-links.rq": "# title: Entities linked to Wikidata\n# description: Every entity with its QID.\n"
                            "SELECT ?entity ?label ?item WHERE { ?entity owl:sameAs ?item ; rdfs:label ?label } ORDER BY ?label\n",
    "20-timeline.rq": "# title: Events on a timeline\n#defaultView:Timeline\n"
                      "SELECT ?event ?label ?start ?end WHERE { ?event ccr:startDate ?start ; rdfs:label ?label "
                      "OPTIONAL { ?event ccr:endDate ?end } } ORDER BY ?start\n",
}

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    qdir = tmp / "queries"
    qdir.mkdir()
    for name, text in EXAMPLES.items():
        (qdir / name).write_text(text, encoding="utf-8")
    app = make_app(settings_for(tmp, sample_file(tmp), queries_dir=qdir))
    with LiveServer(app) as srv:
        yield srv.url
    close_app(app)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    foreign, errors = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
               else (foreign.append(route.request.url), route.abort()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert foreign == [], f"the page tried to reach other hosts: {foreign}"
    assert errors == [], f"JavaScript errors: {errors}"


def run_example(page, name: str) -> None:
    with page.expect_response(lambda r: r.url.endswith("/sparql") and r.request.method == "POST") as resp:
        page.click(f"button.example[data-name='{name}']")
    assert resp.value.status == 200


def test_example_query_fills_the_result_table(page, site):
    page.goto(site + "/")
    page.wait_for_function("window.__yasgui !== undefined")
    run_example(page, "10-wikidata-links")
    page.wait_for_selector(".yasr tbody tr")
    rows = page.locator(".yasr tbody tr")
    assert rows.count() == 4
    labels = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())]
    assert [label.split("@")[0].strip().strip('"') for label in labels] == ["China", "Russia", "Vladimir Putin", "Xi Jinping"]
    assert page.locator("#query-title").inner_text() == "Entities linked to Wikidata"
    assert "owl:sameAs" in page.evaluate("window.__yasgui.getTab().getYasqe().getValue()")
    # the syntax highlighter is at work (CodeMirror tokens)
    assert page.locator(".CodeMirror .cm-keyword").count() > 0


def test_timeline_view_and_click_through_to_an_entity_page(page, site):
    page.goto(site + "/")
    page.wait_for_function("window.__yasgui !== undefined")
    run_example(page, "20-timeline")
    page.wait_for_selector(".kg-timeline .tl-row")
    tl_rows = page.locator(".kg-timeline .tl-row")
    assert tl_rows.count() == 4
    assert "state visit to Russia" in tl_rows.nth(0).inner_text() and "2017-11-10" in tl_rows.nth(3).inner_text()
    assert page.locator(".kg-timeline script").count() == 0 and "<b>second phase</b>" in page.locator(".kg-timeline").inner_text()
    with page.expect_navigation():
        tl_rows.nth(1).locator("a").click()
    assert page.url == site + "/resource/event/2017-09-03-summit-brics"
    assert page.locator("h1").inner_text() == "Ninth BRICS summit, Xiamen"
    assert "Xi Jinping hosts the ninth BRICS summit" in page.locator("blockquote.passage").first.inner_text()


def test_table_links_to_our_iris_open_on_this_host(page, site):
    page.goto(site + "/")
    page.wait_for_function("window.__yasgui !== undefined")
    run_example(page, "10-wikidata-links")
    page.wait_for_selector(".yasr tbody tr")
    link = page.locator(".yasr tbody tr").first.locator("td").nth(1).locator("a")
    with page.expect_navigation():
        link.click()
    assert page.url == site + "/resource/china" and page.locator("h1").inner_text() == "China"
    assert page.locator("a.wikidata").get_attribute("href") == "https://www.wikidata.org/wiki/Q148"


def test_csv_download(page, site, tmp_path):
    page.goto(site + "/")
    page.wait_for_function("window.__yasgui !== undefined")
    run_example(page, "10-wikidata-links")
    page.wait_for_selector(".yasr tbody tr")
    with page.expect_download() as dl:
        page.click("#download-csv")
    path = tmp_path / "results.csv"
    dl.value.save_as(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == ["entity", "label", "item"]
    assert len(lines) == 5 and lines[1].startswith(f"{DEFAULT_BASE}/resource/china,China,")


def test_prefix_list_declares_prefixes(page, site):
    page.goto(site + "/")
    page.wait_for_function("window.__yasgui !== undefined")
    page.evaluate("window.__yasgui.getTab().getYasqe().setValue('SELECT * WHERE { ?s ?p ?o } LIMIT 1')")
    page.locator("dl.prefixes dt", has_text="sem:").click()
    assert "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>" in page.evaluate(
        "window.__yasgui.getTab().getYasqe().getValue()")


def test_query_this_resource_opens_the_editor_on_it(page, site):
    page.goto(site + "/resource/xi-jinping")
    with page.expect_navigation():
        page.click("text=Query this resource")
    page.wait_for_function("window.__yasgui !== undefined")
    value = page.evaluate("window.__yasgui.getTab().getYasqe().getValue()")
    assert f"<{DEFAULT_BASE}/resource/xi-jinping> ?property ?value" in value
    assert page.evaluate("window.__yasgui.getTab().getEndpoint()") == site + "/sparql"
    page.wait_for_selector(".yasr tbody tr")  # a shared query link runs at once
    assert page.locator(".yasr tbody tr").count() == 9  # 6 statements about him, 3 events pointing at him


def test_search_box(page, site):
    page.goto(site + "/ontology")
    page.fill("header input[name=q]", "putin")
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    with page.expect_navigation():
        page.click("ul.hits a >> nth=0")
    assert page.url == site + "/resource/vladimir-putin"
