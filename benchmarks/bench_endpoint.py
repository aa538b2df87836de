"""Endpoint benchmark: our `kg serve` against `oxigraph serve`, Virtuoso and rdflib-endpoint.

One process runs everything so the ratios hold: all systems serve the same data at the same time
(idle while another is measured), get the same request sequences, and are measured in ALTERNATING
rounds (the order rotates each round) so that a noisy neighbour hurts every system alike. Reported
figures are medians over rounds, side by side, with the ratios; never a lone absolute time.

Phases, for each dataset (the seed graph built by `kg build`, and a generated ~1M-quad graph):
  1. validate  - every query kind sent to every system; row counts must agree with the reference.
  2. measure   - cold mix (all requests distinct) and zipf mix (repeating queries) at 1, 8, 32 clients.
  3. soak      - 64 clients for 60 s; zero errors expected.
  4. runaway   - the cold mix at 8 clients while 2 clients keep runaway queries in flight; the
                 others must still answer within their usual p99.
Timeouts, the SERVICE gate and the row cap stay at their defaults (ON) in our server; peers get the
same deadline and row cap where they have the setting.

    python benchmarks/bench_endpoint.py --quick      # smoke run, ~5 minutes
    python benchmarks/bench_endpoint.py              # full run (see docs/benchmarks.md)
Results: printed, and written to benchmarks/out/bench_endpoint-<time>.json.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (OUT_DIR, MemorySampler, Table, fmt_ratio, install_signal_handlers, machine_info,
                               median, ratio, settle, stop_all, tree_memory, write_json)
from benchmarks.loadgen import (WRK, LoadResult, RunawayFirer, per_kind, run_python, run_wrk, validate,
                                write_requests)
from benchmarks.mixes import MixBuilder, harvest
from benchmarks.peers import QUERY_TIMEOUT_S, REFERENCE_POINTS, SYSTEMS, Ours, Oxigraph, System

MiB = 2**20


@dataclass
class Slot:
    dataset: str
    mix: str
    clients: int
    round: int
    system: str
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    requests: int
    ok: int
    errors: int
    p90_ms: float | None = None
    cold_wrapped: bool = False  # the cold table ran out and requests repeated
    settle_s: float = 0.0
    note: str = ""


class Bench:
    def __init__(self, args):
        self.a = args
        self.slots: list[Slot] = []
        self.memory: dict[tuple[str, str], dict] = {}
        self.validation: dict[str, dict] = {}
        self.runaway: list[dict] = []
        self.datasets: dict[str, dict] = {}
        self.skipped: list[str] = []
        self.live: list[System] = []
        self._req_list: list | None = None
        self._req_files: dict[str, Path] = {}
        self.work = OUT_DIR / f"endpoint-run-{os.getpid()}"  # private: runs may overlap on a shared machine
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)

    # --- datasets -----------------------------------------------------------------------------------
    def seed_dataset(self) -> tuple[Path, Path | None]:
        """The seed graph: built by the real pipeline into a private data dir; its N-Quads dump is served."""
        if self.a.seed_data:
            return Path(self.a.seed_data), None
        from kg.pipeline import build
        from kg.settings import Settings

        data_dir = self.work / "seeds-var"
        settings = Settings.from_env(data_dir=data_dir)
        t0 = time.perf_counter()
        result = build(settings, None, dumps=True, progress=None)
        print(f"seeds built in {time.perf_counter() - t0:.2f} s: {result.summary()}", flush=True)
        payload = gzip.decompress((data_dir / "current" / "dumps" / "graph.nq.gz").read_bytes())
        nq = OUT_DIR / "seeds.nq"  # stable path and mtime while the graph is unchanged: peers reuse their loads
        if not nq.exists() or nq.read_bytes() != payload:
            tmp = self.work / "seeds.nq"
            tmp.write_bytes(payload)
            os.replace(tmp, nq)
        return nq, data_dir

    def big_dataset(self) -> Path:
        from benchmarks.generate_graph import generate

        path = Path(self.a.big_data) if self.a.big_data else OUT_DIR / f"graph-{self.a.triples}.nq"
        if not path.exists():
            t0 = time.perf_counter()
            tmp = path.with_suffix(".part")
            with tmp.open("w", encoding="utf-8") as out:
                stats = generate(out, triples=self.a.triples)
            tmp.replace(path)
            print(f"generated {path.name}: {stats} in {time.perf_counter() - t0:.1f} s", flush=True)
        return path

    # --- one dataset --------------------------------------------------------------------------------
    def run_dataset(self, label: str, data: Path, store_dir: Path | None) -> None:
        t0 = time.perf_counter()
        constants, counts = harvest(data)
        mb = MixBuilder(constants)
        self.datasets[label] = {**counts, "file": str(data), "kinds": mb.kinds,
                                "harvest_s": round(time.perf_counter() - t0, 2)}
        print(f"\n=== dataset {label}: {counts['quads']:,} quads, {counts['graphs']} graphs, "
              f"{counts['events']:,} events; kinds: {', '.join(mb.kinds)}", flush=True)
        systems: list[System] = []
        self.live = systems
        try:
            for name in self.a.systems:
                cls = SYSTEMS[name]
                s = cls(data, log_dir=self.work, store_dir=store_dir) if cls is Ours else cls(data, log_dir=self.work)
                t = time.perf_counter()
                s.prepare()
                s.start()
                idle = tree_memory(s.pid)
                self.memory[(label, name)] = {"load_step": s.load_step, "idle_rss_mib": idle / MiB,
                                              "peak_rss_mib": idle / MiB,
                                              "peak_pss_mib": 0.0, "prepare_s": s.prepare_s, "start_s": s.start_s}
                load = (f"load {s.prepare_s:.1f} s" if s.prepare_s else "load cached") if s.load_step else "loads at start"
                print(f"  {name:<16} up on :{s.port} in {time.perf_counter() - t:.1f} s ({load}, start "
                      f"{s.start_s:.1f} s), idle RSS {idle / MiB:.0f} MiB", flush=True)
                systems.append(s)
            self.warm_up(mb, systems)
            self.validate(label, mb, systems)
            for mix in self.a.mixes:
                self.measure(label, mb, systems, mix)
            if self.a.soak_seconds > 0:
                self.soak(label, mb, [s for s in systems if s.name in self.a.soak_systems])
            if self.a.runaway_seconds > 0:
                self.runaway_run(label, mb, [s for s in systems if s.name in self.a.runaway_systems])
        finally:
            for s in systems:
                s.stop()

    def warm_up(self, mb: MixBuilder, systems: list[System]) -> None:
        """A short unrecorded load on each system: lazy loads (our web workers load the store on their
        first request), page caches and plan caches are warm before anything is measured."""
        queries = mb.zipf(2000, seed=1, pool=self.a.zipf_pool, s=self.a.zipf_s)
        for s in systems:
            self.quiesce()
            clients = 1 if s.name == "rdflib-endpoint" else 8  # one event loop: concurrency only queues
            self._slot(s, self.request_file(queries, s.path), queries, clients, self.a.warm_seconds)

    def validate(self, label: str, mb: MixBuilder, systems: list[System]) -> None:
        """Same queries to every system once; per-kind latency and row-count agreement."""
        queries = mb.cold(len(mb.kinds) * self.a.validate_per_kind, seed=99)
        queries.sort(key=lambda q: q.kind)
        results = {s.name: validate(s.port, s.path, queries, QUERY_TIMEOUT_S + 5) for s in systems
                   if s.name not in REFERENCE_POINTS}
        ref = next((n for n in ("oxigraph", "ours", "virtuoso") if n in results), systems[0].name)
        report = {}
        t = Table(["kind", *[f"{n} p50 ms" for n in results], "rows agree"])
        kinds = per_kind(results[ref])
        for kind in kinds:
            idx = [i for i, q in enumerate(queries) if q.kind == kind]
            disagree = sorted({n for n, r in results.items() for i in idx if r[i].rows != results[ref][i].rows})
            t.add(kind, *[f"{per_kind(r)[kind]['p50_ms']:.2f}" for r in results.values()],
                  "yes" if not disagree else "NO: " + ",".join(disagree))
            report[kind] = {n: per_kind(r)[kind] for n, r in results.items()}
            report[kind]["disagree"] = disagree
            for i in idx:  # keep the evidence: the query and every system's row count
                counts = {n: r[i].rows for n, r in results.items()}
                if len(set(counts.values())) > 1:
                    report[kind].setdefault("examples", []).append({"query": queries[i].text, "rows": counts})
        errors = {n: [f"{s.kind}: {s.status} {s.error}" for s in r if s.error] for n, r in results.items()}
        self.validation[label] = {"reference": ref, "kinds": report, "errors": errors}
        print(f"\n-- validation on {label} (each kind x{self.a.validate_per_kind}, 1 client, "
              f"row counts vs {ref}):\n{t.render()}", flush=True)
        for n, errs in errors.items():
            for e in errs[:3]:
                print(f"  ! {n}: {e[:300]}")
        for kind, rep in report.items():
            for ex in rep.get("examples", [])[:1]:
                body = ex["query"].rsplit("\n", 1)[-1]
                print(f"  ! rows differ on {kind}: {ex['rows']}\n      {body[:260]}")

    def _slot(self, s: System, reqfile: Path, queries, clients: int, seconds: float) -> LoadResult:
        if self.a.engine == "wrk":
            return run_wrk(s.port, reqfile, clients=clients, seconds=seconds, timeout_s=QUERY_TIMEOUT_S + 5,
                           script_dir=self.work)
        return run_python(s.port, s.path, queries, clients=clients, seconds=seconds, timeout_s=QUERY_TIMEOUT_S + 5)[0]

    def quiesce(self) -> tuple[float, str]:
        """Wait until no system is still working on earlier requests; restart those that never stop."""
        waited, busy = settle([s.pid for s in self.live], max_wait=self.a.max_settle)
        note = ""
        for s in self.live:
            if s.pid in busy:
                print(f"  ! {s.name} still busy after {self.a.max_settle:.0f} s: restarting it", flush=True)
                s.restart()
                note += f" {s.name} restarted (did not settle)"
        return max(waited, 0.0), note.strip()

    def request_file(self, queries, path: str) -> Path:
        """The wrk request table for this query list and URL path (written once per list and path)."""
        if self._req_list is not queries:
            self._req_list, self._req_files = queries, {}
        if path not in self._req_files:
            self._req_files[path] = write_requests(self.work / f"req-{len(self._req_files)}.txt", queries, path)
        return self._req_files[path]

    def _measure_one(self, label, mix, clients, rnd, s: System, queries, seconds, note="", quiesce=True) -> Slot:
        reqfile = self.request_file(queries, s.path)
        waited = 0.0
        if quiesce:
            waited, why = self.quiesce()
            note = f"{note} {why}".strip()
        with MemorySampler(s.pid) as mem:
            try:
                r = self._slot(s, reqfile, queries, clients, seconds)
            except RuntimeError as exc:  # the system stopped answering (crashed, refused connections)
                alive = s.proc is not None and s.proc.alive()
                r = LoadResult(requests=0, seconds=seconds, ok=0, errors=1, p50_ms=None, p99_ms=None,
                               detail={"failure": str(exc)[-300:]})
                note = f"{note} FAILED ({'alive' if alive else 'exited'}): {str(exc).strip().splitlines()[-1][:120]}"
                print(f"  ! {s.name}: slot failed, restarting it: {str(exc).strip()[-200:]}", flush=True)
                s.restart()
        m = self.memory[(label, s.name)]
        suffix = "_runaway" if mix == "runaway" else ""  # runaway queries may grow until their deadline
        m[f"peak_rss{suffix}_mib"] = max(m.get(f"peak_rss{suffix}_mib", 0.0), mem.peak_rss / MiB)
        m[f"peak_pss{suffix}_mib"] = max(m.get(f"peak_pss{suffix}_mib", 0.0), mem.peak_pss / MiB)
        wrapped = mix == "cold" and r.requests > len(queries)
        slot = Slot(label, mix, clients, rnd, s.name, r.rps, r.p50_ms, r.p99_ms, r.requests, r.ok, r.errors,
                    p90_ms=(r.detail.get("p90_us") or 0) / 1000 or None, cold_wrapped=wrapped,
                    settle_s=round(waited, 2), note=note)
        self.slots.append(slot)
        return slot

    def measure(self, label: str, mb: MixBuilder, systems: list[System], mix: str) -> None:
        seen: set[str] = set()
        excluded: set[str] = set()
        for clients in self.a.clients:
            for rnd in range(self.a.rounds):
                seed = zlib.crc32(f"{label}/{mix}/{clients}/{rnd}".encode())
                queries = (mb.cold(self.a.pool, seed, seen) if mix == "cold"
                           else mb.zipf(self.a.pool, seed, pool=self.a.zipf_pool, s=self.a.zipf_s))
                order = systems[rnd % len(systems):] + systems[:rnd % len(systems)]
                for s in order:
                    if s.name in excluded:
                        continue
                    sl = self._measure_one(label, mix, clients, rnd, s, queries, self.a.seconds)
                    print(f"  {time.strftime('%H:%M:%S')} {label:<6} {mix:<4} c={clients:<3} r{rnd} {s.name:<16} {sl.rps:9.1f} req/s  "
                          f"p50 {_ms(sl.p50_ms)}  p99 {_ms(sl.p99_ms)}  err {sl.errors}"
                          + ("  (cold table wrapped)" if sl.cold_wrapped else ""), flush=True)
            # A system whose service time makes the next level's backlog take longer than we wait for
            # it to drain would only queue work (and skew the next system's slot): skip it there.
            nxt = [c for c in self.a.clients if c > clients]
            for s in systems:
                service = median(x.p50_ms for x in self._cell(label, mix, self.a.clients[0], s.name))
                if nxt and s.name not in excluded and service and nxt[0] * service / 1000 > self.a.max_settle / 2:
                    excluded.add(s.name)
                    why = (f"{label}/{mix}: {s.name} skipped above {clients} clients (p50 {service:.0f} ms at "
                           f"{self.a.clients[0]} client(s): {nxt[0]} clients would queue ~{nxt[0] * service / 1000:.0f} s "
                           f"of work)")
                    self.skipped.append(why)
                    print(f"  ! {why}", flush=True)

    def _cell(self, label, mix, clients, system, rnd=None) -> list[Slot]:
        return [x for x in self.slots if (x.dataset, x.mix, x.clients, x.system) == (label, mix, clients, system)
                and (rnd is None or x.round == rnd)]

    def soak(self, label: str, mb: MixBuilder, systems: list[System]) -> None:
        queries = mb.zipf(self.a.pool, seed=4242, pool=self.a.zipf_pool, s=self.a.zipf_s)
        for s in systems:
            sl = self._measure_one(label, "soak", self.a.soak_clients, 0, s, queries, self.a.soak_seconds)
            print(f"  {label:<6} soak c={self.a.soak_clients} {self.a.soak_seconds:.0f}s {s.name:<16} "
                  f"{sl.rps:9.1f} req/s  p50 {_ms(sl.p50_ms)}  p99 {_ms(sl.p99_ms)}  errors {sl.errors} "
                  f"of {sl.requests}", flush=True)

    def runaway_run(self, label: str, mb: MixBuilder, systems: list[System]) -> None:
        """The cold mix at 8 clients while runaway queries are in flight, vs the same cell without them."""
        clients = 8 if 8 in self.a.clients else self.a.clients[-1]
        seen: set[str] = set()
        for s in systems:
            queries = mb.cold(self.a.pool, seed=777, seen=seen)
            _, note = self.quiesce()
            with RunawayFirer(s.port, s.path, mb.runaway(), clients=self.a.runaway_clients,
                              timeout_s=QUERY_TIMEOUT_S + 10) as fire:
                sl = self._measure_one(label, "runaway", clients, 0, s, queries, self.a.runaway_seconds,
                                       note=note, quiesce=False)
            base = self._cell(label, "cold", clients, s.name)
            base_p99 = median(x.p99_ms for x in base)
            statuses: dict[str, int] = {}
            for x in fire.samples:
                key = str(x.status) if x.status else (x.error or "error").split(":")[0]
                statuses[key] = statuses.get(key, 0) + 1
            held = sl.p90_ms is not None and base_p99 is not None and sl.p90_ms <= base_p99
            rec = {"dataset": label, "system": s.name, "clients": clients, "rps": sl.rps, "p50_ms": sl.p50_ms,
                   "p90_ms": sl.p90_ms, "p99_ms": sl.p99_ms, "errors": sl.errors, "baseline_p99_ms": base_p99,
                   "baseline_rps": median(x.rps for x in base), "runaway_answers": statuses,
                   "held_p90_within_usual_p99": held}
            self.runaway.append(rec)
            print(f"  {label:<6} runaway c={clients} {s.name:<16} {sl.rps:9.1f} req/s  p50 {_ms(sl.p50_ms)} "
                  f"p90 {_ms(sl.p90_ms)} p99 {_ms(sl.p99_ms)} (usual p99 {_ms(base_p99)})  err {sl.errors}  "
                  f"runaway answers {statuses}", flush=True)
            if s.name == "rdflib-endpoint":  # no deadline: it computes the runaway query forever
                s.restart()

    def save_partial(self, args, started: dict) -> None:
        """The raw slots so far (a long run that is interrupted later still leaves its measurements)."""
        write_json("bench_endpoint-partial", {"machine_start": started, "args": vars(args), "datasets": self.datasets,
                                              "slots": [asdict(s) for s in self.slots], "runaway": self.runaway,
                                              "memory": [{"dataset": k[0], "system": k[1], **v}
                                                         for k, v in self.memory.items()]})

    # --- report -------------------------------------------------------------------------------------
    def summary(self) -> dict:
        cells = {}
        for x in self.slots:
            cells.setdefault((x.dataset, x.mix, x.clients, x.system), []).append(x)
        agg = {}
        for key, xs in cells.items():
            agg[key] = {"rps": median(x.rps for x in xs), "p50_ms": median(x.p50_ms for x in xs),
                        "p99_ms": median(x.p99_ms for x in xs), "errors": sum(x.errors for x in xs),
                        "requests": sum(x.requests for x in xs), "rounds": len(xs),
                        "cold_wrapped": any(x.cold_wrapped for x in xs)}
        return agg

    def report(self) -> dict:
        agg = self.summary()
        peers = [n for n in self.a.systems if n != "ours"]
        out_rows = []
        print("\n" + "=" * 100)
        print(f"RESULTS (medians over {self.a.rounds} alternating round(s) of {self.a.seconds:.0f} s; "
              f"engine {self.a.engine}; machine {machine_info()})")
        for label in self.datasets:
            for mix in [*self.a.mixes, "soak"]:
                rows = [(k, v) for k, v in agg.items() if k[0] == label and k[1] == mix]
                if not rows:
                    continue
                t = Table(["clients", "system", "req/s", "p50 ms", "p99 ms", "errors", "ours÷sys req/s",
                           "sys p99÷ours p99"])
                for (ds, mx, c, n), v in sorted(rows, key=lambda kv: (kv[0][2], self.a.systems.index(kv[0][3]))):
                    ours = agg.get((ds, mx, c, "ours"))
                    t.add(c, n, f"{v['rps']:.1f}", _ms(v["p50_ms"]), _ms(v["p99_ms"]), v["errors"],
                          fmt_ratio(ratio(ours["rps"], v["rps"])) if ours and n != "ours" else "",
                          fmt_ratio(ratio(v["p99_ms"], ours["p99_ms"])) if ours and n != "ours" else "")
                    out_rows.append({"dataset": ds, "mix": mx, "clients": c, "system": n, **v})
                print(f"\n-- {label} / {mix} ({self.datasets[label]['quads']:,} quads)\n{t.render()}")
        targets = self.targets(agg, peers)
        mem = Table(["dataset", "system", "load s", "start s", "idle RSS MiB", "peak RSS MiB", "peak PSS MiB",
                     "peak PSS with runaway MiB"])
        for (label, n), m in self.memory.items():
            load = (f"{m['prepare_s']:.1f}" if m["prepare_s"] else "cached") if m["load_step"] else "at start"
            mem.add(label, n, load, f"{m['start_s'] or 0:.1f}",
                    f"{m['idle_rss_mib']:.0f}", f"{m['peak_rss_mib']:.0f}", f"{m['peak_pss_mib']:.0f}",
                    f"{m['peak_pss_runaway_mib']:.0f}" if "peak_pss_runaway_mib" in m else "—")
        print(f"\n-- memory (whole process tree; PSS counts pages shared by forked workers once)\n{mem.render()}")
        if self.runaway:
            rt = Table(["dataset", "system", "req/s", "p50 ms", "p90 ms", "p99 ms", "usual p99", "errors",
                        "runaway answers", "p90 ≤ usual p99"])
            for r in self.runaway:
                rt.add(r["dataset"], r["system"], f"{r['rps']:.1f}", _ms(r["p50_ms"]), _ms(r["p90_ms"]),
                       _ms(r["p99_ms"]), _ms(r["baseline_p99_ms"]), r["errors"], r["runaway_answers"],
                       "yes" if r["held_p90_within_usual_p99"] else "NO")
            print(f"\n-- runaway queries in flight ({self.a.runaway_clients} clients) during the cold mix\n{rt.render()}")
        for s in self.skipped:
            print(f"  note: {s}")
        return {"rows": out_rows, "targets": targets}

    def targets(self, agg: dict, peers: list[str]) -> list[dict]:
        """Issue 4's targets, cell by cell: cold ≥ Virtuoso and ≥ 3x oxigraph with p99 ≤ Virtuoso's; zipf ≥ 3x Virtuoso."""
        rows, t = [], Table(["dataset", "mix", "clients", *[f"ours÷{p}" for p in peers], "p99 ours÷virtuoso",
                             "errors (ours)", "target met", "ceiling÷oxigraph"])
        for (label, mix, c, n), v in sorted(agg.items()):
            if n != "ours" or mix not in ("cold", "zipf"):
                continue
            r = {p: ratio(v["rps"], agg[(label, mix, c, p)]["rps"]) if (label, mix, c, p) in agg else None
                 for p in peers}
            virt = agg.get((label, mix, c, "virtuoso"))
            p99r = ratio(v["p99_ms"], virt["p99_ms"]) if virt else None
            checks = [v["errors"] == 0]
            if mix == "cold":
                checks += [r.get("virtuoso") is None or r["virtuoso"] >= 1.0,
                           r.get("oxigraph") is None or r["oxigraph"] >= 3.0, p99r is None or p99r <= 1.0]
            else:
                checks += [r.get("virtuoso") is None or r["virtuoso"] >= 3.0]
            met = all(checks)
            # how far any Flask proxy could go: the constant-answer app against oxigraph serve
            ceil, oxi = agg.get((label, mix, c, "flask-ceiling")), agg.get((label, mix, c, "oxigraph"))
            ceiling_vs_oxigraph = ratio(ceil["rps"], oxi["rps"]) if ceil and oxi else None
            t.add(label, mix, c, *[fmt_ratio(r[p]) for p in peers], fmt_ratio(p99r), v["errors"],
                  "yes" if met else "NO", fmt_ratio(ceiling_vs_oxigraph))
            rows.append({"dataset": label, "mix": mix, "clients": c, "ratios": r, "p99_vs_virtuoso": p99r,
                         "errors": v["errors"], "met": met, "flask_ceiling_vs_oxigraph": ceiling_vs_oxigraph})
        if rows:
            print("\n-- ratios and issue-4 targets (cold: ≥1x Virtuoso, ≥3x oxigraph, p99 ≤ Virtuoso; "
                  f"zipf: ≥3x Virtuoso; no errors)\n{t.render()}")
            if any(r["flask_ceiling_vs_oxigraph"] is not None for r in rows):
                print("  ceiling÷oxigraph: flask-ceiling (a Flask app answering without running the query) over "
                      "oxigraph serve; below 3x, no Flask proxy can meet the ≥3x-oxigraph target in that cell.")
        return rows


def _ms(v: float | None) -> str:
    return "—" if v is None else (f"{v:.2f}" if v < 10 else f"{v:.0f}")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="Smoke run: small graph, 1 round, short slots.")
    ap.add_argument("--systems", default="ours,oxigraph,virtuoso,rdflib-endpoint,flask-ceiling",
                    help="Systems to run; flask-ceiling is a reference point (benchmarks/flask_ceiling.py), not validated.")
    ap.add_argument("--datasets", default="seeds,big", help="Comma list of seeds,big.")
    ap.add_argument("--seed-data", help="Serve this N-Quads file as the seed graph instead of building seeds/.")
    ap.add_argument("--big-data", help="Use this N-Quads file as the large graph instead of generating one.")
    ap.add_argument("--triples", type=int, default=None, help="Size of the generated graph (default 1,000,000).")
    ap.add_argument("--clients", default=None, help="Concurrency levels (default 1,8,32).")
    ap.add_argument("--mixes", default="cold,zipf")
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--seconds", type=float, default=None, help="Length of one measured slot.")
    ap.add_argument("--pool", type=int, default=None, help="Requests per cold table (distinct queries).")
    ap.add_argument("--zipf-pool", type=int, default=500, help="Distinct queries in the zipf mix.")
    ap.add_argument("--zipf-s", type=float, default=1.1)
    ap.add_argument("--engine", choices=["wrk", "python"], default="wrk" if WRK else "python")
    ap.add_argument("--validate-per-kind", type=int, default=3)
    ap.add_argument("--keep-work", action="store_true", help="Keep the run's logs and request tables.")
    ap.add_argument("--warm-seconds", type=float, default=3.0, help="Unrecorded warm-up load per system.")
    ap.add_argument("--soak-seconds", type=float, default=None)
    ap.add_argument("--soak-clients", type=int, default=64)
    ap.add_argument("--soak-systems", default="ours,oxigraph,virtuoso")
    ap.add_argument("--runaway-seconds", type=float, default=None)
    ap.add_argument("--runaway-clients", type=int, default=2)
    ap.add_argument("--runaway-systems", default="ours,oxigraph,virtuoso,rdflib-endpoint")
    ap.add_argument("--max-settle", type=float, default=40.0, help="Longest wait for a system to go idle.")
    ap.add_argument("--oxigraph-timeout", type=int, default=None,
                    help="Run oxigraph with --timeout-s N (0.5.13 starts a thread per query for it; see peers.py).")
    a = ap.parse_args(argv)
    quick = a.quick
    a.triples = a.triples or (100_000 if quick else 1_000_000)
    a.clients = [int(x) for x in (a.clients or ("1,8" if quick else "1,8,32")).split(",")]
    a.rounds = a.rounds or (1 if quick else 3)
    a.seconds = a.seconds or (2.0 if quick else 5.0)
    a.pool = a.pool or (10000 if quick else 50000)
    a.soak_seconds = a.soak_seconds if a.soak_seconds is not None else (10.0 if quick else 60.0)
    a.runaway_seconds = a.runaway_seconds if a.runaway_seconds is not None else (4.0 if quick else 10.0)
    a.systems = [s for s in a.systems.split(",") if s]
    Oxigraph.timeout_s = a.oxigraph_timeout
    unknown = [s for s in a.systems if s not in SYSTEMS]
    if unknown:
        ap.error(f"unknown systems {unknown}; choose from {sorted(SYSTEMS)}")
    a.mixes = a.mixes.split(",")
    a.datasets = a.datasets.split(",")
    a.soak_systems = [s for s in a.soak_systems.split(",") if s in a.systems]
    a.runaway_systems = [s for s in a.runaway_systems.split(",") if s in a.systems]
    return a


def main(argv=None) -> int:
    args = parse_args(argv)
    install_signal_handlers()
    bench = Bench(args)
    started = machine_info()
    print(f"bench_endpoint: {started}; systems {args.systems}; engine {args.engine}", flush=True)
    try:
        if "seeds" in args.datasets:
            data, store_dir = bench.seed_dataset()
            bench.run_dataset("seeds", data, store_dir)
            bench.save_partial(args, started)
        if "big" in args.datasets:
            bench.run_dataset(f"{args.triples // 1000}k" if args.triples < 10**6 else f"{args.triples / 1e6:g}M",
                              bench.big_dataset(), None)
    finally:
        stop_all()
        if not args.keep_work:  # logs and request tables; the prepared stores stay cached in out/work
            shutil.rmtree(bench.work, ignore_errors=True)
    summary = bench.report()
    path = write_json("bench_endpoint", {
        "machine_start": started, "machine_end": machine_info(), "args": vars(args), "datasets": bench.datasets,
        "slots": [asdict(s) for s in bench.slots], "summary": summary,
        "memory": [{"dataset": k[0], "system": k[1], **v} for k, v in bench.memory.items()],
        "validation": bench.validation, "runaway": bench.runaway, "skipped": bench.skipped})
    print(f"\nJSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
