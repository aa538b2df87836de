"""The on-disk store's life cycle: build into a new directory, check, dump, swap, prune.

Layout under Settings.data_dir (default ./var):

    stores/<build-id>/db/        RocksDB store (pyoxigraph), read-only once built
    stores/<build-id>/dumps/     graph.trig, graph.nq.gz, graph.ttl, graph.jsonld, ontology.ttl, ontology.owl
    stores/<build-id>/sources/   copies of the input files (so a later `kg ingest` can rebuild from them)
    stores/<build-id>/manifest.json
    current -> stores/<build-id> (symlink, replaced atomically with os.replace)

A failure anywhere before the swap removes the half-built directory and leaves `current` as it
was, so the store being served is never touched by a build.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError
from kg.settings import Settings

KEEP_BUILDS = 3
DUMP_FILES = {
    "graph.trig": "application/trig",
    "graph.nq.gz": "application/n-quads",
    "graph.ttl": "text/turtle",
    "graph.jsonld": "application/ld+json",
    "ontology.ttl": "text/turtle",
    "ontology.owl": "application/rdf+xml",
}

Progress = Callable[[str], None] | None


@dataclass
class BuildManifest:
    build_id: str
    version: str  # content hash of the sorted N-Quads: the store's version (ETags, cache keys)
    created: str
    quads: int
    graphs: dict[str, int]
    sources: list[dict] = field(default_factory=list)  # {"name", "sha256", "kind": "article"|"rdf"}
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True)

    @classmethod
    def read(cls, build_dir: Path) -> "BuildManifest":
        try:
            return cls(**json.loads((build_dir / "manifest.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise StoreError(f"{build_dir} has no readable manifest.json", hint="rebuild with 'kg build'") from exc


# --- reading the current build ---------------------------------------------------------------------
def current_build_dir(settings: Settings) -> Path | None:
    """The build directory `current` points at, or None when nothing was built yet."""
    link = settings.current_link
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    if not (target / "db").is_dir():
        return None
    return target


def current_store_path(settings: Settings) -> Path | None:
    """The RocksDB directory of the current build (what the server opens read-only)."""
    build = current_build_dir(settings)
    return None if build is None else build / "db"


def require_current_build(settings: Settings) -> Path:
    build = current_build_dir(settings)
    if build is None:
        raise StoreError(
            f"no graph has been built in {settings.data_dir}/",
            hint="run 'kg build' first (it reads seeds/ by default)",
        )
    return build


def store_version(path: Path) -> str:
    """Version of a build (accepts the build dir or its db/ dir)."""
    build = path.parent if path.name == "db" else path
    return BuildManifest.read(build).version


def dumps_dir(settings: Settings) -> Path | None:
    build = current_build_dir(settings)
    return None if build is None else build / "dumps"


def open_current(settings: Settings, *, in_memory: bool = False) -> ox.Store:
    """Open the current store read-only (or load its N-Quads dump into memory)."""
    build = require_current_build(settings)
    if in_memory:
        store = ox.Store()
        nq = build / "dumps" / "graph.nq.gz"
        if nq.exists():
            with gzip.open(nq, "rb") as fh:
                store.bulk_load(fh, ox.RdfFormat.N_QUADS)
            return store
    try:
        return ox.Store.read_only(str(build / "db"))
    except OSError as exc:
        raise StoreError(f"cannot open the store in {build}: {exc}", hint="rebuild with 'kg build'") from exc


# --- writing a new build -----------------------------------------------------------------------------
def write_build(
    settings: Settings,
    quads: Iterable[ox.Quad | str],
    *,
    sources: Iterable[tuple[Path, str]] = (),
    ontology_files: Iterable[Path] = (),
    dumps: bool = True,
    progress: Progress = None,
) -> BuildManifest:
    """Write a complete new build and swap `current` to it.

    `quads` are pyoxigraph Quads or N-Quads lines; `sources` are (path, kind) to keep copies of.
    """
    say = progress or (lambda _m: None)
    t0 = time.perf_counter()
    settings.stores_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    tmp_dir = settings.stores_dir / f".building-{stamp}-{os.getpid()}"
    try:
        tmp_dir.mkdir()
        # 1. canonical N-Quads: sorted, de-duplicated -> content hash = version
        say("writing quads...")
        # Canonical N-Quads (sorted, no duplicates) written to a file as they are hashed: the
        # file feeds the bulk load and the N-Quads dump, so no second copy is held in memory.
        lines = sorted({_nquad(q) for q in quads})
        digest = hashlib.sha256()
        graphs: dict[str, int] = {}
        nq_path = tmp_dir / "graph.nq"
        with open(nq_path, "w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line)
                digest.update(line.encode("utf-8"))
                g = _graph_of(line)
                graphs[g] = graphs.get(g, 0) + 1
        count = len(lines)
        by_graph = tmp_dir / "graph-by-graph.nq"
        if dumps:
            _write_by_graph(lines, by_graph)
        del lines
        version = digest.hexdigest()[:16]
        # 2. the store, bulk loaded while the dumps are written from the N-Quads files beside it
        # (the loader runs in Rust without the GIL, so the two share the cores)
        src_dir = tmp_dir / "sources"
        src_dir.mkdir()
        source_rows = []
        for path, kind in sources:
            data = Path(path).read_bytes()
            shutil.copyfile(path, src_dir / Path(path).name)
            source_rows.append({"name": Path(path).name, "sha256": hashlib.sha256(data).hexdigest(), "kind": kind})
        with _Dumps(nq_path, by_graph, tmp_dir / "dumps", ontology_files, settings, full=dumps) as dumping:
            say(f"loading {count:,} quads into a new store...")
            db = ox.Store(str(tmp_dir / "db"))
            _bulk_load_in_chunks(db, nq_path)
            db.optimize()
            n = len(db)
            if n != count:
                raise StoreError(f"store holds {n} quads, expected {count}", hint="rebuild; report a bug if it repeats")
            del db  # close RocksDB before the directory is renamed
            if dumps:
                say("writing dumps (TriG, N-Quads, Turtle, JSON-LD)...")
            dumping.wait()
        nq_path.unlink()
        by_graph.unlink(missing_ok=True)
        build_id = f"{stamp}-{version[:8]}"
        manifest = BuildManifest(
            build_id=build_id,
            version=version,
            created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            quads=count,
            graphs=graphs,
            sources=sorted(source_rows, key=lambda r: r["name"]),
            seconds=round(time.perf_counter() - t0, 3),
        )
        (tmp_dir / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
        final_dir = settings.stores_dir / build_id
        os.replace(tmp_dir, final_dir)
    except OSError as exc:  # disk full, permissions: the served build is untouched, and the user is told why
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise StoreError(f"could not write the new build in {settings.stores_dir}: {exc}",
                         hint="free disk space or fix the permissions there, then run 'kg build' again; "
                              "the graph being served is unchanged") from exc
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    swap_current(settings, final_dir)
    prune(settings)
    say(f"'current' now points at {build_id}")
    return manifest


def swap_current(settings: Settings, build_dir: Path) -> None:
    """Point `current` at build_dir atomically (a reader sees the old or the new build, never neither)."""
    tmp_link = settings.data_dir / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(os.path.relpath(build_dir, settings.data_dir), tmp_link)
    os.replace(tmp_link, settings.current_link)


def prune(settings: Settings, keep: int = KEEP_BUILDS) -> None:
    """Remove old builds, never the current one; also leftovers of crashed builds."""
    current = current_build_dir(settings)
    builds = sorted(p for p in settings.stores_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in builds[:-keep]:
        if current is None or old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
    for left in settings.stores_dir.glob(".building-*"):
        pid = left.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _nquad(q: ox.Quad | str) -> str:
    """A quad as an N-Quads line (kg.pipeline already hands over lines)."""
    return q if isinstance(q, str) else f"{q} .\n"


BULK_CHUNK_BYTES = 32 << 20  # the bulk loader's memory grows with its input: feed it bounded slices


def _bulk_load_in_chunks(db: ox.Store, nq_path: Path) -> None:
    """Bulk-load an N-Quads file a slice at a time (whole lines, about 32 MiB: some 100k quads), so
    peak memory stays flat on large builds. Slices are cut at the last line break of a block read,
    not assembled line by line: a million Python line objects cost more than the loading itself."""
    with open(nq_path, "rb") as fh:
        rest = b""
        while True:
            block = fh.read(BULK_CHUNK_BYTES)
            if not block:
                break
            cut = block.rfind(b"\n") + 1
            if cut == 0:  # no line break in a whole block: one very long line, keep reading
                rest += block
                continue
            db.bulk_load(rest + block[:cut], ox.RdfFormat.N_QUADS)
            rest = block[cut:]
        if rest:
            db.bulk_load(rest, ox.RdfFormat.N_QUADS)


def _gzip(src: Path, dest: Path) -> None:
    with open(src, "rb") as fin, gzip.open(dest, "wb", compresslevel=5) as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)


def union_triples(sorted_nquads: Path) -> Iterator[ox.Triple]:
    """The triples of a sorted N-Quads file, each once whatever the number of graphs stating it."""
    previous = None
    for q in ox.parse(path=str(sorted_nquads), format=ox.RdfFormat.N_QUADS):
        t = q.triple
        if t != previous:
            yield t
            previous = t


def _graph_of(line: str) -> str:
    """The graph name of a canonical N-Quads line ('<s> <p> <o> <g> .\n' -> '<g>')."""
    return line.rsplit(" ", 2)[-2]


def _write_by_graph(lines: list[str], dest: Path) -> None:
    """The canonical lines again, graph by graph (a stable sort: subject order within each graph).

    TriG and JSON-LD group their output by graph: fed in this order they come out as compact as a
    store dump, at a third of its cost (a dump decodes every quad back out of RocksDB).
    """
    with open(dest, "w", encoding="utf-8") as fh:
        fh.writelines(sorted(lines, key=_graph_of))


class _Dumps:
    """The dumps, written in background threads while the caller loads the store.

    `full=False` (`kg build --no-dumps`) writes only graph.nq.gz, which the server needs to load an
    in-memory store. `wait()` waits for the threads and re-raises the first failure; leaving the block
    on an error cancels the jobs not yet started and waits for the running ones.
    """

    def __init__(self, nquads: Path, by_graph: Path, out: Path, ontology_files: Iterable[Path],
                 settings: Settings, *, full: bool) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from kg.vocab import prefixes

        out.mkdir()
        pfx = prefixes(settings.base)
        jobs = [lambda: _gzip(nquads, out / "graph.nq.gz")]
        if full:
            jobs += [
                lambda: _serialize_file(by_graph, out / "graph.trig", ox.RdfFormat.TRIG, pfx),
                lambda: _serialize_file(by_graph, out / "graph.jsonld", ox.RdfFormat.JSON_LD, None),
                # Turtle has no graphs: the union of all graphs, as the default graph a query sees.
                # Streamed from the sorted N-Quads file, where the copies of a triple stated in several
                # graphs are adjacent, so the union is made without holding it.
                lambda: ox.serialize(union_triples(nquads), str(out / "graph.ttl"), ox.RdfFormat.TURTLE,
                                     prefixes=pfx),
            ]
            for f in ontology_files:
                if Path(f).exists():
                    shutil.copyfile(f, out / Path(f).name)
        # two threads: the serialisers hold the GIL between quads, so more would only queue
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-dump")
        self._futures = [self._pool.submit(job) for job in jobs]

    def wait(self) -> None:
        for future in self._futures:
            future.result()

    def __enter__(self) -> "_Dumps":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            for future in self._futures:
                future.cancel()
        self._pool.shutdown(wait=True)


def _serialize_file(nquads: Path, dest: Path, fmt: ox.RdfFormat, prefixes: dict | None) -> None:
    quads = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    if prefixes is None:
        ox.serialize(quads, str(dest), fmt)
    else:
        ox.serialize(quads, str(dest), fmt, prefixes=prefixes)
