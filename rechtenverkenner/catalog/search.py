"""Text analysis for search: Dutch stemming, accents, synonyms, typo tolerance, and ranking.

Pure functions and small classes; the database queries that use them live in services/search.py, so the
same analysis and the same ranking run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer

# Field weights: the right itself (its title) beats a passing mention in a description.
WEIGHTS = {
    "title": 100,
    "keywords": 40,
    "summary": 30,
    "labels": 10,
    "body": 5,
}
EXACT_TITLE_BONUS = 50
FUZZY_FACTOR = (6, 10)  # a typo-tolerant match counts 60 %
PREFIX_FACTOR = (5, 10)  # a word that starts with the query word counts 50 %
SUFFIX_FACTOR = (2, 10)  # a compound that ends with the query word ("maximumfactuur" for "factuur") counts 20 %:
# less than a match on the subject itself in a summary
SPLIT_FACTOR = (5, 10)  # a part of a query compound ("energie" of "energiefactuur") counts 50 %
MAX_PREFIX_EXPANSIONS = 40
SYNONYM_PREFIX = "~"  # index token of a synonym group: "~3" (no stem starts with "~")
TITLE_PREFIX = "="  # index token of a whole title: "=leefloon" (exact-title bonus)

# Common Dutch function words and the filler of a sentence ("ik kan mijn huur niet betalen", "te duur",
# "te hoog"); they never help to tell rights apart and never make a query fail.
STOPWORDS = frozenset(
    """
    aan al alle alles als ben bent bij dan dat de den der des deze die dit doe doen doet door dure dus duur echt een
    en er erg even ga gaan gaat geen genoeg graag had heb hebben hebt heeft heel help het hij hoe hoge hoger
    hoog hun iemand iets ik in is je jij jullie kan kon krijg krijgen kun kunnen kunt m maar mag me mee meer
    mensen met mij mijn minder mn moet moeten n na naar niet nodig nog nu of om omdat onder ons onze ook op
    over per persoon probleem problemen s sinds situatie t te ten ter teveel toch tot u uit uw van vanaf veel
    voor vraag vragen waar want wat we weet welke werd weten wie wij wil willen worden wordt zal ze zeer zich
    zij zijn zo zonder zou
    """.split()
)
TOKEN = re.compile(r"[a-z0-9]+")
# Words the Snowball stemmer cuts to the stem of an unrelated word: "ouderen" (elderly) would find "ouders"
# (parents), "middelbaar" (school) would find "middelen" (means). They keep a stem of their own.
STEM_EXCEPTIONS = {
    "ouderen": "ouderen",
    "oudere": "ouderen",
    "middelbaar": "middelbaar",
    "middelbare": "middelbaar",
}
# Spoken Flemish as people type it ("ik kan nie meer gaan werken", "wa moet ik doen", "gene frank"): read as the
# standard word, so that a phrase of the problem map ("niet werken") and the stopwords still apply.
DIALECT = {
    "nie": "niet",
    "ni": "niet",
    "da": "dat",
    "wa": "wat",
    "ge": "je",
    "gij": "jij",
    "mijne": "mijn",
    "mijnen": "mijn",
    "ne": "een",
    "nen": "een",
    "gene": "geen",
    "genen": "geen",
    "k": "ik",
    "as": "als",
}
ANALYZER_VERSION = 3  # raise when the analysis changes in a way the fingerprint does not see


def fold(text: str) -> str:
    """Lower case without accents: 'Crèche' -> 'creche'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of a text, stopwords kept (phrases need them), spoken Flemish read as standard Dutch."""
    return [DIALECT.get(w, w) for w in TOKEN.findall(fold(text))]


@dataclass
class Analyzer:
    """Turns text into index terms: folded, stopwords dropped, stemmed, plus synonym group tokens."""

    synonym_groups: list[list[str]] = field(default_factory=list)

    def __post_init__(self):
        # The original Snowball Dutch (Porter) stemmer: snowballstemmer 3 renamed it "dutch_porter" and
        # made "dutch" the Kraaij-Pohlmann variant, which cuts "ge" out of compounds ("budgetbeheer" ->
        # "budtbeheer") and so breaks matching parts of compounds.
        self._stemmer = snowballstemmer.stemmer("dutch_porter")
        self._cache: dict[str, str] = {}
        # phrase (tuple of folded words) -> group token; longest phrases first
        # phrases are compared stem by stem, so "huurders" finds "huurder" and a typo that stems
        # alike ("leeflon") still finds its group
        phrases = []
        for index, group in enumerate(self.synonym_groups):
            for phrase in group:
                phrases.append((tuple(self.stem(w) for w in words(phrase)), f"{SYNONYM_PREFIX}{index}"))
        self._phrases = sorted(set(phrases), key=lambda p: (-len(p[0]), p))
        # phrases by their first stem, longest first, so a text is scanned once
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, token in self._phrases:
            if phrase:
                self._by_first.setdefault(phrase[0], []).append((phrase, token))

    def stem(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            stem = word if word.isdigit() else STEM_EXCEPTIONS.get(word) or self._stemmer.stemWord(word)
            if len(self._cache) < 200_000:
                self._cache[word] = stem
        return stem

    def fingerprint(self) -> str:
        """What the index terms depend on besides the documents (synonyms, stopwords, stemming): part of the
        catalogue's hash, so that a change to catalog/synonyms.toml re-indexes on the next load."""
        return json.dumps(
            [
                ANALYZER_VERSION,
                self.synonym_groups,
                sorted(STOPWORDS),
                sorted(STEM_EXCEPTIONS.items()),
                sorted(DIALECT.items()),
            ],
            ensure_ascii=False,
        )

    def terms(self, text: str) -> list[str]:
        """Stemmed terms of a text, without stopwords (the index side)."""
        return [self.stem(w) for w in words(text) if w not in STOPWORDS]

    def analyze(self, text: str) -> tuple[list[str], set[str]]:
        """The index terms of a text and the synonym group tokens of the phrases in it, in one pass."""
        raw = words(text)
        stems = [self.stem(w) for w in raw]
        terms = [stem for word, stem in zip(raw, stems, strict=True) if word not in STOPWORDS]
        return terms, self._phrase_tokens(stems)

    def synonym_tokens(self, text: str) -> set[str]:
        """Synonym group tokens of every phrase that occurs in text."""
        return self._phrase_tokens([self.stem(w) for w in words(text)])

    def _phrase_tokens(self, stems: list[str]) -> set[str]:
        found = set()
        for i, stem in enumerate(stems):
            for phrase, token in self._by_first.get(stem, ()):
                if token not in found and tuple(stems[i : i + len(phrase)]) == phrase:
                    found.add(token)
        return found

    def query_parts(self, query: str) -> list[tuple[str, str, str]]:
        """Split a query into parts: ("syn", token, phrase) for a synonym phrase, ("term", stem, word)
        otherwise; the word is kept for matching parts of compounds, which stemming would change."""
        raw = words(query)
        folded = [self.stem(w) for w in raw]
        parts: list[tuple[str, str, str]] = []
        i = 0
        while i < len(folded):
            for phrase, token in self._by_first.get(folded[i], ()):
                n = len(phrase)
                if tuple(folded[i : i + n]) == phrase:
                    parts.append(("syn", token, " ".join(raw[i : i + n])))
                    i += n
                    break
            else:
                if raw[i] not in STOPWORDS:
                    parts.append(("term", folded[i], raw[i]))
                i += 1
        # the same part twice counts once
        seen, unique = set(), []
        for part in parts:
            if part[:2] not in seen:
                seen.add(part[:2])
                unique.append(part)
        return unique


def index_terms(doc: dict, analyzer: Analyzer, labels: list[str], concept_title: str = "") -> dict[str, int]:
    """Return every index term of a right with the weight of the best field it occurs in.

    labels are the Dutch labels of the right's themes, life situations and audiences; concept_title
    is the title of the concept a local version belongs to ("Leefloon" for "Leefloon – OCMW Gent"),
    so that a local version counts as an exact title match for its concept's name.
    """
    fields_by_weight = {
        "title": [doc.get("title", "")],
        "keywords": list(doc.get("keywords", [])),
        "summary": [doc.get("summary", "")],
        "labels": labels,
        "body": [
            doc.get("description", ""),
            doc.get("additional_description", ""),
            doc.get("exceptions", ""),
            *[f"{r['title']} {r.get('description', '')}" for r in doc.get("requirements", [])],
            *[f"{p['title']} {p.get('description', '')}" for p in doc.get("procedures", [])],
            *[f"{c['title']} {c.get('description', '')}" for c in doc.get("costs", [])],
            *[f"{f['title']} {f.get('description', '')}" for f in doc.get("financial_advantages", [])],
            *doc.get("competent_authorities", []),
            *doc.get("executing_authorities", []),
        ],
    }
    weights: dict[str, int] = {}
    for title in (doc.get("title", ""), concept_title):
        key = title_key(analyzer, title)
        if key:
            weights[key] = EXACT_TITLE_BONUS
    if concept_title:
        fields_by_weight["title"].append(concept_title)
    for name, texts in fields_by_weight.items():
        weight = WEIGHTS[name]
        for text in texts:
            if not text:
                continue
            terms, tokens = analyzer.analyze(text)
            for term in [*terms, *tokens]:
                if len(term) > 80:
                    continue
                if weights.get(term, 0) < weight:
                    weights[term] = weight
    return weights


def title_key(analyzer: Analyzer, text: str) -> str:
    """One token for a whole title or query: its sorted parts, so word order does not matter."""
    parts = sorted({value for _kind, value, _word in analyzer.query_parts(text)})
    key = TITLE_PREFIX + "_".join(parts)
    return key if parts and len(key) <= 80 else ""


def levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance of a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(value)
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _deletes(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


class Vocabulary:
    """The indexed terms, for typo tolerance (symmetric deletes) and prefix expansion."""

    def __init__(self, terms):
        self.terms = sorted(t for t in terms if not t.startswith(SYNONYM_PREFIX))
        self._set = set(self.terms)
        self._reversed = sorted(t[::-1] for t in self.terms)
        self._deletes: dict[str, list[str]] = {}
        self._buckets: dict[str, list[str]] = {}  # first two letters -> long terms, for two typos
        for term in self.terms:
            if len(term) >= 6:
                self._buckets.setdefault(term[:2], []).append(term)
            if len(term) >= 4:
                for deleted in _deletes(term):
                    self._deletes.setdefault(deleted, []).append(term)

    def __contains__(self, term: str) -> bool:
        return term in self._set

    def fuzzy(self, term: str) -> list[str]:
        """Indexed terms within the allowed typo distance of term (1 up to 7 letters, 2 from 8)."""
        if len(term) < 4 or term.isdigit():
            return []
        limit = 1 if len(term) < 8 else 2
        candidates = set(self._deletes.get(term, ()))
        for deleted in _deletes(term):
            if deleted in self._set:
                candidates.add(deleted)
            candidates.update(self._deletes.get(deleted, ()))
        if limit == 2:
            # two substitutions escape the one-delete neighbourhoods: compare with the long terms
            # that start alike and differ at most two letters in length
            candidates.update(c for c in self._buckets.get(term[:2], ()) if abs(len(c) - len(term)) <= 2)
        return sorted(c for c in candidates if c != term and levenshtein(term, c, limit) <= limit)

    def prefixed(self, term: str) -> list[str]:
        """Longer indexed terms that start with term (Dutch compounds: 'huur' -> 'huurpremie')."""
        return _extensions(self.terms, term) if len(term) >= 4 else []

    def suffixed(self, term: str) -> list[str]:
        """Longer indexed terms that end with term (Dutch compounds: 'premie' -> 'huurpremie')."""
        if len(term) < 5:
            return []
        return [found[::-1] for found in _extensions(self._reversed, term[::-1])]


def _extensions(sorted_terms: list[str], start: str) -> list[str]:
    """Terms of a sorted list that start with start and are longer, at most MAX_PREFIX_EXPANSIONS."""
    found = []
    for index in range(bisect.bisect_left(sorted_terms, start), len(sorted_terms)):
        candidate = sorted_terms[index]
        if not candidate.startswith(start):
            break
        if candidate != start:
            found.append(candidate)
            if len(found) >= MAX_PREFIX_EXPANSIONS:
                break
    return found


@dataclass
class Clause:
    """One part of a query: matched by any of its alternatives, each with a weight factor."""

    text: str
    alternatives: dict[str, tuple[int, int]]  # term -> (numerator, denominator)


def build_clauses(query: str, analyzer: Analyzer, vocabulary: Vocabulary) -> list[Clause]:
    """Turn a query into clauses with exact, synonym, typo-tolerant and prefix alternatives."""
    clauses = []
    for kind, value, word in analyzer.query_parts(query):
        alternatives: dict[str, tuple[int, int]] = {value: (1, 1)}
        if kind == "term":
            for start in sorted({value, word}):
                for prefixed in vocabulary.prefixed(start):
                    alternatives.setdefault(prefixed, PREFIX_FACTOR)
                for suffixed in vocabulary.suffixed(start):
                    alternatives.setdefault(suffixed, SUFFIX_FACTOR)
            if value not in vocabulary:
                for near in vocabulary.fuzzy(value):
                    alternatives.setdefault(near, FUZZY_FACTOR)
                for part in split_compound(word, analyzer, vocabulary):
                    alternatives.setdefault(part, SPLIT_FACTOR)
        clauses.append(Clause(value, alternatives))
    return clauses


def split_compound(word: str, analyzer: Analyzer, vocabulary: Vocabulary, shortest: int = 4) -> list[str]:
    """The stems of the two known words a query compound is made of ("energiefactuur" → energie, factuur),
    also with a linking s ("arbeidsongeval"); none when the word does not split into two known words."""
    for cut in range(len(word) - shortest, shortest - 1, -1):
        head, tail = word[:cut], word[cut:]
        for left in (head, head[:-1] if head.endswith("s") else None):
            if left and len(left) >= shortest:
                first, second = analyzer.stem(left), analyzer.stem(tail)
                if first in vocabulary and second in vocabulary:
                    return [first, second]
    return []


def rank(clauses: list[Clause], rows, exact_title: str = "") -> list[tuple[str, int, int]]:
    """Score rights from (right_id, term, weight) rows.

    Returns (right_id, matched clause count, score) for the rights that match the most clauses
    (all clauses when any right matches all of them), best first; ties are broken by the caller.
    """
    by_right: dict[str, dict[int, int]] = {}
    if not clauses:
        return []
    term_clauses: dict[str, list[tuple[int, tuple[int, int]]]] = {}
    for index, clause in enumerate(clauses):
        for term, factor in clause.alternatives.items():
            term_clauses.setdefault(term, []).append((index, factor))
    bonus: set[str] = set()
    for right_id, term, weight in rows:
        if term == exact_title:
            bonus.add(right_id)
            continue
        scores = by_right.setdefault(right_id, {})
        for index, (num, den) in term_clauses.get(term, ()):
            value = weight * num // den
            if value > scores.get(index, 0):
                scores[index] = value
    if not by_right:
        return []
    best = max(len(scores) for scores in by_right.values())
    result = []
    for right_id, scores in by_right.items():
        if len(scores) < best:
            continue
        score = sum(scores.values()) + (EXACT_TITLE_BONUS if right_id in bonus else 0)
        result.append((right_id, len(scores), score))
    result.sort(key=lambda r: (-r[1], -r[2]))
    return result
