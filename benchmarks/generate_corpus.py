"""Generate N articles shaped like the seeds, for the build benchmark (deterministic for a seed).

Why derived from the seeds rather than written from scratch: the build's cost lives in reading the
genre (markdown artefacts, hard-wrapped PDF text, chronology entries, tables), so the generated
text keeps every trap of the real files and only varies what an extractor must not memorise:
- years shift by a multiple of 4 (so Feb. 29 stays valid) across the whole text;
- people are swapped for invented names (full names, including names broken over a PDF line,
  and the distinctive surnames used alone), so the lexicon cannot simply recall the seeds;
- about a tenth of the chronology entries swap places with a neighbour (out-of-order entries);
- each article gets its own "Vol. V, No. N" line (inserted where the seed has none), so the
  corpus has N distinct articles; a seed pair that is one article in two formats (000 markdown,
  001 PDF text: same chronology period) yields a pair of files with the same transformations,
  i.e. one article in two formats again.

    python benchmarks/generate_corpus.py -n 1000 -o benchmarks/out/corpus-1000
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# People of the seeds: (full-name pattern parts, surname usable alone?, nationality).
PEOPLE = [
    (("Xi", "Jinping"), True, "cn"), (("Vladimir", "Putin"), True, "ru"), (("Wang", "Yi"), False, "cn"),
    (("Sergei", "Lavrov"), True, "ru"), (("Sergey", "Lavrov"), True, "ru"), (("Wang", "Yang"), False, "cn"),
    (("Dmitry", "Rogozin"), True, "ru"), (("Yuri", "Trutnev"), True, "ru"), (("Yury", "Trutnev"), True, "ru"),
    (("Igor", "Morgulov"), True, "ru"), (("Kong", "Xuanyou"), False, "cn"), (("Sergey", "Ryabkov"), True, "ru"),
    (("Li", "Hui"), False, "cn"), (("Dmitry", "Medvedev"), True, "ru"), (("Li", "Keqiang"), False, "cn"),
    (("Sergei", "Shoigu"), True, "ru"), (("Valery", "Gerasimov"), True, "ru"), (("Fang", "Fenghui"), False, "cn"),
    (("Fan", "Changlong"), False, "cn"), (("Zhang", "Gaoli"), False, "cn"), (("Arkady", "Dvorkovich"), True, "ru"),
    (("Sergei", "Naryshkin"), True, "ru"), (("Zhang", "Dejiang"), False, "cn"), (("Sun", "Jianguo"), False, "cn"),
    (("Anatoly", "Antonov"), True, "ru"), (("Sergei", "Ivanov"), False, "ru"), (("Ivan", "Melnikov"), True, "ru"),
    (("Narendra", "Modi"), True, "in"), (("Donald", "Trump"), True, "us"), (("Andrey", "Denisov"), True, "ru"),
    (("Yang", "Jiechi"), False, "cn"), (("Chang", "Wanquan"), False, "cn"), (("Wang", "Qishan"), False, "cn"),
    (("Alexander", "Novak"), True, "ru"), (("Denis", "Manturov"), True, "ru"), (("Nikolai", "Patrushev"), True, "ru"),
]
# Invented replacement names (no real official is made to do what the seeds report).
CN_FAMILY = "Gao Tang Lu Qian Shen Kang Mo Yin Pei Lan Xiang Rong Bai Qiu Wen Hou Ning Guan Zhuo Geng".split()
CN_GIVEN = "Wenhao Jianmin Haoran Zhiming Yufeng Chenglong Xiaobo Guoqing Lihua Shaowei Tianyu Mingze Ruiyang Jiahao".split()
RU_FIRST = "Pavel Gleb Timofei Yaroslav Matvei Rodion Savva Lev Arseny Vsevolod Yefim Zakhar Platon Ignat".split()
RU_FAMILY = "Korsakov Belozersky Dolgorukov Obolensky Vyazemsky Tolbukhin Sheremetev Golitsyn Rostopchin Yusupov Kurakin Trubetskoy Meshchersky Odoevsky".split()
OTHER_FIRST = "Arjun Vikram Daniel Thomas Martin Rahul".split()
OTHER_FAMILY = "Mehta Kapoor Whitfield Hargrove Castellan Rao".split()

MONTHS = r"(?:Jan|Feb|Mar|March|Apr|April|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
ENTRY = re.compile(rf"^[ \t]*\**{MONTHS}\s+\d{{1,2}}\b[^\n:]{{0,40}}:", re.MULTILINE)
CHRON = re.compile(r"^\s*\**chronology\s+of\s+china\s*-?\s*russia", re.IGNORECASE | re.MULTILINE)
YEAR = re.compile(r"(?<![\d.$])(19[6-9]\d|20[0-3]\d)(?!\d)")
VOLNO = re.compile(r"Vol\.\s*\d+\s*,\s*No\.\s*\d+")
_FULL_NAME = re.compile(r"\b(?P<f>" + "|".join(sorted({f for (f, _l), _a, _n in PEOPLE})) + r")(?P<sep>\s+)(?P<l>"
                        + "|".join(sorted({l for (_f, l), _a, _n in PEOPLE})) + r")\b")
_SURNAME = re.compile(r"\b(?:" + "|".join(sorted({(f if n == "cn" else l) for (f, l), a, n in PEOPLE if a})) + r")\b")
AFFIL = re.compile(r"^.*\b(?:Wittenb[eu]rg|University)\b.*$", re.IGNORECASE | re.MULTILINE)


def period_key(text: str) -> str | None:
    """The chronology's period line ("SEPTEMBER – DECEMBER 2017"): same key = same article."""
    m = CHRON.search(text)
    if not m:
        return None
    for line in text[m.end():m.end() + 400].splitlines()[1:]:
        s = re.sub(r"\s+", " ", line).strip(" *").upper()
        if re.search(r"\d{4}", s):
            return s
    return None


def seed_groups(seeds_dir: Path = SEEDS) -> list[list[tuple[str, str]]]:
    """Seed files grouped by article (files sharing a chronology period are one article)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        groups.setdefault(period_key(text) or path.name, []).append((path.name, text))
    return list(groups.values())


class Variant:
    """The transformations of one generated article (shared by its files in both formats)."""

    def __init__(self, index: int, rng: random.Random):
        self.index = index
        self.delta = rng.choice([-12, -8, -4, 4, 8])
        self.volume, self.number = 100 + index, rng.randrange(1, 4)
        self.swap_seed = rng.randrange(1 << 30)
        self.perm_seed = rng.randrange(1 << 30)
        used: set[str] = set()
        self.names: dict[str, tuple[str, str]] = {}
        r = random.Random(self.swap_seed)
        for (first, last), _alone, nat in PEOPLE:
            if _person_key(first, last, nat) in self.names:  # a spelling variant of someone already mapped
                continue
            while True:
                if nat == "cn":  # Chinese order: family name first
                    new = (r.choice(CN_FAMILY), r.choice(CN_GIVEN))
                elif nat == "ru":
                    new = (r.choice(RU_FIRST), r.choice(RU_FAMILY))
                else:
                    new = (r.choice(OTHER_FIRST), r.choice(OTHER_FAMILY))
                if " ".join(new) not in used:
                    used.add(" ".join(new))
                    break
            self.names[_person_key(first, last, nat)] = new

    def apply(self, text: str) -> str:
        text = self._swap_names(text)
        text = YEAR.sub(lambda m: str(int(m.group(1)) + self.delta), text)
        text = self._permute(text)
        return self._volume(text)

    def _swap_names(self, text: str) -> str:
        """One pass for full names (any whitespace between the parts), one for surnames used alone."""
        full = {(f, l): self.names[_person_key(f, l, nat)] for (f, l), _a, nat in PEOPLE}
        alone = {}
        for (f, l), ok, nat in PEOPLE:
            if ok:
                new_first, new_last = full[(f, l)]
                # Chinese names put the family name first
                alone.setdefault(f if nat == "cn" else l, new_first if nat == "cn" else new_last)
        def person(m: re.Match) -> str:
            new = full.get((m["f"], m["l"]))
            return f"{new[0]}{m['sep']}{new[1]}" if new else m.group(0)

        text = _FULL_NAME.sub(person, text)
        return _SURNAME.sub(lambda m: alone[m.group(0)], text)

    def _permute(self, text: str) -> str:
        m = CHRON.search(text)
        if not m:
            return text
        starts = [e.start() for e in ENTRY.finditer(text, m.end())]
        if len(starts) < 4:
            return text
        blocks = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]
        tail = blocks[-1]  # the last entry carries whatever follows the chronology: keep it last
        body = blocks[:-1]
        r = random.Random(self.perm_seed)
        for _ in range(max(1, len(body) // 10)):
            i = r.randrange(len(body) - 1)
            a, b = body[i], body[i + 1]
            if a.endswith("\n") and b.endswith("\n"):  # swap only whole-line blocks
                body[i], body[i + 1] = b, a
        return text[:starts[0]] + "".join(body) + tail

    def _volume(self, text: str) -> str:
        vol = f"Vol. {self.volume}, No. {self.number}"
        if VOLNO.search(text):
            return VOLNO.sub(vol, text)
        line = (f"This article is extracted from Comparative Connections: A Triannual E-Journal on East Asian "
                f"Bilateral Relations, {vol}. pp 1-12\n\n")
        m = AFFIL.search(text[:3000])
        if m:  # after the author's affiliation, where the journal puts it
            return text[:m.end() + 1] + "\n" + line + text[m.end() + 1:]
        return line + text


def _person_key(first: str, last: str, nat: str) -> str:
    """Chinese names are keyed whole (many Wangs); others by surname (Sergei/Sergey Lavrov are one person)."""
    return f"{first} {last}" if nat == "cn" else last


def generate(n: int, out_dir: Path, *, seed: int = 2024, seeds_dir: Path = SEEDS) -> dict:
    """Write n generated articles (twin seeds give two files each) into out_dir; returns counts."""
    groups = seed_groups(seeds_dir)
    if not groups:
        raise FileNotFoundError(f"no seed articles (*.txt) in {seeds_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.txt"):
        old.unlink()
    rng = random.Random(seed)
    files = nbytes = 0
    for i in range(n):
        group = groups[i % len(groups)]
        variant = Variant(i, rng)
        for fmt_index, (name, text) in enumerate(group):
            body = variant.apply(text)
            data = body.encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()[:16]
            (out_dir / f"{i:04d}{fmt_index}_{digest}.txt").write_bytes(data)
            files += 1
            nbytes += len(data)
    return {"articles": n, "files": files, "bytes": nbytes, "seed_groups": [[g[0] for g in grp] for grp in groups]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("-o", "--output", type=Path, default=None)
    args = ap.parse_args(argv)
    out = args.output or Path(__file__).parent / "out" / f"corpus-{args.articles}"
    t0 = time.perf_counter()
    stats = generate(args.articles, out, seed=args.seed)
    print(f"{out}: {stats['articles']} articles, {stats['files']} files, {stats['bytes'] / 1e6:.1f} MB "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
