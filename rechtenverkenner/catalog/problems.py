"""The problem map (catalog/problems.toml): the problems people describe, linked to life situations and rights.

Search ranks a problem's rights first when a query names the problem (in the order the map gives) and
rights of its life situations next. Pure: the analyzer stems the map's words the way it stems a query.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rechtenverkenner.catalog.search import Analyzer, words
from rechtenverkenner.errors import CatalogError, Issue

PROBLEM_BONUS = 40  # the first right of a matched problem; each next one gets PROBLEM_STEP less
PROBLEM_STEP = 3
LIFE_SITUATION_BONUS = 15  # a matched right tagged with the problem's life situation


@dataclass(frozen=True)
class Problem:
    id: str
    label: str
    phrases: tuple[tuple[str, ...], ...]  # stemmed words; a phrase matches when all its words appear in order
    life_situations: tuple[str, ...]
    rights: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class ProblemMap:
    problems: tuple[Problem, ...] = ()

    def match(self, analyzer: Analyzer, query: str) -> list[Problem]:
        """The problems a query names."""
        stems = [analyzer.stem(w) for w in words(query)]
        found = []
        for problem in self.problems:
            for phrase in problem.phrases:
                n = len(phrase)
                if any(tuple(stems[i : i + n]) == phrase for i in range(len(stems) - n + 1)):
                    found.append(problem)
                    break
        return found

    def bonuses(self, matched: list[Problem]) -> dict[str, int]:
        """Concept id → bonus: the first right of a problem most, the next ones a little less."""
        bonus: dict[str, int] = {}
        for problem in matched:
            for position, concept in enumerate(problem.rights):
                value = max(PROBLEM_BONUS - PROBLEM_STEP * position, PROBLEM_STEP)
                bonus[concept] = max(bonus.get(concept, 0), value)
        return bonus


def load_problems(catalog_dir: str | Path, analyzer: Analyzer, life_situations: set[str]) -> ProblemMap:
    """Read catalog/problems.toml; a missing file is an empty map, a broken one a CatalogError."""
    path = Path(catalog_dir) / "problems.toml"
    if not path.exists():
        return ProblemMap()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        issue = Issue("file", "problems.toml", None, str(exc), f"Geen geldige TOML: {exc}")
        raise CatalogError("problems.toml", [issue]) from exc
    problems, issues, seen = [], [], set()
    for index, raw in enumerate(data.get("problem", [])):
        where = f"problem[{index}]"
        missing = [key for key in ("id", "label", "words", "rights", "note") if not raw.get(key)]
        unknown = sorted(set(raw.get("life_situations", [])) - life_situations)
        if missing or unknown or raw.get("id") in seen:
            detail = f"needs {missing}" if missing else f"unknown life situations {unknown}" if unknown else "id twice"
            issues.append(Issue("file", f"problems.toml:{where}", None, detail, f"Ongeldig probleem: {detail}"))
            continue
        seen.add(raw["id"])
        phrases = tuple(tuple(analyzer.stem(w) for w in words(text)) for text in raw["words"])
        problems.append(
            Problem(
                raw["id"],
                raw["label"],
                tuple(p for p in phrases if p),
                tuple(raw.get("life_situations", [])),
                tuple(raw["rights"]),
                raw["note"],
            )
        )
    if issues:
        raise CatalogError("problems.toml", issues)
    return ProblemMap(tuple(problems))
