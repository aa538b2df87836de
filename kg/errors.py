"""One error hierarchy for the pipeline, the CLI and the server.

Each class carries the HTTP status the server answers with and the exit code the CLI exits
with, so the mapping lives here and nowhere else. Messages say what went wrong *and* what to do.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: a failure we expected and can explain to the user."""

    status: int = 500
    exit_code: int = 1
    title: str = "Internal error"

    def __init__(self, message: str, *, hint: str | None = None, **details):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"

    def to_dict(self) -> dict:
        body = {"ok": False, "status": self.status, "title": self.title, "error": self.message, "errors": [self.message]}
        if self.hint:
            body["hint"] = self.hint
        body.update({k: v for k, v in self.details.items() if v is not None})
        return body


# --- configuration and input ---------------------------------------------------------------
class ConfigError(KGError):
    status, exit_code, title = 500, 2, "Configuration error"


class InputError(KGError):
    """A document we cannot read (empty, binary, wrong encoding, too large...)."""

    status, exit_code, title = 400, 3, "Bad input"


class StoreError(KGError):
    """No usable store (not built yet, locked, corrupt)."""

    status, exit_code, title = 503, 4, "Store unavailable"


class ValidationFailed(KGError):
    status, exit_code, title = 500, 5, "Validation failed"


# --- HTTP-facing ---------------------------------------------------------------------------
class BadRequest(KGError):
    status, exit_code, title = 400, 2, "Bad request"


class QuerySyntaxError(BadRequest):
    title = "Malformed query"


class Forbidden(KGError):
    status, exit_code, title = 403, 2, "Forbidden"


class NotFound(KGError):
    status, exit_code, title = 404, 2, "Not found"


class MethodNotAllowed(KGError):
    status, exit_code, title = 405, 2, "Method not allowed"


class NotAcceptable(KGError):
    status, exit_code, title = 406, 2, "Not acceptable"


class PayloadTooLarge(KGError):
    status, exit_code, title = 413, 2, "Request too large"


class UnsupportedMediaType(KGError):
    status, exit_code, title = 415, 2, "Unsupported media type"


class RateLimited(KGError):
    status, exit_code, title = 429, 2, "Too many requests"


class UpstreamError(KGError):
    status, exit_code, title = 502, 1, "Upstream endpoint failed"


class QueryTimeout(KGError):
    status, exit_code, title = 503, 1, "Query timed out"


class QueryMemoryExceeded(KGError):
    """A query grew its worker past Settings.query_memory_mb; like a timeout, the worker was killed."""

    status, exit_code, title = 503, 1, "Query used too much memory"
