"""Build rechtenverkenner/lpdc/nuts.json (NIS code <-> NUTS/LAU code of LPDC's spatial code list) from the
official code list codelijsten/geografisch-toepassingsgebied.ttl of Informatievlaanderen/ipdc-lpdc.

Usage: .venv/bin/python scripts/build_lpdc_nuts.py ../shared/reference/lpdc/ipdc-lpdc-model/codelijsten/geografisch-toepassingsgebied.ttl
"""

import json
import sys
from pathlib import Path

from rdflib import Graph, Namespace

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
TIME = Namespace("http://www.w3.org/2006/time#")
SOURCE = (
    "https://github.com/Informatievlaanderen/ipdc-lpdc/blob/f6071c15d96fdfabd19c50d6731992746e98ee33/"
    "codelijsten/geografisch-toepassingsgebied.ttl"
)


def main(path: str) -> None:
    graph = Graph().parse(path, format="turtle")
    municipalities, provinces = {}, {}
    for concept, notation in graph.subject_objects(SKOS.notation):
        code = str(concept).rsplit("/", 1)[-1]
        label = str(graph.value(concept, SKOS.prefLabel) or "")
        ended = graph.value(concept, TIME.hasEnd)
        if len(code) == 4:
            provinces[code] = label
        elif not ended:
            municipalities[str(notation)] = code
    out = Path(__file__).resolve().parents[1] / "rechtenverkenner" / "lpdc" / "nuts.json"
    data = {"source": SOURCE, "provinces": dict(sorted(provinces.items())), "lau": dict(sorted(municipalities.items()))}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(municipalities)} municipalities, {len(provinces)} provinces -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
