"""Load generators: wrk with a Lua request table (the measuring engine) and a Python keep-alive client
(validation pass, runaway firing, and a fallback when wrk is missing).

Why wrk measures: on 2 shared cores a Python client costs ~0.1-0.2 ms of CPU per request, which
would be taken from the servers and flatten the ratios; wrk (C + LuaJIT) costs a fraction of that.
Both only ever connect to 127.0.0.1 and stop at a deadline.

Every response is checked, not just counted: a non-200 status, or a 200 whose JSON body does not
end with '}' or carries oxigraph's "operation has been cancelled" (a timeout after the headers
went out), is an error.
"""

from __future__ import annotations

import http.client
import io
import json
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.mixes import JSON, Query

WRK = shutil.which("wrk")

LUA = r"""
-- Request table read from a file (one "path<TAB>accept" per line); each wrk thread walks its own
-- residue class of the table, so with a cold table no request repeats until the table wraps.
local threads = {}
local nthreads = 0
function setup(thread)
  thread:set("tid", nthreads)
  nthreads = nthreads + 1
  table.insert(threads, thread)
end
function init(args)
  reqs = {}
  for line in io.lines(args[1]) do
    local p, a = line:match("^([^\t]*)\t(.*)$")
    reqs[#reqs + 1] = wrk.format("GET", p, { ["Accept"] = a })
  end
  step = tonumber(args[2])
  counter = tid
  sent, ok, bad_status, bad_body = 0, 0, 0, 0
end
function request()
  local r = reqs[(counter % #reqs) + 1]
  counter = counter + step
  sent = sent + 1
  return r
end
function response(status, headers, body)
  if status ~= 200 then
    bad_status = bad_status + 1
  elseif body:find("operation has been cancelled", 1, true) or (body:find("^%s*{") and not body:find("}%s*$")) then
    bad_body = bad_body + 1
  else
    ok = ok + 1
  end
end
function done(summary, latency, requests)
  local s, o, bs, bb = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("sent"); o = o + t:get("ok"); bs = bs + t:get("bad_status"); bb = bb + t:get("bad_body")
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d,"ok":%d,"bad_status":%d,' ..
    '"bad_body":%d,"sent":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    o, bs, bb, s))
end
"""


@dataclass
class LoadResult:
    """One measured slot: one system, one mix, one concurrency, one round."""

    requests: int
    seconds: float
    ok: int
    errors: int
    p50_ms: float | None
    p99_ms: float | None
    detail: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def write_requests(path: Path, queries: list[Query], url_path: str) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for q in queries:
            f.write(f"{q.get_path(url_path)}\t{q.accept}\n")
    return path


def run_wrk(port: int, request_file: Path, *, clients: int, seconds: float, timeout_s: float,
            script_dir: Path) -> LoadResult:
    """Run wrk for `seconds` with `clients` keep-alive connections over the request table."""
    if WRK is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk), or run with --engine python")
    script = script_dir / "mix.lua"
    if not script.exists():
        script.write_text(LUA)
    threads = 1 if clients == 1 else 2
    argv = [WRK, f"-t{threads}", f"-c{clients}", f"-d{max(1, round(seconds))}s", f"--timeout={int(timeout_s)}s",
            "-s", str(script), f"http://127.0.0.1:{port}/", "--", str(request_file), str(threads)]
    r = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + timeout_s + 60)
    line = next((ln for ln in r.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    d = json.loads(line[len("WRKJSON "):])
    secs = d["duration_us"] / 1e6
    socket_errors = d["connect"] + d["read"] + d["write"] + d["timeout"]
    errors = d["bad_status"] + d["bad_body"] + socket_errors
    return LoadResult(requests=d["requests"], seconds=secs, ok=d["ok"], errors=errors,
                      p50_ms=d["p50_us"] / 1000 if d["requests"] else None,
                      p99_ms=d["p99_us"] / 1000 if d["requests"] else None, detail=d)


# --- Python client ------------------------------------------------------------------------------
@dataclass
class Sample:
    kind: str
    status: int
    seconds: float
    rows: int | None
    error: str | None = None


def fetch(conn_box: list, port: int, path: str, q: Query, timeout: float) -> Sample:
    """One GET over a keep-alive connection held in conn_box[0] (reopened after any failure)."""
    t0 = time.perf_counter()
    try:
        if conn_box[0] is None:
            conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn = conn_box[0]
        conn.request("GET", q.get_path(path), headers={"Accept": q.accept})
        resp = conn.getresponse()
        body = resp.read()
        dt = time.perf_counter() - t0
        if resp.status != 200:
            return Sample(q.kind, resp.status, dt, None, body[:200].decode("utf-8", "replace"))
        return Sample(q.kind, 200, dt, count_rows(body, q.accept))
    except Exception as exc:  # socket timeout, reset, truncated body: all are errors of the system
        if conn_box[0] is not None:
            conn_box[0].close()
        conn_box[0] = None
        return Sample(q.kind, 0, time.perf_counter() - t0, None, f"{type(exc).__name__}: {exc}")


def count_rows(body: bytes, accept: str) -> int:
    """Rows of a SPARQL JSON result (ASK: 1/0) or triples of a Turtle answer; raises if malformed."""
    if accept == JSON:
        doc = json.loads(body)
        if "boolean" in doc:
            return int(bool(doc["boolean"]))
        return len(doc["results"]["bindings"])
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(io.BytesIO(body), format=ox.RdfFormat.TURTLE))


def run_python(port: int, path: str, queries: list[Query], *, clients: int, seconds: float,
               timeout_s: float) -> tuple[LoadResult, list[Sample]]:
    """Threads with keep-alive connections walking the query list until the deadline."""
    deadline = time.monotonic() + seconds
    samples: list[Sample] = []
    lock = threading.Lock()
    counter = iter(range(10**12))

    def client():
        box = [None]
        local = []
        while time.monotonic() < deadline:
            with lock:
                i = next(counter)
            local.append(fetch(box, port, path, queries[i % len(queries)], timeout_s))
        if box[0] is not None:
            box[0].close()
        with lock:
            samples.extend(local)

    t0 = time.monotonic()
    ths = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in ths:
        t.start()
    for t in ths:
        t.join(seconds + timeout_s + 10)
    elapsed = time.monotonic() - t0
    return summarize(samples, elapsed), samples


def summarize(samples: list[Sample], seconds: float) -> LoadResult:
    ok = [s for s in samples if s.status == 200]
    lat = sorted(s.seconds * 1000 for s in ok)
    return LoadResult(requests=len(samples), seconds=seconds, ok=len(ok), errors=len(samples) - len(ok),
                      p50_ms=percentile(lat, 50), p99_ms=percentile(lat, 99),
                      detail={"errors": sorted({s.error for s in samples if s.error})[:5]})


def percentile(sorted_values: list[float], p: float) -> float | None:
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * (len(sorted_values) - 1)))))
    return sorted_values[k]


def validate(port: int, path: str, queries: list[Query], timeout_s: float) -> list[Sample]:
    """Each query once, sequentially: statuses, per-kind latency, and row counts to compare systems."""
    box = [None]
    out = [fetch(box, port, path, q, timeout_s) for q in queries]
    if box[0] is not None:
        box[0].close()
    return out


def per_kind(samples: list[Sample]) -> dict[str, dict]:
    kinds: dict[str, list[Sample]] = {}
    for s in samples:
        kinds.setdefault(s.kind, []).append(s)
    return {k: {"p50_ms": statistics.median(x.seconds * 1000 for x in v), "errors": sum(x.status != 200 for x in v),
                "rows": [x.rows for x in v]} for k, v in kinds.items()}


class RunawayFirer:
    """Background clients that keep a runaway query in flight on a system until stopped."""

    def __init__(self, port: int, path: str, queries: list[Query], *, clients: int = 2, timeout_s: float = 40):
        self.port, self.path, self.queries, self.timeout_s = port, path, queries, timeout_s
        self.stop_event = threading.Event()
        self.samples: list[Sample] = []
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(clients)]
        self.boxes: list[list] = []

    def _run(self, i: int) -> None:
        box = [None]
        self.boxes.append(box)
        n = i
        while not self.stop_event.is_set():
            sample = fetch(box, self.port, self.path, self.queries[n % len(self.queries)], self.timeout_s)
            if sample.status == 0 and self.stop_event.is_set():
                sample.error = "in flight when the run ended"  # we hung up, the system did not fail
            self.samples.append(sample)
            if sample.status == 0 or sample.seconds < 0.05:  # refused or answered at once: do not spin
                self.stop_event.wait(0.2)
            n += 1

    def __enter__(self) -> "RunawayFirer":
        for t in self.threads:
            t.start()
        time.sleep(0.5)  # let the runaway queries reach the engine before measuring
        return self

    def __exit__(self, *exc) -> None:
        self.stop_event.set()
        for box in self.boxes:  # hang up: the server must cope with clients that leave
            conn = box[0]
            if conn is not None and conn.sock is not None:
                try:
                    conn.sock.shutdown(2)
                except OSError:
                    pass
        for t in self.threads:
            t.join(self.timeout_s + 5)
