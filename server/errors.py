"""ONE error renderer for every route: JSON when the client accepts it, plain text otherwise.

Every failure becomes a kg.errors.KGError first (werkzeug's HTTP exceptions are translated), so the
body always has the same shape: {ok: false, status, title, error, errors, hint?, ...details}. An
unexpected exception is logged with its traceback and answered with a generic 500 that never
includes the traceback.
"""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from kg import errors as E

log = logging.getLogger("kg.server")

_BY_STATUS = {
    400: E.BadRequest,
    403: E.Forbidden,
    404: E.NotFound,
    405: E.MethodNotAllowed,
    406: E.NotAcceptable,
    413: E.PayloadTooLarge,
    414: E.PayloadTooLarge,
    415: E.UnsupportedMediaType,
    429: E.RateLimited,
}
_JSON_TYPES = ("application/json", "application/problem+json", "application/sparql-results+json", "application/ld+json")


class HTTPStatusError(E.KGError):
    """Any other HTTP status werkzeug raises (e.g. 408, 416)."""

    exit_code = 2

    def __init__(self, status: int, title: str, message: str):
        super().__init__(message)
        self.status = status
        self.title = title


def wants_json(req=None) -> bool:
    """True when the client explicitly accepts a JSON type (a bare */* gets text)."""
    req = req or request
    accept = req.accept_mimetypes
    for mime, q in accept:
        if q > 0 and (mime in _JSON_TYPES or mime.endswith("+json")):
            return True
    return False


def from_http_exception(exc: HTTPException) -> E.KGError:
    cls = _BY_STATUS.get(exc.code or 500)
    message = exc.description or exc.name
    if exc.code == 413:
        message = "The request is larger than this server accepts."
    if cls is not None:
        err = cls(message)
    else:
        err = HTTPStatusError(exc.code or 500, exc.name, message)
    if exc.code == 405 and getattr(exc, "valid_methods", None):
        err.details["allow"] = sorted(exc.valid_methods)
    return err


def render(exc: E.KGError, req=None) -> Response:
    """The response for an expected error, in the format the client accepts."""
    req = req or request
    body = exc.to_dict()
    headers = {"Vary": "Accept", "Cache-Control": "no-store"}
    allow = exc.details.get("allow")
    if allow:
        headers["Allow"] = ", ".join(allow)
    retry = exc.details.get("retry_after")
    if retry:
        headers["Retry-After"] = str(int(retry))
    if wants_json(req):
        payload = json.dumps(body, ensure_ascii=False, default=str)
        resp = Response(payload, status=exc.status, mimetype="application/json")
    else:
        text = f"Error {exc.status} ({exc.title}): {exc.message}\n"
        if exc.hint:
            text += f"Hint: {exc.hint}\n"
        resp = Response(text, status=exc.status, mimetype="text/plain")
    resp.headers.update(headers)
    return resp


def register(app: Flask) -> None:
    """Install the renderer for KGError, werkzeug HTTP errors and anything unexpected."""

    @app.errorhandler(E.KGError)
    def _kg(exc: E.KGError):
        if exc.status >= 500:
            log.warning("%s %s -> %s: %s", request.method, request.path, exc.status, exc.message)
        return render(exc)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return render(from_http_exception(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return render(E.KGError("The server failed unexpectedly; the error has been logged.",
                                hint="Retry; if it persists, report it with the time of the request."))
