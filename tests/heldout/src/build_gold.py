"""Regenerate tests/heldout/gold/*.json from the annotations here: python tests/heldout/src/build_gold.py

Run build.py first if a source (*.md) changed: the gold offsets point into tests/heldout/articles/.
"""
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
MODULES = ["cc_21_1", "cc_20_3", "cc_23_1"]


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    for name in MODULES:
        doc = importlib.import_module(name).DOC
        path = HERE.parent / "gold" / f"{doc['article']}.json"
        path.write_text(render(doc), encoding="utf-8")
        events = doc["events"]
        print(f"{path.name}: {doc['chronology_entries']} entries, {len(events)} events "
              f"({sum(e['required'] for e in events)} required), {len(doc['mentions'])} mentions")


if __name__ == "__main__":
    main()
