"""The SPARQL endpoints compared, each started the way its users run it, on 127.0.0.1 and a free port.

- ours:            `python -m kg.cli serve --data FILE --port P` (gunicorn workers, query worker
                   processes, timeouts, SERVICE gate and row cap at their defaults: ON).
- oxigraph:        `oxigraph load -l DIR -f FILE`, then `oxigraph serve-read-only -l DIR` (on disk,
                   RocksDB) with `--union-default-graph` (our default graph is the union of the article
                   graphs, so both answer the same queries the same way). Without `--timeout-s` by
                   default, as its users run it: with it, 0.5.13 starts one thread per query that
                   sleeps for the whole timeout, so at a few thousand req/s it reaches ~16k threads,
                   fails requests ("Resource temporarily unavailable") and panics (measured here;
                   `Oxigraph.timeout_s` / `bench_endpoint.py --oxigraph-timeout 30` reproduces it).
- virtuoso:        Debian virtuoso-opensource 7.2 on a private database directory with its own
                   virtuoso.ini (`+foreground`), bulk-loaded with isql ld_dir/rdf_loader_run/checkpoint.
                   Its [SPARQL] ResultSetMaxRows and MaxQueryExecutionTime mirror our row cap and
                   deadline; buffers and HTTP threads follow its own sizing notes for a 2 GB budget.
- rdflib-endpoint: `rdflib-endpoint serve FILE` (rdflib Dataset with default_union, uvicorn).

Prepared stores (oxigraph directory, virtuoso database) are cached under benchmarks/out/work keyed
on the data file's size and mtime, so re-runs skip the slow loads; preparing takes a file lock, and
each run serves Virtuoso from its own copy of the database, so two benchmark runs can overlap.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import http.client
import os
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

from benchmarks.common import OUT_DIR, PYTHON, ROOT, Proc, free_port, wait_for

VENV_BIN = ROOT / ".venv" / "bin"
OXIGRAPH = str(VENV_BIN / "oxigraph") if (VENV_BIN / "oxigraph").exists() else (shutil.which("oxigraph") or "oxigraph")
RDFLIB_ENDPOINT = str(VENV_BIN / "rdflib-endpoint") if (VENV_BIN / "rdflib-endpoint").exists() else "rdflib-endpoint"
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or shutil.which("isql") or "/usr/bin/isql-vt"
WORK_DIR = OUT_DIR / "work"

QUERY_TIMEOUT_S = 30  # our default deadline (Settings.query_timeout_s); peers get the same
ROW_CAP = 10000  # our default row cap (Settings.row_cap); Virtuoso's ResultSetMaxRows gets the same


def data_key(data: Path) -> str:
    st = data.stat()
    return hashlib.sha1(f"{data.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:12]


@contextlib.contextmanager
def prepare_lock(target: Path):
    """Serialise the preparation of one cached store between concurrent benchmark runs."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ask_ok(port: int, path: str, method: str = "GET", timeout: float = 5.0) -> bool:
    """True when the endpoint answers `ASK {}` with 200 (the readiness probe for every system)."""
    q = urllib.parse.urlencode({"query": "ASK {}"})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", f"{path}?{q}", headers={"Accept": "application/sparql-results+json"})
        resp = conn.getresponse()
        resp.read()
        return resp.status == 200
    finally:
        conn.close()


class System:
    """One endpoint under test: prepare (offline load), start, stop; `path` is its SPARQL URL path."""

    name = "?"
    path = "/sparql"
    start_timeout = 120.0
    load_step = False  # True when the system loads the data offline before serving (timed in prepare_s)

    def __init__(self, data: Path, *, log_dir: Path):
        self.data = data.resolve()
        self.log_dir = log_dir
        self.port = 0
        self.proc: Proc | None = None
        self.prepare_s: float | None = None
        self.start_s: float | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def prepare(self) -> None:
        """Offline loading step (timed separately from serving)."""

    def argv(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict | None:
        return None

    def cwd(self) -> Path | None:
        return None

    def start(self) -> None:
        self.port = free_port()
        t0 = time.perf_counter()
        self.proc = Proc(self.argv(), cwd=self.cwd(), env=self.env(), log=self.log_dir / f"{self.name}.log")
        try:
            wait_for(lambda: self._ready(), timeout=self.start_timeout, interval=0.2, what=f"{self.name} ready")
        except TimeoutError as exc:
            tail = self.proc.tail()
            self.stop()
            raise RuntimeError(f"{self.name} did not start: {exc}\n--- log tail ---\n{tail}") from exc
        self.start_s = time.perf_counter() - t0

    def _ready(self) -> bool:
        if self.proc is not None and not self.proc.alive():
            raise RuntimeError(f"{self.name} exited early:\n{self.proc.tail()}")
        return ask_ok(self.port, self.path)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.stop()
            self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def describe(self) -> str:
        return " ".join(self.argv())


class Ours(System):
    """`kg serve`: the built store when `store_dir` (a KG_DATA_DIR with `current`) is given, else --data FILE."""

    name = "ours"
    path = "/sparql"
    start_timeout = 300.0

    def __init__(self, data: Path, *, log_dir: Path, store_dir: Path | None = None):
        super().__init__(data, log_dir=log_dir)
        self.store_dir = store_dir

    def argv(self) -> list[str]:
        argv = [PYTHON, "-m", "kg.cli", "serve", "--port", str(self.port), "--host", "127.0.0.1"]
        return argv if self.store_dir else [*argv, "--data", str(self.data)]

    def env(self) -> dict:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env["KG_DATA_DIR"] = str(self.store_dir or (self.log_dir / "ours-var"))
        return env

    def cwd(self) -> Path:
        return ROOT


class FlaskCeiling(System):
    """benchmarks/flask_ceiling.py under gunicorn with our worker settings for this dataset: the
    throughput bound of any Flask proxy (it answers without running the query)."""

    name = "flask-ceiling"
    path = "/sparql"

    def argv(self) -> list[str]:
        from kg.settings import Settings
        from server.gunicorn_conf import web_workers

        settings = Settings.from_env(data_file=self.data)
        return [PYTHON, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--worker-class", "gthread",
                "--workers", str(web_workers(settings)), "--threads", str(settings.web_threads),
                "--log-level", "warning", "--no-control-socket", "benchmarks.flask_ceiling:app"]

    def cwd(self) -> Path:
        return ROOT


class Oxigraph(System):
    name = "oxigraph"
    path = "/query"
    load_step = True
    timeout_s: int | None = None  # see the module docstring: --timeout-s fails under load in 0.5.13

    def prepare(self) -> None:
        """`oxigraph load` once into the cache; any number of read-only servers may share it."""
        self.location = WORK_DIR / f"oxigraph-{data_key(self.data)}"
        with prepare_lock(self.location):
            if (self.location / ".loaded").exists():
                return
            shutil.rmtree(self.location, ignore_errors=True)
            self.location.mkdir(parents=True)
            t0 = time.perf_counter()
            subprocess.run([OXIGRAPH, "load", "--location", str(self.location), "--file", str(self.data)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=1800)
            self.prepare_s = time.perf_counter() - t0
            (self.location / ".loaded").write_text(str(self.data))

    def argv(self) -> list[str]:
        argv = [OXIGRAPH, "serve-read-only", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}",
                "--union-default-graph"]
        return argv + (["--timeout-s", str(self.timeout_s)] if self.timeout_s else [])


class RdflibEndpoint(System):
    name = "rdflib-endpoint"
    path = "/"
    start_timeout = 900.0  # rdflib parses 1M quads in minutes

    def argv(self) -> list[str]:
        return [RDFLIB_ENDPOINT, "serve", str(self.data), "--host", "127.0.0.1", "--port", str(self.port)]


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 16
CheckpointInterval       = 60
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = ., {data_dir}
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxQueryMem              = 2G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 10
; virtuoso.ini's own sizing note: 2 GB of buffers
NumberOfBuffers          = 170000
MaxDirtyBuffers          = 130000

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {dir}/vsp
MaxClientConnections        = 80
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 80
MaxKeepAlives               = 80
KeepAliveTimeout            = 30
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[SPARQL]
ResultSetMaxRows           = {row_cap}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = {timeout}
DefaultQuery               = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
DeferInferenceRulesInit    = 0
"""


class Virtuoso(System):
    name = "virtuoso"
    path = "/sparql"
    load_step = True
    start_timeout = 180.0

    def __init__(self, data: Path, *, log_dir: Path):
        super().__init__(data, log_dir=log_dir)
        self.cache = WORK_DIR / f"virtuoso-{data_key(data)}"
        self.dir = self.cache
        self.sql_port = 0

    def _write_ini(self) -> None:
        (self.dir / "vsp").mkdir(parents=True, exist_ok=True)
        (self.dir / "virtuoso.ini").write_text(VIRTUOSO_INI.format(
            dir=self.dir, sql_port=self.sql_port, http_port=self.port, data_dir=self.data.parent,
            row_cap=ROW_CAP, timeout=QUERY_TIMEOUT_S))

    def argv(self) -> list[str]:
        return [VIRTUOSO, "+foreground", "+configfile", str(self.dir / "virtuoso.ini")]

    def cwd(self) -> Path:
        return self.dir

    def start(self) -> None:
        self.port, self.sql_port = free_port(), free_port()
        self._write_ini()
        t0 = time.perf_counter()
        self.proc = Proc(self.argv(), cwd=self.cwd(), log=self.log_dir / f"{self.name}.log")
        try:
            wait_for(self._ready, timeout=self.start_timeout, interval=0.3, what="virtuoso ready")
        except Exception as exc:
            tail = self.proc.tail() + "\n" + _tail(self.dir / "virtuoso.log")
            self.stop()
            raise RuntimeError(f"virtuoso did not start: {exc}\n{tail}") from exc
        self.start_s = time.perf_counter() - t0

    def isql(self, sql: str, timeout: float = 1800) -> str:
        """Run statements through isql-vt (dba/dba on the private database); raises with the output."""
        r = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={sql}"],
                           capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0 or "*** Error" in r.stdout or "*** Error" in r.stderr:
            raise RuntimeError(f"isql failed ({r.returncode}) on {sql!r}:\n{r.stdout}\n{r.stderr}")
        return r.stdout

    def prepare(self) -> None:
        """Bulk load once into the cached database, then serve this run's own copy of it."""
        with prepare_lock(self.cache):
            if not (self.cache / ".loaded").exists():
                self._bulk_load()
            self.dir = self.log_dir / f"virtuoso-db-{self.cache.name}"
            shutil.rmtree(self.dir, ignore_errors=True)
            shutil.copytree(self.cache, self.dir, ignore=shutil.ignore_patterns("*.lck", "virtuoso.log"))

    def _bulk_load(self) -> None:
        self.dir = self.cache
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.start()
        try:
            t0 = time.perf_counter()
            self.isql(f"ld_dir('{self.data.parent}', '{self.data.name}', 'urn:bench:default');")
            self.isql("rdf_loader_run();")
            self.isql("checkpoint;")
            errors = self.isql("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;")
            if not _first_int(errors) == 0:
                raise RuntimeError(f"virtuoso bulk load reported errors:\n"
                                   f"{self.isql('SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST;')}")
            self.prepare_s = time.perf_counter() - t0
        finally:
            self.stop()
        (self.dir / ".loaded").write_text(str(self.data))


def _first_int(text: str) -> int | None:
    for line in text.splitlines():
        s = line.strip()
        if s.isdigit():
            return int(s)
    return None


def _tail(path: Path, n: int = 15) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-n:]) if path.exists() else ""


REFERENCE_POINTS = {"flask-ceiling"}  # measured beside the endpoints, but not endpoints: never validated
SYSTEMS = {"ours": Ours, "oxigraph": Oxigraph, "virtuoso": Virtuoso, "rdflib-endpoint": RdflibEndpoint,
           "flask-ceiling": FlaskCeiling}
