"""What runs inside the zygote and the query worker processes (no Flask here).

`open_dataset` loads the dataset once in the zygote; `serve` is a worker's loop: receive a request,
run it on the store, serialise the whole answer (up to the row cap) and send the bytes back. Query
result objects never leave the thread that created them (pyo3 aborts the process otherwise).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from server import formats
from server.pool import recv_msg, send_response

_EXT_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".n3": ox.RdfFormat.N3,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
_POSITION = re.compile(r"error at (\d+):(\d+)")


@dataclass
class Dataset:
    """The loaded dataset held by the zygote (and inherited by every forked worker)."""

    spec: dict
    store: ox.Store | None  # None: on-disk store, each worker opens it read-only after the fork
    info: dict = field(default_factory=dict)


def rdf_format_for(path: Path) -> ox.RdfFormat:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _EXT_FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise ValueError(f"{path.name}: unknown RDF file extension (use .trig, .nq, .nt, .ttl, .jsonld or .rdf)")
    return fmt


def load_file(store: ox.Store, path: Path) -> None:
    """Load one RDF file (optionally gzipped) into `store`; Turtle/N-Triples go to the default graph."""
    fmt = rdf_format_for(path)
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as fh:
            store.load(input=fh, format=fmt, base_iri=path.resolve().as_uri())
    else:
        store.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())


def open_dataset(spec: dict) -> Dataset:
    """spec: {"kind": "file"|"store", "path": str, "in_memory": bool, "prefixes": {...}}."""
    started = time.monotonic()
    path = Path(spec["path"])
    if spec["kind"] == "file":
        store = ox.Store()
        load_file(store, path)
    elif spec.get("in_memory", True):
        store = ox.Store()
        dump = path.parent / "dumps" / "graph.nq.gz"  # written by kg build beside db/
        if dump.is_file():  # parsing the dump is ~2x faster than copying out of RocksDB (1M quads: 6 s vs 13 s)
            with gzip.open(dump, "rb") as fh:
                store.load(input=fh, format=ox.RdfFormat.N_QUADS)
            expected = _manifest_quads(path.parent)
            if expected is not None and len(store) != expected:
                raise ValueError(f"{dump} holds {len(store)} quads, the build's manifest {expected}; rebuild with 'kg build'")
        else:
            source = ox.Store.read_only(str(path))
            store.extend(source.quads_for_pattern(None, None, None, None))
            del source
    else:
        # RocksDB starts background threads: it must not be opened in the zygote (a fork copies only
        # the forking thread). Check the directory looks like a store; each worker opens it itself.
        store = None
        if not (path / "CURRENT").is_file():
            raise FileNotFoundError(f"{path} is not a RocksDB store directory (no CURRENT file)")
    info = {"load_s": round(time.monotonic() - started, 3), "mode": "memory" if store is not None else "disk"}
    if store is not None:
        info["quads"] = len(store)
    return Dataset(spec, store, info)


def _manifest_quads(build_dir: Path) -> int | None:
    try:
        return int(json.loads((build_dir / "manifest.json").read_text(encoding="utf-8"))["quads"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def apply_update(ds: Dataset, text: str) -> dict:
    """Run a SPARQL Update on the in-memory master copy (the zygote only)."""
    if ds.store is None:
        raise PermissionError("the store is served read-only from disk; updates need the in-memory mode")
    ds.store.update(text)
    return {"quads": len(ds.store)}


def serve(sock, ds: Dataset) -> None:
    """A worker's loop: one request in, one fully materialised response out, until EOF."""
    store = ds.store if ds.store is not None else ox.Store.read_only(ds.spec["path"])
    prefixes = ds.spec.get("prefixes") or None
    while True:
        req = recv_msg(sock)
        if req is None:
            return
        header, body = execute(store, req, prefixes)
        send_response(sock, header, body)


def execute(store: ox.Store, req: dict, prefixes: dict | None = None) -> tuple[dict, bytes]:
    """Run one query request; never raises for query problems (they come back in the header)."""
    started = time.perf_counter()
    kwargs: dict = {}
    dg, ng = req.get("dg"), req.get("ng")
    if dg is not None or ng is not None:
        # SPARQL Protocol: the request's dataset replaces the query's; an absent list means empty.
        kwargs["default_graph"] = [ox.NamedNode(g) for g in (dg or [])]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in (ng or [])]
    elif req.get("union", True):
        kwargs["use_default_graph_as_union"] = True
    if prefixes:
        # The project's prefixes (ccr:, res:, schema:, wd:...) are predefined, as on WDQS and
        # Virtuoso; a query's own PREFIX lines still win.
        kwargs["prefixes"] = prefixes
    try:
        result = store.query(req["q"], **kwargs)
    except SyntaxError as exc:
        header = _error("syntax", str(exc))
        m = _POSITION.search(str(exc))
        if m:
            header["line"], header["column"] = int(m.group(1)), int(m.group(2))
        return header, b""
    except OSError as exc:
        return _error("storage", str(exc)), b""
    except (RuntimeError, ValueError, TypeError, OverflowError, UnicodeError) as exc:
        return _error("evaluation", str(exc)), b""
    try:
        cap = req.get("cap", 10000)
        if isinstance(result, ox.QuerySolutions):
            mime = req.get("sol")
            if mime is None:
                return _error("not_acceptable", "SELECT results", "solutions"), b""
            body, rows, truncated = formats.serialize_solutions(result, mime, cap)
            kind = "solutions"
        elif isinstance(result, ox.QueryBoolean):
            mime = req.get("sol")
            if mime is None:
                return _error("not_acceptable", "ASK results", "boolean"), b""
            body, rows, truncated = formats.serialize_boolean(bool(result), mime), 1, False
            kind = "boolean"
        else:
            mime = req.get("graph")
            if mime is None:
                return _error("not_acceptable", "CONSTRUCT/DESCRIBE results", "graph"), b""
            body, rows, truncated = formats.serialize_triples(result, mime, cap, prefixes)
            kind = "graph"
    except OSError as exc:  # evaluation is lazy: errors can surface while iterating
        return _error("storage", str(exc)), b""
    except (SyntaxError, RuntimeError, ValueError, TypeError, OverflowError, UnicodeError) as exc:
        return _error("evaluation", str(exc)), b""
    ms = (time.perf_counter() - started) * 1000
    return {"ok": True, "kind": kind, "mime": mime, "rows": rows, "truncated": truncated, "ms": ms}, body


def _error(code: str, message: str, kind: str | None = None) -> dict:
    return {"ok": False, "error": code, "message": message, "kind": kind}
