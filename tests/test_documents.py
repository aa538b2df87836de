"""Reading both file formats: normalisation traps, segmentation, metadata, offsets, bad input."""

import datetime as dt
import re
from pathlib import Path

import pytest

import kg.documents as documents
from kg.documents import detect_format, read_document, read_text, split_sentences, sub_passage
from kg.errors import InputError
from kg.records import FileFormat, SectionKind
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
MD = ROOT / "tests" / "fixtures" / "articles" / "cc_2008_markdown.txt"
PDF = ROOT / "tests" / "fixtures" / "articles" / "cc_2021_pdftext.txt"


@pytest.fixture(scope="module")
def docs():
    return {p.name: read_document(p) for p in SEEDS + FIXTURES}


def _units(doc):
    for p in (*doc.paragraphs, *doc.front, *doc.captions, *doc.headings):
        yield p.text, p.offsets, p.start, p.end
    for e in doc.chronology:
        yield e.passage.text, e.offsets, e.passage.start, e.passage.end


@pytest.mark.parametrize("path", SEEDS + FIXTURES, ids=lambda p: p.name)
def test_offsets_point_back_to_the_raw_text(docs, path):
    """Every visible character of every paragraph/entry is the raw character its offset names."""
    doc = docs[path.name]
    raw = doc.raw_text
    n = 0
    for text, offs, start, end in _units(doc):
        assert offs is not None and len(offs) == len(text) + 1
        assert start == offs[0] and end == offs[-1]
        for i, ch in enumerate(text):
            if not ch.isspace():
                assert raw[offs[i]] == ch, (path.name, text[max(0, i - 20):i + 20])
                n += 1
    assert n > 1000


@pytest.mark.parametrize("path, fmt", [(SEEDS[0], FileFormat.MARKDOWN), (SEEDS[1], FileFormat.PDF_TEXT),
                                       (MD, FileFormat.MARKDOWN), (PDF, FileFormat.PDF_TEXT)], ids=lambda x: getattr(x, "name", x))
def test_format_detected_from_content(docs, path, fmt):
    assert docs[path.name].source.format is fmt
    assert detect_format(path.read_text(encoding="utf-8")) is fmt


def test_markdown_artifacts_are_removed(docs):
    doc = docs[MD.name]
    text = " ".join(p.text for p in doc.paragraphs)
    assert "first visit outside" in text and "[first visit](#)" not in text
    assert "$1 billion" in text and "\\$" not in text
    assert "$3-billion pipeline" in text  # "\\$" (escaped twice) too
    assert "Peace Mission 2007" in text and "*" not in text
    assert "Russian Defense Ministry" in text and "**" not in text
    seed = docs[SEEDS[0].name]
    joined = " ".join(p.text for p in seed.paragraphs)
    assert "$62-billion China-Pakistan Economic Corridor" in joined
    assert "Jilin Daily (吉林日报)" in joined


def test_caption_moved_out_and_paragraph_rejoined(docs):
    doc = docs[MD.name]
    assert [c.text for c in doc.captions] == ["2President Medvedev and President Hu meet in Beijing. Photo: kremlin.ru"]
    assert all(c.section is SectionKind.CAPTION for c in doc.captions)
    para = next(p for p in doc.paragraphs if p.text.startswith("President Dmitry Medvedev chose Beijing"))
    assert "The two militaries agreed to continue joint drills in 2009" in para.text
    assert "Photo" not in para.text


def test_seed_captions(docs):
    for name in (SEEDS[0].name, SEEDS[1].name):
        caps = [c.text for c in docs[name].captions]
        assert any(c.startswith("1President Xi and President Putin meet at a signing ceremony") for c in caps)
        assert "Photo by Xinhua" in caps
        assert not any("Photo:" in p.text or "Photo by" in p.text for p in docs[name].paragraphs)


def test_pdf_hyphenation_headers_and_footnotes(docs):
    doc = docs[PDF.name]
    text = " ".join(p.text for p in doc.paragraphs)
    assert "The negotiations covered vaccines" in text  # soft hyphen of line breaking removed
    assert "Belt-and-Road Initiative" in text  # real hyphen kept
    assert "Moscow and Beijing also discussed the Arctic" in text  # across a running head
    assert "CHINA-RUSSIA RELATIONS 121" not in text and "http" not in text and "712" not in text
    assert [c.text for c in doc.captions] == ["Lavrov and Wang in Guilin. Photo: mid.ru"]
    seed = " ".join(p.text for p in docs[SEEDS[1].name].paragraphs)
    assert "China’s Belt-and-Road Initiative" in seed and "Xi-Putin meeting" in seed
    assert "terror-sponsoring state" in seed and "71-year Soviet interlude" in seed
    assert "JANUARY 2018" not in seed and "guancha" not in seed
    assert "the two militaries managed to disengage only a few days" in seed.lower()


def test_headings_are_not_paragraphs(docs):
    doc = docs[SEEDS[1].name]
    heads = [h.text for h in doc.headings]
    assert "BRICS summit in Xiamen: laying bricks for the next 10 years" in heads
    assert "Putin’s pivot to Asia" in heads
    assert not any(p.text.startswith("BRICS summit in Xiamen") for p in doc.paragraphs)


def test_tab_table_with_caption_and_legend(docs):
    (table,) = docs[MD.name].tables
    assert table.caption == "Table 1: Earlier joint exercises"
    assert table.header == ("Code-Names", "Time", "Location")
    assert table.rows[1] == ("Peace Mission-2007", "Aug. 9-17", "Chelyabinsk, Russia")
    assert table.notes == ("* = with air support",)
    (seed_table,) = docs[SEEDS[4].name].tables
    assert len(seed_table.rows) == 12 and seed_table.notes == ("* = Infantry with aerial support", "n = naval")


@pytest.mark.parametrize(
    "name, title, author, aff, vol, no, issue, pages, period",
    [
        ("000_989d1c2c2fbc9513.txt", "Between the Past and the Future", "Yu Bin", "Wittenburg University", "19", "3",
         dt.date(2018, 1, 1), (111, 124), (dt.date(2017, 9, 1), dt.date(2017, 12, 31))),
        ("002_a34c8ec05d7bdf2b.txt", "Beautiful Relationship in a Brave/Grave New World", "Yu Bin", "Wittenburg University",
         "21", "2", dt.date(2019, 9, 1), (113, 122), (dt.date(2019, 5, 1), dt.date(2019, 8, 31))),
        ("003_b1d71dedfacc80fc.txt", "China-Russia Relations: Politics of “Reluctant Allies”", "Yu Bin",
         "Wittenberg University", "18", "2", dt.date(2016, 9, 1), (129, 144), (dt.date(2016, 5, 1), dt.date(2016, 8, 31))),
        ("cc_2008_markdown.txt", "New President, Old Partner", "Jane Roe", "Example University", "10", "2",
         dt.date(2008, 7, 1), (131, 142), (dt.date(2008, 4, 1), dt.date(2008, 6, 30))),
    ],
)
def test_article_metadata(docs, name, title, author, aff, vol, no, issue, pages, period):
    m = docs[name].meta
    assert (m.title, m.author, m.affiliation, m.volume, m.number, m.issue_date) == (title, author, aff, vol, no, issue)
    assert (m.page_start, m.page_end) == pages and (m.period_start, m.period_end) == period
    assert m.journal == "Comparative Connections"


def test_pdf_metadata_inferred_and_said_so(docs):
    doc = docs[SEEDS[1].name]
    assert doc.meta.slug == docs[SEEDS[0].name].meta.slug == "cc-19-3-china-russia"
    assert doc.meta.issue_date == dt.date(2018, 1, 1)  # from the running head "JANUARY 2018 | ..."
    assert any("inferred from the chronology period" in w for w in doc.warnings)
    pdf = docs[PDF.name]
    assert (pdf.meta.volume, pdf.meta.number, pdf.meta.issue_date) == ("23", "1", dt.date(2021, 5, 1))


def test_front_matter_holds_the_abstract(docs):
    for name in (SEEDS[0].name, SEEDS[1].name):
        doc = docs[name]
        assert any(p.text.startswith("In the final months of 2017") for p in doc.front)
        assert not any(p.text.startswith("In the final months of 2017") for p in doc.paragraphs)
        assert not any("This article is extracted" in p.text for p in doc.paragraphs)
    seed3 = docs["003_b1d71dedfacc80fc.txt"]
    assert any("were also actively preparing for a joint naval exercise" in p.text for p in seed3.paragraphs)


@pytest.mark.parametrize("name, n", [("000_989d1c2c2fbc9513.txt", 29), ("001_bf781be3f2b4207d.txt", 29),
                                     ("002_a34c8ec05d7bdf2b.txt", 19), ("003_b1d71dedfacc80fc.txt", 22),
                                     ("004_95c762b830a15577.txt", 19), ("cc_2008_markdown.txt", 7),
                                     ("cc_2021_pdftext.txt", 6), ("cc_2018_pdf_unseen.txt", 10),
                                     ("cc_2023_markdown_unseen.txt", 8)])
def test_chronology_entry_counts(docs, name, n):
    entries = docs[name].chronology
    assert len(entries) == n
    assert all(e.passage.section is SectionKind.CHRONOLOGY for e in entries)
    assert all(e.passage.text.startswith(e.date_text) for e in entries)


def test_page_break_split_entries_are_rejoined(docs):
    seed = {e.date_text: e for e in docs["004_95c762b830a15577.txt"].chronology}
    e = seed["June 25-26, 2014"]
    assert e.rejoined and "a draft plan of joint measures in anticipation" in e.body and not e.truncated
    md = {e.date_text: e for e in docs[MD.name].chronology}
    assert md["June 16-17, 2008"].body.endswith("The two sides agree to expand cooperation in energy and trade.")
    pdf = {e.date_text: e for e in docs[PDF.name].chronology}
    assert pdf["April 14, 2021"].body.endswith("agree to expand cooperation against terrorism and drug trafficking.")
    assert "RELATIONS 122" not in pdf["April 14, 2021"].body


def test_entry_starting_mid_block_and_yearless_entries(docs):
    pdf = {e.date_text: e for e in docs[PDF.name].chronology}
    assert pdf["March 9, 2021"].body.startswith("China and Russia sign a memorandum")
    assert pdf["March 22-23"].heading_year == 2021
    seed = {e.date_text: e for e in docs[SEEDS[1].name].chronology}
    assert seed["Dec. 2-13, 2017"].body.startswith("Russian National Guard (Rosgvardiya)")


def test_truncated_entries_are_flagged(docs):
    seed = {e.date_text: e for e in docs["004_95c762b830a15577.txt"].chronology}
    assert seed["June 4-6, 2014"].truncated and seed["June 4-6, 2014"].body.endswith("with Yang Jie")
    assert sum(e.truncated for e in docs["004_95c762b830a15577.txt"].chronology) == 1
    md = docs[MD.name].chronology
    assert md[-1].truncated and not any(e.truncated for e in md[:-1])
    assert any(":61: chronology entry 'June 28-30, 2008' ends without a full stop" in w for w in docs[MD.name].warnings)


def test_sub_passage_maps_into_the_file(docs):
    e = docs[SEEDS[1].name].chronology[0]
    i = e.passage.text.index("Chinese President Xi Jinping")
    j = len(e.passage.text)
    p = sub_passage(e.passage, e.offsets, i, j)
    raw = docs[SEEDS[1].name].raw_text[p.start:p.end]
    assert raw.startswith("Chinese President Xi Jinping") and " ".join(raw.split()) == p.text


def test_split_sentences_knows_the_genre_abbreviations():
    text = "Xi meets Putin on Sept. 3 in Xiamen. Gen. Zhang Youxia attends. The U.S. objects."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Xi meets Putin on Sept. 3 in Xiamen.", "Gen. Zhang Youxia attends.", "The U.S. objects."]


# --- bad input ---------------------------------------------------------------------------------
def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"   \n\n")
    with pytest.raises(InputError, match=r"empty\.txt:1: empty file"):
        read_document(p)


def test_binary_file_names_file_and_line(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"GIF89a\nline two\n\x00\x01\x02")
    with pytest.raises(InputError, match=r"image\.txt:3: binary file") as exc:
        read_document(p)
    assert exc.value.details["line"] == 3 and exc.value.hint


def test_cp1252_fallback_is_flagged_not_silent(tmp_path):
    p = tmp_path / "latin.txt"
    body = (MD.read_text(encoding="utf-8").replace("Medvedev goes east", "Medvedev goes east \u2013 caf\u00e9")
            .replace("$", "").replace("\\", ""))
    p.write_bytes(body.encode("cp1252", errors="ignore"))
    with pytest.raises(InputError, match=r"latin\.txt:\d+: not UTF-8 text \(byte 0x96") as exc:
        read_document(p)  # by default: an error naming file and line, never a silent guess
    assert "allow_cp1252" in exc.value.hint
    doc = read_document(p, allow_cp1252=True)
    assert any(w.startswith("latin.txt:") and "not valid UTF-8" in w and "cp1252" in w for w in doc.warnings)
    assert "caf\u00e9" in doc.raw_text and len(doc.chronology) == 7


def test_undecodable_bytes_are_an_error_with_line(tmp_path):
    p = tmp_path / "broken.txt"
    p.write_bytes(b"Chronology\nline two\nbad \x81\x8d\x8f\x90\x9d here\n")  # undefined in cp1252 too
    with pytest.raises(InputError, match=r"broken\.txt:3: not UTF-8"):
        read_document(p, allow_cp1252=True)


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # a sparse 50 MB file: created instantly
        fh.truncate(50 * 1024 * 1024)
    opened = []
    monkeypatch.setattr(documents, "open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(AssertionError("read")),
                        raising=False)
    with pytest.raises(InputError, match=r"huge\.txt:1: file too large \(52,428,800 bytes > limit 20,971,520\)"):
        read_document(p)
    assert opened == []
    small = Settings(max_input_bytes=1000)
    with pytest.raises(InputError, match="too large"):
        read_document(MD, small)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_no_chronology_is_a_warning_and_narrative_still_read(tmp_path):
    text = MD.read_text(encoding="utf-8").split("CHRONOLOGY OF CHINA-RUSSIA RELATIONS")[0]
    doc = read_text(text, "narrative-only.txt")
    assert doc.chronology == ()
    assert any("no chronology found" in w for w in doc.warnings)
    assert len(doc.paragraphs) == 3


def test_entries_without_heading_are_found(tmp_path):
    text = MD.read_text(encoding="utf-8").replace("CHRONOLOGY OF CHINA-RUSSIA RELATIONS\n\nAPRIL – JUNE 2008\n", "")
    doc = read_text(text, "no-heading.txt")
    assert len(doc.chronology) == 7
    assert any("no chronology heading" in w for w in doc.warnings)
    assert any("period" in w and "inferred from the entries" in w for w in doc.warnings)
    assert doc.meta.period_start == dt.date(2007, 6, 1) or doc.meta.period_start.year in (2007, 2008)


def test_both_formats_of_one_article_read_the_same(docs):
    """000 (markdown-like) and 001 (PDF text) are one article: same paragraphs, headings, captions."""
    import re

    def norm(units):  # the two exports differ in a few words, so paragraph openings and lengths are compared
        return [re.sub(r"[^a-z0-9]", "", u.text.lower())[:40] for u in units]

    a, b = docs[SEEDS[0].name], docs[SEEDS[1].name]
    assert norm(a.paragraphs) == norm(b.paragraphs) and len(a.paragraphs) == 55
    for pa, pb in zip(a.paragraphs, b.paragraphs):
        assert abs(len(pa.text) - len(pb.text)) < 0.05 * len(pa.text) + 10, (pa.text[:60], len(pa.text), len(pb.text))
    assert norm(a.headings) == norm(b.headings)
    assert [c[:12] for c in norm(a.captions)] == [c[:12] for c in norm(b.captions)]  # spellings differ
    assert [e.date_text for e in a.chronology] == [e.date_text for e in b.chronology]


def test_crlf_and_bom_files_read_like_lf(tmp_path):
    text = MD.read_text(encoding="utf-8")
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    a, b = read_document(MD), read_document(p)
    assert [e.body for e in a.chronology] == [e.body for e in b.chronology]
    assert [x.text for x in a.paragraphs] == [x.text for x in b.paragraphs]
    assert a.meta == b.meta
    for e in b.chronology:
        for i, ch in enumerate(e.passage.text):
            if not ch.isspace():
                assert b.raw_text[e.offsets[i]] == ch


# --- PDF soft hyphens (a rule of the genre, not of one file) ---------------------------------------
UNSEEN = ROOT / "tests" / "fixtures" / "articles" / "cc_2018_pdf_unseen.txt"


def test_soft_hyphens_rejoined_compounds_kept(docs):
    text = docs[UNSEEN.name].paragraphs[0].text
    for word in ("National Intelligence", "President of Russia", "joint simulation", "Shanghai Cooperation Organization"):
        assert word in text
    for compound in ("long-range", "anti-terror", "Russia-China", "Belt-and-Road"):
        assert compound in text
    assert "-tion" not in text and "Organi-" not in text


@pytest.mark.parametrize(
    "left, right, joined, pairs, soft",
    [
        ("Intelli", "gence", set(), set(), True),
        ("Presi", "dent", set(), set(), True),
        ("simula", "tion", set(), set(), True),
        ("Organi", "zation", set(), set(), True),
        ("negoti", "ations", set(), set(), True),
        ("Belt", "and", set(), set(), False),
        ("long", "range", set(), set(), False),
        ("Russia", "China", set(), set(), False),
        ("anti", "terror", set(), set(), False),
        ("co", "chair", set(), set(), False),
        ("state", "owned", set(), set(), False),
        ("two", "day", set(), set(), False),
        ("terror", "sponsoring", {"terror", "sponsoring"}, set(), False),  # both words of their own here
        ("coop", "eration", {"cooperation"}, set(), True),  # the document writes the joined word
        ("multi", "polar", set(), {"multi-polar"}, False),  # ... or the hyphenated pair within a line
        ("Mos", "cow", {"moscow"}, set(), True),
    ],
)
def test_soft_hyphen_rule(left, right, joined, pairs, soft):
    from kg.documents import soft_hyphen

    assert soft_hyphen(left, right, joined, pairs) is soft


@pytest.mark.parametrize("text", [
    "negoti-\nations", "Presi-\r\n  dent", "long-\nrange", "ab-cd-\n x", "x--\nb", "caf\u00e9-\nbar", "A-\nB", "-\nb",
    "Belt-and-\nroad and Intelli- \ngence", "",
])
def test_drop_broken_parts_is_the_pattern_substitution(text):
    assert documents._drop_broken_parts(text) == re.sub(r"[A-Za-z]+-(?=[ \t]*\r?\n\s*[a-z])", " ", text)


@pytest.mark.parametrize("text", ["plain text", "tab\there", "nbsp\u00a0here", "thin\u2009space", "zero\u200bwidth",
                                  "line\u2028sep", "\x1c", ""])
def test_no_odd_space_is_the_pattern_test(text):
    assert documents._no_odd_space(text) == (documents._ODD_SPACE.search(text) is None)


@pytest.mark.parametrize("line", ["https://example.org/a", "<www.example.org>", "[x](http://e.org/y)", "WWW.E.ORG",
                                  "Http://e.org"])
def test_url_lines_start_with_the_gate_characters(line):
    assert documents._URL_LINE.match(line) and line[0] in "<[hHwW"


def test_meta_line_gate():
    for text in ("This article is extracted from Comparative Connections", "Vol. 19, No. 3", "PREFERRED CITATION: x"):
        assert documents._meta_line(text)
    assert not documents._meta_line("The volume of trade grew.")


@pytest.mark.parametrize("head, rest, date", [
    ("Feb. 23-", "24, 2021: Chinese Premier Li Keqiang visits Moscow for talks.", "Feb. 23-24, 2021"),
    ("Feb. 27-", "March 2, 2021: Russian Prime Minister Mishustin visits China.", "Feb. 27-March 2, 2021"),
    ("Feb.", "25, 2021: Foreign Ministers Wang and Lavrov meet in New York.", "Feb. 25, 2021"),
])
def test_a_chronology_date_wrapped_over_two_pdf_lines_still_starts_its_entry(head, rest, date):
    pdf = PDF.read_text(encoding="utf-8")
    i = pdf.index("Jan. 25, 2021:")
    text = pdf[:i] + f"{head} \n{rest} \n \n" + pdf[i:]
    doc = read_text(text, "wrapped.txt")
    assert doc.source.format is FileFormat.PDF_TEXT
    (entry,) = [e for e in doc.chronology if e.date_text == date]
    assert entry.body.startswith(rest.split(": ", 1)[1][:20])
    assert not any("before the first chronology entry" in w or "not part of it" in w for w in doc.warnings)


def _pdf_fixture_with(after_line: str, inserted: str, name: str):
    """The PDF fixture read with `inserted` lines placed after one of its lines (which must be there)."""
    pdf = PDF.read_text(encoding="utf-8")
    assert after_line in pdf
    return read_text(pdf.replace(after_line, after_line + inserted), name)


def test_the_journals_masthead_as_a_running_header_is_no_text():
    doc = _pdf_fixture_with("Jan. 25, 2021: President Xi Jinping and President \n",
                            "COMPARATIVE CONNECTIONS | A TRIANNUAL E-JOURNAL ON EAST ASIAN BILATERAL RELATIONS \n",
                            "masthead.txt")
    (entry,) = [e for e in doc.chronology if e.date_text == "Jan. 25, 2021"]
    assert "E-JOURNAL" not in entry.body and entry.body.startswith("President Xi Jinping and President")


def test_a_one_line_caption_left_inside_a_paragraph_is_moved_out():
    doc = _pdf_fixture_with("March 22 for two days of talks with Wang Yi. The \n",
                            "Lavrov and Wang shake hands in Guilin. Photo: Xinhua \n", "inline-caption.txt")
    assert any(c.text.startswith("Lavrov and Wang shake hands") for c in doc.captions)
    para = next(p for p in doc.paragraphs if p.text.startswith("Foreign Minister Sergey Lavrov flew to Guilin"))
    assert "shake hands" not in para.text and "The negotiations covered vaccines" in para.text
    for p in (para, *doc.captions):  # offsets still point into the raw text
        assert doc.raw_text[p.start:p.end].split()[0] == p.text.split()[0]


# --- page breaks in PDF text: a running head may fall anywhere -------------------------------------
RUNNING_HEAD = "\n\nJANUARY 2018 | CHINA-RUSSIA RELATIONS 119 \n\n"


def _with_page_break(path: Path, after: str, head: str = RUNNING_HEAD) -> documents.Document:
    """The file read with a page break (blank lines, a running head) right after `after`, which must be in it."""
    text = path.read_text(encoding="utf-8")
    assert text.count(after) == 1, after
    return read_text(text.replace(after, after.rstrip() + " " + head), path.name)


def _para(doc, start: str) -> str:
    return next(p.text for p in doc.paragraphs if p.text.startswith(start))


@pytest.mark.parametrize("after, start, whole", [
    # the block before the break is short but fills its last line: the sentence goes on
    ("By yearend, there were lights, or Northern ", "By yearend", "there were lights, or Northern Lights, from the North Pole"),
    # it ends in a way no heading does: an abbreviation's dot, a function word
    ("Vladivostok where he presided over the two-day \n(Sept.", "From Xiamen", "the two-day (Sept. 6-7) Third Eastern Economic"),
    ("Both China and Russia intended to make the ", "Both China", "intended to make the BRICS more visible"),
])
def test_a_sentence_cut_by_a_page_break_goes_on(after, start, whole):
    doc = _with_page_break(SEEDS[1], after)
    assert whole in _para(doc, start)
    assert not any(h.text.startswith(after.strip()[:20]) for h in (*doc.headings, *doc.captions))


def test_a_compound_cut_by_a_page_break_is_one_word():
    doc = _with_page_break(SEEDS[1], "pragmatic cooperation. This will make Sino-")
    assert "This will make Sino-Russian relations more substantive" in _para(doc, "For the “post-agreement” maneuvering")


def test_a_finished_sentence_before_a_page_break_may_end_its_paragraph(docs):
    """A paragraph's last line can fill the column too ("Tillerson's diplomatic efforts with his tweets." before
    the footnotes and the running head): after a full stop, the next page opens a paragraph of its own."""
    doc = docs[SEEDS[1].name]
    assert _para(doc, "That opportunity, however").endswith("diplomatic efforts with his tweets.")
    assert _para(doc, "Chinese and Russian leaders and diplomats")


def test_a_sentence_opening_with_a_pronoun_after_a_page_break_goes_on():
    """"It is unclear how much it reflected ..." after a page break needs the sentence before it: one paragraph."""
    doc = _with_page_break(SEEDS[1], "emotional scale than the original Chinese text). ")
    assert "Chinese text). It is unclear how much it reflected" in _para(doc, "The frustrating tone of the editorial")


def test_a_heading_after_a_running_head_is_no_caption():
    """The blank lines around a running head are no image gap: the heading after them stays a heading."""
    doc = read_text(SEEDS[1].read_text(encoding="utf-8").replace(
        "\nKorea: crisis without opportunities? \n", RUNNING_HEAD + " \n \nKorea: crisis without opportunities? \n"),
        SEEDS[1].name)
    assert "Korea: crisis without opportunities?" in [h.text for h in doc.headings]
    assert not any(c.text.startswith("Korea: crisis") for c in doc.captions)
    # nor does a heading that ends a page join the text after it: its line has room for the next word
    doc = _with_page_break(SEEDS[1], "Korea: crisis without opportunities? ")
    assert "Korea: crisis without opportunities?" in [h.text for h in doc.headings]


def test_a_chronology_entry_goes_on_after_a_page_break():
    """In a chronology every entry starts with its date: text after a page break continues the entry, even
    after a full stop (without the break, such text after a blank line is flagged as no part of it)."""
    doc = _with_page_break(SEEDS[1], "held in Xiamen. ")
    entry = next(e for e in doc.chronology if e.date_text == "Sept. 3-5, 2017")
    assert entry.body == ("Ninth BRICS annual summit is held in Xiamen. Chinese President Xi Jinping meets Russian "
                          "President Putin on Sept. 3 on the sidelines of the summit.")
    assert not any("not part of it" in w or "ignored" in w for w in doc.warnings)


def test_text_dropped_after_a_complete_entry_is_reported_once():
    text = SEEDS[1].read_text(encoding="utf-8").replace("held in Xiamen. ", "held in Xiamen. \n\n")
    doc = read_text(text, "x.txt")
    dropped = [w for w in doc.warnings if "Chinese President Xi Jinping" in w or "sidelines of the summit" in w]
    assert len(dropped) == 1 and "text after a complete chronology entry is not part of it" in dropped[0]
    assert not any("before the first chronology entry" in w for w in doc.warnings)


def test_a_table_cut_by_a_page_break_is_one_table():
    """Rows on both sides of a running head are one table; a header row the next page repeats is dropped."""
    seed = SEEDS[4]
    whole = read_document(seed).tables
    text = seed.read_text(encoding="utf-8")
    header = "Code-Names\tSCO\tRuss-Ch\tTime\tLocation\tForce Size\n"
    for inserted in ("\nSEPTEMBER 2014 | CHINA-RUSSIA RELATIONS 125\n\n", "\nSEPTEMBER 2014 | CHINA-RUSSIA RELATIONS 125\n\n" + header):
        doc = read_text(text.replace("Peace Mission-2010\t", inserted + "Peace Mission-2010\t"), seed.name)
        assert [t.rows for t in doc.tables] == [t.rows for t in whole]


def test_a_no_break_space_in_a_table_cell_is_a_space():
    seed = SEEDS[4]
    text = seed.read_text(encoding="utf-8")
    doc = read_text(text.replace("Peace Mission-2010\t", "Peace\u00a0Mission-2010\t"), seed.name)
    assert [t.rows for t in doc.tables] == [t.rows for t in read_document(seed).tables]


@pytest.mark.parametrize("marker", ["- ", "* ", "\u2022 "])
def test_chronology_entries_as_markdown_list_items(marker):
    seed = SEEDS[0]
    text = re.sub(r"(?m)^(?=(?:Sept|Oct|Nov|Dec)\. \d)", marker, seed.read_text(encoding="utf-8"))
    doc, whole = read_text(text, seed.name), read_document(seed)
    assert [(e.date_text, e.body) for e in doc.chronology] == [(e.date_text, e.body) for e in whole.chronology]
    entry = doc.chronology[0]
    assert text[entry.passage.start:entry.passage.end].startswith(entry.date_text)  # the marker is no part of it


def test_a_markdown_pipe_table_reads_as_a_tab_table():
    """Other markdown extractions write tables with pipes ("| Joint Sea-2014 | n | May 20-26 |", a rule under the
    header): the same rows as the tab table, each cell's offsets still into the file."""
    seed = SEEDS[4]
    lines, out = seed.read_text(encoding="utf-8").split("\n"), []
    for ln in lines:
        if "\t" in ln:
            cells = ln.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if len(out) < 2 or not out[-2].startswith("|"):
                out.append("|" + "|".join(":---" for _ in cells) + "|")
        else:
            out.append(ln)
    text = "\n".join(out)
    doc = read_text(text, seed.name)
    assert [t.rows for t in doc.tables] == [t.rows for t in read_document(seed).tables]
    assert len(doc.tables[0].rows) > 10
    from kg.lexicon import Lexicon
    from kg.tables import extract_tables

    events = extract_tables(doc, Lexicon.load())
    assert len(events) == 12 and all(text[e.passage.start:e.passage.end].startswith(e.name) for e in events)
