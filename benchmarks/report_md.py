"""Render the latest benchmark JSON (benchmarks/out/*-latest.json) as the Markdown tables of
docs/benchmarks.md, so the document is refreshed from measurements, never retyped.

    python benchmarks/report_md.py [BUILD.json] [ENDPOINT.json] > /tmp/figures.md
(default: the *-latest.json files; name the timestamped files when other runs may have overwritten them)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import OUT_DIR, Table, fmt_ratio


def _ms(v) -> str:
    return "—" if v is None else (f"{v:.2f}" if v < 10 else f"{v:.0f}")


def build_section(d: dict) -> str:
    import contextlib
    import io

    from benchmarks.bench_build import report

    with contextlib.redirect_stdout(io.StringIO()):  # recompute growth and targets with today's rules
        report(d)
    cores = d["cores"]
    m = d["machine"]
    t = Table(["corpus", "files", "MB", "quads", "wall s", "MB/s", "MB/s/core", "MB/CPU-s", "quads/s",
               "cores used", "s/MB", "peak PSS MiB"])
    for r in d["results"]:
        t.add(r["size"], r["files"], f"{r['mb']:.2f}", f"{r['quads']:,}", f"{r['wall_s']:.2f}", f"{r['mb_per_s']:.2f}",
              f"{r['mb_per_s'] / cores:.2f}", f"{r['mb_per_cpu_s'] or 0:.2f}", f"{r['quads_per_s']:,.0f}",
              f"{r['cores_used']:.2f}/{cores}", f"{r['s_per_mb']:.2f}", f"{r['peak_pss_mib']:.0f}")
    ph = Table(["corpus", "extract", "merge", "quads", "store", "dumps"])
    for r in d["results"]:
        ph.add(r["size"], *[f"{r['phases'].get(k) or 0:.2f}" for k in ("extract", "merge", "quads", "store", "dumps")])
    tt = Table(["target (issue 3)", "measured", "met"])
    for x in d.get("targets", []):
        tt.add(x["target"], x["measured"], "yes" if x["met"] else "**no**")
    first = d["first_seeds_build"]["wall_s"]
    return (f"### Build ({m['time']}, {cores} cores, load average {m['load_avg']} at the end)\n\n"
            f"`python benchmarks/bench_build.py`, dumps {'on' if d['dumps'] else 'off'}, {d['jobs']} extraction "
            f"processes; medians of 5 (seeds) / 3 / 3 / 1 runs.\n\n{t.render(markdown=True)}\n\n"
            f"Seconds per phase:\n\n{ph.render(markdown=True)}\n\n"
            f"Growth over the generated corpora: wall time ∝ MB^{d.get('growth_exponent') or 0:.2f}, CPU time ∝ "
            f"MB^{d.get('cpu_growth_exponent') or 0:.2f}. First seeds build in "
            f"the process (lazy loads included): {first:.2f} s; `kg build` on the seeds from a fresh interpreter: "
            f"{d['cli_seeds_s'] or 0:.2f} s.\n\n{tt.render(markdown=True)}\n")


def endpoint_section(d: dict) -> str:
    a = d["args"]
    rows = d["summary"]["rows"]
    out = [f"### Endpoint ({d['machine_start']['time']} – {d['machine_end']['time']}, load average "
           f"{d['machine_start']['load_avg']} → {d['machine_end']['load_avg']})\n",
           f"`python benchmarks/bench_endpoint.py`: {a['rounds']} alternating rounds of {a['seconds']:.0f} s per cell, "
           f"wrk keep-alive clients; medians over rounds. Datasets: "
           + ", ".join(f"{k} = {v['quads']:,} quads in {v['graphs']} graphs" for k, v in d["datasets"].items()) + ".\n"]
    systems = a["systems"]
    for ds in d["datasets"]:
        for mix in [*a["mixes"], "soak"]:
            cell = [r for r in rows if r["dataset"] == ds and r["mix"] == mix]
            if not cell:
                continue
            t = Table(["clients", "system", "req/s", "p50 ms", "p99 ms", "errors", "ours ÷ system (req/s)"])
            for r in sorted(cell, key=lambda r: (r["clients"], systems.index(r["system"]))):
                ours = next((x for x in cell if x["clients"] == r["clients"] and x["system"] == "ours"), None)
                rr = fmt_ratio(ours["rps"] / r["rps"]) if ours and r["system"] != "ours" and r["rps"] else ""
                t.add(r["clients"], r["system"], f"{r['rps']:.0f}", _ms(r["p50_ms"]), _ms(r["p99_ms"]), r["errors"], rr)
            out.append(f"**{ds} / {mix}**\n\n{t.render(markdown=True)}\n")
    targets = d["summary"].get("targets", [])
    if targets:
        peers = [s for s in systems if s != "ours"]
        t = Table(["dataset", "mix", "clients", *[f"ours÷{p}" for p in peers], "p99 ours÷virtuoso", "met"])
        for x in targets:
            t.add(x["dataset"], x["mix"], x["clients"], *[fmt_ratio(x["ratios"].get(p)) for p in peers],
                  fmt_ratio(x["p99_vs_virtuoso"]), "yes" if x["met"] else "**no**")
        out.append("**Ratios against issue 4's targets** (cold: ≥1x Virtuoso, ≥3x oxigraph, p99 ≤ Virtuoso's; "
                   f"zipf: ≥3x Virtuoso; no errors)\n\n{t.render(markdown=True)}\n")
    mem = Table(["dataset", "system", "load s", "start s", "idle RSS MiB", "peak RSS MiB", "peak PSS MiB"])
    for m in d["memory"]:
        load = (f"{m['prepare_s']:.1f}" if m["prepare_s"] else "cached") if m.get("load_step") else "at start"
        mem.add(m["dataset"], m["system"], load, f"{m['start_s'] or 0:.1f}", f"{m['idle_rss_mib']:.0f}",
                f"{m['peak_rss_mib']:.0f}", f"{m['peak_pss_mib']:.0f}")
    out.append(f"**Memory** (whole process tree)\n\n{mem.render(markdown=True)}\n")
    if d.get("runaway"):
        t = Table(["dataset", "system", "req/s", "p50 ms", "p90 ms", "p99 ms", "usual p99", "errors", "runaway answers",
                   "p90 ≤ usual p99"])
        for r in d["runaway"]:
            t.add(r["dataset"], r["system"], f"{r['rps']:.0f}", _ms(r["p50_ms"]), _ms(r["p90_ms"]), _ms(r["p99_ms"]),
                  _ms(r["baseline_p99_ms"]), r["errors"], ", ".join(f"{k}: {v}" for k, v in r["runaway_answers"].items()),
                  "yes" if r["held_p90_within_usual_p99"] else "**no**")
        out.append(f"**Runaway queries in flight** ({a['runaway_clients']} clients, cold mix at 8 clients)\n\n"
                   f"{t.render(markdown=True)}\n")
    if d.get("skipped"):
        out.append("Skipped cells: " + "; ".join(d["skipped"]) + ".\n")
    for ds, v in d.get("validation", {}).items():
        bad = {k: r["disagree"] for k, r in v["kinds"].items() if r.get("disagree")}
        if bad:
            out.append(f"Validation on {ds}: row counts differ from {v['reference']} on "
                       + ", ".join(f"{k} ({', '.join(s)})" for k, s in bad.items()) + ".\n")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = [Path(x) for x in (sys.argv[1:] if argv is None else argv)]
    parts = []
    b = next((x for x in args if "bench_build" in x.name), OUT_DIR / "bench_build-latest.json")
    e = next((x for x in args if "bench_endpoint" in x.name), OUT_DIR / "bench_endpoint-latest.json")
    if b.exists():
        parts.append(build_section(json.loads(b.read_text())))
    if e.exists():
        parts.append(endpoint_section(json.loads(e.read_text())))
    print("\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
