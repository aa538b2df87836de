"""Generate a large N-Quads dataset shaped like the graph `kg build` writes (for the endpoint benchmark).

Why generated: the seeds give ~10^4 triples; a public endpoint must also hold up at ~10^6. The shape
follows docs/architecture.md so the benchmark queries exercise the same joins as the competency
queries: one named graph per article (article node, passages, events, tenures), a reference
`graph/entities` (states, persons, organizations, places with labels, skos labels, owl:sameAs to
Wikidata, country, partOf chains), and a `graph/ontology` with the class hierarchy for
`rdf:type/rdfs:subClassOf*` paths. Participants and places are Zipf-distributed (Xi and Putin
appear everywhere, most officials rarely), like the real corpus. Deterministic for a given seed.

    python benchmarks/generate_graph.py --triples 1000000 -o benchmarks/out/graph-1m.nq
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.iris import IRIs, slugify
from kg.settings import Settings
from kg.vocab import STANDARD_PREFIXES

RDF = STANDARD_PREFIXES["rdf"]
RDFS = STANDARD_PREFIXES["rdfs"]
OWL = STANDARD_PREFIXES["owl"]
XSD = STANDARD_PREFIXES["xsd"]
SKOS = STANDARD_PREFIXES["skos"]
PROV = STANDARD_PREFIXES["prov"]
WD = STANDARD_PREFIXES["wd"]

# Class hierarchy from the vocabulary contract (child -> parent).
HIERARCHY: dict[str, str] = {
    "State": "Agent", "Person": "Agent", "Organization": "Agent",
    "InternationalOrganization": "Organization", "GovernmentBody": "Organization", "Company": "Organization",
    "PoliticalParty": "Organization", "MediaOrganization": "Organization",
    "Ministry": "GovernmentBody", "Commission": "GovernmentBody", "Parliament": "GovernmentBody",
    "ArmedService": "GovernmentBody",
    "City": "Place", "Region": "Place", "WaterBody": "Place", "TrainingGround": "Place",
    "Summit": "Event", "BilateralMeeting": "Event", "Visit": "Event", "PhoneCall": "Event",
    "MilitaryExercise": "Event", "NavalExercise": "MilitaryExercise", "GroundExercise": "MilitaryExercise",
    "AirExercise": "MilitaryExercise", "MissileDefenceSimulation": "MilitaryExercise",
    "LawEnforcementExercise": "MilitaryExercise", "JointPatrol": "Event", "AgreementSigning": "Event",
    "CommissionSession": "Event", "Consultation": "Event", "ConferenceOrForum": "Event", "ArmsDelivery": "Event",
    "Statement": "Event", "UNAction": "Event", "Appointment": "Event", "Election": "Event", "Launch": "Event",
    "OtherEvent": "Event",
    "ExerciseSeries": "EventSeries", "SummitSeries": "EventSeries", "MeetingSeries": "EventSeries",
}

# Event types with relative frequency, CAMEO code and PLOVER category (roughly as in the seeds).
EVENT_TYPES: list[tuple[str, int, str, str]] = [
    ("BilateralMeeting", 30, "040", "CONSULT"), ("Visit", 14, "042", "CONSULT"), ("Summit", 6, "043", "CONSULT"),
    ("PhoneCall", 6, "040", "CONSULT"), ("Consultation", 8, "046", "CONSULT"),
    ("CommissionSession", 8, "046", "CONSULT"), ("ConferenceOrForum", 6, "043", "CONSULT"),
    ("AgreementSigning", 7, "057", "AGREE"), ("NavalExercise", 3, "1721", "MOBILIZE"),
    ("GroundExercise", 2, "1721", "MOBILIZE"), ("AirExercise", 1, "1721", "MOBILIZE"),
    ("MissileDefenceSimulation", 1, "1721", "MOBILIZE"), ("JointPatrol", 1, "1721", "MOBILIZE"),
    ("ArmsDelivery", 1, "0831", "AID"), ("Statement", 3, "010", "ACCUSE"), ("UNAction", 1, "010", "CONSULT"),
    ("Launch", 1, "061", "COOPERATE"), ("OtherEvent", 1, "010", "OTHER"),
]
SERIES = ["Joint Sea", "Peace Mission", "Vostok", "Center", "Aerospace Security", "Naval Interaction", "Tsentr"]

CN_SURNAMES = "Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Song Zheng Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Xu Fu Shen Zeng Peng Lu Su Jiang Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Jiang Fan Fang Shi Yao Tan Liao Zou Xiong Jin".split()
CN_GIVEN = "Yi Wei Jun Yang Qiang Lei Gang Hui Ming Jian Tao Bin Hua Ping Dejiang Gaoli Xuanyou Jianguo Fenghui Changlong Kequan Liqun Keqiang Yong Hong Bo Zhen Xin Chao Peng Kai Rui Long Dong Jing Ning Yun Xiang Ying Qing Lin Shan Guowei Zhiyuan Jiechi Xiaoping Huning".split()
RU_GIVEN = "Sergei Vladimir Dmitry Igor Yuri Anatoly Valery Alexei Nikolai Mikhail Alexander Andrei Viktor Oleg Arkady Ivan Denis Maxim Pavel Konstantin Boris Gennady Yevgeny Roman Kirill Vasily Stanislav Grigory Leonid Fyodor".split()
RU_SURNAMES = "Lavrov Shoigu Rogozin Trutnev Morgulov Ryabkov Antonov Gerasimov Naryshkin Ivanov Melnikov Dvorkovich Kozak Medvedev Mishustin Novak Siluanov Manturov Patrushev Matviyenko Volodin Belousov Denisov Rudskoy Borisov Orlov Petrov Sokolov Popov Lebedev Kozlov Novikov Morozov Volkov Solovyov Vasiliev Zaitsev Pavlov Semyonov Golubev Vinogradov Bogdanov Vorobyov Fedorov Mikhailov Belyaev Tarasov Belov Komarov Orlov Kiselyov Makarov Andreev".split()
STATES = [("China", "Q148", "CHN"), ("Russia", "Q159", "RUS"), ("India", "Q668", "IND"), ("Brazil", "Q155", "BRA"),
          ("South Africa", "Q258", "ZAF"), ("Kazakhstan", "Q232", "KAZ"), ("Kyrgyzstan", "Q813", "KGZ"),
          ("Tajikistan", "Q863", "TJK"), ("Uzbekistan", "Q265", "UZB"), ("Pakistan", "Q843", "PAK"),
          ("Mongolia", "Q711", "MNG"), ("Japan", "Q17", "JPN"), ("United States", "Q30", "USA"),
          ("North Korea", "Q423", "PRK"), ("South Korea", "Q884", "KOR"), ("Vietnam", "Q881", "VNM"),
          ("Iran", "Q794", "IRN"), ("Turkey", "Q43", "TUR"), ("Belarus", "Q184", "BLR"), ("Ukraine", "Q212", "UKR")]
ORG_KINDS = [("InternationalOrganization", "Organization"), ("Ministry", "Ministry of"), ("Commission", "Commission on"),
             ("Company", "Corporation"), ("ArmedService", "Forces"), ("MediaOrganization", "News Agency"),
             ("Parliament", "Assembly"), ("PoliticalParty", "Party")]
TOPICS = "Energy Trade Investment Aerospace Security Navy Finance Culture Education Transport Railways Agriculture Arctic Nuclear Gas Oil Science Media Health Customs Border Cyber Space Tourism Digital".split()
ROLES = ["Foreign Minister", "Deputy Foreign Minister", "Defense Minister", "Vice Premier", "Deputy Prime Minister",
         "Ambassador", "Assistant Foreign Minister", "Chief of the General Staff", "Minister of Energy", "Governor"]
WORDS = ("cooperation strategic partnership pipeline exercise summit sidelines delegation consultation security "
         "interaction investment agreement communique framework anniversary coordination trade energy "
         "commission navy drill patrol forum memorandum infrastructure railway bridge satellite").split()


def _lit(value: str) -> str:
    """An N-Quads string literal body with the required escapes."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


class _Writer:
    """Buffers N-Quads lines for one graph and counts them."""

    def __init__(self, out):
        self.out = out
        self.count = 0
        self.graph = ""
        self.buf: list[str] = []

    def use(self, graph_iri: str) -> None:
        self.flush()
        self.graph = f"<{graph_iri}>"

    def iri(self, s: str, p: str, o: str) -> None:
        self.buf.append(f"<{s}> <{p}> <{o}> {self.graph} .\n")

    def lit(self, s: str, p: str, value: str, *, lang: str | None = None, dtype: str | None = None) -> None:
        tail = f"@{lang}" if lang else (f"^^<{dtype}>" if dtype else "")
        self.buf.append(f"<{s}> <{p}> {_lit(value)}{tail} {self.graph} .\n")

    def flush(self) -> None:
        self.count += len(self.buf)
        self.out.write("".join(self.buf))
        self.buf.clear()


class _Zipf:
    """Draws indexes 0..n-1 with P(k) ∝ 1/(k+1)^s (cumulative table + bisect)."""

    def __init__(self, n: int, s: float, rng: random.Random):
        weights = [1.0 / (k + 1) ** s for k in range(n)]
        self.cum = list(itertools.accumulate(weights))
        self.rng = rng

    def draw(self) -> int:
        return bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])


def generate(out, *, triples: int = 1_000_000, seed: int = 7, base: str | None = None,
             events_per_article: int = 40) -> dict:
    """Write ~`triples` quads to the text stream `out`; returns counts (quads, articles, events, ...)."""
    rng = random.Random(seed)
    iris = IRIs(base or Settings().base_iri)
    ccr = iris.ontology
    w = _Writer(out)

    # --- ontology graph: classes and the hierarchy the property-path queries walk ----------------
    w.use(iris.ontology_graph)
    classes = sorted(set(HIERARCHY) | set(HIERARCHY.values()))
    for c in classes:
        w.iri(ccr + c, RDF + "type", OWL + "Class")
        w.lit(ccr + c, RDFS + "label", _split_camel(c), lang="en")
        if c in HIERARCHY:
            w.iri(ccr + c, RDFS + "subClassOf", ccr + HIERARCHY[c])

    # --- reference entities -----------------------------------------------------------------------
    w.use(iris.entities_graph)
    scale = max(triples / 1_000_000, 0.01)
    qid_counter = itertools.count(90_000_000)

    def entity(slug: str, kind: str, label: str, *, qid: str | None = None, country: str | None = None,
               alt: str | None = None) -> str:
        e = iris.entity(slug)
        w.iri(e, RDF + "type", ccr + kind)
        w.lit(e, RDFS + "label", label, lang="en")
        w.lit(e, SKOS + "prefLabel", label, lang="en")
        if alt:
            w.lit(e, SKOS + "altLabel", alt, lang="en")
        q = qid or f"Q{next(qid_counter)}"
        w.iri(e, OWL + "sameAs", WD + q)
        w.lit(e, ccr + "qid", q)
        if country:
            w.iri(e, ccr + "country", country)
        return e

    states = []
    for name, qid, iso in STATES:
        s = entity(slugify(name), "State", name, qid=qid)
        w.lit(s, ccr + "iso3", iso)
        states.append(s)
    china, russia = states[0], states[1]

    regions, cities, waters = [], [], []
    n_regions, n_cities = max(10, int(300 * scale)), max(30, int(3000 * scale))
    for i in range(n_regions):
        st = states[_skew(rng, len(states))]
        name = f"{rng.choice(TOPICS)} {rng.choice(['Oblast', 'Province', 'Krai', 'District'])} {i}"
        r = entity(f"region-{i}-{slugify(name)}", "Region", name, country=st)
        w.iri(r, ccr + "partOf", st)
        regions.append(r)
    for i in range(n_cities):
        reg = regions[_skew(rng, len(regions))]
        name = f"{rng.choice(CN_SURNAMES + RU_SURNAMES)}{rng.choice(['sk', 'grad', 'zhou', 'yang', 'ovo', 'an'])} {i}"
        c = entity(f"city-{i}-{slugify(name)}", "City", name)
        w.iri(c, ccr + "partOf", reg)
        cities.append(c)
    for i, name in enumerate(["Sea of Japan", "East China Sea", "Yellow Sea", "South China Sea", "Okhotsk Sea",
                              "Baltic Sea", "Mediterranean Sea", "Sea of Okhotsk", "Arctic Ocean", "Gulf of Aden"]):
        waters.append(entity(slugify(name), "WaterBody", name))

    orgs = []
    for i in range(max(20, int(1500 * scale))):
        kind, word = rng.choice(ORG_KINDS)
        topic = rng.choice(TOPICS)
        name = f"{topic} {word} {i}" if kind != "Ministry" else f"{word} {topic} {i}"
        orgs.append(entity(f"org-{i}-{slugify(name)}", kind, name, country=rng.choice((china, russia, None))))

    persons = []
    for i in range(max(50, int(6000 * scale))):
        if i % 2 == 0:
            name, st = f"{rng.choice(CN_SURNAMES)} {rng.choice(CN_GIVEN)}", china
        else:
            name, st = f"{rng.choice(RU_GIVEN)} {rng.choice(RU_SURNAMES)}", russia
        persons.append(entity(f"person-{i}-{slugify(name)}", "Person", name, country=st,
                              alt=name.split()[0 if st == china else -1]))
    persons[0:2] = [entity("xi-jinping", "Person", "Xi Jinping", qid="Q15031", country=china),
                    entity("vladimir-putin", "Person", "Vladimir Putin", qid="Q7747", country=russia)]
    series = []
    for name in SERIES:
        s = iris.entity(slugify(name))
        w.iri(s, RDF + "type", ccr + "ExerciseSeries")
        w.lit(s, RDFS + "label", name, lang="en")
        series.append((s, name))
    w.flush()

    person_zipf = _Zipf(len(persons), 1.05, rng)
    org_zipf = _Zipf(len(orgs), 1.1, rng)
    city_zipf = _Zipf(len(cities), 0.9, rng)
    type_cum = list(itertools.accumulate(t[1] for t in EVENT_TYPES))
    run = iris.node("run", "benchmark-generator", str(seed))

    # --- articles, one named graph each, until the target size is reached ----------------------
    articles = events = 0
    while w.count < triples:
        a = articles
        articles += 1
        year = 1995 + (a // 3) % 30
        number = a % 3 + 1
        volume = 1 + a // 3
        slug = f"cc-{volume}-{number}-china-russia"
        period_start = dt.date(year, 1 + 4 * (number - 1), 1)
        period_end = (dt.date(year + (number == 3), (1 + 4 * number) % 12 or 12, 1) - dt.timedelta(days=1))
        w.use(iris.article_graph(slug))
        art = iris.article(slug)
        sf = iris.node("file", slug, "txt")
        w.iri(art, RDF + "type", ccr + "Article")
        w.lit(art, RDFS + "label", f"China-Russia Relations: {rng.choice(WORDS).title()} and {rng.choice(WORDS)} ({year})", lang="en")
        w.lit(art, ccr + "volume", str(volume))
        w.lit(art, ccr + "issueNumber", str(number))
        w.lit(art, ccr + "periodStart", period_start.isoformat(), dtype=XSD + "date")
        w.lit(art, ccr + "periodEnd", period_end.isoformat(), dtype=XSD + "date")
        w.iri(art, ccr + "author", persons[2 + a % 7])
        w.iri(art, ccr + "sourceFile", sf)
        w.iri(sf, RDF + "type", ccr + "SourceFile")
        w.lit(sf, ccr + "fileName", f"{a:04d}_{slug}.txt")
        w.lit(sf, ccr + "fileFormat", "markdown" if a % 2 else "pdf-text")
        offset = 2000
        span = (period_end - period_start).days
        for k in range(events_per_article):
            events += 1
            etype, _, cameo, plover = EVENT_TYPES[bisect.bisect_left(type_cum, rng.random() * type_cum[-1])]
            start = period_start + dt.timedelta(days=rng.randrange(span + 1))
            multi = rng.random() < 0.3
            end = start + dt.timedelta(days=rng.randrange(1, 6)) if multi else start
            parts = {persons[person_zipf.draw()] for _ in range(rng.randrange(2, 5))}
            place = waters[rng.randrange(len(waters))] if etype.endswith("Exercise") and rng.random() < 0.6 \
                else cities[city_zipf.draw()]
            ev = iris.node("event", start.isoformat(), etype, str(a), str(k))
            names = sorted(parts)
            label = f"{_split_camel(etype)} {rng.choice(WORDS)} {start.year}"
            w.iri(ev, RDF + "type", ccr + etype)
            w.lit(ev, RDFS + "label", label, lang="en")
            w.lit(ev, ccr + "startDate", start.isoformat(), dtype=XSD + "date")
            if multi:
                w.lit(ev, ccr + "endDate", end.isoformat(), dtype=XSD + "date")
            w.iri(ev, ccr + "datePrecision", ccr + "DayPrecision")
            for p in names:
                w.iri(ev, ccr + "participant", p)
            if rng.random() < 0.3:
                w.iri(ev, ccr + "host", names[0])
            if rng.random() < 0.4:
                w.iri(ev, ccr + "participant", orgs[org_zipf.draw()])
            w.iri(ev, ccr + "location", place)
            w.lit(ev, ccr + "cameoCode", cameo)
            w.lit(ev, ccr + "ploverCategory", plover)
            w.lit(ev, ccr + "eventStatus", "held")
            w.iri(ev, PROV + "wasGeneratedBy", run)
            if etype.endswith("Exercise") or etype == "JointPatrol":
                s_iri, s_name = series[rng.randrange(len(series))]
                w.iri(ev, ccr + "inSeries", s_iri)
                w.lit(ev, ccr + "eventName", f"{s_name}-{start.year}")
                w.lit(ev, ccr + "year", str(start.year), dtype=XSD + "gYear")
            for section in ("chronology", "narrative")[: 1 + (rng.random() < 0.5)]:
                text = (f"{start:%b. %d, %Y}: {label} with {len(names)} participants; "
                        f"{' '.join(rng.choice(WORDS) for _ in range(rng.randrange(12, 30)))}.")
                pa = iris.node("passage", f"{slug}-{offset}-{offset + len(text)}")
                w.iri(ev, ccr + "sourcePassage", pa)
                w.iri(pa, RDF + "type", ccr + "Passage")
                w.lit(pa, ccr + "text", text)
                w.lit(pa, ccr + "startOffset", str(offset), dtype=XSD + "nonNegativeInteger")
                w.lit(pa, ccr + "endOffset", str(offset + len(text)), dtype=XSD + "nonNegativeInteger")
                w.lit(pa, ccr + "sectionKind", section)
                w.iri(pa, ccr + "inArticle", art)
                w.iri(pa, ccr + "sourceFile", sf)
                offset += len(text) + 2
        for k in range(8):  # tenures: a person shown in a post at a date
            p = persons[person_zipf.draw()]
            role = rng.choice(ROLES)
            t = iris.node("tenure", p.rsplit("/", 1)[-1], slugify(role), str(year))
            w.iri(t, RDF + "type", ccr + "Tenure")
            w.iri(t, ccr + "holder", p)
            w.lit(t, ccr + "roleTitle", role)
            w.lit(t, ccr + "observedOn", (period_start + dt.timedelta(days=rng.randrange(span + 1))).isoformat(),
                  dtype=XSD + "date")
            w.iri(t, ccr + "tenureOrganization", rng.choice((china, russia)))
    w.flush()
    return {"quads": w.count, "articles": articles, "events": events, "persons": len(persons),
            "cities": len(cities), "organizations": len(orgs)}


def _skew(rng: random.Random, n: int) -> int:
    """An index biased towards the front (China and Russia host most things)."""
    return min(int(rng.expovariate(1.0) * n / 4), n - 1)


def _split_camel(name: str) -> str:
    out = "".join(" " + ch if ch.isupper() and i else ch for i, ch in enumerate(name))
    return out.replace("U N", "UN")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="Approximate number of quads to write.")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", type=Path, default=Path(__file__).parent / "out" / "graph-1m.nq")
    args = ap.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    tmp = args.output.with_suffix(args.output.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as out:
        stats = generate(out, triples=args.triples, seed=args.seed)
    tmp.replace(args.output)
    print(f"{args.output}: {stats} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
