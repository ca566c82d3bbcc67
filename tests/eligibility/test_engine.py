"""The durable-rules adapter, and the quirks of durable-rules 2.0.28 it works around (pinned here)."""

import subprocess
import sys
import threading

from durable import engine as durable

from rechtenverkenner.eligibility.engine import RuleEngine, compile_ruleset
from rechtenverkenner.eligibility.files import Condition, Rule, Scheme
from rechtenverkenner.domain.parameters import LegalReference


def scheme(rules, version="test-1"):
    import datetime as dt

    conditions = tuple(Condition(c, c, LegalReference("x", "https://example.org")) for c in {r.condition for r in rules})
    return Scheme("test", "Test", dt.date(2020, 1, 1), conditions, tuple(rules), {}, version)


RULES = [
    Rule("adult", "age", "met", "x", (("age_group", "adult"),), ()),
    Rule("minor", "age", "notMet", "x", (("age_group", "minor"),), ()),
    Rule("both", "mix", "met", "x", (("a", True), ("b", "y")), ()),
    Rule("either", "mix", "review", "x", (), ((("a", True),), (("b", "y"),))),
]


def test_equality_rules_match_and_or_matches_once():
    engine = RuleEngine()
    s = scheme(RULES)
    assert engine.matched(s, {"age_group": "adult", "a": True, "b": "y"}) == {"adult", "both", "either"}
    assert engine.matched(s, {"age_group": "minor", "a": False, "b": "y"}) == {"minor", "either"}


def test_no_match_is_an_empty_set_not_an_error():
    assert RuleEngine().matched(scheme(RULES), {"age_group": "unknown", "a": False, "b": "z"}) == set()


def test_state_is_deleted_after_every_evaluation():
    engine = RuleEngine()
    s = scheme(RULES)
    for _ in range(2000):
        engine.evaluate(s, {"age_group": "adult", "a": True, "b": "y"})
    assert engine._matched == {}


def test_results_are_memoised_and_equal_to_a_fresh_evaluation():
    engine = RuleEngine()
    s = scheme(RULES)
    facts = {"age_group": "minor", "a": True, "b": "z"}
    first = engine.matched(s, facts)
    assert engine.matched(s, facts) == first == engine.evaluate(s, facts)
    assert len(engine._memo) == 1


def test_threads_get_the_same_answers_as_one_by_one():
    engine = RuleEngine()
    s = scheme(RULES)
    facts = [{"age_group": g, "a": a, "b": b} for g in ("adult", "minor") for a in (True, False) for b in ("y", "z")]
    expected = [engine.matched(s, f) for f in facts]
    errors = []

    def work():
        for _ in range(100):
            for f, e in zip(facts, expected):
                if engine.matched(s, f) != e:
                    errors.append(f)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_quirk_register_rulesets_mutates_its_argument():
    ruleset = {"q1": {"r": {"all": [{"m": {"x": "y"}}], "run": lambda c: None}}}
    durable.Host().register_rulesets(ruleset)
    assert "run" not in ruleset["q1"]["r"]


def test_quirk_an_or_rule_fires_once_per_matching_branch():
    calls = []
    ruleset = {"q2": {"r": {"all": [{"m": {"$or": [{"x": "y"}, {"z": True}]}}], "run": lambda c: calls.append(1)}}}
    host = durable.Host()
    host.register_rulesets(ruleset)
    host.assert_fact("q2", {"sid": "1", "x": "y", "z": True})
    host.delete_state("q2", "1")
    assert len(calls) == 2


def test_quirk_an_exception_in_an_action_is_not_raised():
    def boom(c):
        raise ValueError("boom")

    host = durable.Host()
    host.register_rulesets({"q3": {"r": {"all": [{"m": {"x": "y"}}], "run": boom}}})
    host.assert_fact("q3", {"sid": "1", "x": "y"})  # no exception reaches the caller
    host.delete_state("q3", "1")


def test_quirk_deleting_the_state_of_an_unhandled_fact_crashes_the_process(tmp_path):
    # run apart: this is why every compiled ruleset has a rule that always matches
    script = tmp_path / "q.py"
    script.write_text(
        "from durable import engine\n"
        "h = engine.Host()\n"
        "h.register_rulesets({'q4': {'r': {'all': [{'m': {'x': 'y'}}], 'run': lambda c: None}}})\n"
        "try:\n    h.assert_fact('q4', {'sid': '1', 'x': 'z'})\n"
        "except engine.MessageNotHandledException:\n    print('not handled', flush=True)\n"
        "h.delete_state('q4', '1')\n"
        "print('survived', flush=True)\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert "not handled" in result.stdout
    assert result.returncode != 0 and "survived" not in result.stdout


def test_compiled_rules_use_equality_only():
    compiled = compile_ruleset(tuple(RULES))
    assert compiled["__always__"] == {"all": [{"m": {"__always__": True}}]}
    text = repr(compiled)
    assert "$gte" not in text and "$lt" not in text and "$neq" not in text
    assert compiled["either"] == {"all": [{"m": {"$or": [{"a": True}, {"b": "y"}]}}]}


def test_memory_stays_flat_over_many_evaluations_through_durable():
    import os

    def rss_kb():
        with open(f"/proc/{os.getpid()}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

    engine = RuleEngine(memo=False)
    s = scheme(RULES)
    facts = [{"age_group": g, "a": a, "b": b} for g in ("adult", "minor") for a in (True, False) for b in ("y", "z")]
    for i in range(2000):
        engine.matched(s, facts[i % len(facts)])
    before = rss_kb()
    for i in range(30000):
        engine.matched(s, facts[i % len(facts)])
    # kilobytes: kept state would grow by tens of megabytes over 30,000 evaluations; allow allocator noise
    assert rss_kb() - before < 12 * 1024
    assert engine._matched == {}
