"""Authoring helpers for the gold sample: one compact line per annotated event -> tests/gold/*.json.

The annotations (cc_*.py) were written by reading the seed texts. These helpers only LOCATE each
passage in the file (offsets, first 60 characters; a snippet must occur exactly once) and write
reference-entity slugs the way ontology/entities.toml spells them (an alternative naming a
reference entity, by slug or by one of its labels, becomes that slug). Run build_gold.py after editing.
"""
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"


def _flat(t):
    """Straighten quotes 1:1 so snippets match whatever quote style the file uses (offsets unchanged)."""
    return t.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))


def _reference():
    """Reference slugs, and slugified labels / alternative labels -> slug (kg.iris.slugify)."""
    sys.path.insert(0, str(ROOT))
    from kg.iris import slugify

    with open(ROOT / "ontology" / "entities.toml", "rb") as f:
        data = tomllib.load(f)
    slugs, by_form = set(), {}
    for e in data["entity"]:
        slugs.add(e["slug"])
        for form in [e["label"], *e.get("alt", [])]:
            by_form.setdefault(slugify(form), e["slug"])
    return slugs, by_form


REF_SLUGS, REF_FORMS = _reference()


def canon(value):
    """'a|b|c' -> the reference slug when one alternative names a reference entity; else unchanged."""
    if value is None:
        return None
    alts = value.split("|")
    for a in alts:
        if a in REF_SLUGS:
            return a
    for a in alts:
        if a in REF_FORMS:
            return REF_FORMS[a]
    return value


def canon_place(value):
    """Place alternatives are different acceptable places: canonicalise each one, keep them all."""
    if value is None:
        return None
    out = []
    for a in value.split("|"):
        c = canon(a)
        if c not in out:
            out.append(c)
    return "|".join(out)


ENTRY = re.compile(
    r"^[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
    r"(?:[ \t]*[-\u2013][ \t]*(?:[A-Z][a-z]*\.?[ \t]+)?\d{1,2})?,[ \t]*\d{4}[ \t]*:", re.MULTILINE)


class Article:
    """One annotated article; E() adds an event, M() an entity mention, document() gives the JSON."""

    def __init__(self, slug, files, title, volume, number, period, chron_heading):
        self.slug, self.files, self.title = slug, files, title
        self.volume, self.number, self.period = volume, number, period
        self.chron_heading = chron_heading
        self.text = (SEEDS / files[0]).read_text(encoding="utf-8")
        self.events, self.mentions = [], []
        self.chron_start = self.text.index(chron_heading)
        self.flat = _flat(self.text)

    def locate(self, snippet, section):
        lo = self.chron_start if section == "chronology" else 0
        hi = len(self.text) if section == "chronology" else (self.chron_start if section != "table" else len(self.text))
        hits = [m.start() for m in re.finditer(re.escape(_flat(snippet)), self.flat) if lo <= m.start() < hi]
        if len(hits) != 1:
            raise ValueError(f"{self.slug}: snippet {snippet!r} ({section}) found {len(hits)} times")
        return hits[0]

    def E(self, lid, find, start, end, type_, p, o=(), pl=None, s=None, n=None, k=None, sub=None, sec="chronology",
          req=True, also=(), note=None, status="held", trunc=False, prec="day"):
        """lid: local id; find: a snippet that occurs once in the section (the passage start);
        start/end: ISO dates (end None = start); type_: ccr event class; p / o: required / optional
        participants ('a|b' = spellings of one discovered entity); pl: place ('a|b' = either place);
        s / n / k: series, name as written, ordinal; sub: local id of the enclosing event;
        sec: chronology | narrative | table; req: required (else optional, see docs/evaluation.md);
        also: narrative snippets reporting the same happening; trunc: the entry is cut short."""
        off = self.locate(find, sec)
        passage = " ".join(self.text[off:off + 90].split())[:60]
        if sec == "chronology":  # the whole entry: up to the next entry (page breaks included)
            nxt = [m.start() for m in ENTRY.finditer(self.text, off + 1)]
            pend = nxt[0] if nxt else len(self.text.rstrip())
            pend = off + len(self.text[off:pend].rstrip())
        elif sec == "table":
            pend = self.text.index("\n", off)
        else:
            pend = off + len(find)
        also_in = [{"offset": self.locate(a, "narrative"), "text": a} for a in also]
        self.events.append({
            "id": f"{self.slug}/{lid}", "section": sec, "required": req,
            "file": self.files[0], "offset": off, "end_offset": pend, "passage": passage,
            "start": start, "end": end or start, "precision": prec, "type": type_,
            "participants": [canon(x) for x in p], "optional_participants": [canon(x) for x in o],
            "place": canon_place(pl), "series": canon(s), "name": n, "ordinal": k,
            "sub_event_of": f"{self.slug}/{sub}" if sub else None,
            "status": status, "truncated": trunc,
            "also_in": also_in, "note": note,
        })

    def M(self, surface, slug, qid=None, nth=1, file=None, after=None):
        """A gold entity mention: the nth occurrence of `surface` (after `after`, if given)."""
        fname = file or self.files[0]
        text = (SEEDS / fname).read_text(encoding="utf-8")
        base = text.index(after) if after else 0
        word = re.compile(r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])")
        hits = [m.start() for m in word.finditer(text) if m.start() >= base]
        pos = hits[nth - 1]
        self.mentions.append({"file": fname, "start": pos, "end": pos + len(surface), "text": surface,
                              "slug": canon(slug), "qid": qid})

    def document(self, n_entries, note=None):
        """The gold file's content (build_gold.py writes it; a test checks the JSON matches it)."""
        return {
            "article": self.slug, "title": self.title, "volume": self.volume, "number": self.number, "note": note,
            "files": self.files, "period": self.period, "chronology_entries": n_entries,
            "events": self.events, "mentions": self.mentions,
        }
