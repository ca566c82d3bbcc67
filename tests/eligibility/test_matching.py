"""The matcher seam over the whole fact space: durable and the plain table agree, and no decision is left open.

Each ruleset's fact space (rules/<scheme>/facts.toml) is small: per rule group the cartesian product of
its facts' values (leefloon: 3,840 condition combinations, 48 category, 528 cohabitant), so every
combination is run through both matchers, without sampling.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from rechtenverkenner.eligibility.engine import DurableMatcher
from rechtenverkenner.eligibility.facts import GROUP_OF_DECISION, GROUPS, FactSpaceError, read_fact_space
from rechtenverkenner.eligibility.files import Rule, RulesError, read_scheme
from rechtenverkenner.eligibility.matching import Matcher, TableMatcher

RULES = Path(__file__).resolve().parents[2] / "rules"
SCHEMES = sorted(p.parent for p in RULES.glob("*/rules.toml"))
LIMIT = 100_000  # combinations per group; a larger space needs a bound (say which) before it is enumerated
OPTIONAL_DECISIONS = {"review"}  # a review point is raised by at most one rule; none is a normal outcome


def loaded(folder: Path):
    return read_scheme(folder), read_fact_space(folder / "facts.toml")


SPACES = [pytest.param(folder, group, id=f"{folder.name}-{group}") for folder in SCHEMES for group in GROUPS]


def decisions(scheme, group: str) -> list[tuple[str, str]]:
    """(condition, decides) pairs a group must resolve for every combination."""
    if group == "conditions":
        return [(c.id, "") for c in scheme.conditions]
    return sorted(
        {
            ("", r.decides)
            for r in scheme.rules
            if r.decides and GROUP_OF_DECISION[r.decides] == group and r.decides not in OPTIONAL_DECISIONS
        }
    )


def test_there_is_a_ruleset_with_a_fact_space():
    assert [f.name for f in SCHEMES] == ["leefloon"]
    for folder in SCHEMES:
        assert (folder / "facts.toml").is_file()


@pytest.mark.parametrize(("folder", "group"), SPACES)
def test_durable_and_the_table_matcher_agree_on_every_combination(folder, group):
    scheme, space = loaded(folder)
    assert 0 < space.size(group) <= LIMIT
    durable, table = DurableMatcher(memo=False), TableMatcher()
    differ = [
        facts for facts in space.combinations(group) if durable.matched(scheme, facts) != table.matched(scheme, facts)
    ]
    assert differ == [], f"{len(differ)} of {space.size(group)} combinations differ, e.g. {differ[:3]}"


@pytest.mark.parametrize(("folder", "group"), SPACES)
def test_every_condition_and_decision_resolves_to_one_rule_for_every_combination(folder, group):
    scheme, space = loaded(folder)
    required = decisions(scheme, group)
    assert required, f"group {group} decides nothing"
    gaps = []
    for facts in space.combinations(group):
        matched = TableMatcher().matched(scheme, facts)
        gaps += [
            (condition or decides, facts)
            for condition, decides in required
            if scheme.first(matched, condition=condition, decides=decides) is None
        ]
    assert gaps == [], f"{len(gaps)} combinations leave a decision open (a gap in the law data), e.g. {gaps[:3]}"


@pytest.mark.parametrize(("folder", "group"), SPACES)
def test_every_rule_decides_for_some_combination(folder, group):
    scheme, space = loaded(folder)
    rules = [r for r in scheme.rules if GROUP_OF_DECISION[r.decides] == group]
    winners = set()
    for facts in space.combinations(group):
        matched = TableMatcher().matched(scheme, facts)
        winners |= {
            rule.id
            for rule in (scheme.first(matched, condition=r.condition, decides=r.decides) for r in rules)
            if rule is not None
        }
    assert {r.id for r in rules} - winners == set(), "shadowed by earlier rules for every combination"


@pytest.mark.parametrize("folder", SCHEMES, ids=[f.name for f in SCHEMES])
def test_every_declared_fact_is_read_by_a_rule_of_its_group(folder):
    scheme, space = loaded(folder)
    read = {
        (GROUP_OF_DECISION[r.decides], fact)
        for r in scheme.rules
        for clause in (r.when, *r.when_any)
        for fact, _ in clause
    }
    assert {(f.group, f.id) for f in space.facts} - read == set()


class Spy:
    """A Matcher that remembers every fact dict it is asked about."""

    def __init__(self):
        self.asked: list[dict] = []
        self.table = TableMatcher()

    def register(self, scheme) -> None:
        self.table.register(scheme)

    def matched(self, scheme, facts) -> set[str]:
        self.asked.append(dict(facts))
        return self.table.matched(scheme, facts)


def case_requests() -> list[dict]:
    requests = []
    for name in ("worked.yaml", "own.yaml"):
        path = RULES / "leefloon" / "cases" / name
        requests += [c["request"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))]
    return requests


def test_every_fact_dict_the_advice_builds_lies_inside_the_declared_space():
    import json

    from rechtenverkenner.eligibility.advisor import Advisor
    from rechtenverkenner.eligibility.request import load_request

    scheme, space = loaded(RULES / "leefloon")
    spy: Matcher = Spy()
    advisor = Advisor(scheme, spy)
    advised = 0
    for request in case_requests():
        body = json.loads(json.dumps(request, default=lambda o: o.isoformat() if isinstance(o, dt.date) else str(o)))
        situation, issues = load_request(body)
        if issues or situation.reference_date < scheme.modelled_from:
            continue
        advisor.advise(situation)
        advised += 1
    assert advised > 30 and spy.asked
    domains = {group: {f.id: f.values for f in space.group(group)} for group in GROUPS}
    for facts in spy.asked:
        group = next((g for g in GROUPS if set(domains[g]) == set(facts)), None)
        assert group, f"the fact names {sorted(facts)} are not one group of facts.toml"
        for fact, value in facts.items():
            assert any(type(value) is type(v) and value == v for v in domains[group][fact]), (fact, value)


def test_the_declared_domains_follow_the_request_vocabulary():
    from rechtenverkenner.eligibility.request import RELATIONS, WILLINGNESS

    space = read_fact_space(RULES / "leefloon" / "facts.toml")
    values = {f.id: f.values for f in space.facts}
    assert set(values["relation"]) == set(RELATIONS)
    assert set(values["willingness"]) == set(WILLINGNESS) | {"unknown"}


# --- the table matcher's semantics --------------------------------------------------------------


def rule(rule_id: str, when=(), when_any=()) -> Rule:
    return Rule(rule_id, "c", "met", "x", tuple(when), tuple(tuple(c) for c in when_any))


def test_the_table_matcher_compares_with_the_type_and_a_missing_fact_holds_nothing():
    from rechtenverkenner.eligibility.matching import rule_holds

    flag = rule("flag", when=[("a", True)])
    assert rule_holds(flag, {"a": True})
    assert not rule_holds(flag, {"a": "true"}) and not rule_holds(flag, {"a": 1}) and not rule_holds(flag, {})
    both = rule("both", when=[("a", True), ("b", "y")])
    assert rule_holds(both, {"a": True, "b": "y"}) and not rule_holds(both, {"a": True, "b": "z"})
    either = rule("either", when_any=[[("a", True)], [("b", "y"), ("c", False)]])
    assert rule_holds(either, {"a": True}) and rule_holds(either, {"a": False, "b": "y", "c": False})
    assert not rule_holds(either, {"a": False, "b": "y"})


# --- the loader refuses rules outside the fact space ----------------------------------------------


def write_scheme(folder: Path, when: str, facts: bool = True) -> Path:
    """A copy of rules/leefloon whose rule residence_yes tests `when` (and without facts.toml if not facts)."""
    import shutil

    for path in (RULES / "leefloon").glob("*.toml"):
        shutil.copy(path, folder / path.name)
    rules = (folder / "rules.toml").read_text(encoding="utf-8")
    old = 'id = "residence_yes"\ncondition = "effectiveResidence"\nwhen = { residence = "yes" }'
    assert old in rules
    (folder / "rules.toml").write_text(rules.replace(old, old.replace('{ residence = "yes" }', when)), encoding="utf-8")
    if not facts:
        (folder / "facts.toml").unlink()
    return folder


def test_a_rule_inside_the_fact_space_loads(tmp_path):
    assert "residence_yes" in [r.id for r in read_scheme(write_scheme(tmp_path, '{ residence = "yes" }')).rules]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ('{ residense = "yes" }', "residense is not declared for group conditions"),
        ('{ residence = "maybe" }', "outside its values"),
        ("{ residence = true }", "outside its values"),
        ("{ member = true }", "member is not declared for group conditions"),
    ],
    ids=["undeclared fact", "value outside the domain", "value of another type", "fact of another group"],
)
def test_a_rule_outside_the_fact_space_is_refused(tmp_path, when, message):
    with pytest.raises(RulesError, match=message):
        read_scheme(write_scheme(tmp_path, when))


def test_a_ruleset_without_facts_toml_is_refused(tmp_path):
    with pytest.raises(RulesError, match=r"facts\.toml"):
        read_scheme(write_scheme(tmp_path, '{ residence = "yes" }', facts=False))


@pytest.mark.parametrize(
    "facts",
    [
        'schema = 1\n[[fact]]\nid = "x"\ngroup = "conditions"\ndescription = "d"\nvalues = ["a", true]\n',
        'schema = 1\n[[fact]]\nid = "x"\ngroup = "conditions"\ndescription = "d"\nvalues = []\n',
        'schema = 1\n[[fact]]\nid = "x"\ngroup = "conditions"\ndescription = "d"\nvalues = ["a", "a"]\n',
        'schema = 1\n[[fact]]\nid = "x"\ngroup = "elsewhere"\ndescription = "d"\nvalues = ["a"]\n',
        'schema = 1\n[[fact]]\nid = "x"\ngroup = "conditions"\ndescription = "d"\nvalues = ["a"]\nunit = "eur"\n',
        '[[fact]]\nid = "x"\ngroup = "conditions"\ndescription = "d"\nvalues = ["a"]\n',
    ],
    ids=["mixed types", "no values", "a value twice", "unknown group", "unknown key", "no schema"],
)
def test_a_bad_facts_toml_is_refused(tmp_path, facts):
    path = tmp_path / "facts.toml"
    path.write_text(facts, encoding="utf-8")
    with pytest.raises(FactSpaceError):
        read_fact_space(path)
