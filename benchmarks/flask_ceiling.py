"""The fastest any Flask SPARQL proxy can be on this machine: a reference point, not an endpoint.

A Flask app served by gunicorn with the same worker processes and threads as `kg serve` on the same
dataset, which parses the request (query parameter, Accept) and answers with a constant, valid
result without evaluating anything. Its throughput bounds every Flask + gunicorn design from above:
when it is below 3x `oxigraph serve` on a graph, no Flask proxy can reach 3x there (issue 4's
cold-mix target), whatever its query engine does. bench_endpoint.py runs it as the system
"flask-ceiling" beside the others, on the same mix.
"""

from __future__ import annotations

from flask import Flask, Response, abort, request

app = Flask(__name__)

_ASK_TRUE = b'{"head":{},"boolean":true}'
_TURTLE = "text/turtle"


@app.get("/sparql")
def sparql() -> Response:
    if "query" not in request.args:
        abort(400)
    if request.accept_mimetypes.best_match(["application/sparql-results+json", _TURTLE]) == _TURTLE:
        return Response(b"", mimetype=_TURTLE)
    return Response(_ASK_TRUE, mimetype="application/sparql-results+json")
