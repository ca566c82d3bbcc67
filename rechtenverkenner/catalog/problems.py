"""The problem map (catalog/problems.toml): the problems people describe, linked to life situations and rights.

Search ranks a problem's rights first when a query names the problem (in the order the map gives) and
rights of its life situations next. Pure: the analyzer stems the map's words the way it stems a query.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rechtenverkenner.catalog.search import STOPWORDS, Analyzer, levenshtein, words
from rechtenverkenner.errors import CatalogError, Issue

PROBLEM_BONUS = 40  # the first right of a matched problem; each next one gets PROBLEM_STEP less
PROBLEM_STEP = 3
MAX_FILLER = 3  # filler words (stopwords) a phrase may skip between two of its words: "niet meer werken"
MIN_TYPO_LENGTH = 6  # a shorter unknown word is not read as a misspelt word of the map ("zoon" is not "loon")
LIFE_SITUATION_BONUS = 15  # a matched right tagged with the problem's life situation


@dataclass(frozen=True)
class Problem:
    id: str
    label: str
    phrases: tuple[tuple[str, ...], ...]  # stemmed words; a phrase matches when all its words appear in order
    life_situations: tuple[str, ...]
    rights: tuple[str, ...]
    note: str
    words: tuple[str, ...] = ()  # the map's own words, folded: known words for a spelling correction
    ages: tuple[int, int] | None = None  # a query that gives an age in this range names the problem ("ik ben 70")


@dataclass(frozen=True)
class ProblemMap:
    problems: tuple[Problem, ...] = ()

    def match(self, analyzer: Analyzer, query: str, indexed=None) -> list[Problem]:
        """The problems a query names: a phrase matches when its words appear in order, with at most a few
        filler words between them ("niet werken" in "ik kan niet meer gaan werken"). Given indexed (the
        search vocabulary), a word that neither search nor the map knows is read as the word of the map it
        is one typo away from ("deurwarder" as "deurwaarder"; two typos from 8 letters)."""
        raw = words(query)
        stems = [analyzer.stem(w) for w in raw]
        filler = [w in STOPWORDS for w in raw]
        if indexed is not None:
            stems = [
                self.nearest(stem) if len(word) >= MIN_TYPO_LENGTH and not skip and stem not in indexed else stem
                for word, stem, skip in zip(raw, stems, filler, strict=True)
            ]
        age = age_in(raw)
        found = []
        for problem in self.problems:
            if any(_occurs(phrase, stems, filler) for phrase in problem.phrases) or (
                age is not None and problem.ages is not None and problem.ages[0] <= age <= problem.ages[1]
            ):
                found.append(problem)
        return found

    @cached_property
    def _stems(self) -> frozenset[str]:
        return frozenset(stem for problem in self.problems for phrase in problem.phrases for stem in phrase)

    def nearest(self, stem: str) -> str:
        """The stem of the map's word stem is a typo of (one letter off, two from 8), else stem itself."""
        if stem in self._stems:
            return stem
        limit = 1 if len(stem) < 8 else 2
        distance, nearest = min(((levenshtein(stem, s, limit), s) for s in self._stems), default=(limit + 1, stem))
        return nearest if distance <= limit else stem

    def bonuses(self, matched: list[Problem]) -> dict[str, int]:
        """Concept id → bonus: the first right of a problem most, the next ones a little less."""
        bonus: dict[str, int] = {}
        for problem in matched:
            for position, concept in enumerate(problem.rights):
                value = max(PROBLEM_BONUS - PROBLEM_STEP * position, PROBLEM_STEP)
                bonus[concept] = bonus.get(concept, 0) + value
        return bonus


AGE = re.compile(r"(\d{1,3})(j|jr|jaar|jarige)?")
AGE_BEFORE = frozenset({"ben", "is", "wordt", "word", "al", "van", "leeftijd"})
AGE_AFTER = frozenset({"jaar", "j", "jr", "jarige"})


def age_in(raw: list[str]) -> int | None:
    """The age a query gives: "67j", "72 jaar", "ik ben 66", "mijn moeder is 80"; not an amount ("is 80 euro")."""
    for index, word in enumerate(raw):
        found = AGE.fullmatch(word)
        if not found:
            continue
        after = raw[index + 1] if index + 1 < len(raw) else ""
        before = raw[index - 1] if index else ""
        if found.group(2) or after in AGE_AFTER or (before in AGE_BEFORE and after not in {"euro", "eur", "procent"}):
            return int(found.group(1))
    return None


def _occurs(phrase: tuple[str, ...], stems: list[str], filler: list[bool]) -> bool:
    """Whether phrase occurs in stems, its words in order with at most MAX_FILLER filler words between two."""
    return any(_occurs_from(phrase, stems, filler, start) for start, stem in enumerate(stems) if stem == phrase[0])


def _occurs_from(phrase: tuple[str, ...], stems: list[str], filler: list[bool], position: int) -> bool:
    for word in phrase[1:]:
        for nxt in range(position + 1, min(position + MAX_FILLER + 2, len(stems))):
            if stems[nxt] == word:
                position = nxt
                break
            if not filler[nxt]:
                return False
        else:
            return False
    return True


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
        ages = raw.get("ages")
        bad_ages = ages is not None and not (
            isinstance(ages, list) and len(ages) == 2 and all(isinstance(a, int) for a in ages) and ages[0] <= ages[1]
        )
        if missing or unknown or bad_ages or raw.get("id") in seen:
            detail = (
                f"needs {missing}"
                if missing
                else f"unknown life situations {unknown}"
                if unknown
                else "ages must be [lowest, highest]"
                if bad_ages
                else "id twice"
            )
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
                tuple(dict.fromkeys(w for text in raw["words"] for w in words(text))),
                tuple(raw["ages"]) if raw.get("ages") else None,
            )
        )
    if issues:
        raise CatalogError("problems.toml", issues)
    return ProblemMap(tuple(problems))
