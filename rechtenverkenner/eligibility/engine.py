"""The only module that imports durable-rules: owns the Host, asserts facts, collects matched rules.

durable-rules 2.0.28 is unmaintained since 2020. Its quirks, pinned by tests/eligibility/test_engine.py:
- `delete_state` for a fact that no rule matched crashes the process (segmentation fault): every
  ruleset here gets a rule that always matches (`ALWAYS`), so every fact is handled and its state can
  be deleted;
- rules here use equality on strings and booleans only, combined with `$and` / `$or` (numbers become
  facts through named Python functions first), which keeps us off the engine's less-used paths;
- an `$or` rule fires once per matching branch: matches are collected as a set;
- `register_rulesets` mutates the dict it gets (the `run` keys disappear): it gets a deep copy;
- when no rule matches, `assert_fact` raises MessageNotHandledException: that is a normal outcome;
- an exception inside an action is not raised but stored in the state: actions here only record;
- state is kept per `sid` until `delete_state`: every evaluation uses a fresh sid and deletes it.
The Host starts two timer threads when built: build one per process, inside create_app.
"""

from __future__ import annotations

import copy
import itertools
import threading

from durable import engine as durable

from rechtenverkenner.eligibility.files import Rule, Scheme


def _clause_json(clause) -> dict:
    tests = [{fact: value} for fact, value in clause]
    return tests[0] if len(tests) == 1 else {"$and": tests}


ALWAYS = "__always__"


def compile_ruleset(rules: tuple[Rule, ...]) -> dict:
    """The durable-rules JSON ruleset for rules (without actions): one durable rule per rule id, plus
    ALWAYS, which matches every fact (see the module docstring)."""
    compiled = {ALWAYS: {"all": [{"m": {ALWAYS: True}}]}}
    for rule in rules:
        if rule.when:
            match = _clause_json(rule.when)
        else:
            branches = [_clause_json(c) for c in rule.when_any]
            match = branches[0] if len(branches) == 1 else {"$or": branches}
        compiled[rule.id] = {"all": [{"m": match}]}
    return compiled


MEMO_SIZE = 10_000


class RuleEngine:
    """Evaluates facts against schemes' rulesets in one durable Host; thread-safe.

    The matched rules are a pure function of (ruleset version, facts), and the facts take few values
    (strings and booleans), so results are memoised per process: durable-rules evaluates each
    combination once. The memo is bounded and keyed by the ruleset version.
    """

    def __init__(self, memo: bool = True):
        self._memo_enabled = memo
        self._memo: dict[tuple, frozenset[str]] = {}
        self._host = durable.Host()
        self._lock = threading.Lock()
        self._matched: dict[str, set[str]] = {}
        self._sids = itertools.count(1)
        self._registered: set[str] = set()

    def register(self, scheme: Scheme) -> None:
        """Compile and register a scheme's rules once (a ruleset name can be registered only once)."""
        with self._lock:
            if scheme.version in self._registered:
                return
            ruleset = compile_ruleset(scheme.rules)
            for rule_id, body in ruleset.items():
                body["run"] = self._recorder(rule_id)
            self._host.register_rulesets({self._name(scheme): copy.deepcopy(ruleset)})
            self._registered.add(scheme.version)

    @staticmethod
    def _name(scheme: Scheme) -> str:
        return scheme.version.replace("-", "_")

    def _recorder(self, rule_id: str):
        def record(c):
            self._matched.setdefault(c.m.sid, set()).add(rule_id)
        return record

    def matched(self, scheme: Scheme, facts: dict) -> set[str]:
        """The ids of every rule of scheme whose test holds for facts (strings and booleans)."""
        if not self._memo_enabled:
            return self.evaluate(scheme, facts)
        key = (scheme.version, tuple(sorted(facts.items())))
        hit = self._memo.get(key)
        if hit is not None:
            return set(hit)
        result = self.evaluate(scheme, facts)
        with self._lock:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = frozenset(result)
        return result

    def evaluate(self, scheme: Scheme, facts: dict) -> set[str]:
        """Run facts through durable-rules (no memo)."""
        self.register(scheme)
        name = self._name(scheme)
        with self._lock:
            sid = f"e{next(self._sids)}"
            try:
                self._host.assert_fact(name, {**facts, ALWAYS: True, "sid": sid})
            except durable.MessageNotHandledException:
                return set()  # cannot happen with ALWAYS; no state was kept, so none to delete
            self._host.delete_state(name, sid)
            matched = self._matched.pop(sid, set())
            matched.discard(ALWAYS)
            return matched
