"""Read one article file (markdown-like or PDF text) into a normalised, segmented Document.

Both formats come from the same journal layout, so one reader handles both with a few genre
rules (no per-file cases):

* lines are normalised one by one (markdown: "[text](url)" -> text, "\\$" -> "$", **bold** /
  *italic* markers dropped) and keep an offset map back to the raw text;
* blocks are runs of text lines between blank lines; footnote URLs, running page headers
  ("JANUARY 2018 | CHINA-RUSSIA RELATIONS 118") and page numbers are dropped;
* a block that does not end a sentence continues in the next one when that one starts in lower
  case or the open block is long (a page/column break or a caption cut the paragraph);
* captions are short blocks with a photo/figure marker, or short blocks after an image gap
  (two or more blank lines), and are moved out of the text flow;
* a hyphen at a line end is a soft (line-breaking) hyphen or part of a real compound: `soft_hyphen`
  decides from the document's own spellings, known compound parts and English word endings
  ("Presi-\\ndent" -> "President", "Belt-\\nand-Road" and "long-\\nrange" keep theirs);
* the chronology starts at the heading "Chronology of China-Russia Relations" (any case,
  possibly wrapped), its period line follows, and an entry starts at any line beginning with a
  date and a colon.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from kg.dates import ENTRY_START, MONTH, DateError, month_number, parse_date_span, parse_period, year_for
from kg.errors import InputError
from kg.records import (
    ArticleMeta,
    ChronologyEntry,
    Document,
    FileFormat,
    Paragraph,
    Passage,
    SectionKind,
    SourceFile,
    Table,
)
from kg.settings import Settings
from kg.textgate import may_match

# --- patterns ---------------------------------------------------------------------------------
_MD_INLINE = re.compile(  # the lookahead: every match starts with one of these, most positions fail at once
    r"(?=[\[\\*#])(?:"
    r"\[(?P<lt>[^\]\n]*)\]\((?P<url>[^)\s]*)\)"  # [text](#) / [text](http://...)
    r"|\\+(?P<esc>[$\\`*_{}\[\]()#+\-.!<>|~])"  # \$  \\$  \(  \*
    r"|(?P<bold>\*\*)"
    r"|(?P<em>(?<![\w*\\])\*(?=[^\s*])|(?<=[^\s*\\])\*(?![\w*]))"
    r"|^(?P<hdr>#{1,6}\s+)"
    r")"
)
_URL_LINE = re.compile(r"^\s*(?:<(?:https?://|www\.)\S*>|\[[^\]]*\]\((?:https?://|www\.)[^)]*\)|(?:https?://|www\.)\S*)\s*$", re.IGNORECASE)
_URL_CONT = re.compile(r"^[\w./?=&%#~+:;,@!$*'()-]{1,100}$")
_HEADER_DATE = re.compile(rf"(?P<mon>{MONTH})\s+(?P<year>\d{{4}})", re.IGNORECASE)
_PAGE_NUM = re.compile(r"(?:^|\s)(\d{1,3})\s*$|^\s*(\d{1,3})\s")
_PAGE_ONLY = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.IGNORECASE)
_CHRON_HEADING = re.compile(
    r"^\s*chronology\s+of\s+(?:the\s+)?(?:china|russia|sino)\s*[-\u2010-\u2015]?\s*(?:russia|china)n?"
    r"(?:\s+relations)?\s*:?\s*$",
    re.IGNORECASE,
)
_RELATIONS_ONLY = re.compile(r"^\s*relations\s*$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?\u2026]['\"\u201d\u2019)\]*]*$")
_CAPTION_MARK = re.compile(
    r"\bPhoto(?:s|graph)?\b\s*(?::|by\b|\)|credit)|\(\s*Photo\b|\bPhoto\s*$|\bSource\s*:|^\*?Figure\s+\d+|^\*?Fig\.\s*\d+"
    r"|^\d{1,2}(?=[A-Z][a-z])",
)
#: "Photo: Xinhua", "(Xinhua Photo)", "Photo by TASS" closing a line
_PHOTO_AT_END = re.compile(r"(?:\bPhoto(?:s|graph)?\s*(?::|by)\s*[\w.\- ]{1,30}|\(\s*[\w.\- ]{0,30}\bPhoto\s*\))\s*$")
#: a photo credit closing a short block of the narrative: "Xi spoke to CPC 19th Congress Xinhua"
_CAPTION_CREDIT = re.compile(r"\b(?:Xinhua|TASS|Tass|Reuters|AFP|AP|Sputnik|RIA Novosti|Getty Images|kremlin\.ru|website)\)?\s*$")


def _caption_mark(text: str) -> bool:
    """_CAPTION_MARK.search, run only when a word it needs is there (most blocks are plain prose)."""
    return ("Photo" in text or "Source" in text or text[:1] in "*F" or text[:1].isdecimal()) and _CAPTION_MARK.search(text) is not None


def _credit_at_end(text: str) -> bool:
    """_CAPTION_CREDIT.search over the last characters only: a credit ends the text, and the longest
    one ("Getty Images)") is 13 characters."""
    return _CAPTION_CREDIT.search(text, max(0, len(text.rstrip()) - 16)) is not None
_META_LINE = re.compile(r"(?=[TtPpVv])(?:This article is extracted from|Preferred citation|\bVol\.\s*\d+\s*,\s*No\.\s*\d+)", re.IGNORECASE)


def _meta_line(text: str) -> bool:
    """_META_LINE.search, run only when the words it needs are there (kg.textgate)."""
    return may_match(text, ("this article is extracted from", "preferred citation", "vol.")) and _META_LINE.search(text) is not None
_VOLNO = re.compile(
    rf"Vol\.\s*(?P<vol>\d+)\s*,\s*No\.\s*(?P<no>\d+)(?:\s*,\s*(?P<date>{MONTH}\s*\d{{4}}))?", re.IGNORECASE
)
_PAGES = re.compile(r"\bpp\.?\s*(?P<a>\d{1,4})\s*[-\u2010-\u2015]\s*(?P<b>\d{1,4})")
_CITATION = re.compile(r"Preferred citation:\s*(?P<author>[^,\u201c\"]+),\s*[\u201c\"](?P<title>.+?),?[\u201d\"]")
_AFFIL = re.compile(r"\b(?:University|Institute|College|Center|Centre|School|Foundation|Academy|Council|Forum)\b", re.IGNORECASE)
_JOURNAL_LINE = re.compile(
    r"^(?:comparative|c o n n e c t i o n s|connections|comparative connections"
    r"|a triannual e-journal.*|a quarterly e-journal.*|on east asian bilateral relations"
    r"|.*bilateral relations.*|relations in the indo-pacific|china\s*-\s*russia relations)$",
    re.IGNORECASE,
)
_TABLE_CAPTION = re.compile(r"^(?:Table|Chart)\s+\d+\b", re.IGNORECASE)
_LEGEND = re.compile(r"^\S{1,3}\s*=\s*\S")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SPACES = re.compile(r"\s+")
_WORD_CHAR = re.compile(r"\w")
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z.]+)\.$")
#: whitespace other than a single space: with "  " in text, the same test as r"\s{2,}|[^\S ]", and faster
_ODD_SPACE = re.compile(r"[^\S ]")
_ODD_SPACE_NOT_TAB = re.compile(r"[^\S \t]")


def _no_odd_space(text: str) -> bool:
    """No _ODD_SPACE match: a printable text has no whitespace but " " (str.isprintable is far cheaper)."""
    return text.isprintable() or not _ODD_SPACE.search(text)
_SENT_END = re.compile(r"[.!?\u2026]['\"\u201d\u2019)\]]*(?=\s+['\"\u201c\u2018(\[]?[A-Z0-9\u4e00-\u9fff])")
_MAY_END = frozenset({"etc", "ltd", "inc", "corp", "co"})  # abbreviations that also end sentences
_ABBREV = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec gen lt col maj adm capt cmdr sgt mr mrs ms dr "
    "st no nos vol vols pp co ltd inc corp dept govt u.s u.k u.n e.g i.e etc vs prof sen rep gov amb "
    "jr sr mt ft".split()
)


# --- offset-carrying text ----------------------------------------------------------------------
_IOTA = array("l")  # 0, 1, 2, ...: a slice of it is a run of consecutive offsets, copied at C speed


def _offset_run(start: int, stop: int) -> array:
    """array('l', range(start, stop)) without building it element by element (every line needs one)."""
    global _IOTA
    if stop > len(_IOTA):
        _IOTA = array("l", range(max(stop, 2 * len(_IOTA), 1 << 16)))
    return _IOTA[start:stop]


class _Text:
    """A normalised string under construction with the raw offset of every character."""

    __slots__ = ("parts", "offs", "last")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offs = array("l")
        self.last = ""  # last character written

    def copy(self, s: str, raw_start: int) -> None:
        if s:
            self.parts.append(s)
            self.offs.extend(_offset_run(raw_start, raw_start + len(s)))
            self.last = s[-1]

    def put(self, s: str, raw_pos: int) -> None:
        if s:
            self.parts.append(s)
            self.offs.extend([raw_pos] * len(s))
            self.last = s[-1]

    def extend(self, other: "_Text") -> None:
        self.parts.extend(other.parts)
        self.offs.extend(other.offs)
        if other.parts:
            self.last = other.last

    def pop_char(self) -> None:
        s = "".join(self.parts)[:-1]
        self.parts = [s]
        self.offs.pop()
        self.last = s[-1] if s else ""

    def text(self) -> str:
        s = "".join(self.parts)
        self.parts = [s]
        return s


def _collapse(text: str, offs: array, end: int) -> tuple[str, array]:
    """Single-space and strip a normalised text, keeping the offset map (+ end sentinel)."""
    if "  " not in text and _no_odd_space(text):
        lead = len(text) - len(text.lstrip(" "))
        s = text.strip(" ")
        out = offs[lead : lead + len(s)]
        out.append(end)
        return s, out
    out_parts: list[str] = []
    out = array("l")
    pos = 0
    for m in _SPACES.finditer(text):
        if m.start() > pos:
            out_parts.append(text[pos : m.start()])
            out.extend(offs[pos : m.start()])
        out_parts.append(" ")
        out.append(offs[m.start()])
        pos = m.end()
    out_parts.append(text[pos:])
    out.extend(offs[pos:])
    s = "".join(out_parts)
    lead = len(s) - len(s.lstrip())
    s2 = s.strip()
    out = out[lead : lead + len(s2)]
    out.append(end)
    return s2, out


# --- lines ------------------------------------------------------------------------------------
_NO_OFFS = array("l")  # the offsets of a line never normalised (blank, url, header, page): none, never extended


class _Line:
    """One raw line (a plain class: a document has thousands, and a dataclass's __init__ costs more)."""

    __slots__ = ("no", "start", "end", "raw", "kind", "norm", "offs")

    def __init__(self, no: int, start: int, end: int, raw: str) -> None:
        self.no = no  # 1-based
        self.start = start  # raw offset of the line's first character
        self.end = end  # raw offset of its end (before the newline)
        self.raw = raw
        self.kind = "text"  # text | blank | url | header | page | table
        self.norm = ""
        self.offs = _NO_OFFS


def _md_plain(s: str) -> bool:
    """Nothing _MD_INLINE can match (the common line): no regex scan needed."""
    return "[" not in s and "\\" not in s and "*" not in s and s[:1] != "#"


def _md_inline(s: str, base: int, out: _Text) -> None:
    if _md_plain(s):
        out.copy(s, base)
        return
    pos = 0
    for m in _MD_INLINE.finditer(s):
        out.copy(s[pos : m.start()], base + pos)
        if m["lt"] is not None:
            _md_inline(m["lt"], base + m.start("lt"), out)
        elif m["esc"] is not None:
            out.copy(m["esc"], base + m.start("esc"))
        pos = m.end()
    out.copy(s[pos:], base + pos)


#: a list item's marker: "- Sept. 3, 2017: ..." in a markdown-like extraction, "• ..." in either format (not
#: a table legend's "* = Infantry")
_BULLET = {FileFormat.MARKDOWN: re.compile(r"[-*+\u2022]\s+(?![=\s])"), FileFormat.PDF_TEXT: re.compile(r"\u2022\s+(?!\s)")}


#: a markdown pipe table's row ("| Joint Sea-2014 | n | May 20-26 |") and the rule under its header
_PIPE_ROW = re.compile(r"\|(?:[^|\n]*\|){2,}\s*$")
_PIPE_RULE = re.compile(r"\|(?:\s*:?-{2,}:?\s*\|)+\s*$")


def _pipe_row(line: _Line) -> None:
    """A pipe table's row as a tab table's: the cells, with their markdown read, joined by tabs (each tab at
    the offset of the pipe it stands for)."""
    raw = line.raw
    bars = [i for i, ch in enumerate(raw) if ch == "|" and (i == 0 or raw[i - 1] != "\\")]
    t = _Text()
    for k, (a, b) in enumerate(zip(bars, bars[1:])):
        cell = raw[a + 1:b]
        lead = len(cell) - len(cell.lstrip())
        if k:
            t.put("\t", line.start + a)
        _md_inline(cell.strip(), line.start + a + 1 + lead, t)
    line.norm, line.offs = t.text(), t.offs


def _normalise_line(line: _Line, fmt: FileFormat) -> None:
    raw = line.raw
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    if stripped[:1] in "-*+\u2022" and (bullet := _BULLET[fmt].match(stripped)):
        stripped = stripped[bullet.end():]  # the item's text, its offsets still into the raw line
        lead += bullet.end()
    if ((fmt is not FileFormat.MARKDOWN or _md_plain(stripped)) and "\t" not in stripped and "  " not in stripped
            and _no_odd_space(stripped)):
        # the common line: no markup, no whitespace to collapse; its offsets are one run
        line.norm, line.offs = stripped, _offset_run(line.start + lead, line.start + lead + len(stripped))
        return
    t = _Text()
    if fmt is FileFormat.MARKDOWN:
        _md_inline(stripped, line.start + lead, t)
    else:
        t.copy(stripped, line.start + lead)
    text = t.text()
    if "\t" in text:  # keep tabs for table cells; other whitespace (a no-break space) is a space
        line.norm, line.offs = _ODD_SPACE_NOT_TAB.sub(" ", text), t.offs
        return
    s, offs = _collapse(text, t.offs, line.start + lead + len(stripped))
    line.norm, line.offs = s, offs[:-1]


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    no = 1
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        raw = text[pos:end]
        if raw.endswith("\r"):
            raw = raw[:-1]
        lines.append(_Line(no, pos, pos + len(raw), raw))
        no += 1
        pos = end + 1
    return lines


def _running_head(s: str) -> tuple[bool, re.Match | None]:
    """(is `s` a running head, its "MONTH YEAR" match): "JANUARY 2018 | CHINA-RUSSIA RELATIONS 118", or the
    journal's masthead used as one ("COMPARATIVE CONNECTIONS | A ... E-JOURNAL ...", no date)."""
    if "|" in s and len(s) < 120 and "\t" not in s and s[:1] != "|":  # (a pipe table's row starts with one)
        hd = _HEADER_DATE.search(s)
        up = s.upper()
        if hd and ("RELATIONS" in up or "CONNECTIONS" in up or _PAGE_NUM.search(s)):
            return True, hd
        if "E-JOURNAL" in up and "CONNECTIONS" in up:
            return True, None
    return False, None


def is_running_head(line: str) -> bool:
    """A page's running head (or the masthead used as one): a page break's print, no text of the article."""
    return _running_head(line.strip())[0]


def is_page_number(line: str) -> bool:
    """Could the line be a page number alone ("122", "Page 7")? (In a table a number alone may also be a cell.)"""
    return _PAGE_ONLY.match(line) is not None


def _classify_lines(lines: list[_Line], fmt: FileFormat) -> list[tuple[int, int | None, int | None]]:
    """Set each line's kind; returns page headers seen as (line no, year-month, page number)."""
    headers = []
    prev_url = False
    for ln in lines:
        raw = ln.raw
        s = raw.strip().replace("\u00a0", " ").replace("\x0c", "")
        if not s:
            ln.kind = "blank"
            prev_url = False
            continue
        if s[0] in "<[hHwW" and _URL_LINE.match(s):  # a stripped URL line starts with one of these
            ln.kind = "url"
            prev_url = not raw.endswith(" ") or s.endswith(("-", "/"))
            continue
        if prev_url and " " not in s and _URL_CONT.match(s):
            ln.kind = "url"
            prev_url = not raw.endswith(" ") or s.endswith(("-", "/"))
            continue
        prev_url = False
        is_head, hd = _running_head(s)
        if is_head:
            ln.kind = "header"
            if hd:
                pm = _PAGE_NUM.search(s)
                page = int(pm.group(1) or pm.group(2)) if pm else None
                headers.append((ln.no, hd, page))
            continue
        if fmt is FileFormat.PDF_TEXT and _PAGE_ONLY.match(s):
            ln.kind = "page"
            continue
        if raw.count("\t") >= 1 and len([c for c in raw.split("\t") if c.strip()]) >= 2:
            ln.kind = "table"
        elif fmt is FileFormat.MARKDOWN and s[:1] == "|" and _PIPE_ROW.match(s):
            ln.kind = "table"
            if _PIPE_RULE.match(s):
                ln.kind = "blank"  # the row under a pipe table's header: "|---|:--|"
                continue
            _pipe_row(ln)
            continue
        _normalise_line(ln, fmt)
        if not ln.norm:
            ln.kind = "blank"
    return headers


# --- joining lines and blocks ------------------------------------------------------------------
class _Joiner:
    """Joins normalised lines into one text: spaces, kept hyphens, CJK without spaces."""

    def __init__(self, fmt: FileFormat, joined_words: set[str], hyphen_pairs: set[str]):
        self.fmt = fmt
        self.joined_words = joined_words
        self.hyphen_pairs = hyphen_pairs

    def join(self, t: _Text, norm: str, offs: array, gap_pos: int) -> None:
        if not t.parts or not t.text():
            t.parts.append(norm)
            t.offs.extend(offs)
            t.last = norm[-1] if norm else t.last
            return
        prev = t.last
        first = norm[:1]
        if prev in "\u2013\u2014" and first.isalnum() and len(t.parts[-1]) > 1 and t.parts[-1][-2:-1].isalnum():
            pass  # "Moscow–\nKazan": a dash between words, no space
        elif prev == "-" and first.isalnum():
            cur = t.parts[-1] if len(t.parts[-1]) > 40 else t.text()
            lm = re.search(r"(?<![A-Za-z]-)\b([A-Za-z]+)-$", cur)
            rm = re.match(r"[A-Za-z]+", norm)
            if lm and rm and self.fmt is FileFormat.PDF_TEXT and soft_hyphen(
                    lm.group(1), rm.group(0), self.joined_words, self.hyphen_pairs, norm[rm.end():rm.end() + 1]):
                t.pop_char()  # a soft hyphen of line breaking: "negoti-\nations", "Presi-\ndent"
        elif _CJK.match(prev or " ") and _CJK.match(first or " "):
            pass
        else:
            t.put(" ", gap_pos)
        t.parts.append(norm)
        t.offs.extend(offs)
        t.last = norm[-1]


#: first parts that make real compounds ("anti-terror", "long-range", "co-chair", "self-reliance", "good-neighborliness")
_COMPOUND_PREFIXES = frozenset("""anti non co ex self long short high low well pro post pre cross full half all multi
    semi mid quasi vice counter inter intra trans ultra neo pan sub super extra off on so much far wide large small good
    mini one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand
    first second third fourth fifth sixth seventh eighth ninth tenth top state military""".split())
#: second parts that make real compounds ("state-owned", "Russia-led", "Belt-and-Road", "long-term")
_COMPOUND_SECONDS = frozenset("""and or to in on for of the a by with range term level based scale led owned run
    related style type wide year years old class made building making standing ranking oriented centered centred
    backed sponsored friendly free bound like long time day week month way sided party polar lateral way off up
    down out""".split())
#: endings of words broken by line hyphenation: "Intelli-\ngence", "Presi-\ndent", "simula-\ntion"
_SOFT_ENDING = re.compile(
    r"^[a-z]*(?:tions?|sions?|ments?|gences?|dents?|ences?|ances?|ities|ity|ings?|ed|ers?|ly|ness|ships?|isms?|ists?|"
    r"ives?|ical|ally|ous|able|ible|ency|ancy|ures?|ials?|ians?|ates?|ated|ating|ational|ary|ory|ics|al|ogy|ize|ized|"
    r"ise|ised|izing|ising|zation|sation|ment|ful|less|est|ant|ent|ism|ia|ic|ies)$")


_BARE_SUFFIX = re.compile(
    r"^(?:[st]?ions?|[sz]ations?|ments?|[gd]ences?|dents?|ences?|ances?|ities|ity|ings?|ed|ers?|ness|ships?|isms?|"
    r"ists?|ives?|ical|ally|ous|able|ible|ency|ancy|ures?|ials?|ians?|ates?|ated|ating|ational|ary|ory|ics|al|ogy|ly)$")


def soft_hyphen(left: str, right: str, joined_words: set[str], hyphen_pairs: set[str], after: str = "") -> bool:
    """Is "left-<line break>right" one word broken by the PDF's line hyphenation (drop the hyphen)?

    Evidence first, then rules of English:
    1. a capitalised continuation is a compound of names ("Russia-\nChina", "Sino-\nRussian");
    2. the document itself decides when it writes the pair with a hyphen within a line (keep) or the
       joined word anywhere (drop);
    3. known compound parts keep the hyphen: prefixes (anti-, non-, co-, ex-, self-, long-, high-,
       number words) and second parts ("-and-", "-range", "-led", "-owned", "-term");
    4. a continuation that is only an ending ("-tion", "-zation", "-gence", "-dent") completes the
       word; two parts the document uses as words of their own ("terror-\nsponsoring"; a first part
       that ends like a word or a combining form: "softer-\ngentler", "politico-\neconomic") keep it;
    5. a lower-case continuation that ends like an English word ending ("-tion", "-ment", "-gence",
       "-dent", "-ence", "-ity", "-ing", "-ed", "-ers" ...) completes the word: drop;
    6. otherwise a continuation that is a word of its own in the document keeps the hyphen; a
       fragment that occurs nowhere alone is the rest of a broken word: drop.
    """
    if not right[:1].islower():
        return False
    lo, ro = left.lower(), right.lower()
    if after == "-":
        return False  # "Belt-\nand-Road": the continuation is itself a compound part
    if f"{lo}-{ro}" in hyphen_pairs:
        return False
    if lo + ro in joined_words:
        return True
    if lo in _COMPOUND_PREFIXES or ro in _COMPOUND_SECONDS or lo.isdigit():
        return False
    if _BARE_SUFFIX.match(ro):
        return True  # "-tion", "-zation", "-gence": a continuation that is only an ending
    if len(ro) > 3 and len(lo) > 3 and ro in joined_words and (lo in joined_words or len(lo) > 4 and (_SOFT_ENDING.match(lo) or lo.endswith("o"))):
        return False  # two words the document uses on their own: "terror-\nsponsoring"
    return bool(_SOFT_ENDING.match(ro)) or ro not in joined_words


#: the hyphen of a word broken at a line end ("negoti-\nations")
_BREAK_HYPHEN = re.compile(r"-(?=[ \t]*\r?\n\s*[a-z])")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _drop_broken_parts(text: str) -> str:
    """Each word part broken at a line end, with its hyphen, as one space: re.sub(r"[A-Za-z]+-(?=[ \t]*\r?\n\s*[a-z])",
    " ", text), found from the hyphens (a literal the engine finds at once) instead of from every letter."""
    out: list[str] = []
    pos = 0
    for m in _BREAK_HYPHEN.finditer(text):
        h = k = m.start()
        while k > pos and text[k - 1] in _ASCII_LETTERS:
            k -= 1
        if k < h:
            out.append(text[pos:k])
            out.append(" ")
            pos = h + 1
    out.append(text[pos:])
    return "".join(out)


def _vocabulary(text: str) -> tuple[set[str], set[str]]:
    """Words written in one piece, and hyphenated pairs written within a line ("belt-and")."""
    text = _drop_broken_parts(text)  # the first part of a word broken at a line end is no word
    # lowering first is the same for ASCII text (elsewhere a letter like "K" (Kelvin) lowers into [a-z])
    joined = set(_WORD.findall(text.lower()) if text.isascii() else [w.lower() for w in _WORD.findall(text)])
    hyphenated = {w for w in joined if "-" in w}
    joined -= hyphenated
    pairs: set[str] = set()
    for w in hyphenated:
        parts = w.split("-")
        pairs.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]))
    return joined, pairs


@dataclass
class _Block:
    lines: list[_Line]
    gap: int  # blank lines before it
    kind: str = "text"  # text | table
    text: str = ""
    offs: array = field(default_factory=lambda: array("l"))
    words: int = 0  # word count, set with the text (read many times while blocks are joined)
    cut: bool = False  # a page break (running head, page number) came next, blank lines and footnotes aside

    @property
    def start(self) -> int:
        return self.lines[0].offs[0] if self.lines[0].offs else self.lines[0].start

    @property
    def end(self) -> int:
        last = self.lines[-1]
        return (last.offs[-1] + 1) if last.offs else last.end


    @property
    def opens_lower(self) -> bool:
        c = self.text[:1]
        return bool(c) and not c.isupper() and not c.isdigit() and c not in "\u201c\"'(\u2018*["


def _inline_caption(lines: list[_Line]) -> int | None:
    """The index of a one-line photo caption inside a paragraph's lines ("... signed in Beijing" / "Lavrov and Wang
    sign the protocol. Photo: Xinhua" / "the additional protocol ..."): a capitalised line that ends with a photo
    credit, between a line that ends no sentence and one that goes on in lower case."""
    for k in range(1, len(lines) - 1):
        ln = lines[k]
        if (ln.norm[:1].isupper() and _caption_mark(ln.norm) and (_credit_at_end(ln.norm) or _PHOTO_AT_END.search(ln.norm))
                and not _terminated(lines[k - 1].norm) and lines[k + 1].norm[:1].islower()):
            return k
    return None


def _blocks(lines: list[_Line], joiner: _Joiner) -> list[_Block]:
    blocks: list[_Block] = []
    cur: list[_Line] = []
    gap = 0
    cur_gap = 0

    def emit(part: list[_Line], part_gap: int) -> None:
        kind = "table" if part[0].kind == "table" else "text"
        b = _Block(part, part_gap, kind)
        if kind == "table":
            b.text = "\n".join(ln.norm for ln in part)
        elif len(part) == 1:
            b.text, b.offs = part[0].norm, part[0].offs  # what joining one line gives (neither is changed later)
        else:
            t = _Text()
            for ln in part:
                joiner.join(t, ln.norm, ln.offs, ln.start - 1)
            b.text, b.offs = t.text(), t.offs
        b.words = len(b.text.split())
        blocks.append(b)

    def flush():
        nonlocal cur
        if cur:
            k = _inline_caption(cur) if joiner.fmt is FileFormat.PDF_TEXT and cur[0].kind != "table" else None
            if k is None:
                emit(cur, cur_gap)
            else:
                # a photo caption the extraction left inside the paragraph's lines: a block of its own, so that
                # it is read as a caption and the paragraph around it is joined again
                emit(cur[:k], cur_gap)
                emit(cur[k:k + 1], 1)
                emit(cur[k + 1:], 0)
        cur = []

    after_break = False
    for ln in lines:
        if ln.kind == "blank":
            flush()
            gap = 1 if after_break else gap + 1  # blank lines around footnotes and running heads are no image gap
            continue
        if ln.kind in ("url", "header", "page"):
            flush()
            if blocks and ln.kind != "url":  # footnote URLs also stand between paragraphs mid-page
                blocks[-1].cut = True
            gap = 0
            after_break = True
            continue
        after_break = False
        if cur and (cur[-1].kind == "table") != (ln.kind == "table"):
            flush()
            gap = 0
        elif (cur and joiner.fmt is FileFormat.PDF_TEXT and ln.raw[:1] in (" ", "\t")
              and _terminated(cur[-1].norm)):
            flush()  # PDF text: a line indented by the extraction opens a new column/page block
            gap = 0
        if not cur:
            cur_gap = gap
        cur.append(ln)
        gap = 0
    flush()
    return blocks


#: a sentence that needs what came before: a pronoun opening it ("It was also part of the SCO plan")
_ANAPHORIC_OPENING = re.compile(r"(?:It|They|This|These|He|She|Its|Their|Both|The two)\s+[a-z]")


def _column_width(lines: list[_Line]) -> int | None:
    """How many characters a line of the PDF text's column holds: the 90th percentile of the text lines' lengths
    (most lines of a paragraph come near it; a few run past it by a space or a narrow letter)."""
    lengths = sorted(len(ln.norm) for ln in lines if ln.kind == "text" and ln.norm)
    if len(lengths) < 20:
        return None
    return lengths[len(lengths) * 9 // 10]


def _join_split_tables(blocks: list[_Block]) -> list[_Block]:
    """One table again where a page break cut it: two table blocks in a row (only blank lines or a running
    head between them) with the same number of columns. A header row the next page repeats is dropped."""
    out: list[_Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (prev is not None and b.kind == prev.kind == "table"
                and _columns(b.lines[0]) == _columns(prev.lines[0])):
            lines = b.lines[1:] if b.lines[0].norm == prev.lines[0].norm else b.lines
            prev.lines = prev.lines + lines
            prev.text = "\n".join(ln.norm for ln in prev.lines)
            prev.words = len(prev.text.split())
            continue
        out.append(b)
    return out


def _columns(line: _Line) -> int:
    return line.norm.count("\t") + 1


def _terminated(text: str) -> bool:
    """Ends a sentence: final punctuation that is not the dot of an abbreviation ("on Oct.")."""
    tail = text[-24:]
    if not _TERMINAL.search(tail):
        return False
    m = re.search(r"(?:^|[\s(])([A-Za-z][A-Za-z.]*)\.$", tail)
    return not (m and m.group(1).lower() in _ABBREV)


#: words no heading ends with: a block that ends with one is a sentence cut by a page break
_OPEN_END = re.compile(
    r"(?:[,(\u201c\u2018\u2013\u2014-]|\.|\b(?:a|an|the|of|to|in|on|at|for|by|with|from|over|under|into|than|as|and|or|"
    r"but|that|which|who|whose|when|where|while|is|are|was|were|be|been|has|have|had|will|would|its|their|his|her|"
    r"this|these|between|among|about|after|before|during|since|until|via|amid|against|toward|towards|upon))$"
)


def _ends_open(text: str) -> bool:
    """Ends mid-sentence in a way no heading does ("... presided over the two-day (Sept." / "... talks with the"):
    a short block cut by a page break, to be continued even before a capital or a digit."""
    return _OPEN_END.search(text[-12:].rstrip()) is not None


def _is_caption(b: _Block) -> bool:
    if b.kind != "text":
        return False
    if b.words <= 60 and _caption_mark(b.text):
        return True
    if b.words <= 25 and not _terminated(b.text) and _credit_at_end(b.text):
        return True
    return b.gap >= 2 and b.words <= 30 and not _meta_line(b.text) and b.text[:1].isupper() and not _terminated_para(b)


def _continued_by(b: _Block, nxt: _Block | None, wrapped) -> bool:
    """An unfinished block with no caption mark whose sentence the next block carries on ("... the two-day
    Third Eastern Economic Forum" / "(EEF). This project ..."; `wrapped(b, nxt)`: its last line, before a page
    break, has no room for the next word): text cut by a page break, not a caption."""
    return (nxt is not None and nxt.kind == "text" and not _caption_mark(b.text) and not _credit_at_end(b.text)
            and not _terminated(b.text)
            and (nxt.opens_lower or nxt.text[:1] in "(,;" or _ends_open(b.text) or wrapped(b, nxt)))


def _terminated_para(b: _Block) -> bool:
    """A full sentence-ending paragraph of some length is text, not a caption."""
    return b.words > 20 and _terminated(b.text)


def _unit(blocks: list[_Block], joiner: _Joiner) -> tuple[int, int, str, array]:
    """Merge blocks into one (start, end, text, offsets+sentinel), joined as lines are: a compound cut by a
    page break ("Sino-" / running head / "Russian") is one word again."""
    t = _Text()
    for b in blocks:
        joiner.join(t, b.text, b.offs, b.start - 1)
    text = t.text()
    offs = array("l", t.offs)
    offs.append(blocks[-1].end)
    return blocks[0].start, blocks[-1].end, text, offs


# --- public helpers ---------------------------------------------------------------------------
def sub_passage(passage: Passage, offsets: array | None, i: int, j: int, section: SectionKind | None = None) -> Passage:
    """The Passage of characters [i, j) of a normalised text whose raw offsets are `offsets`."""
    if offsets is None or j <= i:
        return passage
    start = offsets[i]
    end = offsets[j - 1] + 1
    return Passage(passage.file, start, end, passage.text[i:j], section or passage.section)


def paragraph_passage(source: SourceFile, p: Paragraph, i: int = 0, j: int | None = None) -> Passage:
    """Passage of a paragraph (or of characters [i, j) of its text) with exact raw offsets."""
    j = len(p.text) if j is None else j
    whole = Passage(source, p.start, p.end, p.text, p.section)
    if i == 0 and j == len(p.text):
        return whole
    return sub_passage(whole, p.offsets, i, j)


_DATE_FRAGMENT = re.compile(r"[\w.,\-\u2013\u2014 ]{1,24}")


def _wrapped_entry_dates(lines, start: int) -> set[int]:
    """Line numbers of chronology lines that hold only the first part of an entry's date, the rest being on the
    next line ("Sept. 23-" / "24, 2008: Premier Wen visits Moscow"): PDF text wraps long date ranges too."""
    out = set()
    texts = [ln for ln in lines[start:] if ln.kind == "text"]
    for ln, nxt in zip(texts, texts[1:]):
        head = ln.norm.rstrip()
        if nxt.no != ln.no + 1 or not _DATE_FRAGMENT.fullmatch(head) or ENTRY_START.match(head):
            continue
        for joined in (head + nxt.norm, head + " " + nxt.norm):
            m = ENTRY_START.match(joined)
            if m and m.end() > len(head) + 1:
                out.add(ln.no)
                break
    return out


def abbreviation_dot(text: str, dot: int, lo: int = 0) -> bool:
    """Is the dot at `dot` an abbreviation's ("Sept.", "Gen.", "U.S.") or an initial's, so no sentence ends there?
    The word before it is read from the last characters only (not before `lo`): a word cut off there is
    longer than any abbreviation, so it decides the same."""
    wm = _WORD_BEFORE_DOT.search(text, max(lo, dot - 23), dot + 1)
    word = wm.group(1).lower() if wm else ""
    return (word in _ABBREV and word not in _MAY_END) or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalised paragraph, aware of the genre's abbreviations (Sept., Gen., U.S.)."""
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        if text[m.start()] == "." and abbreviation_dot(text, m.start(), start):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


#: links, escaped dollars, bold and italics of markdown-like extractions; the lookahead: every match starts
#: with "]", "\\" or "*" (the engine passes over other positions at once)
_MD_MARK = re.compile(r"(?=[\]\\*])(?:\]\(#\)|\]\(https?://|\\\$|\*\*|(?<!\w)\*[A-Z][^*\n]{1,60}\*(?!\w))")


def detect_format(text: str) -> FileFormat:
    """Markdown-like extractions keep paragraphs on one line and carry [x](#) / \\$ / *x*; PDF text is hard-wrapped."""
    md_marks = sum(1 for _m, _ in zip(_MD_MARK.finditer(text), range(3)))  # only "3 or more" matters
    if md_marks >= 3:
        return FileFormat.MARKDOWN  # (the line statistics below are not needed)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return FileFormat.MARKDOWN
    lengths = sorted(len(ln) for ln in lines)
    median = lengths[len(lengths) // 2]
    long_share = sum(1 for n in lengths if n > 200) / len(lengths)
    trailing_space = sum(1 for ln in lines if ln.endswith(" ")) / len(lines)
    if long_share > 0.2:
        return FileFormat.MARKDOWN
    if median < 100 and (trailing_space > 0.3 or len(lines) > 40):
        return FileFormat.PDF_TEXT
    return FileFormat.MARKDOWN


# --- reading bytes ----------------------------------------------------------------------------
def _decode(path: Path, data: bytes, warnings: list[str], allow_cp1252: bool = False) -> str:
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(
            f"{path}:{line}: binary file (NUL byte at offset {nul})",
            hint="give a UTF-8 text export of the article (markdown-like or PDF text)",
            file=str(path), line=line,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        if not allow_cp1252:
            raise InputError(
                f"{path}:{line}: not UTF-8 text (byte 0x{bad} at offset {exc.start}; perhaps cp1252/Latin-1)",
                hint="convert it (iconv -f cp1252 -t utf-8) or read it with allow_cp1252=True, which decodes it with a warning",
                file=str(path), line=line,
            ) from exc
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{path}:{line}: not UTF-8 text (byte 0x{bad} at offset {exc.start}) and not cp1252 either",
                hint="convert the file to UTF-8 (e.g. iconv -f <encoding> -t UTF-8)",
                file=str(path), line=line,
            ) from exc
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\x0c")
        if controls > len(text) // 100:
            raise InputError(
                f"{path}:{line}: not UTF-8 text (byte 0x{bad} at offset {exc.start}); looks binary",
                hint="give a UTF-8 text export of the article", file=str(path), line=line,
            ) from exc
        warnings.append(
            f"{path.name}:{line}: not valid UTF-8 (byte 0x{bad}); decoded as cp1252 — re-save the file as UTF-8 to be sure"
        )
        return text


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = os.stat(path).st_size
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file", hint="check the path", file=str(path)) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})", file=str(path)) from exc
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not an article file", file=str(path))
    if size > max_bytes:
        raise InputError(
            f"{path}:1: file too large ({size:,} bytes > limit {max_bytes:,})",
            hint="an article is well under 1 MB; raise KG_MAX_INPUT_BYTES if this one is real",
            file=str(path), line=1,
        )
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(f"{path}:1: file too large (> {max_bytes:,} bytes)", file=str(path), line=1)
    if not data.strip():
        raise InputError(f"{path}:1: empty file", hint="nothing to extract; remove it or re-export the article",
                         file=str(path), line=1)
    return data


# --- the reader -------------------------------------------------------------------------------
class _Reader:
    def __init__(self, path: Path, text: str, fmt: FileFormat, source: SourceFile, warnings: list[str]):
        self.path = path
        self.text = text
        self.fmt = fmt
        self.source = source
        self.warnings = warnings

    def warn(self, line: int, msg: str) -> None:
        self.warnings.append(f"{self.source.name}:{line}: {msg}")

    def para(self, blocks: list[_Block], section: SectionKind) -> Paragraph:
        start, end, text, offs = _unit(blocks, self._joiner)
        return Paragraph(start, end, text, section, offs)

    # ------------------------------------------------------------------------------------------
    def read(self) -> Document:
        lines = _split_lines(self.text)
        headers = _classify_lines(lines, self.fmt)
        joined, pairs = _vocabulary(self.text) if self.fmt is FileFormat.PDF_TEXT else (set(), set())
        joiner = self._joiner = _Joiner(self.fmt, joined, pairs)
        self._vocab = (joined, pairs)

        chron_at = self._find_chronology(lines)
        body_lines = lines if chron_at is None else lines[:chron_at]
        blocks = _join_split_tables(_blocks(body_lines, joiner))
        self._column = _column_width(body_lines) if self.fmt is FileFormat.PDF_TEXT else None
        front, paragraphs, captions, headings, tables, meta_blocks = self._segment_body(blocks)

        period = None
        entries: list[ChronologyEntry] = []
        if chron_at is not None:
            period, raw_entries = self._chronology_lines(lines, chron_at, captions)
            entries = self._entries(raw_entries, period)
        else:
            self.warnings.append(
                f"{self.source.name}:{len(lines)}: no chronology found (no 'Chronology of China-Russia Relations' "
                "heading and no run of dated entries); only the narrative is extracted"
            )
        meta = self._meta(front, meta_blocks, headers, period, entries)
        return Document(
            source=self.source,
            raw_text=self.text,
            meta=meta,
            paragraphs=tuple(paragraphs),
            chronology=tuple(entries),
            tables=tuple(tables),
            warnings=tuple(self.warnings),
            front=tuple(front),
            captions=tuple(captions),
            headings=tuple(headings),
        )

    # --- chronology location ----------------------------------------------------------------
    def _find_chronology(self, lines: list[_Line]) -> int | None:
        for i, ln in enumerate(lines):
            if ln.kind == "text" and _CHRON_HEADING.match(ln.norm.strip("*# ")):
                return i
        # no heading: the first run of >= 3 dated entries (each with a year) starts the chronology
        starts = [i for i, ln in enumerate(lines) if ln.kind == "text" and (m := ENTRY_START.match(ln.norm))
                  and re.search(r"\d{4}", m["date"])]
        for k in range(len(starts) - 2):
            a, c = starts[k], starts[k + 2]
            between = [ln for ln in lines[a:c] if ln.kind == "text"]
            if sum(len(ln.norm.split()) for ln in between) < 400:
                self.warn(lines[a].no, "no chronology heading; dated entries found from here on are read as the chronology")
                return a
        return None

    def _chronology_lines(self, lines, at, captions):
        """Period and raw entries (lists of lines with the blank-line gap before each)."""
        i = at
        if _CHRON_HEADING.match(lines[at].norm.strip("*# ")):
            i = at + 1
            # a wrapped heading: "CHRONOLOGY OF CHINA-RUSSIA" / "RELATIONS"
            j = i
            while j < len(lines) and lines[j].kind == "blank":
                j += 1
            if j < len(lines) and lines[j].kind == "text" and _RELATIONS_ONLY.match(lines[j].norm):
                i = j + 1
        period = None
        raw_entries: list[list[tuple[_Line, int]]] = []
        cur: list[tuple[_Line, int]] | None = None
        gap = 0
        page_break = False  # a running head, page number or footnote since the last text line
        dropped = False  # the lines after a complete entry that were not part of it
        wrapped = _wrapped_entry_dates(lines, i)
        for ln in lines[i:]:
            if ln.kind == "blank":
                gap += 1
                continue
            if ln.kind in ("url", "header", "page"):
                page_break = True
                continue
            after_break, page_break = page_break, False
            text = ln.norm
            if period is None and not raw_entries and cur is None:
                p = parse_period(text.strip("*# "))
                if p:
                    period = p
                    gap = 0
                    continue
            if ln.no in wrapped or (ENTRY_START.match(text) and ln.no - 1 not in wrapped):
                cur = [(ln, 0)]
                raw_entries.append(cur)
                gap = dropped = 0
                continue
            if cur is None:
                if text.strip() and not (dropped and not gap):
                    where = "between chronology entries" if raw_entries else "before the first chronology entry"
                    self.warn(ln.no, f"text {where} ignored: {text[:60]!r}")
                    dropped = True
                gap = 0
                continue
            if _caption_mark(text) and len(text.split()) <= 60 and gap:
                captions.append(Paragraph(ln.offs[0], ln.offs[-1] + 1, text, SectionKind.CAPTION,
                                          array("l", list(ln.offs) + [ln.offs[-1] + 1])))
                continue
            if gap and not after_break:  # across a page break, an entry goes on: a chronology holds only entries
                body_so_far = " ".join(x.norm for x, _ in cur)
                if _terminated(body_so_far) and text[:1].isupper():
                    self.warn(ln.no, f"text after a complete chronology entry is not part of it: {text[:60]!r}")
                    cur = None
                    gap = 0
                    dropped = True
                    continue
            cur.append((ln, gap))
            gap = 0
        return period, raw_entries

    def _entries(self, raw_entries, period) -> list[ChronologyEntry]:
        joiner = _Joiner(self.fmt, *getattr(self, "_vocab", (set(), set())))
        out = []
        heading_year = period[1].year if period else None
        for group in raw_entries:
            t = _Text()
            rejoined = False
            for ln, gap in group:
                if gap:
                    rejoined = True
                joiner.join(t, ln.norm, ln.offs, ln.start - 1)
            text = t.text()
            first = group[0][0]
            last = group[-1][0]
            end = last.offs[-1] + 1 if last.offs else last.end
            offs = array("l", t.offs)
            offs.append(end)
            m = ENTRY_START.match(text)
            if m is None:  # cannot happen for an entry started by a date line; never a traceback if it does
                self.warn(first.no, f"chronology entry without a readable date skipped: {text[:60]!r}")
                continue
            date_text = m["date"].strip()
            body_i = m.end()
            while body_i < len(text) and text[body_i] == " ":
                body_i += 1
            body = text[body_i:]
            passage = Passage(self.source, offs[0], end, text, SectionKind.CHRONOLOGY)
            truncated = not _terminated(body)
            year = heading_year
            mm = re.match(rf"\s*(?:(?:early|mid|late)[\s-]*)?({MONTH})", date_text, re.IGNORECASE)
            if period and mm and not re.search(r"\d{4}", date_text):
                year = year_for(month_number(mm.group(1)), period, heading_year)
            out.append(ChronologyEntry(
                passage=passage, date_text=date_text, body=body, body_offset=offs[body_i] if body_i < len(offs) else end,
                heading_year=year, truncated=truncated, line=first.no, rejoined=rejoined, offsets=offs,
            ))
            if truncated:
                self.warn(first.no, f"chronology entry '{date_text}' ends without a full stop: flagged as truncated")
        return out

    # --- narrative segmentation -------------------------------------------------------------
    def _segment_body(self, blocks: list[_Block]):
        captions: list[Paragraph] = []
        meta_blocks: list[_Block] = []
        tables: list[Table] = []
        flow: list[_Block] = []
        seen_text = False
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if b.kind == "table":
                cap = None
                if flow and _TABLE_CAPTION.match(flow[-1].text) and flow[-1].words <= 25:
                    cap = flow.pop()
                notes = []
                j = i + 1
                while j < len(blocks) and blocks[j].kind == "text" and _LEGEND.match(blocks[j].text) and blocks[j].words <= 12:
                    notes.append(blocks[j].text)
                    j += 1
                tables.append(self._table(b, cap, notes))
                i = j
                continue
            if not _WORD_CHAR.search(b.text):  # separators such as a lone "*"
                pass
            elif b.words <= 120 and _meta_line(b.text):
                meta_blocks.append(b)
            elif ((seen_text or _caption_mark(b.text) or _credit_at_end(b.text)) and _is_caption(b)
                  and not _continued_by(b, blocks[i + 1] if i + 1 < len(blocks) else None, self._wrapped)):
                captions.append(self.para([b], SectionKind.CAPTION))
            else:
                flow.append(b)
                seen_text = seen_text or b.words >= 25
            i += 1
        # join blocks broken by page/column breaks, captions and sidebars
        units: list[list[_Block]] = []
        for b in flow:
            if units:
                prev = units[-1]
                prev_text = prev[-1].text
                prev_words = sum(x.words for x in prev)
                # a long unfinished paragraph continues after a page/column break even before a
                # capitalised word ("... according to Foreign Minister" / "Wang Yi said"); a short
                # unfinished block is a heading, unless it fills its last line before the break or
                # ends as no heading does. (After a finished sentence a new paragraph may begin: a
                # paragraph's last line can fill the column too; but a block after a page break that opens
                # with a pronoun, "It was also part of ...", goes on with what the page before told.)
                if (not _terminated(prev_text) and (
                        b.opens_lower or prev_words >= 15 or _ends_open(prev_text) or self._wrapped(prev[-1], b))
                        or prev[-1].cut and _ANAPHORIC_OPENING.match(b.text)):
                    prev.append(b)
                    continue
            units.append([b])
        # classify units: title block, headings, paragraphs
        first_long = next((k for k, u in enumerate(units) if sum(x.words for x in u) >= 25), len(units))
        front: list[Paragraph] = [self.para(u, SectionKind.FRONT) for u in units[:first_long]]
        front_blocks = units[:first_long]
        rest = units[first_long:]
        paragraphs: list[Paragraph] = []
        headings: list[Paragraph] = []
        kinds = []
        for u in rest:
            words = sum(x.words for x in u)
            text = u[-1].text
            heading = words <= 15 and not text.rstrip("*").endswith(".") and not u[0].opens_lower
            kinds.append("heading" if heading else "para")
        # the abstract: paragraphs before the first heading (at most two) belong to the front matter
        first_heading = next((k for k, kd in enumerate(kinds) if kd == "heading"), None)
        abstract_n = first_heading if first_heading is not None and first_heading <= 2 else 0
        for k, (u, kd) in enumerate(zip(rest, kinds)):
            if k < abstract_n:
                front.append(self.para(u, SectionKind.FRONT))
            elif kd == "heading":
                headings.append(self.para(u, SectionKind.NARRATIVE))
            else:
                paragraphs.append(self.para(u, SectionKind.NARRATIVE))
        self._front_blocks = [b for u in front_blocks for b in u]
        return front, paragraphs, captions, headings, tables, meta_blocks

    def _wrapped(self, b: _Block, nxt: _Block) -> bool:
        """PDF text: a page break cut the block after a line too full to take the next block's first word, so
        an unfinished sentence in it goes on past the break (a heading's last line has room, and no heading
        ends a page)."""
        if not b.cut or self._column is None:
            return False
        first_word = nxt.text.split(" ", 1)[0]
        return len(b.lines[-1].norm) + 1 + len(first_word) > self._column

    def _table(self, b: _Block, cap: _Block | None, notes: list[str]) -> Table:
        rows = [tuple(c.strip() for c in ln.norm.split("\t")) for ln in b.lines]
        width = max(len(r) for r in rows)
        rows = [r + ("",) * (width - len(r)) for r in rows]
        start = cap.start if cap else b.lines[0].start
        end = b.lines[-1].end
        passage = Passage(self.source, start, end, (cap.text + "\n" if cap else "") + b.text, SectionKind.TABLE)
        return Table(passage, rows[0], tuple(rows[1:]), cap.text if cap else None, tuple(notes))

    # --- metadata ---------------------------------------------------------------------------
    def _meta(self, front, meta_blocks, headers, period, entries) -> ArticleMeta:
        vals: dict = {}
        meta_text = " ".join(b.text for b in meta_blocks)
        m = _VOLNO.search(meta_text)
        if m:
            vals["volume"], vals["number"] = m["vol"], m["no"]
            if m["date"]:
                try:
                    span = parse_date_span(m["date"])
                    vals["issue_date"] = span.start
                except DateError:
                    pass
        pm = _PAGES.search(meta_text)
        if pm:
            vals["page_start"], vals["page_end"] = int(pm["a"]), int(pm["b"])
        cm = _CITATION.search(meta_text)
        cit_title = cit_author = None
        if cm:
            cit_author, cit_title = cm["author"].strip(), cm["title"].strip().rstrip(",")
        # title page: journal lines, then title, then "AUTHOR, AFFILIATION" or author / affiliation lines
        title_parts: list[str] = []
        author = affiliation = None
        for b in getattr(self, "_front_blocks", []):
            for ln in (x.norm for x in b.lines):
                s = ln.strip("* ").strip()
                if not s or _JOURNAL_LINE.match(re.sub(r"\s+", " ", s)):
                    continue
                if "," in s and _AFFIL.search(s.split(",", 1)[1]) and len(s.split()) <= 10:
                    name, aff = s.split(",", 1)
                    author, affiliation = _title_case(name.strip()), _title_case(aff.strip())
                elif _AFFIL.search(s) and len(s.split()) <= 8 and title_parts and author is None:
                    affiliation = s
                    author = title_parts.pop() if title_parts else None
                elif author is None:
                    title_parts.append(s)
        title = " ".join(title_parts).strip() or None
        if title and title.isupper():
            title = _title_case(title)
        if cit_title and (title is None or title.isupper()):
            title = cit_title
        vals["title"] = title or cit_title
        vals["author"] = author or cit_author
        vals["affiliation"] = affiliation
        # page headers of PDF text: "JANUARY 2018 | CHINA-RUSSIA RELATIONS 118"
        if headers and "issue_date" not in vals:
            hd = headers[0][1]
            try:
                vals["issue_date"] = parse_date_span(f"{hd['mon']} {hd['year']}").start
            except DateError:
                pass
        # the chronology period: from its heading, else inferred from the entries
        if period:
            vals["period_start"], vals["period_end"] = period
        elif entries:
            spans = []
            for e in entries:
                try:
                    spans.append(parse_date_span(e.date_text, e.heading_year))
                except DateError:
                    pass
            if spans:
                lo = min(s.start for s in spans)
                hi = max(s.end for s in spans)
                start = dt.date(lo.year, lo.month, 1)
                end = parse_date_span(f"{hi.strftime('%B')} {hi.year}").end
                vals["period_start"], vals["period_end"] = start, end
                self.warnings.append(
                    f"{self.source.name}:{entries[0].line}: no chronology period heading; period {start}..{end} "
                    "inferred from the entries' dates"
                )
        # volume / number: stated, else inferred from the journal's numbering (Vol = year - 1998;
        # three issues a year covering Jan-Apr, May-Aug, Sep-Dec; four before the triannual switch)
        if "volume" not in vals and vals.get("period_start") and vals.get("period_end"):
            ps, pe = vals["period_start"], vals["period_end"]
            months = (pe.year - ps.year) * 12 + pe.month - ps.month + 1
            if months == 4 and ps.month in (1, 5, 9):
                vals["volume"], vals["number"] = str(pe.year - 1998), str((ps.month - 1) // 4 + 1)
            elif months == 3 and ps.month in (1, 4, 7, 10):
                vals["volume"], vals["number"] = str(pe.year - 1998), str((ps.month - 1) // 3 + 1)
            if "volume" in vals:
                self.warnings.append(
                    f"{self.source.name}:1: no 'Vol., No.' line; Vol. {vals['volume']}, No. {vals['number']} inferred "
                    f"from the chronology period {ps:%B %Y}-{pe:%B %Y} (journal numbering)"
                )
        if "issue_date" not in vals and "volume" not in vals:
            self.warnings.append(f"{self.source.name}:1: no journal volume/number/issue date found")
        return ArticleMeta(**{k: v for k, v in vals.items() if v is not None})


_SMALL = frozenset("a an and as at but by for in of on or the to vs via with from into".split())


def _title_case(s: str) -> str:
    """'BETWEEN THE PAST AND THE FUTURE' -> 'Between the Past and the Future' (only for all-caps text)."""
    if not s.isupper():
        return s
    words = s.lower().split()
    out = []
    for k, w in enumerate(words):
        if k and w in _SMALL:
            out.append(w)
        else:
            out.append(re.sub(r"(^|[-/])(\w)", lambda m: m.group(1) + m.group(2).upper(), w))
    return " ".join(out)


def read_document(path: str | os.PathLike, settings: Settings | None = None, *, allow_cp1252: bool = False) -> Document:
    """Read, check, normalise and segment one article file.

    Raises InputError naming the file and line for empty, binary, non-UTF-8 or too large files
    (no silent guessing: `allow_cp1252=True` decodes a cp1252 file, with a warning saying so);
    a missing chronology is only a warning (the narrative is still read).
    """
    p = Path(path)
    limit = (settings or Settings()).max_input_bytes
    data = _read_bytes(p, limit)
    warnings: list[str] = []
    text = _decode(p, data, warnings, allow_cp1252)
    fmt = detect_format(text)
    source = SourceFile(path=str(path), name=p.name, sha256=hashlib.sha256(data).hexdigest(), format=fmt, size=len(data))
    return _Reader(p, text, fmt, source, warnings).read()


def read_text(text: str, name: str = "<text>") -> Document:
    """Read an article from a string (tests, `kg ingest -`): same rules as read_document."""
    data = text.encode("utf-8")
    fmt = detect_format(text)
    source = SourceFile(path=name, name=name, sha256=hashlib.sha256(data).hexdigest(), format=fmt, size=len(data))
    return _Reader(Path(name), text, fmt, source, []).read()
