"""Render a held-out article source (markdown-like, tests/heldout/src/*.md) into the two file formats.

The markdown-like file is the source as written (the layout of seeds/000, 002-004). The PDF-text file
imitates a text export of the journal's PDF (seeds/001 and the published PDFs): the front matter on
~100-character lines, the body hard-wrapped to a ~50-character column, words broken across lines
(real hyphens "Belt-and-|Road" and soft syllable breaks "Organi-|zation"), a photo caption dropped
into the middle of a paragraph, and page breaks with a running footer ("CHINA-RUSSIA RELATIONS |
MAY 2019" and the page number), one of which falls inside a chronology entry.

Deterministic: the same source always gives the same bytes, so the gold offsets stay valid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MD_LINK = re.compile(r"\[([^\]]*)\]\(#\)")
MD_ITALIC = re.compile(r"\*([^*\n]+)\*")
ENTRY = re.compile(r"^(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)[a-z]*\.? \d")

#: syllable breaks a PDF export shows for long words at a line end (soft hyphens: the hyphen is not part of the word)
SOFT = {w.replace("-", ""): w.index("-") for w in (
    "Organi-zation", "Interna-tional", "Coopera-tion", "consul-tations", "Confer-ence", "Adminis-tration",
    "adminis-tration", "Intelli-gence", "exer-cise", "govern-ment", "Depart-ment", "Commis-sion", "strate-gic",
    "relation-ship", "presi-dential", "Decla-ration", "coopera-tion", "Secre-tary", "Presi-dent", "agree-ment",
    "memo-randum", "construc-tion", "diplo-mats", "sanc-tions", "simula-tion", "Econom-ic", "Ameri-ca",
    "Assem-bly", "Secu-rity", "secu-rity", "Minis-ter", "Minis-try", "Gov-ernance", "gover-nance",
)}


@dataclass
class Layout:
    header: str          # running footer text, e.g. "CHINA-RUSSIA RELATIONS | MAY 2019"
    first_page: int      # page number of the first body page
    page_lines: int      # body lines per page
    number_own_line: bool = False  # page number on its own line under the footer text


def strip_md(s: str) -> str:
    return MD_ITALIC.sub(r"\1", MD_LINK.sub(r"\1", s)).replace("\\$", "$")


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap; a word that does not fit is broken at a hyphen or a known syllable if the head fits."""
    lines, cur = [], ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if len(cand) <= width:
            cur = cand
            continue
        room = width - len(cur) - (1 if cur else 0)
        head = tail = None
        if "-" in word.strip("-"):
            cuts = [i + 1 for i, ch in enumerate(word) if ch == "-" and 0 < i < len(word) - 1 and i + 1 <= room]
            if cuts:
                head, tail = word[:cuts[-1]], word[cuts[-1]:]
        else:
            core = word.strip(".,;:\"'“”()")
            lead = word.index(core) if core else 0
            if core in SOFT and lead + SOFT[core] + 1 <= room:
                k = lead + SOFT[core]
                head, tail = word[:k] + "-", word[k:]
        if head:
            lines.append(f"{cur} {head}" if cur else head)
            cur = tail
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def parse(md: str) -> dict:
    """Split a source into title block, abstract, journal line, body blocks and chronology."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", md) if p.strip()]
    author_i = next(i for i, p in enumerate(paras) if "UNIVERSITY" in p)
    title, author = paras[author_i - 1], paras[author_i]
    abstract, journal = paras[author_i + 1], paras[author_i + 2]
    chron_i = next(i for i, p in enumerate(paras) if p.startswith("CHRONOLOGY OF"))
    body = paras[author_i + 3:chron_i]
    return {"title": title, "author": author, "abstract": abstract, "journal": journal, "body": body,
            "chron_heading": paras[chron_i], "period": paras[chron_i + 1], "entries": paras[chron_i + 2:]}


def _is_heading(p: str) -> bool:
    return len(p) < 70 and not p.rstrip().endswith((".", "?\"", ".\"", "”", ":")) and "\n" not in p \
        and not p.startswith("Figure")


def to_pdf_text(md: str, layout: Layout) -> tuple[str, dict]:
    """The PDF-text rendering and facts about it (which entry a page break split, the hyphen breaks)."""
    a = parse(md)
    out = ["CHINA- RUSSIA RELATIONS ", a["title"] + " ", a["author"] + " ", " "]
    out += [ln + " " for ln in wrap(strip_md(a["abstract"]), 100)] + [" "]
    out += [ln + " " for ln in wrap(strip_md(a["journal"]), 100)] + [" "]
    page = layout.first_page
    out += _footer(layout, page - 1)
    body: list[tuple[str, str | None]] = []  # (line, entry key or None)
    blocks = [strip_md(p) for p in a["body"]]
    i = 0
    while i < len(blocks):
        p = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else ""
        if _is_heading(p):
            body += [(" " + ln + " ", None) for ln in wrap(p, 50)] + [(" ", None)]
        else:
            lines = wrap(p, 50)
            if nxt.startswith("Figure"):  # the caption lands mid-paragraph, as in a PDF text export
                half = max(1, len(lines) // 2)
                cap = [(ln + " ", None) for ln in wrap(nxt, 50)]
                body += [(ln + " ", None) for ln in lines[:half]] + [(" ", None), (" ", None)] + cap + \
                    [(" ", None)] + [(ln + " ", None) for ln in lines[half:]] + [(" ", None)]
                i += 1
            else:
                body += [(ln + " ", None) for ln in lines] + [(" ", None)]
        i += 1
    body += [(" " + ln + " ", None) for ln in wrap(a["chron_heading"], 28)] + [("", None), (a["period"] + " ", None),
                                                                                 ("", None)]
    for n, e in enumerate(a["entries"]):
        body += [(ln + " ", f"e{n}") for ln in wrap(strip_md(e), 50)] + [(" ", None)]
    split_entries = []
    for k, (ln, key) in enumerate(body):
        if k and k % layout.page_lines == 0:
            out += _footer(layout, page)
            page += 1
            prev = body[k - 1][1]
            if key is not None and key == prev:
                split_entries.append(int(key[1:]))
        out.append(ln)
    out += _footer(layout, page)
    text = "\n".join(ln[:-1] if ln.endswith("- ") else ln for ln in out) + "\n"  # no space after a break
    facts = {"split_entries": split_entries, "pages": (layout.first_page - 1, page),
             "hyphen_breaks": re.findall(r"(\w+-)\n(\w+)", text)}
    return text, facts


def _footer(layout: Layout, page: int) -> list[str]:
    if layout.number_own_line:
        return [" ", " ", layout.header + " ", f"{page} ", " "]
    return [" ", " ", f"{layout.header} {page} ", " "]
