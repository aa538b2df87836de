"""One document -> ArticleRecords: chronology + narrative + tables, nothing merged yet.

kg.resolve.merge_articles folds files of one article and narrative/chronology duplicates; this
module only runs the extractors on one file and gathers their records, warnings and discovered
entities. The narrative and table extractors are imported lazily so that a failure to import
them (while being written) degrades to chronology-only with a warning instead of failing the
build.
"""

from __future__ import annotations

from kg.chronology import chronology_records
from kg.iris import slugify
from kg.mentions import ArticleContext
from kg.records import ArticleRecords, Document, EntityRef


def article_slug(doc: Document) -> str:
    """'cc-19-3-china-russia' from volume/number; else the slugified title; else the file's content hash."""
    if doc.meta.slug:
        return doc.meta.slug
    if doc.meta.title:
        return "cc-" + slugify(doc.meta.title, 60)
    return "cc-file-" + doc.source.sha256[:12]


def extract_document(doc: Document, lexicon) -> ArticleRecords:
    """All records of one file, each with its passage; warnings say what was skipped or flagged."""
    warnings = list(doc.warnings)
    ctx = ArticleContext()
    agreements, tenures, memberships, initiatives = (), (), (), ()
    nar = None
    nar_warnings: list[str] = []
    try:
        from kg.narrative import extract_narrative

        nar = extract_narrative(doc, lexicon)
    except (ImportError, NotImplementedError) as exc:
        nar_warnings.append(f"{doc.source.name}: narrative extraction unavailable ({exc}); chronology only")
    else:
        # the narrative comes first in the article: persons it names in full ("Joe Biden", titled
        # newcomers) are who the chronology's surnames ("President Biden") refer to
        for e in nar.entities:
            if e.type == "Person":
                ctx.remember(e)
    chron = chronology_records(doc, lexicon, ctx)
    warnings.extend(chron.warnings)
    events = list(chron.events)
    entities: dict[str, EntityRef] = dict(chron.entities)
    warnings.extend(nar_warnings)
    if nar is not None:
        events.extend(nar.events)
        agreements, tenures, memberships, initiatives = nar.agreements, nar.tenures, nar.memberships, nar.initiatives
        for e in nar.entities:
            entities.setdefault(e.slug, e)
        warnings.extend(getattr(nar, "warnings", ()))

    try:
        from kg.tables import extract_tables

        table_events = extract_tables(doc, lexicon)
    except (ImportError, NotImplementedError) as exc:
        if doc.tables:
            warnings.append(f"{doc.source.name}: table extraction unavailable ({exc}); tables skipped")
    else:
        events.extend(table_events)

    for ev in events:
        for ref in (*ev.participants, *ev.hosts, *ev.organizations, *((ev.place,) if ev.place else ()),
                    *getattr(ev, "extra_places", ())):
            if ref.discovered:
                entities.setdefault(ref.slug, ref)

    return ArticleRecords(
        article_slug=article_slug(doc),
        meta=doc.meta,
        sources=(doc.source,),
        events=tuple(events),
        agreements=tuple(agreements),
        tenures=tuple(tenures),
        memberships=tuple(memberships),
        initiatives=tuple(initiatives),
        entities=tuple(sorted(entities.values(), key=lambda r: r.slug)),
        warnings=tuple(warnings),
        unparsed_entries=tuple(chron.unparsed),
    )
