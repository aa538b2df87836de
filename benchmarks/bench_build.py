"""Build benchmark: throughput (MB of text/s, quads/s), peak memory, core use and growth with size.

Runs the real pipeline, `kg.pipeline.build(settings, paths, dumps=..., progress=...)`, in this one
process (its extraction pool is a child of it) on the seeds and on generated corpora of 10, 100 and
1,000 articles (benchmarks/generate_corpus.py), each into a fresh private data directory. Figures
are medians over repetitions; the first seeds build is reported apart (it pays the imports and
lazy loads once). Phases come from the pipeline's own progress messages, so a slow phase shows.

    python benchmarks/bench_build.py            # seeds, 10, 100, 1000 articles
    python benchmarks/bench_build.py --quick    # seeds, 10, 100 (about a minute)
Targets (issue 3): seeds build < 1 s after start-up; >= 1 MB/s of text per core; linear growth;
peak RSS < 1 GB; all cores used on large corpora. Results also go to benchmarks/out/bench_build-*.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (OUT_DIR, PYTHON, ROOT, MemorySampler, Table, install_signal_handlers, machine_info,
                               median, write_json)
from benchmarks.generate_corpus import generate as generate_corpus

MiB = 2**20
GEN_SEED = 2024

_t_import = time.perf_counter()
from kg.pipeline import build  # noqa: E402  (timed: part of start-up)
from kg.settings import Settings  # noqa: E402

IMPORT_S = time.perf_counter() - _t_import

PHASES = [("extract", "reading "), ("merge", "extracted "), ("quads", "writing quads"),
          ("store", "loading "), ("dumps", "writing dumps"), ("end", "'current' now points")]


def corpus(n: int) -> Path:
    """The generated corpus of n articles (re-generated when missing or made with other parameters)."""
    out = OUT_DIR / f"corpus-{n}"
    stamp = out / ".generated"
    want = f"n={n} seed={GEN_SEED} gen={Path(generate_corpus.__code__.co_filename).stat().st_mtime_ns}"
    if not (stamp.exists() and stamp.read_text() == want):
        t0 = time.perf_counter()
        stats = generate_corpus(n, out, seed=GEN_SEED)
        stamp.write_text(want)
        print(f"generated {out.name}: {stats['files']} files, {stats['bytes'] / 1e6:.1f} MB "
              f"in {time.perf_counter() - t0:.1f} s", flush=True)
    return out


def phases(events: list[tuple[float, str]], total: float) -> dict[str, float]:
    """Seconds per pipeline phase, from the timestamps of its progress messages."""
    marks = []
    for name, prefix in PHASES:
        t = next((t for t, m in events if m.startswith(prefix)), None)
        if t is not None:
            marks.append((name, t))
    out = {}
    for (name, t), nxt in zip(marks, marks[1:] + [("end", total)]):
        if name != "end":
            out[name] = round(nxt[1] - t, 3)
    return out


def one_build(paths: list[Path], work: Path, dumps: bool, jobs: int) -> dict:
    """One build into a fresh data dir: wall, CPU (self + reaped workers), peak tree memory, phases."""
    data_dir = work / "var"
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = Settings.from_env(data_dir=data_dir, build_jobs=jobs)
    events: list[tuple[float, str]] = []
    cpu_events: list[tuple[float, str]] = []  # the same messages, stamped with CPU seconds (self + reaped workers)
    r0s, r0c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()

    def cpu_since_start() -> float:
        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return (s.ru_utime - r0s.ru_utime + s.ru_stime - r0s.ru_stime
                + c.ru_utime - r0c.ru_utime + c.ru_stime - r0c.ru_stime)

    def progress(message: str) -> None:
        events.append((time.perf_counter() - t0, message))
        cpu_events.append((cpu_since_start(), message))

    with MemorySampler(os.getpid(), interval=0.1) as mem:
        result = build(settings, paths, dumps=dumps, progress=progress)
    wall = time.perf_counter() - t0
    r1c = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = r1c.ru_utime - r0c.ru_utime + r1c.ru_stime - r0c.ru_stime  # the extraction processes
    cpu = cpu_since_start()
    m = result.manifest
    shutil.rmtree(data_dir, ignore_errors=True)
    return {"wall_s": wall, "cpu_s": cpu, "worker_cpu_s": workers, "quads": m.quads, "graphs": len(m.graphs),
            "articles": len(result.articles), "events": sum(a.events for a in result.articles),
            "problems": len(result.problems), "load_avg_1m": round(os.getloadavg()[0], 2), "peak_rss_mib": mem.peak_rss / MiB, "peak_pss_mib": mem.peak_pss / MiB,
            "phases": phases(events, wall), "phases_cpu": phases(cpu_events, cpu)}


def cli_seconds(dumps: bool) -> float:
    """`kg build` on the seeds from a fresh interpreter (start-up included), for reference."""
    work = OUT_DIR / "build-run" / "cli"
    shutil.rmtree(work, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), KG_DATA_DIR=str(work))
    argv = [PYTHON, "-m", "kg.cli", "build", "-q"] + ([] if dumps else ["--no-dumps"])
    t0 = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)
    dt = time.perf_counter() - t0
    shutil.rmtree(work, ignore_errors=True)
    return dt


def run(args) -> dict:
    sizes: list[tuple[str, list[Path], int]] = [("seeds", [ROOT / "seeds"], args.reps_seeds)]
    for n in args.sizes:
        sizes.append((f"{n} articles", [corpus(n)], max(1, args.reps_large if n >= 1000 else args.reps)))
    work = OUT_DIR / "build-run"
    work.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    results = []
    first = one_build([ROOT / "seeds"], work, args.dumps, args.jobs)  # pays lazy loads (lexicon, ...)
    print(f"first seeds build in this process: {first['wall_s']:.2f} s (imports before it: {IMPORT_S:.2f} s)",
          flush=True)
    for label, paths, reps in sizes:
        files = [p for d in paths for p in sorted(d.iterdir()) if p.is_file() and not p.name.startswith(".")]
        nbytes = sum(p.stat().st_size for p in files)
        runs = []
        for i in range(reps):
            r = one_build(paths, work, args.dumps, args.jobs)
            runs.append(r)
            print(f"  {label:<14} run {i + 1}/{reps}: {r['wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU, "
                  f"{r['quads']:,} quads, {r['articles']} articles, {r['events']:,} events, peak RSS "
                  f"{r['peak_rss_mib']:.0f} MiB (PSS {r['peak_pss_mib']:.0f}), load {r['load_avg_1m']}, "
                  f"phases {r['phases']}", flush=True)
        wall = median(r["wall_s"] for r in runs)
        cpu = median(r["cpu_s"] for r in runs)
        workers = median(r["worker_cpu_s"] for r in runs)
        mb = nbytes / 1e6
        results.append({
            "size": label, "files": len(files), "mb": mb, "runs": runs, "wall_s": wall, "cpu_s": cpu,
            "quads": runs[0]["quads"], "articles": runs[0]["articles"], "events": runs[0]["events"],
            "mb_per_s": mb / wall, "mb_per_cpu_s": mb / cpu if cpu else None,
            "extract_mb_per_cpu_s": mb / workers if workers > 0.05 else None, "worker_cpu_s": workers, "quads_per_s": runs[0]["quads"] / wall,
            "s_per_mb": wall / mb, "cores_used": cpu / wall, "peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
            "peak_pss_mib": max(r["peak_pss_mib"] for r in runs),
            "phases": {k: median(r["phases"].get(k) for r in runs) for k in runs[0]["phases"]},
            "phases_cpu": {k: median(r["phases_cpu"].get(k) for r in runs) for k in runs[0]["phases_cpu"]}})
    cli = cli_seconds(args.dumps) if args.cli else None
    return {"machine": machine_info(), "cores": cores, "import_s": IMPORT_S, "first_seeds_build": first,
            "cli_seeds_s": cli, "dumps": args.dumps, "jobs": args.jobs or cores, "results": results}


def report(out: dict) -> None:
    res, cores = out["results"], out["cores"]
    t = Table(["corpus", "files", "MB", "articles", "quads", "wall s", "MB/s", "MB/s/core", "MB/CPU-s",
               "extraction MB/CPU-s", "quads/s", "cores used", "s per MB", "peak RSS MiB", "peak PSS MiB"])
    for r in res:
        t.add(r["size"], r["files"], f"{r['mb']:.2f}", r["articles"], f"{r['quads']:,}", f"{r['wall_s']:.2f}",
              f"{r['mb_per_s']:.2f}", f"{r['mb_per_s'] / cores:.2f}", f"{r['mb_per_cpu_s'] or 0:.2f}",
              f"{r['extract_mb_per_cpu_s']:.2f}" if r.get("extract_mb_per_cpu_s") else "in-process",
              f"{r['quads_per_s']:,.0f}", f"{r['cores_used']:.2f}/{cores}", f"{r['s_per_mb']:.3f}",
              f"{r['peak_rss_mib']:.0f}", f"{r['peak_pss_mib']:.0f}")
    print(f"\n-- build throughput (medians; dumps {'on' if out['dumps'] else 'off'}; {out['jobs']} extraction "
          f"processes; machine {out['machine']})\n{t.render()}\n"
          "MB/CPU-s counts the whole build (extraction processes, merge, quads, store, dumps); extraction MB/CPU-s "
          "only the extraction processes (read, normalise, extract; small corpora extract in-process).")
    ph = Table(["corpus", *[p for p, _ in PHASES if p != "end"]])
    for r in res:
        cpu = r.get("phases_cpu", {})  # (runs saved before CPU was stamped have none)
        ph.add(r["size"], *[f"{r['phases'].get(p, 0) or 0:.2f}"
                            + (f" ({cpu[p]:.2f})" if cpu.get(p) is not None else "") for p, _ in PHASES if p != "end"])
    print(f"\n-- seconds per phase, wall (CPU: this process's threads + the extraction processes), from the "
          f"pipeline's progress messages\n{ph.render()}")
    gen = [r for r in res if r["size"] != "seeds"]
    growth = Table(["corpus", "MB", "wall s per MB", "CPU s per MB", "CPU s/MB vs smallest generated"])
    for r in gen:
        growth.add(r["size"], f"{r['mb']:.1f}", f"{r['s_per_mb']:.3f}", f"{r['cpu_s'] / r['mb']:.3f}",
                   f"{(r['cpu_s'] / r['mb']) / (gen[0]['cpu_s'] / gen[0]['mb']):.2f}x")
    exponent = cpu_exponent = None
    if len(gen) >= 2:
        exponent, cpu_exponent = _slope(gen, "wall_s"), _slope(gen, "cpu_s")
        print(f"\n-- growth: wall time ∝ MB^{exponent:.2f}, CPU time ∝ MB^{cpu_exponent:.2f} (1.00 = linear). "
              f"CPU time is the robust one on a shared machine: wall time also measures the neighbours."
              f"\n{growth.render()}")
    out["growth_exponent"], out["cpu_growth_exponent"] = exponent, cpu_exponent
    seeds = next(r for r in res if r["size"] == "seeds")
    big = gen[-1] if gen else seeds
    checks = [
        ("seeds build < 1 s after start-up (warm median)", f"{seeds['wall_s']:.2f} s", seeds["wall_s"] < 1.0),
        ("≥ 1 MB/s of text per core (largest corpus: MB per CPU-second; wall MB/s per core in brackets)",
         f"{big['mb_per_cpu_s'] or 0:.2f} ({big['mb_per_s'] / cores:.2f})", (big["mb_per_cpu_s"] or 0) >= 1.0),
        ("linear growth (CPU s per MB, largest vs middle ≤ 1.3x; wall in brackets)",
         f"{_per_mb(big, 'cpu_s') / _per_mb(gen[-2], 'cpu_s'):.2f}x ({big['s_per_mb'] / gen[-2]['s_per_mb']:.2f}x)"
         if len(gen) >= 2 else "—",
         len(gen) >= 2 and _per_mb(big, "cpu_s") / _per_mb(gen[-2], "cpu_s") <= 1.3),
        ("peak memory < 1 GiB (PSS of the process tree)", f"{max(r['peak_pss_mib'] for r in res):.0f} MiB",
         max(r["peak_pss_mib"] for r in res) < 1024),
        ("all cores used on the largest corpus (CPU/wall ≥ 0.8 × cores; load average in brackets)",
         f"{big['cores_used']:.2f} of {cores} ({big['runs'][-1].get('load_avg_1m')})", big["cores_used"] >= 0.8 * cores),
    ]
    tt = Table(["target", "measured", "met"])
    for name, val, ok in checks:
        tt.add(name, val, "yes" if ok else "NO")
    print(f"\n-- issue-3 targets\n{tt.render()}")
    out["targets"] = [{"target": n, "measured": v, "met": ok} for n, v, ok in checks]
    first = out["first_seeds_build"]
    print(f"\nstart-up: imports {out['import_s']:.2f} s; first seeds build in the process {first['wall_s']:.2f} s "
          f"(lazy loads included); warm median {seeds['wall_s']:.2f} s"
          + (f"; `kg build` on seeds from a fresh interpreter: {out['cli_seeds_s']:.2f} s" if out["cli_seeds_s"] else ""))


def _per_mb(r: dict, key: str) -> float:
    return r[key] / r["mb"]


def _slope(rows: list[dict], key: str) -> float:
    """Least-squares slope of log(time) on log(MB): the growth exponent."""
    xs = [math.log(r["mb"]) for r in rows]
    ys = [math.log(r[key]) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="Seeds, 10 and 100 articles, fewer repetitions.")
    ap.add_argument("--sizes", default=None, help="Generated corpus sizes (default 10,100,1000).")
    ap.add_argument("--reps", type=int, default=None, help="Repetitions for small corpora.")
    ap.add_argument("--no-dumps", dest="dumps", action="store_false", help="Skip dumps (as `kg build --no-dumps`).")
    ap.add_argument("-j", "--jobs", type=int, default=0, help="Extraction processes (0 = one per core).")
    ap.add_argument("--no-cli", dest="cli", action="store_false", help="Skip the fresh-interpreter `kg build` run.")
    ap.add_argument("--from-json", type=Path, help="Only print the report of a saved run (benchmarks/out/*.json).")
    args = ap.parse_args(argv)
    if args.from_json:
        report(json.loads(args.from_json.read_text(encoding="utf-8")))
        return 0
    args.sizes = [int(x) for x in (args.sizes or ("10,100" if args.quick else "10,100,1000")).split(",")]
    args.reps = args.reps or (1 if args.quick else 3)
    args.reps_seeds = 3 if args.quick else 5
    args.reps_large = 1
    install_signal_handlers()
    out = run(args)
    report(out)
    print(f"\nJSON: {write_json('bench_build', out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
