"""The `kg` command line: conventions, exit codes, messages that say what to do next."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "seeds" / "004_95c762b830a15577.txt"


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()

    def _run(*args):
        return runner.invoke(cli, ["--data-dir", str(tmp_path / "var"), *args], catch_exceptions=False)

    return _run


def test_help_lists_every_subcommand(run):
    out = run("--help").output
    for cmd in ("build", "ingest", "serve", "query", "export", "validate", "evaluate", "link", "settings"):
        assert cmd in out


def test_query_before_build_exits_4_with_a_hint(run):
    res = run("query", "ASK {}")
    assert res.exit_code == 4
    assert "kg build" in res.output and "Traceback" not in res.output


def test_build_of_missing_path_exits_3(run, tmp_path):
    res = run("build", str(tmp_path / "missing.txt"))
    assert res.exit_code == 3
    assert "no such file" in res.output


def test_build_then_query_as_csv_and_table(run):
    res = run("build", "--quiet", "--no-dumps", str(SEED))
    assert res.exit_code == 0, res.output
    assert "built" in res.output and "1 articles" in res.output
    csv = run("query", "--format", "csv", "SELECT ?e WHERE { ?e a ccr:NavalExercise } ORDER BY ?e")
    assert csv.exit_code == 0
    assert csv.output.splitlines()[0] == "e" and "joint-sea" in csv.output
    table = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?e a ccr:Summit }")
    assert table.exit_code == 0 and "(1 row)" in table.output


def test_malformed_query_exits_2_with_the_parser_message(run):
    assert run("build", "--quiet", "--no-dumps", str(SEED)).exit_code == 0
    res = run("query", "SELEKT ?x")
    assert res.exit_code == 2
    assert "malformed query" in res.output


def test_console_script_runs_as_a_module():
    out = subprocess.run([sys.executable, "-m", "kg.cli", "settings"], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert out.returncode == 0 and "KG_BASE_IRI" in out.stdout


@pytest.mark.parametrize("name,content,message", [
    ("bad.ttl", "not rdf <", "not valid Turtle"),
    ("data.csv", "a,b\n", "not an RDF file"),
])
def test_serve_refuses_a_malformed_data_file_before_starting(run, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    res = run("serve", "--data", str(path), "--port", "1")
    assert res.exit_code == 3
    assert message in res.output and "Traceback" not in res.output


def test_evaluate_scores_another_annotated_sample_from_its_folder(run):
    """`kg evaluate --gold G --articles A` scores the files G names, read from A (the held-out sample here)."""
    import json

    held = PROJECT_ROOT / "tests" / "heldout"
    res = run("evaluate", "--gold", str(held / "gold"), "--articles", str(held / "articles"), "--json")
    assert res.exit_code == 0, res.output
    overall = json.loads(res.output)["overall"]
    assert overall["events"]["tp"] > 50 and overall["events"]["precision"] >= 0.9
    wrong = run("evaluate", "--gold", str(held / "gold"), "--articles", str(PROJECT_ROOT / "seeds"))
    assert wrong.exit_code == 2
    assert "missing from" in wrong.output and "--articles" in wrong.output and "Traceback" not in wrong.output
