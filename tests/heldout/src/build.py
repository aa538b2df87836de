"""Write tests/heldout/articles/*.txt from the sources in this folder: python tests/heldout/src/build.py

The markdown-like files are the sources verbatim; the PDF-text files are rendered (render.py). The
page length of each PDF rendering is fixed here, chosen so that a page break falls inside a
chronology entry (the build checks it), so re-running the build never moves an offset.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from render import Layout, to_pdf_text  # noqa: E402

OUT = HERE.parent / "articles"

#: file name -> (source, None for markdown-like | PDF layout)
FILES = {
    "h1_cc_21_1_markdown.txt": ("cc_21_1.md", None),
    "h2_cc_21_1_pdf.txt": ("cc_21_1.md", Layout("CHINA-RUSSIA RELATIONS | MAY 2019", 116, PAGE_A := 47)),
    "h3_cc_20_3_pdf.txt": ("cc_20_3.md", Layout("CHINA-RUSSIA RELATIONS | JANUARY 2019", 114, PAGE_B := 47, True)),
    "h4_cc_23_1_markdown.txt": ("cc_23_1.md", None),
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, (src, layout) in FILES.items():
        md = (HERE / src).read_text(encoding="utf-8")
        if layout is None:
            text, facts = md, {}
        else:
            text, facts = to_pdf_text(md, layout)
            if not facts["split_entries"]:
                raise SystemExit(f"{name}: no page break falls inside a chronology entry; change page_lines")
        (OUT / name).write_text(text, encoding="utf-8")
        print(name, len(text), facts)


if __name__ == "__main__":
    main()
