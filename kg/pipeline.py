"""Orchestrates `kg build` and `kg ingest`: files -> documents -> records -> quads -> a new store.

Each stage lives in its own module; this one only wires them together, fans extraction out over
processes for large corpora, and turns per-file failures into reported, skipped files (one bad
article never sinks a build, and never reaches the store).
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KGError
from kg.records import ArticleRecords, SourceFile
from kg.settings import Settings
from kg.store import BuildManifest, current_build_dir, require_current_build, write_build

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
DEFAULT_BASE = "https://w3id.org/china-russia-kg"  # the base written in ontology/ccr.ttl
PARALLEL_THRESHOLD = 8  # below this many articles, process start-up costs more than it saves

Progress = Callable[[str], None] | None


@dataclass(frozen=True)
class ArticleSummary:
    """What a build reports about one article once its records have become quads (the records
    themselves are freed as they are turned into quads, so a large build never holds both)."""

    article_slug: str
    title: str | None
    sources: tuple[SourceFile, ...]
    events: int

    @classmethod
    def of(cls, records: ArticleRecords) -> "ArticleSummary":
        return cls(records.article_slug, records.meta.title, records.sources, len(records.events))


@dataclass
class BuildResult:
    manifest: BuildManifest | None
    articles: list[ArticleSummary] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unchanged: bool = False

    def summary(self) -> str:
        if self.unchanged:
            return "nothing to do: that file is already in the current build"
        m = self.manifest
        events = sum(a.events for a in self.articles)
        return (
            f"built {m.build_id}: {len(self.articles)} articles, {events} events, {m.quads:,} quads "
            f"in {len(m.graphs)} graphs, {m.seconds:.2f} s (version {m.version})"
            + (f"; {len(self.problems)} problem(s), see warnings" if self.problems else "")
        )


# --- inputs -------------------------------------------------------------------------------------
def collect_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Split the given files/folders into article files and RDF files (sorted, de-duplicated)."""
    articles: set[Path] = set()
    rdf: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for child in sorted(p.iterdir()):
                if child.is_file() and not child.name.startswith("."):
                    _classify(child, articles, rdf, strict=False)
        elif p.is_file():
            _classify(p, articles, rdf, strict=True)
        else:
            raise InputError(f"{p}: no such file or directory", hint="give article files, RDF files or folders")
    return sorted(articles), sorted(rdf)


def _classify(p: Path, articles: set[Path], rdf: set[Path], strict: bool) -> None:
    suffix = p.suffix.lower()
    if suffix in RDF_FORMATS:
        rdf.add(p)
    elif suffix in ARTICLE_SUFFIXES or strict:
        articles.add(p)


# --- extraction -----------------------------------------------------------------------------------
def _extract_one(path: str, settings: Settings) -> tuple[ArticleRecords | None, list[str]]:
    """Read and extract one file (runs in a worker process for large corpora)."""
    from kg.documents import read_document
    from kg.extract import extract_document
    from kg.lexicon import Lexicon

    try:
        doc = read_document(Path(path), settings)
        records = extract_document(doc, Lexicon.load())
    except InputError as exc:
        return None, [f"skipped {exc}"]
    return records, list(records.warnings)


def extract_files(
    files: list[Path], settings: Settings, progress: Progress = None
) -> tuple[list[ArticleRecords], list[str]]:
    """Extract every article file; returns the merged article records and the problems met."""
    from functools import partial

    from kg.resolve import merge_articles

    say = progress or (lambda _m: None)
    jobs = settings.build_jobs or os.cpu_count() or 1
    per_file: list[ArticleRecords] = []
    problems: list[str] = []
    t0 = time.perf_counter()

    def collect(i: int, path: Path, result: tuple[ArticleRecords | None, list[str]]) -> None:
        records, warnings = result
        problems.extend(w if w.startswith(path.name) or path.name in w else f"{path.name}: {w}" for w in warnings)
        if records is not None:
            per_file.append(records)
            say(f"[{i}/{len(files)}] {path.name}: {len(records.events)} events")
        else:
            say(f"[{i}/{len(files)}] {path.name}: skipped")

    if jobs > 1 and len(files) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunks = max(1, len(files) // (jobs * 32))  # small enough that the last chunk leaves no core idle for long
            results = pool.map(partial(_extract_one, settings=settings), map(str, files), chunksize=chunks)
            for i, (path, result) in enumerate(zip(files, results), 1):
                collect(i, path, result)
    else:
        for i, path in enumerate(files, 1):
            collect(i, path, _extract_one(str(path), settings))
    t1 = time.perf_counter()
    say(f"extracted {len(files)} files in {t1 - t0:.2f} s; merging what they report...")
    merged = merge_articles(per_file)
    say(f"merged into {len(merged)} articles in {time.perf_counter() - t1:.2f} s")
    return merged, problems


# --- quads ------------------------------------------------------------------------------------------
def graph_quads(settings: Settings, articles: list[ArticleRecords], rdf_files: list[Path]) -> Iterator[str]:
    """Every quad of a build, as N-Quads lines: the ontology, the reference entities, each article,
    curated RDF files. `articles` is emptied as it is consumed (see `_drain`).

    Lines, not pyoxigraph Quad objects: a Quad costs over a kilobyte of Python objects, a line a
    tenth of that, and a large corpus holds every article triple at once (see below).

    The default graph a query sees is the union of all graphs, and SPARQL defines it as a set
    (an RDF merge). So no triple may sit in two graphs: otherwise every COUNT over the union
    would count it twice. `dedupe_across_graphs` enforces that.
    """
    from kg.iris import IRIs
    from kg.rdf import article_triples
    from kg.reference import reference_quads

    iris = IRIs(settings.base)
    yield from map(_line, ontology_quads(settings, ox.NamedNode(iris.ontology_graph)))
    reference = [_line(q) for q in reference_quads(iris)]
    yield from reference
    per_article = (article_triples(records, iris) for records in _drain(articles))
    yield from dedupe_across_graphs(per_article, {_triple(x) for x in reference}, f"<{iris.shared_graph}>")
    curated = ox.NamedNode(iris.curated_graph)
    for path in rdf_files:
        yield from map(_line, _rdf_file_quads(path, curated))


def _drain(items: list) -> Iterator:
    """Hand on the items of a list, emptying it as it goes (each one freed once used)."""
    items.reverse()
    while items:
        yield items.pop()


def _line(q: ox.Quad) -> str:
    return f"{q} .\n"


def _triple(line: str) -> str:
    """'<s> <p> <o> <g> .\n' -> '<s> <p> <o>' (a graph name is an IRI or a blank node: no spaces)."""
    return line[: line.rstrip(" .\n").rindex(" ")]


def dedupe_across_graphs(graphs: Iterable[tuple[str, list[str]]], already: set[str], shared: str) -> Iterator[str]:
    """N-Quads lines of (graph, triples) pairs, with no triple in two graphs.

    Drops article triples the reference entities already state; moves triples several articles state
    (a discovered person's label, the journal) into the shared graph, once. Facts keep their per-article
    provenance: their ccr:sourcePassage triples differ from article to article and stay where they are."""
    graph_of: dict[str, str | None] = {}  # triple -> its one graph, or None once a second graph states it
    for g, triples in graphs:
        for t in triples:
            if t in already:
                continue
            seen = graph_of.get(t, g)
            graph_of[t] = g if seen == g else None
    while graph_of:  # popped, not iterated: each triple's memory is freed as its line is handed on
        t, g = graph_of.popitem()
        yield f"{t} {g if g is not None else shared} .\n"


def ontology_quads(settings: Settings, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The ontology (ontology/ccr.ttl) in its own graph, its IRIs moved to the configured base."""
    text = (settings.ontology_dir / "ccr.ttl").read_text(encoding="utf-8")
    if settings.base != DEFAULT_BASE:
        text = text.replace(DEFAULT_BASE + "/", settings.base + "/")
    # Blank nodes (OWL restrictions, lists) get labels from their order in the file, so the
    # build's content hash, and with it the store version, is the same on every run.
    labels: dict[str, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term.value, ox.BlankNode(f"ont{len(labels)}"))
        return term

    for t in ox.parse(text.encode("utf-8"), ox.RdfFormat.TURTLE):
        yield ox.Quad(stable(t.subject), t.predicate, stable(t.object), graph)


def check_rdf_file(path: Path) -> int:
    """Parse an RDF file once, streaming (no store); its quad count, or InputError with file and line."""
    path = Path(path)
    if path.suffix.lower() not in RDF_FORMATS:
        raise InputError(f"{path}: not an RDF file I can read", hint="use one of " + ", ".join(sorted(RDF_FORMATS)))
    return sum(1 for _ in _rdf_file_quads(path, ox.NamedNode("urn:x-check:graph")))


def _rdf_file_quads(path: Path, default_graph: ox.NamedNode) -> Iterator[ox.Quad]:
    fmt = RDF_FORMATS[path.suffix.lower()]
    try:
        for q in ox.parse(path=str(path), format=fmt):
            g = default_graph if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
            yield ox.Quad(q.subject, q.predicate, q.object, g)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not valid {fmt}: {exc}", hint="fix the file or leave it out of the build") from exc


# --- commands ---------------------------------------------------------------------------------------
@contextmanager
def _long_lived_allocations() -> Iterator[None]:
    """Collect cyclic garbage less often while a build runs.

    A large build holds millions of objects that live to its end (records, then N-Quads lines), and
    each full collection walks all of them: with the default thresholds that was a tenth of the
    main process's CPU on 1,000 articles. Reference counting still frees everything at once; only
    cycles wait longer, and the build makes few.
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build(settings: Settings, paths: list[Path] | None = None, *, dumps: bool = True, progress: Progress = None) -> BuildResult:
    """`kg build`: the whole graph from article and RDF files (default: seeds/), swapped in atomically."""
    with _long_lived_allocations():
        return _build(settings, paths, dumps=dumps, progress=progress)


def _build(settings: Settings, paths: list[Path] | None, *, dumps: bool, progress: Progress) -> BuildResult:
    say = progress or (lambda _m: None)
    article_files, rdf_files = collect_inputs(paths or [settings.seeds_dir])
    if not article_files and not rdf_files:
        raise InputError(f"no article or RDF files in {', '.join(map(str, paths or [settings.seeds_dir]))}")
    say(f"reading {len(article_files)} article file(s) and {len(rdf_files)} RDF file(s)")
    articles, problems = extract_files(article_files, settings, progress)
    if article_files and not articles:
        raise InputError("none of the article files could be read", hint="; ".join(problems[:5]))
    kept = {s.name for a in articles for s in a.sources}
    sources = [(p, "article") for p in article_files if p.name in kept] + [(p, "rdf") for p in rdf_files]
    summaries = [ArticleSummary.of(a) for a in articles]
    manifest = write_build(
        settings,
        graph_quads(settings, articles, rdf_files),
        sources=sources,
        ontology_files=[settings.ontology_dir / "ccr.ttl", settings.ontology_dir / "ccr.owl"],
        dumps=dumps,
        progress=say,
    )
    return BuildResult(manifest=manifest, articles=summaries, problems=problems)


def ingest(settings: Settings, file: Path, *, progress: Progress = None) -> BuildResult:
    """`kg ingest FILE`: rebuild from the current build's sources plus FILE (idempotent by content)."""
    import hashlib

    file = Path(file)
    if not file.is_file():
        raise InputError(f"{file}: no such file", hint="give the path of an article or RDF file")
    build_dir = require_current_build(settings)
    if file.suffix.lower() in RDF_FORMATS:
        check_rdf_file(file)
    else:
        # the one file asked for must read: an error (non-zero exit), not a skipped file and a rebuild of the rest
        from kg.documents import read_document

        read_document(file, settings)
    manifest = BuildManifest.read(build_dir)
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    if any(s["sha256"] == digest for s in manifest.sources):
        return BuildResult(manifest=manifest, unchanged=True)
    kept = [build_dir / "sources" / s["name"] for s in manifest.sources if s["name"] != file.name]
    return build(settings, kept + [file], progress=progress)


__all__ = ["build", "ingest", "extract_files", "collect_inputs", "graph_quads", "ArticleSummary", "BuildResult", "current_build_dir"]
