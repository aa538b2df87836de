"""One entity per real thing, one event per real happening.

The extractors work file by file and sentence by sentence, so the same happening arrives several
times: the chronology entry and the narrative's report of it, and the same sentence again from
the PDF text of an article we also have as markdown. `merge_articles` folds those together:

- files of one article (same `article_slug`) become one ArticleRecords with all SourceFiles;
- events are clustered greedily (chronology first, markdown before PDF text), an event joining the
  best-scoring cluster whose members overlap it in time, belong to the same type family and share
  defining evidence (key, name, series, persons, place, organisations, near-identical passage); the
  first member's passage stays `passage`, the others go to `extra_passages`;
- discovered entities are folded across transliteration variants ("Yury"/"Yuri"), mapped onto a
  reference entity when one has that name (reference entities win), and short forms ("Wang") are
  resolved by title, then by the nearest full mention before them in the same file;
- titled participants of events become TenureRecords (the one place they are made), deduplicated
  with the narrative's.

Output is sorted so that IRIs and dumps are the same on every run.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from kg.iris import slugify
from kg.records import (
    AgreementRecord,
    ArticleMeta,
    ArticleRecords,
    EntityRef,
    EventRecord,
    FileFormat,
    InitiativeRecord,
    MembershipRecord,
    Passage,
    Precision,
    SectionKind,
    replace,
)
from kg.resolve_events import (
    _content_words,
    _merge_passages,
    _norm_text,
    _passage_id,
    _word_set,
    congratulation_senders,
    family,
    link_sidelines,
    visit_participants,
)
from kg.resolve_entities import (
    _PERSONISH,
    _WORD,
    ArticleContext,
    Demonyms,
    EntityResolver,
    _dedupe_refs,
    _event_refs,
    clean_role_title,
    fold_name,
    make_tenure,
    merge_tenures,
    tenures_from_events,
)

# --- event families ---------------------------------------------------------------------------
_SECTION_ORDER = {SectionKind.CHRONOLOGY: 0, SectionKind.TABLE: 1, SectionKind.NARRATIVE: 2}
_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
_MERGE_THRESHOLD = 4


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# --- event clustering -------------------------------------------------------------------------
def _overlap_days(a: EventRecord, b: EventRecord) -> int:
    """Days of overlap (negative: the gap) between the two date spans."""
    start = max(a.date.start, b.date.start)
    end = min(a.date.end, b.date.end)
    return (end - start).days + 1


def _persons(ev: EventRecord) -> set[str]:
    return {r.slug for r in (*ev.participants, *ev.hosts) if r.type in _PERSONISH}


def _agents(ev: EventRecord) -> set[str]:
    return {r.slug for r in (*ev.participants, *ev.hosts, *ev.organizations) if r.type not in _PERSONISH}


def _name_key(name: str | None) -> str:
    return fold_name(name) if name else ""


def match_score(a: EventRecord, b: EventRecord) -> int | None:
    """Evidence that a and b report the same happening; None = incompatible."""
    if a.key == b.key:
        return 100
    if (a.passage.file.name != b.passage.file.name and a.passage.section == b.passage.section
            and (a.date.start, a.date.end) == (b.date.start, b.date.end) and family(a.type) == family(b.type)
            and _jaccard(_word_set(a.passage.text), _word_set(b.passage.text)) >= 0.7):
        return 50  # the same entry or sentence in the other file of the article (PDF text vs markdown)
    if family(a.type) != family(b.type):
        return None
    if _overlap_days(a, b) < 1:
        return None
    score = 0
    na, nb = _name_key(a.name), _name_key(b.name)
    if na and nb:
        if na != nb:
            return None
        score += 10
    if a.series and b.series:
        if a.series != b.series:
            return None
        score += 5
    if a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal:
        return None
    pa, pb = _persons(a), _persons(b)
    if pa and pb:
        inter = pa & pb
        if not inter:
            return None
        if not (pa <= pb or pb <= pa):
            if min(len(pa), len(pb)) >= 2:
                return None
        else:
            score += 4
    if a.place is not None and b.place is not None:
        if a.place.slug == b.place.slug:
            score += 3
        elif a.place.type in {"City", "TrainingGround"} and b.place.type in {"City", "TrainingGround"}:
            score -= 3
    ga, gb = _agents(a), _agents(b)
    oa = {r.slug for r in a.organizations}
    ob = {r.slug for r in b.organizations}
    if oa & ob:
        score += 2
    if ga & gb:
        score += 1
    if a.type == b.type:
        score += 1
        states_a = {r.slug for r in a.participants if r.type == "State"}
        if (family(a.type) not in ("bilateral", "multilateral", "AgreementSigning") and len(states_a) >= 2
                and states_a == {r.slug for r in b.participants if r.type == "State"}
                and (a.date.start, a.date.end) == (b.date.start, b.date.end)):
            score += 3  # one joint patrol / call / delivery between the same states on the same day
    if a.passage.file.name != b.passage.file.name:
        if _jaccard(_word_set(a.passage.text), _word_set(b.passage.text)) >= 0.5:
            score += 10
        elif (a.passage.section == b.passage.section == SectionKind.CHRONOLOGY
              and (a.date.start, a.date.end) == (b.date.start, b.date.end)):
            score += 3
    return score


def _event_order(ev: EventRecord, file_rank: dict[str, int]) -> tuple:
    return (
        _SECTION_ORDER.get(ev.passage.section, 3),
        file_rank.get(ev.passage.file.name, 99),
        ev.passage.start,
        ev.key,
    )


def _exclusive(a: EventRecord, b: EventRecord) -> bool:
    """Two chronology entries (or table rows) of one file are distinct happenings by construction."""
    return (
        a.passage.file.name == b.passage.file.name
        and a.passage.section == b.passage.section
        and a.passage.section in (SectionKind.CHRONOLOGY, SectionKind.TABLE)
        and a.key != b.key
        and (a.passage.start, a.passage.end) != (b.passage.start, b.passage.end)
    )


def cluster_events(events: list[EventRecord], file_rank: dict[str, int]) -> list[list[EventRecord]]:
    """Greedy clustering in priority order; an event joins the single best cluster or starts one.

    Clusters are indexed by the days their members cover, so an event is only compared with
    clusters it overlaps in time (a key match needs the same dates anyway).
    """
    clusters: list[list[EventRecord]] = []
    by_day: dict[int, set[int]] = defaultdict(set)
    by_key: dict[str, int] = {}
    for ev in sorted(events, key=lambda e: _event_order(e, file_rank)):
        best: list[tuple[int, int]] = []
        first, last = ev.date.start.toordinal(), ev.date.end.toordinal()
        if last - first > 400:
            last = first + 400  # year-precision spans: a bounded window is enough
        candidates: set[int] = set()
        for day in range(first, last + 1):
            candidates |= by_day.get(day, set())
        if ev.key in by_key:
            candidates.add(by_key[ev.key])
        for ci in sorted(candidates):
            cl = clusters[ci]
            scores = []
            ok = True
            for member in cl:
                if _exclusive(ev, member):
                    ok = False
                    break
                s = match_score(ev, member)
                if s is None:
                    ok = False
                    break
                scores.append(s)
            if ok and scores and max(scores) >= _MERGE_THRESHOLD:
                best.append((max(scores), ci))
        best.sort(key=lambda t: (-t[0], t[1]))
        if best and (len(best) == 1 or best[0][0] > best[1][0]):
            ci = best[0][1]
            clusters[ci].append(ev)
        else:
            ci = len(clusters)
            clusters.append([ev])
        for day in range(first, last + 1):
            by_day[day].add(ci)
        by_key.setdefault(ev.key, ci)
    return clusters


def merge_event_cluster(cluster: list[EventRecord]) -> EventRecord:
    """One event from several reports: the first is primary; the others fill gaps and add sources."""
    primary = cluster[0]
    if len(cluster) == 1:
        return primary
    fields: dict = {}
    # the most precise date wins (chronology first on ties)
    fields["date"] = min((e.date for e in cluster), key=lambda d: _PRECISION_RANK.get(d.precision, 3))
    if _PRECISION_RANK.get(primary.date.precision, 3) <= _PRECISION_RANK.get(fields["date"].precision, 3):
        fields["date"] = primary.date
    for name in ("place", "name", "series", "ordinal", "sub_event_of", "personnel", "ships", "aircraft",
                 "vehicles", "cameo", "plover_category", "plover_mode", "plover_context"):
        if getattr(primary, name) is None:
            for e in cluster[1:]:
                if getattr(e, name) is not None:
                    fields[name] = getattr(e, name)
                    break
    place = fields.get("place", primary.place)
    if place is not None and place.type == "State":
        # "visits China" in one report, "in Beijing" in another: the city in that country is the finer place
        # (only when the reports agree on one: a tour of several cities stays at the country)
        finer = {e.place.slug: e.place for e in cluster if e.place is not None and e.place.type != "State"
                 and e.place.country == place.slug}
        if len(finer) == 1:
            fields["place"] = next(iter(finer.values()))
    if primary.type in ("MilitaryExercise",):
        specific = [e.type for e in cluster if family(e.type) == "exercise" and e.type != "MilitaryExercise"]
        if specific:
            fields["type"] = specific[0]
    # agents: a chronology entry (or table row) states them plainly; a narrative report only adds to
    # another narrative report (its clause-level agent finding is noisier)
    if primary.passage.section in (SectionKind.CHRONOLOGY, SectionKind.TABLE):
        donors = [e for e in cluster if e.passage.section == primary.passage.section]
    else:
        donors = cluster
    # ... except persons: a person the prose names at the happening took part ("He also met Zhang Dejiang")
    fields["participants"] = _dedupe_refs([*(r for e in donors for r in e.participants),
                                           *(r for e in cluster for r in e.participants if r.type in _PERSONISH)])
    fields["hosts"] = _dedupe_refs(r for e in donors for r in e.hosts)
    fields["organizations"] = _dedupe_refs(r for e in donors for r in e.organizations)
    fields["concerns"] = tuple(sorted({c for e in cluster for c in e.concerns}))
    fields["text_issues"] = tuple(dict.fromkeys([*(t for e in cluster for t in e.text_issues),
                                                 *_date_conflicts(cluster)]))
    fields["status"] = "held" if any(e.status == "held" for e in cluster) else primary.status
    seen = {_passage_id(primary.passage)}
    extra: list[Passage] = []
    for e in cluster:
        for p in (e.passage, *e.extra_passages):
            if _passage_id(p) not in seen:
                seen.add(_passage_id(p))
                extra.append(p)
    fields["extra_passages"] = tuple(sorted(extra, key=lambda p: (p.section.value, p.file.name, p.start)))
    return replace(primary, **fields)


def _date_conflicts(cluster: list[EventRecord]) -> list[str]:
    """The sources give different days for the happening: say so (the merged event keeps the first's)."""
    spans: dict[tuple, list[EventRecord]] = {}
    for e in cluster:
        if e.date.precision == Precision.DAY and ";" not in e.date.text:  # one written date, not a composite
            spans.setdefault((e.date.start, e.date.end), []).append(e)
    if len(spans) < 2:
        return []

    def conflict(a: tuple, b: tuple) -> bool:
        # two ranges that differ ("Sept. 18-25" / "Sept. 18-26"), or a day outside the other's range;
        # a single day inside a range ("held Sept. 3" of a Sept. 3-5 summit) is no disagreement
        if a[0] != a[1] and b[0] != b[1]:
            return a != b
        return not (b[0] <= a[0] and a[1] <= b[1]) and not (a[0] <= b[0] and b[1] <= a[1])

    keys = sorted(spans)
    if not any(conflict(x, y) for i, x in enumerate(keys) for y in keys[i + 1:]):
        return []
    parts = []
    for (start, end), evs in sorted(spans.items()):
        sections = sorted({e.passage.section.value for e in evs})
        written = evs[0].date.text or (start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}")
        parts.append(f"the {'/'.join(sections)} dates it {written!r}")
    return ["sources disagree on the dates: " + "; ".join(parts)]


def _agreement_identity(a: AgreementRecord) -> tuple:
    if a.value is not None:
        return ("value", a.type, a.value.currency, round(a.value.amount, -6))
    return ("label", a.type, fold_name(a.label))


def merge_agreements(items: list[AgreementRecord], key_map: dict[str, str]) -> tuple[list[AgreementRecord], dict[str, str]]:
    """Agreements with the same key, or the same type and value (or label), are one agreement."""
    groups: dict[tuple, list[AgreementRecord]] = {}
    alias: dict[str, tuple] = {}
    for a in items:
        ident = alias.get(a.key) or _agreement_identity(a)
        groups.setdefault(ident, []).append(a)
        alias.setdefault(a.key, ident)
    # "a gas supply contract" (chronology, no value) signed the same day as "a $400 billion contract"
    # (narrative) between the same parties is that contract
    valued = [ident for ident in groups if ident[0] == "value"]
    for ident in [i for i in groups if i[0] == "label"]:
        a = groups[ident][0]
        if a.date is None:
            continue
        same = [v for v in valued if groups[v][0].type == a.type and groups[v][0].date is not None
                and groups[v][0].date.start <= a.date.end and a.date.start <= groups[v][0].date.end
                and {p.slug for p in groups[v][0].parties} & {p.slug for p in a.parties}]
        if len(same) == 1:
            groups[same[0]].extend(groups.pop(ident))
    # two descriptions of one document signed the same day by the same parties ("memorandum ... on building
    # an International Lunar Research Station" / "memorandum ... on the construction of an International Lunar")
    labelled = sorted(i for i in groups if i[0] == "label")
    for i, ident in enumerate(labelled):
        if ident not in groups:
            continue
        a = groups[ident][0]
        for other in labelled[i + 1:]:
            if other not in groups:
                continue
            b = groups[other][0]
            if (a.type == b.type and a.date is not None and b.date is not None
                    and a.date.start <= b.date.end and b.date.start <= a.date.end
                    and {p.slug for p in a.parties} & {p.slug for p in b.parties}
                    and _jaccard(_content_words(a.label), _content_words(b.label)) >= 0.3):
                groups[ident].extend(groups.pop(other))
    out = []
    remap: dict[str, str] = {}
    for group in groups.values():
        p = group[0]
        for g in group:
            remap[g.key] = p.key
        fields = {
            "parties": _dedupe_refs(r for g in group for r in g.parties),
            "signatories": _dedupe_refs(r for g in group for r in g.signatories),
            "extra_passages": _merge_passages(p, group[1:]),
        }
        for name in ("date", "value", "duration_years", "signed_at_event"):
            if getattr(p, name) is None:
                for g in group[1:]:
                    if getattr(g, name) is not None:
                        fields[name] = getattr(g, name)
                        break
        merged = replace(p, **fields)
        if merged.signed_at_event:
            merged = replace(merged, signed_at_event=key_map.get(merged.signed_at_event, merged.signed_at_event))
        out.append(merged)
    return sorted(out, key=lambda a: a.key), remap


def _link_signings(agreements: list[AgreementRecord], events: list[EventRecord]):
    """An agreement read from a chronology entry was signed at the event of that entry."""
    by_passage: dict[tuple[str, int], EventRecord] = {}
    for e in events:
        for p in (e.passage, *e.extra_passages):
            cur = by_passage.get((p.file.name, p.start))
            if cur is None or (e.type == "AgreementSigning" and cur.type != "AgreementSigning"):
                by_passage[(p.file.name, p.start)] = e
    linked: dict[str, set[str]] = defaultdict(set)
    out = []
    for a in agreements:
        ev = None
        if not a.signed_at_event:
            ev = next((by_passage[k] for k in ((p.file.name, p.start) for p in (a.passage, *a.extra_passages))
                       if k in by_passage), None)
        if ev is not None and (a.date is None or (a.date.start <= ev.date.end and ev.date.start <= a.date.end)):
            a = replace(a, signed_at_event=ev.key)
            linked[ev.key].add(a.key)
        out.append(a)
    if linked:
        events = [replace(e, concerns=tuple(sorted({*e.concerns, *linked[e.key]}))) if e.key in linked else e
                  for e in events]
    return out, events


def _date_from_signing(a: AgreementRecord, events: dict[str, EventRecord]) -> AgreementRecord:
    """An agreement dated 'late May' but signed at the May 20-21 visit takes the visit's days."""
    ev = events.get(a.signed_at_event) if a.signed_at_event else None
    if ev is None or ev.date.precision != Precision.DAY:
        return a
    if a.date is None or (_PRECISION_RANK.get(a.date.precision, 3) > 0
                          and a.date.start <= ev.date.end and ev.date.start <= a.date.end):
        return replace(a, date=ev.date)
    return a


def merge_memberships(items: list[MembershipRecord]) -> list[MembershipRecord]:
    groups: dict[tuple, list[MembershipRecord]] = {}
    for m in items:
        groups.setdefault((m.member.slug, m.organization.slug, m.status), []).append(m)
    out = []
    for group in groups.values():
        starts = [m.start for m in group if m.start]
        observed = [m.observed_on for m in group if m.observed_on]
        out.append(replace(group[0], start=min(starts) if starts else None,
                           observed_on=min(observed) if observed else None))
    return sorted(out, key=lambda m: m.key)


def merge_initiatives(items: list[InitiativeRecord]) -> list[InitiativeRecord]:
    groups: dict[str, list[InitiativeRecord]] = {}
    for i in items:
        groups.setdefault(i.key, []).append(i)
    out = []
    for group in groups.values():
        p = group[0]
        value = p.value or next((g.value for g in group if g.value is not None), None)
        out.append(replace(p, value=value, participants=_dedupe_refs(r for g in group for r in g.participants)))
    return sorted(out, key=lambda i: i.key)


# --- articles ---------------------------------------------------------------------------------
def _file_rank(art_sources) -> dict[str, int]:
    """Markdown before PDF text (cleaner passages), then by name."""
    ordered = sorted(art_sources, key=lambda s: (s.format != FileFormat.MARKDOWN, s.name))
    return {s.name: i for i, s in enumerate(ordered)}


def _merge_meta(metas: list[ArticleMeta]) -> ArticleMeta:
    first = metas[0]
    fields = {}
    for f in dataclasses.fields(ArticleMeta):
        if getattr(first, f.name) in (None, ""):
            for m in metas[1:]:
                if getattr(m, f.name) not in (None, ""):
                    fields[f.name] = getattr(m, f.name)
                    break
    return replace(first, **fields)


def _rewrite_event(ev: EventRecord, fix) -> EventRecord:
    if not any(r.discovered for r in _event_refs(ev)):
        return ev  # reference entities only: nothing to resolve
    return replace(
        ev,
        participants=_dedupe_refs(fix(r, ev.passage) for r in ev.participants),
        hosts=_dedupe_refs(fix(r, ev.passage) for r in ev.hosts),
        organizations=_dedupe_refs(fix(r, ev.passage) for r in ev.organizations),
        place=fix(ev.place, ev.passage) if ev.place is not None else None,
    )


def _merge_group(group: list[ArticleRecords], resolver: EntityResolver, demonyms: Demonyms) -> ArticleRecords:
    sources = tuple(sorted({s for a in group for s in a.sources}, key=lambda s: s.name))
    rank = _file_rank(sources)
    group = sorted(group, key=lambda a: min((rank.get(s.name, 99) for s in a.sources), default=99))
    combined = ArticleRecords(
        article_slug=group[0].article_slug,
        meta=_merge_meta([a.meta for a in group]),
        sources=sources,
        events=tuple(e for a in group for e in a.events),
        agreements=tuple(x for a in group for x in a.agreements),
        tenures=tuple(x for a in group for x in a.tenures),
        memberships=tuple(x for a in group for x in a.memberships),
        initiatives=tuple(x for a in group for x in a.initiatives),
        entities=tuple(x for a in group for x in a.entities),
    )
    ctx = ArticleContext(combined, resolver)
    dropped: list[str] = []

    def fix(ref: EntityRef | None, passage: Passage | None) -> EntityRef | None:
        if ref is None:
            return None
        out = resolver.resolve(ref, ctx, passage)
        if out is None:
            where = f"{passage.file.name}:{passage.start}" if passage else combined.article_slug
            dropped.append(f"{where}: ambiguous short form {ref.label!r} left unresolved")
        return out

    events = [_rewrite_event(e, fix) for e in combined.events]
    clusters = cluster_events(events, rank)
    key_map: dict[str, str] = {}
    merged_events = []
    for cl in clusters:
        m = merge_event_cluster(cl)
        for e in cl:
            key_map[e.key] = m.key
        merged_events.append(m)
    merged_events = [
        replace(e, sub_event_of=key_map.get(e.sub_event_of, e.sub_event_of) if e.sub_event_of else None,
                concerns=tuple(sorted({key_map.get(c, c) for c in e.concerns})))
        if (e.sub_event_of in key_map and key_map[e.sub_event_of] != e.sub_event_of)
        or any(key_map.get(c, c) != c for c in e.concerns) else e
        for e in merged_events
    ]
    # two clusters can still carry the same key (e.g. a narrative key equal to another's): keep keys unique
    by_key: dict[str, EventRecord] = {}
    for e in merged_events:
        by_key[e.key] = merge_event_cluster([by_key[e.key], e]) if e.key in by_key else e
    merged_events = link_sidelines(sorted(by_key.values(), key=lambda e: (e.date.start, e.date.end, e.key)),
                                   resolver.lexicon)
    merged_events = congratulation_senders(visit_participants(merged_events))

    agreements = [
        replace(a, parties=_dedupe_refs(fix(r, a.passage) for r in a.parties),
                signatories=_dedupe_refs(fix(r, a.passage) for r in a.signatories))
        for a in combined.agreements
    ]
    agreements, ag_map = merge_agreements(agreements, key_map)
    agreements, merged_events = _link_signings(agreements, merged_events)
    by_event = {e.key: e for e in merged_events}
    agreements = [_date_from_signing(a, by_event) for a in agreements]
    merged_events = [
        replace(e, concerns=tuple(sorted({ag_map.get(c, c) for c in e.concerns})))
        if any(ag_map.get(c, c) != c for c in e.concerns) else e
        for e in merged_events
    ]
    tenures = []
    for t in combined.tenures:
        holder = fix(t.holder, t.passage)
        if holder is None:
            continue
        org = fix(t.organization, t.passage) if t.organization is not None else None
        key = f"{holder.slug}/{slugify(t.role_title)}" + (f"/{org.slug}" if org else "")
        tenures.append(replace(t, holder=replace(holder, title=None), organization=org, key=key))
    tenures.extend(tenures_from_events(merged_events, demonyms))
    memberships = []
    for m in combined.memberships:
        member, org = fix(m.member, m.passage), fix(m.organization, m.passage)
        if member is not None and org is not None:
            memberships.append(replace(m, member=member, organization=org))
    initiatives = [
        replace(i, participants=_dedupe_refs(fix(r, i.passage) for r in i.participants))
        for i in combined.initiatives
    ]
    merged_initiatives = merge_initiatives(initiatives)
    ev_out = merged_events
    discovered = _collect_discovered(ev_out, agreements, merge_tenures(tenures), memberships, merged_initiatives,
                                     [fix(r, None) for r in combined.entities if not EntityResolver._is_short(r)])
    warnings = tuple(dict.fromkeys([*(w for a in group for w in a.warnings), *sorted(set(dropped))]))
    unparsed: dict[str, Passage] = {}
    for a in group:
        for p in a.unparsed_entries:
            unparsed.setdefault(" ".join(_WORD.findall(_norm_text(p.text))), p)
    return ArticleRecords(
        article_slug=combined.article_slug,
        meta=combined.meta,
        sources=sources,
        events=tuple(ev_out),
        agreements=tuple(agreements),
        tenures=tuple(merge_tenures(tenures)),
        memberships=tuple(merge_memberships(memberships)),
        initiatives=tuple(merged_initiatives),
        entities=discovered,
        warnings=warnings,
        unparsed_entries=tuple(sorted(unparsed.values(), key=lambda p: (p.file.name, p.start))),
    )


def _collect_discovered(events, agreements, tenures, memberships, initiatives, extra) -> tuple[EntityRef, ...]:
    found: dict[str, EntityRef] = {}
    refs: list[EntityRef | None] = list(extra)
    for e in events:
        refs.extend(_event_refs(e))
    for a in agreements:
        refs.extend((*a.parties, *a.signatories))
    for t in tenures:
        refs.append(t.holder)
        refs.append(t.organization)
    for m in memberships:
        refs.extend((m.member, m.organization))
    for i in initiatives:
        refs.extend(i.participants)
    for r in refs:
        if r is not None and r.discovered and r.slug not in found:
            found[r.slug] = replace(r, title=None)
    return tuple(sorted(found.values(), key=lambda r: r.slug))


def _default_lexicon():
    try:
        from kg.lexicon import Lexicon

        return Lexicon.load()
    except Exception:  # noqa: BLE001 - resolution still works without reference entities
        return None


def merge_articles(articles: list[ArticleRecords], lexicon=None) -> list[ArticleRecords]:
    """Merge per-file records into one ArticleRecords per article, sorted by article slug.

    `lexicon` (kg.lexicon.Lexicon) supplies the reference entities that discovered names are
    mapped onto; by default the project's entities.toml.
    """
    if lexicon is None:
        lexicon = _default_lexicon()
    resolver = EntityResolver(lexicon, articles)
    demonyms = Demonyms(lexicon)
    groups: dict[str, list[ArticleRecords]] = defaultdict(list)
    for a in articles:
        groups[a.article_slug].append(a)
    merged = []
    for slug in sorted(groups):
        # passages are compared within an article: its word sets are remembered while it is merged and
        # forgotten after, so a corpus that repeats its sentences (a generated one) gains nothing from it
        _word_set.cache_clear()
        merged.append(_merge_group(groups[slug], resolver, demonyms))
    return merged


__all__ = [
    "merge_articles",
    "match_score",
    "cluster_events",
    "merge_event_cluster",
    "make_tenure",
    "clean_role_title",
    "fold_name",
    "family",
]
