"""All configuration in one frozen dataclass.

Every field has a default, a help text, and can be set from the environment as ``KG_<NAME>``
(upper case) or from a CLI flag. ``kg settings`` prints the table; docs/settings.md documents it
and a test checks the two agree.
"""

from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from kg.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _h(default, help: str, *, least: float | None = None, most: float | None = None):
    """A field with its help text and, for numbers, the least and most values that make sense."""
    return field(default=default, metadata={"help": help, "least": least, "most": most})


@dataclass(frozen=True)
class Settings:
    # --- identifiers ------------------------------------------------------------------------
    base_iri: str = _h(
        "https://w3id.org/china-russia-kg",
        "Base of every IRI the graph mints (no trailing slash). Entities are <base>/resource/<slug>, "
        "ontology terms <base>/ontology#<Term>, named graphs <base>/graph/<name>.",
    )
    # --- where things live ------------------------------------------------------------------
    data_dir: Path = _h(
        Path("var"),
        "Directory holding built stores, the 'current' pointer and dumps (relative to the working directory).",
    )
    seeds_dir: Path = _h(PROJECT_ROOT / "seeds", "Default corpus read by 'kg build' when no paths are given.")
    ontology_dir: Path = _h(PROJECT_ROOT / "ontology", "Ontology, SHACL shapes and reference entities.")
    queries_dir: Path = _h(PROJECT_ROOT / "queries", "Competency / example queries (*.rq) listed on the query page.")
    # --- build ------------------------------------------------------------------------------
    build_jobs: int = _h(0, "Worker processes for extraction (0 = one per core).", least=0)
    max_input_bytes: int = _h(20 * 1024 * 1024, "Largest article file accepted by build/ingest, in bytes.", least=1)
    # --- serving ----------------------------------------------------------------------------
    host: str = _h("127.0.0.1", "Address 'kg serve' binds to.")
    port: int = _h(8000, "Port 'kg serve' binds to.", least=0, most=65535)
    web_workers: int = _h(
        0, "gunicorn worker processes (HTTP front; 0 = auto: one per core up to 4 for a dataset under 400k quads, "
        "else 1, since each holds its own copy of the dataset and result cache).",
        least=0,
    )
    web_threads: int = _h(16, "Threads per gunicorn worker (concurrent requests it holds).", least=1)
    query_workers: int = _h(
        2, "Query worker processes per web worker (they hold the store and can be killed).", least=1
    )
    query_workers_max: int = _h(
        0, "Most query worker processes per web worker when all are busy with slow queries (0 = query_workers + 2).",
        least=0,
    )
    query_timeout_s: float = _h(
        30.0, "Deadline of one query in seconds; a client may ask for less, never more.", least=0.001
    )
    query_memory_mb: int = _h(
        2048, "Most memory (MiB) one query may add to its worker process before it is stopped (503); 0 = no limit.",
        least=0,
    )
    max_query_depth: int = _h(
        200, "Deepest bracket nesting accepted in a query (deeper ones overflow the engine's stack).", least=1
    )
    row_cap: int = _h(10000, "Most rows (or triples) a /sparql answer carries; a capped answer says so.", least=1)
    max_request_bytes: int = _h(
        1024 * 1024, "Largest request body or query string accepted (413 above it).", least=1024
    )
    service_allowlist: tuple[str, ...] = _h(
        ("https://query.wikidata.org/sparql",),
        "SERVICE endpoints a query may call (comma-separated in KG_SERVICE_ALLOWLIST); every other SERVICE is refused.",
    )
    service_rewrite: tuple[str, ...] = _h(
        (),
        "IRI=URL pairs (comma-separated in KG_SERVICE_REWRITE): SERVICE calls to an allow-listed endpoint IRI are sent "
        "to URL instead (a local mirror, a caching proxy, a test fixture); the allow-list still applies to the IRI.",
    )
    update_token_env: str = _h(
        "KG_UPDATE_TOKEN",
        "Name of the environment variable holding the bearer token for /sparql/update (unset = updates refused).",
    )
    cache_entries: int = _h(2048, "Result cache size (entries); 0 disables the cache.", least=0)
    cache_max_bytes: int = _h(64 * 1024 * 1024, "Result cache memory bound in bytes.", least=0)
    cache_max_age_s: int = _h(
        300, "Cache-Control max-age of /sparql answers, and how long a remote backend's answers stay cached.",
        least=0,
    )
    store_check_s: float = _h(
        2.0, "How often the server looks at var/current for a newly built store to serve (0 = never; reload with HUP).",
        least=0,
    )
    rate_limit_query_s_per_min: float = _h(
        0.0, "Per-client budget of query seconds per minute (0 = no limit); over it clients get 429.",
        least=0,
    )
    in_memory: bool = _h(True, "Load the built store into memory in each query worker (else open it read-only on disk).")
    backend_url: str | None = _h(None, "Forward queries to this SPARQL endpoint instead of the embedded store.")
    backend_update_url: str | None = _h(
        None, "SPARQL Update endpoint of the remote backend (authorised updates are forwarded there; unset = refused)."
    )
    data_file: Path | None = _h(None, "Serve this RDF dataset file on its own instead of the built store.")
    wikidata_api: str = _h("https://www.wikidata.org/w/api.php", "Wikidata API used by 'kg link'.")

    # ----------------------------------------------------------------------------------------
    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            # Accept str for path fields (Settings(data_dir="var")) without surprising callers later.
            if isinstance(value, str) and "Path" in str(f.type):
                object.__setattr__(self, f.name, Path(value))
            _check_range(f, value)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Defaults, then KG_* environment variables, then explicit overrides (CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            raw = env.get(f"KG_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except TypeError as exc:  # unknown override name
            raise ConfigError(str(exc)) from exc

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)

    # derived locations ------------------------------------------------------------------------
    @property
    def stores_dir(self) -> Path:
        return self.data_dir / "stores"

    @property
    def current_link(self) -> Path:
        """Symlink to the store directory being served; swapped atomically by a build."""
        return self.data_dir / "current"

    @property
    def base(self) -> str:
        return self.base_iri.rstrip("/")

    @property
    def ontology_ns(self) -> str:
        return f"{self.base}/ontology#"

    @property
    def resource_ns(self) -> str:
        return f"{self.base}/resource/"

    @property
    def graph_ns(self) -> str:
        return f"{self.base}/graph/"


def _range_text(f: dataclasses.Field) -> str:
    least, most = f.metadata.get("least"), f.metadata.get("most")
    if least is None and most is None:
        return ""
    return f" Range: at least {least:g}." if most is None else f" Range: {least:g} to {most:g}."


def _check_range(f: dataclasses.Field, value) -> None:
    """A number outside its field's range is a configuration error (a negative memory budget must not
    quietly mean "no limit"); NaN and infinities are refused too."""
    least, most = f.metadata.get("least"), f.metadata.get("most")
    if (least is None and most is None) or isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    name = f"KG_{f.name.upper()}"
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{name}={value} is not a finite number", hint=f"see 'kg settings' for what {f.name} means")
    if (least is not None and value < least) or (most is not None and value > most):
        span = f"at least {least:g}" if most is None else f"between {least:g} and {most:g}"
        raise ConfigError(f"{name}={value!r} is out of range: it must be {span}",
                          hint=f"{f.metadata['help']}")


def _coerce(f: dataclasses.Field, raw: str):
    typ = str(f.type)
    try:
        if typ.startswith("int"):
            return int(raw)
        if typ.startswith("float"):
            return float(raw)
        if typ.startswith("bool"):
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off"}:
                return False
            raise ValueError(raw)
        if typ.startswith("tuple"):
            return tuple(p.strip() for p in raw.split(",") if p.strip())
        if "Path" in typ:
            return Path(raw)
    except ValueError as exc:
        raise ConfigError(f"KG_{f.name.upper()}={raw!r} is not a valid {typ}") from exc
    return raw


def settings_table() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting: feeds `kg settings` and docs/settings.md."""
    rows = []
    for f in fields(Settings):
        default = f.default
        if isinstance(default, Path) and default.is_absolute():
            try:
                default = default.relative_to(PROJECT_ROOT)
            except ValueError:
                pass
        rows.append((f.name, repr(default) if not isinstance(default, Path) else str(default),
                     f.metadata["help"] + _range_text(f)))
    return rows
