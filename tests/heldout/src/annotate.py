"""Authoring helper for the held-out gold: one E() line per event -> tests/heldout/gold/*.json.

Same JSON shape and conventions as the seed gold (tests/gold/src/gold_authoring.py, docs/evaluation.md),
so kg.evaluate scores it unchanged. Differences: the articles live in tests/heldout/articles/, and a
snippet is located in PDF text too (line breaks, hyphen breaks "simula-|tion" and running footers may
sit between its words), so E() and M() take the snippet as written in the markdown source.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ARTICLES = ROOT / "tests" / "heldout" / "articles"
sys.path.insert(0, str(ROOT / "tests" / "gold" / "src"))
from gold_authoring import ENTRY, canon, canon_place  # noqa: E402  (reference-slug spelling, entry starts)

_FOOTER = r"(?:[ \t]*\n)*[ \t]*CHINA-RUSSIA RELATIONS \| [A-Z]+ \d{4}(?: \d+)?[ \t]*\n(?:[ \t]*\d+[ \t]*\n)?"


def _flat(t: str) -> str:
    return t.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))


def pattern(snippet: str, pdf: bool = False) -> re.Pattern:
    """A snippet as a regex that tolerates the PDF layout: wrapped lines, hyphen breaks, page footers.

    Snippets are written as in the markdown-like source; for a PDF-text file the markdown is dropped."""
    if pdf:
        snippet = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", snippet).replace("\\$", "$").replace("*", "")
    gap = rf"(?:\s+|\s*{_FOOTER}\s*)"
    brk = r"(?:-?[ \t]*\n(?:[ \t]*\n)*[ \t]*)?"  # a soft or real hyphen break inside a word
    out = []
    for i, ch in enumerate(_flat(snippet)):
        if ch == " ":
            out.append(gap)
            continue
        out.append(re.escape(ch))
        if ch == "-":
            out.append(r"(?:[ \t]*\n[ \t]*)?")
        elif ch.isalnum() and i + 1 < len(snippet) and snippet[i + 1].isalnum():
            out.append(brk)
    return re.compile("".join(out))


def _is_pdf(text: str) -> bool:
    """PDF text carries the running footer; the markdown-like files never do."""
    return re.search(_FOOTER, text) is not None


class Article:
    """One annotated held-out article (one or more files); E() adds an event, M() an entity mention."""

    def __init__(self, slug, files, title, volume, number, period, chron_heading="CHRONOLOGY OF"):
        self.slug, self.files, self.title = slug, files, title
        self.volume, self.number, self.period = volume, number, period
        self.texts = {f: (ARTICLES / f).read_text(encoding="utf-8") for f in files}
        self.text = self.texts[files[0]]
        self.flat = _flat(self.text)
        self.chron_start = self.text.index(chron_heading)
        self.events, self.mentions = [], []

    def locate(self, snippet, section, fname=None):
        fname = fname or self.files[0]
        text = _flat(self.texts[fname])
        chron = text.index("CHRONOLOGY OF")
        lo, hi = (chron, len(text)) if section == "chronology" else (0, chron)
        hits = [m for m in pattern(snippet, _is_pdf(text)).finditer(text) if lo <= m.start() < hi]
        if len(hits) != 1:
            raise ValueError(f"{self.slug}: snippet {snippet!r} ({section}) found {len(hits)} times in {fname}")
        return hits[0]

    def E(self, lid, find, start, end, type_, p, o=(), pl=None, s=None, n=None, k=None, sub=None, sec="chronology",
          req=True, also=(), note=None, status="held", trunc=False, prec="day"):
        """Arguments as in tests/gold/src/gold_authoring.Article.E (see docs/evaluation.md)."""
        m = self.locate(find, sec)
        off = m.start()
        passage = " ".join(self.text[off:off + 90].split())[:60]
        if sec == "chronology":  # the whole entry: up to the next entry (page footers included)
            nxt = [x.start() for x in ENTRY.finditer(self.text, off + 1)]
            pend = nxt[0] if nxt else len(self.text.rstrip())
            pend = off + len(self.text[off:pend].rstrip())
        else:
            pend = m.end()
        also_in = []
        for a in also:
            am = self.locate(a, "narrative")
            also_in.append({"offset": am.start(), "text": self.text[am.start():am.end()]})
        self.events.append({
            "id": f"{self.slug}/{lid}", "section": sec, "required": req,
            "file": self.files[0], "offset": off, "end_offset": pend, "passage": passage,
            "start": start, "end": end or start, "precision": prec, "type": type_,
            "participants": [canon(x) for x in p], "optional_participants": [canon(x) for x in o],
            "place": canon_place(pl), "series": canon(s), "name": n, "ordinal": k,
            "sub_event_of": f"{self.slug}/{sub}" if sub else None,
            "status": status, "truncated": trunc, "also_in": also_in, "note": note,
        })

    def M(self, surface, slug, qid=None, nth=1, file=None, section="narrative"):
        """A gold entity mention: the nth occurrence of `surface` in the section of the file."""
        fname = file or self.files[0]
        text = _flat(self.texts[fname])
        chron = self.texts[fname].index("CHRONOLOGY OF")
        lo, hi = (chron, len(text)) if section == "chronology" else (0, chron)
        hits = [x for x in pattern(surface, _is_pdf(text)).finditer(text) if lo <= x.start() < hi]
        x = hits[nth - 1]
        self.mentions.append({"file": fname, "start": x.start(), "end": x.end(),
                              "text": self.texts[fname][x.start():x.end()], "slug": canon(slug), "qid": qid})

    def entries(self, fname=None):
        """Chronology entry starts in a file (the structural test counts them too)."""
        text = self.texts[fname or self.files[0]]
        return [m.start() for m in ENTRY.finditer(text, text.index("CHRONOLOGY OF"))]

    def document(self, note=None):
        n = len(self.entries())
        for f in self.files[1:]:
            if len(self.entries(f)) != n:
                raise ValueError(f"{self.slug}: {f} has {len(self.entries(f))} entries, {self.files[0]} has {n}")
        return {
            "article": self.slug, "title": self.title, "volume": self.volume, "number": self.number, "note": note,
            "files": self.files, "period": self.period, "chronology_entries": n,
            "events": self.events, "mentions": self.mentions,
        }
