"""`kg link`: propose Wikidata QIDs for entities that have none, for a person to review.

Entities are the `<base>/resource/<slug>` resources (no further path segment: those are n-ary
nodes) that carry a label but neither owl:sameAs to Wikidata nor ccr:qid. Each label is looked up
with the Wikidata API's `wbsearchentities`; the candidates go to a TSV file with an empty
`decision` column. Nothing is ever written to the graph: a reviewed QID goes into
ontology/entities.toml by hand, which is the one reviewed place for QIDs.

Offline (no route to the API) the command says so and exits cleanly without writing anything.
"""

from __future__ import annotations

import csv
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from kg.errors import UpstreamError
from kg.settings import Settings

USER_AGENT = "china-russia-kg/0.1 (kg link; reconciliation proposals for review)"
COLUMNS = ("entity", "label", "type", "rank", "qid", "candidate_label", "candidate_description", "match", "wikidata_url",
           "decision")
TIMEOUT_S = 10.0
MAX_RETRIES = 3


class Offline(Exception):
    """The API cannot be reached at all (DNS, refused, unreachable): not an error of the command."""


def entities_without_qid(settings: Settings, limit: int | None = None) -> list[dict]:
    """{iri, label, type} of labelled entities lacking a Wikidata link, sorted by IRI."""
    from kg.export import open_store

    store = open_store(settings)
    res, ccr = settings.resource_ns, settings.ontology_ns
    q = f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?x (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {{
          ?x rdfs:label|skos:prefLabel ?l .
          FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{res}") && !CONTAINS(STRAFTER(STR(?x), "{res}"), "/"))
          FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en"))
          OPTIONAL {{ ?x a ?t FILTER(STRSTARTS(STR(?t), "{ccr}")) }}
          FILTER NOT EXISTS {{ ?x owl:sameAs ?w FILTER(STRSTARTS(STR(?w), "http://www.wikidata.org/entity/")) }}
          FILTER NOT EXISTS {{ ?x <{ccr}qid> ?qid }}
        }} GROUP BY ?x ORDER BY ?x"""
    if limit is not None:
        q += f" LIMIT {int(limit)}"
    out = []
    for s in store.query(q, use_default_graph_as_union=True):
        t = s["type"].value if s["type"] is not None else ""
        out.append({"iri": s["x"].value, "label": s["label"].value, "type": t[len(ccr):] if t.startswith(ccr) else t})
    return out


def search(api: str, label: str, *, limit: int = 5, sleep: Callable[[float], None] = time.sleep) -> list[dict]:
    """wbsearchentities for one label; retries 429/503 (honouring Retry-After), raises Offline when unreachable."""
    params = {"action": "wbsearchentities", "search": label, "language": "en", "uselang": "en", "type": "item",
              "limit": str(limit), "format": "json", "maxlag": "5"}
    url = f"{api}?{urllib.parse.urlencode(params)}"
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    for attempt in range(MAX_RETRIES):
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:  # noqa: S310 - configured https API
                body = json.loads(resp.read().decode("utf-8"))
            break
        except urllib.error.HTTPError as exc:
            if exc.code in (429, 503) and attempt + 1 < MAX_RETRIES:
                sleep(min(float(exc.headers.get("Retry-After") or 2 ** attempt), 30.0))
                continue
            raise UpstreamError(f"Wikidata API answered {exc.code} for {label!r}", hint="try again later") from exc
        except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
            raise Offline(str(getattr(exc, "reason", exc))) from exc
        except ValueError as exc:
            raise UpstreamError(f"Wikidata API sent no JSON for {label!r}", hint=f"check --wikidata-api ({api})") from exc
    else:  # pragma: no cover - the loop always breaks or raises
        raise UpstreamError("Wikidata API kept refusing", hint="try again later")
    if "error" in body:
        if body["error"].get("code") == "maxlag":
            raise UpstreamError("Wikidata is lagging (maxlag)", hint="try again in a few minutes")
        raise UpstreamError(f"Wikidata API error: {body['error'].get('info', body['error'])}", hint="check the label")
    return body.get("search", [])


def propose_links(settings: Settings, output: Path, limit: int = 50, echo: Callable[[str], None] = print) -> int:
    """Write candidate QIDs for up to `limit` entities to `output` (TSV); returns the number of candidate rows."""
    todo = entities_without_qid(settings, limit)
    if not todo:
        echo("every labelled entity already has a Wikidata QID: nothing to propose")
        return 0
    api = settings.wikidata_api
    rows: list[dict] = []
    try:
        for i, ent in enumerate(todo):
            if i:
                time.sleep(0.1)  # be gentle with a public API
            for rank, cand in enumerate(search(api, ent["label"]), start=1):
                match = cand.get("match") or {}
                rows.append({
                    "entity": ent["iri"], "label": ent["label"], "type": ent["type"], "rank": rank, "qid": cand.get("id", ""),
                    "candidate_label": cand.get("label", ""), "candidate_description": cand.get("description", ""),
                    "match": f"{match.get('type', '')}:{match.get('text', '')}".strip(":"),
                    "wikidata_url": f"https://www.wikidata.org/wiki/{cand.get('id', '')}", "decision": "",
                })
            echo(f"{ent['label']}: {sum(1 for r in rows if r['entity'] == ent['iri'])} candidate(s)")
    except Offline as exc:
        echo(f"offline: cannot reach the Wikidata API at {api} ({exc}); no proposals written. "
             "Run 'kg link' again on a machine with network access.")
        return 0
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    tmp.replace(output)
    echo(f"{len(todo)} entities looked up at {api}; review {output}: mark the right candidate 'yes' in 'decision', "
         "then copy its QID into ontology/entities.toml (nothing is applied automatically)")
    return len(rows)
