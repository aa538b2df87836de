"""Regenerate tests/gold/*.json from the annotations in this folder: python tests/gold/src/build_gold.py"""
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
MODULES = ["cc_16_2", "cc_18_2", "cc_19_3", "cc_21_2"]


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    for name in MODULES:
        doc = importlib.import_module(name).DOC
        path = HERE.parent / f"{doc['article']}.json"
        path.write_text(render(doc), encoding="utf-8")
        events = doc["events"]
        print(f"{path.name}: {len(events)} events ({sum(e['required'] for e in events)} required), "
              f"{len(doc['mentions'])} mentions")


if __name__ == "__main__":
    main()
