"""`kg`: one command line for the whole product.

Subcommands follow the conventions of their peers (oxigraph's CLI, datasette): positional inputs,
`--format`, `--location`/`--data-dir`, safe defaults (127.0.0.1, read-only), errors on stderr with
a hint and a non-zero exit code, never a traceback for an expected failure.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KGError
from kg.settings import Settings, settings_table


class _KGGroup(click.Group):
    """Turns every KGError into 'kg: error: ...' plus a hint, with the error's exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"kg: error: {exc.message}", err=True)
            if exc.hint:
                click.echo(f"hint: {exc.hint}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            ctx.exit(130)


def _settings(ctx: click.Context, **overrides) -> Settings:
    base: Settings = ctx.obj
    return base.replace(**{k: v for k, v in overrides.items() if v is not None})


@click.group(cls=_KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(path_type=Path), help="Where stores and dumps live (KG_DATA_DIR).")
@click.option("--base-iri", help="Base of every minted IRI (KG_BASE_IRI).")
@click.version_option(package_name="china-russia-kg")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, base_iri: str | None) -> None:
    """Knowledge graph of China-Russia relations: build it from articles, query it, serve it."""
    ctx.obj = Settings.from_env(data_dir=data_dir, base_iri=base_iri)


# --- kg validate ------------------------------------------------------------------------------
@cli.command()
@click.option("--no-reasoner", is_flag=True, help="Skip the HermiT consistency check (needs Java).")
@click.pass_context
def validate(ctx: click.Context, no_reasoner: bool) -> None:
    """Check the ontology (OWL 2 DL, HermiT), the SHACL shapes and the reference entities."""
    from kg.ontology import validate_all

    report = validate_all(ctx.obj, reasoner=not no_reasoner, echo=lambda m: click.echo(m, err=True))
    click.echo(report.summary())
    if not report.ok:
        ctx.exit(5)


# --- kg build / ingest ------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-j", "--jobs", type=int, help="Extraction processes (default: one per core).")
@click.option("--no-dumps", is_flag=True, help="Skip writing the TriG/N-Quads/Turtle/JSON-LD dumps.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], jobs: int | None, no_dumps: bool, quiet: bool) -> None:
    """Build the graph from articles (default: seeds/) and RDF files (.ttl/.trig/.nq), then swap it in.

    A failed build leaves the store being served untouched.
    """
    from kg.pipeline import build as run_build

    settings = _settings(ctx, build_jobs=jobs)
    result = run_build(settings, list(paths) or None, dumps=not no_dumps, progress=None if quiet else _progress)
    click.echo(result.summary())
    if result.problems:
        for p in result.problems:
            click.echo(f"kg: warning: {p}", err=True)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def ingest(ctx: click.Context, file: Path, quiet: bool) -> None:
    """Add one article (or RDF file) to the current store; re-ingesting the same file changes nothing."""
    from kg.pipeline import ingest as run_ingest

    result = run_ingest(ctx.obj, file, progress=None if quiet else _progress)
    click.echo(result.summary())
    for p in result.problems:
        click.echo(f"kg: warning: {p}", err=True)


def _progress(message: str) -> None:
    click.echo(message, err=True)


# --- kg query ---------------------------------------------------------------------------------
@cli.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, path_type=Path), help="Read the query from a file.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "ntriples", "jsonld"]))
@click.pass_context
def query(ctx: click.Context, query: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query against the built store (read-only) and print the results."""
    from kg.querying import run_cli_query

    if query_file is not None:
        query = query_file.read_text(encoding="utf-8")
    if not query:
        raise click.UsageError("give a query as an argument or with --file")
    sys.stdout.buffer.write(run_cli_query(ctx.obj, query, fmt))


# --- kg export --------------------------------------------------------------------------------
@cli.command()
@click.argument("what", type=click.Choice(["events", "dyad-years"]))
@click.option("--format", "fmt", default="csv", show_default=True, type=click.Choice(["csv", "jsonl", "plover"]))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of standard output.")
@click.pass_context
def export(ctx: click.Context, what: str, fmt: str, output: Path | None) -> None:
    """Export events (one row each) or dyad-year counts for analysts (pandas, R)."""
    from kg.export import export as run_export

    out = output.open("wb") if output else sys.stdout.buffer
    try:
        n = run_export(ctx.obj, what, fmt, out)
    finally:
        if output:
            out.close()
    click.echo(f"{n} rows", err=True)


# --- kg serve ---------------------------------------------------------------------------------
@cli.command()
@click.option("--host", help="Bind address (default 127.0.0.1).")
@click.option("-p", "--port", type=int, help="Port (default 8000).")
@click.option("--workers", "web_workers", type=int, help="gunicorn worker processes.")
@click.option("--backend", "backend_url", help="Forward queries to this SPARQL endpoint instead of the built store.")
@click.option("--data", "data_file", type=click.Path(exists=True, path_type=Path), help="Serve this RDF dataset file on its own.")
@click.option("--timeout", "query_timeout_s", type=float, help="Query deadline in seconds.")
@click.option("--dev", is_flag=True, help="Flask development server (single process, auto-reload off).")
@click.option("--build/--no-build", "build_first", default=False, help="Build from seeds/ first if no store exists.")
@click.pass_context
def serve(ctx: click.Context, dev: bool, build_first: bool, **opts) -> None:
    """Serve the graph: SPARQL 1.1 endpoint at /sparql, query page at /, entity pages, dumps."""
    from server import run

    settings = _settings(ctx, **opts)
    if build_first and settings.backend_url is None and settings.data_file is None:
        from kg.store import current_store_path
        from kg.pipeline import build as run_build

        if current_store_path(settings) is None:
            click.echo(run_build(settings, None, dumps=True, progress=_progress).summary(), err=True)
    run(settings, dev=dev)


# --- kg evaluate / link / settings ------------------------------------------------------------
@cli.command()
@click.option("--gold", type=click.Path(exists=True, path_type=Path), help="Gold annotation folder (default tests/gold).")
@click.option("--articles", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the files the gold names (default seeds/; the held-out sample: tests/heldout/articles).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def evaluate(ctx: click.Context, gold: Path | None, articles: Path | None, as_json: bool) -> None:
    """Compare the extraction of seeds/ (or --articles) with an annotated gold sample: precision and recall."""
    from kg.evaluate import evaluate as run_evaluate

    report = run_evaluate(ctx.obj, gold, articles)
    click.echo(report.to_json() if as_json else report.table())


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("link-proposals.tsv"), show_default=True)
@click.option("--limit", type=int, default=50, show_default=True, help="Most entities to look up.")
@click.pass_context
def link(ctx: click.Context, output: Path, limit: int) -> None:
    """Propose Wikidata QIDs for entities without one (written for review, never applied)."""
    from kg.link import propose_links

    n = propose_links(ctx.obj, output, limit=limit, echo=lambda m: click.echo(m, err=True))
    if n:
        click.echo(f"{n} proposals written to {output} (review them; nothing was applied)")


@cli.command("settings")
@click.option("--markdown", is_flag=True, help="As the Markdown table of docs/settings.md.")
def show_settings(markdown: bool) -> None:
    """List every setting with its default and help (set them as KG_<NAME>)."""
    if markdown:
        click.echo("| variable | default | meaning |\n| --- | --- | --- |")
    for name, default, help_ in settings_table():
        if markdown:
            click.echo(f"| `KG_{name.upper()}` | `{default}` | {help_} |")
        else:
            click.echo(f"KG_{name.upper():<28} {default:<40} {help_}")


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="kg")


if __name__ == "__main__":
    main()
