"""The durable-rules adapter, and the quirks of durable-rules 2.0.28 it works around (pinned here)."""

import os
import subprocess
import sys
import threading
import time

import pytest
from durable import engine as durable

from rechtenverkenner.domain.parameters import LegalReference
from rechtenverkenner.eligibility import engine as adapter
from rechtenverkenner.eligibility.engine import DurableMatcher, RuleEngine, compile_ruleset, process_engine
from rechtenverkenner.eligibility.files import Condition, Rule, Scheme


def scheme(rules, version="test-1"):
    import datetime as dt

    conditions = tuple(
        Condition(c, c, LegalReference("x", "https://example.org")) for c in {r.condition for r in rules}
    )
    return Scheme("test", "Test", dt.date(2020, 1, 1), conditions, tuple(rules), {}, version)


RULES = [
    Rule("adult", "age", "met", "x", (("age_group", "adult"),), ()),
    Rule("minor", "age", "notMet", "x", (("age_group", "minor"),), ()),
    Rule("both", "mix", "met", "x", (("a", True), ("b", "y")), ()),
    Rule("either", "mix", "review", "x", (), ((("a", True),), (("b", "y"),))),
]


def test_equality_rules_match_and_or_matches_once():
    engine = DurableMatcher()
    s = scheme(RULES)
    assert engine.matched(s, {"age_group": "adult", "a": True, "b": "y"}) == {"adult", "both", "either"}
    assert engine.matched(s, {"age_group": "minor", "a": False, "b": "y"}) == {"minor", "either"}


def test_no_match_is_an_empty_set_not_an_error():
    assert DurableMatcher().matched(scheme(RULES), {"age_group": "unknown", "a": False, "b": "z"}) == set()


def test_state_is_deleted_after_every_evaluation():
    engine = DurableMatcher()
    s = scheme(RULES)
    for _ in range(2000):
        engine.evaluate(s, {"age_group": "adult", "a": True, "b": "y"})
    assert engine._matched == {}


def test_results_are_memoised_and_equal_to_a_fresh_evaluation():
    engine = DurableMatcher()
    s = scheme(RULES)
    facts = {"age_group": "minor", "a": True, "b": "z"}
    first = engine.matched(s, facts)
    assert engine.matched(s, facts) == first == engine.evaluate(s, facts)
    assert len(engine._memo) == 1


def test_threads_get_the_same_answers_as_one_by_one():
    engine = DurableMatcher()
    s = scheme(RULES)
    facts = [{"age_group": g, "a": a, "b": b} for g in ("adult", "minor") for a in (True, False) for b in ("y", "z")]
    expected = [engine.matched(s, f) for f in facts]
    errors = []

    def work():
        for _ in range(100):
            for f, e in zip(facts, expected, strict=True):
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
        encoding="utf-8",
    )
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

    engine = DurableMatcher(memo=False)
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


def test_the_former_name_rule_engine_is_the_durable_matcher():
    assert RuleEngine is DurableMatcher


def test_registration_is_idempotent_per_version_and_refuses_other_rules_under_a_known_version():
    engine = DurableMatcher()
    s = scheme(RULES, "reg-1")
    engine.register(s)
    engine.register(s)
    assert engine.matched(s, {"age_group": "adult", "a": False, "b": "z"}) == {"adult"}
    with pytest.raises(ValueError, match="already registered with other rules"):
        engine.register(scheme(RULES[:2], "reg-1"))


def test_quirk_a_ruleset_name_can_be_registered_once_per_host():
    host = adapter._QuietHost()
    host.register_rulesets({"q6": {"r": {"all": [{"m": {"x": "y"}}], "run": lambda c: None}}})
    with pytest.raises(Exception, match="already registered"):
        host.register_rulesets({"q6": {"r": {"all": [{"m": {"x": "y"}}], "run": lambda c: None}}})


# --- durable's timer threads ---------------------------------------------------------------------


def test_quirk_a_host_starts_two_timer_threads_that_run_pending_actions_outside_the_callers_thread():
    ran_on = []
    before = set(threading.enumerate())
    host = durable.Host()
    started = set(threading.enumerate()) - before
    own = {host._d_timer, host._t_timer}  # the hosts of earlier tests re-arm timers of their own meanwhile
    assert own <= started and all(t.daemon for t in own)
    host.register_rulesets(
        {"q5": {"r": {"all": [{"m": {"x": "y"}}], "run": lambda c: ran_on.append(threading.current_thread())}}}
    )
    host.get_ruleset("q5").assert_fact({"sid": "1", "x": "y"})  # queues the action without running it
    deadline = time.time() + 10
    while not ran_on and time.time() < deadline:
        time.sleep(0.05)
    assert ran_on and ran_on[0] is not threading.current_thread(), "the dispatch thread ran the action"


QUIET = """
import os, threading, time
from rechtenverkenner.eligibility.engine import DurableMatcher
from rechtenverkenner.eligibility.files import Rule, Scheme
import datetime as dt
before = (threading.active_count(), len(os.listdir("/proc/self/task")))
m = DurableMatcher(memo=False)
s = Scheme("t", "T", dt.date(2020, 1, 1), (), (Rule("r", "c", "met", "x", (("x", "y"),), ()),), {}, "t-1")
assert m.matched(s, {"x": "y"}) == {"r"}
after = (threading.active_count(), len(os.listdir("/proc/self/task")))
ran = []
m._host.register_rulesets({"probe": {"p": {"all": [{"m": {"x": "y"}}], "run": lambda c: ran.append(1)}}})
m._host.get_ruleset("probe").assert_fact({"sid": "1", "x": "y"})  # an action left pending
time.sleep(1.5)
print(before == after, before, after, ran == [], flush=True)
"""


def test_the_adapter_host_starts_no_thread_and_never_runs_an_action_in_the_background():
    # in a fresh interpreter: this process has stock Hosts whose timer threads come and go
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    result = subprocess.run([sys.executable, "-c", QUIET], capture_output=True, text=True, timeout=60, cwd=root)
    assert result.returncode == 0, result.stderr
    same_threads, *_counts, nothing_ran = result.stdout.split()
    assert same_threads == "True", result.stdout
    assert nothing_ran == "True", result.stdout


def test_every_action_runs_on_a_calling_thread_while_it_holds_the_lock():
    seen = []

    class Watched(DurableMatcher):
        def _recorder(self, rule_id):
            record = super()._recorder(rule_id)

            def watched(c):  # one parameter: a synchronous action
                seen.append((threading.current_thread().name, self._lock.locked()))
                record(c)

            return watched

    engine = Watched(memo=False)
    s = scheme(RULES, "watched-1")
    facts = [{"age_group": g, "a": a, "b": b} for g in ("adult", "minor") for a in (True, False) for b in ("y", "z")]
    expected = [DurableMatcher(memo=False).matched(s, f) for f in facts]
    wrong = []

    def work():
        for _ in range(100):
            wrong.extend(f for f, e in zip(facts, expected, strict=True) if engine.matched(s, f) != e)

    threads = [threading.Thread(target=work, name=f"caller-{i}") for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
    assert len(seen) > 8 * 100 * len(facts)  # ALWAYS plus every matched rule
    assert {name.split("-")[0] for name, _ in seen} == {"caller"} and all(locked for _, locked in seen)


# --- one engine per process ----------------------------------------------------------------------


def test_one_engine_per_process_is_shared_by_every_app(app, small_app):
    assert app.extensions["leefloon"].engine is small_app.extensions["leefloon"].engine is process_engine()
    assert isinstance(process_engine(), DurableMatcher)


def test_a_forked_child_builds_its_own_engine():
    parent = process_engine()
    s = scheme(RULES, "fork-1")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe, never return into pytest
        try:
            child = process_engine()
            ok = child is not parent and process_engine() is child
            ok = ok and child.matched(s, {"age_group": "minor"}) == {"minor"}
            os.write(write_end, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(write_end)
    deadline = time.time() + 30
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.time() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError("the forked child did not answer")
        time.sleep(0.05)
    answer = os.read(read_end, 1)
    os.close(read_end)
    assert answer == b"1"
    assert process_engine() is parent
