"""Benchmarks: build throughput and SPARQL endpoint comparisons (scripts, not tests; see docs/benchmarks.md)."""
