"""The canned queries of queries/*.rq and their comment headers.

Each file documents itself in leading comment lines (`# title: …`, `# description: …`,
`# answers: …`, optional `# view: timeline`, `# federated: true`); an indented `#   …` line
continues the previous value. The query page, docs/queries.md and the tests all read them here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_HEADER_LINE = re.compile(r"^#\s*([A-Za-z][\w-]*)\s*:\s*(.*)$")


def parse_header(text: str) -> dict[str, str]:
    """The leading '# key: value' lines (keys lower-cased); stops at the first non-comment line.

    >>> parse_header("# title: Summits\\n# description: All summits,\\n#   with hosts\\nSELECT * {}")
    {'title': 'Summits', 'description': 'All summits, with hosts'}
    """
    meta: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER_LINE.match(line)
        if m and not line.startswith("#  ") and not m.group(1).lower().startswith("http"):
            last = m.group(1).lower()
            meta[last] = m.group(2).strip()
        elif last and line[1:].strip():
            meta[last] += " " + line[1:].strip()
    return meta


def free_comments(text: str) -> list[str]:
    """Leading comment lines that are not 'key: value' (WDQS-style files: first line = title)."""
    out = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line[1:].strip()
        if body and not _HEADER_LINE.match(line) and not line.startswith("#  "):
            out.append(body)
    return out


@dataclass(frozen=True)
class CannedQuery:
    name: str  # file stem: "joint-sea-series"
    text: str  # the whole file
    meta: dict

    @property
    def title(self) -> str:
        free = free_comments(self.text)
        return self.meta.get("title") or (free[0] if free else self.name.replace("-", " ").replace("_", " "))

    @property
    def description(self) -> str:
        free = free_comments(self.text)
        return self.meta.get("description") or " ".join(free if self.meta.get("title") else free[1:])

    @property
    def question(self) -> str:
        return self.meta.get("answers") or self.meta.get("question", "")

    @property
    def view(self) -> str:
        view = (self.meta.get("view") or self.meta.get("defaultview") or "table").lower()
        return "timeline" if view.startswith("timeline") else "table"

    @property
    def federated(self) -> bool:
        return self.meta.get("federated", "").lower() == "true"


def load_queries(queries_dir: Path) -> list[CannedQuery]:
    """Every queries/*.rq file, sorted by name ([] when the folder is missing)."""
    qdir = Path(queries_dir)
    if not qdir.is_dir():
        return []
    out = []
    for path in sorted(qdir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out.append(CannedQuery(path.stem, text, parse_header(text)))
    return out
