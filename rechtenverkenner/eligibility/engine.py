"""The only module that imports durable-rules: the durable Matcher, and the one engine of this process.

`DurableMatcher` implements the `Matcher` protocol of `matching.py` with a durable-rules Host; the
plain `TableMatcher` there must give the same answers (tests/eligibility/test_matching.py enumerates
every fact combination of every ruleset and compares them).

durable-rules 2.0.28 is unmaintained since 2020. Its quirks, pinned by tests/eligibility/test_engine.py:
- `delete_state` for a fact that no rule matched crashes the process (segmentation fault): every
  ruleset here gets a rule that always matches (`ALWAYS`), so every fact is handled and its state can
  be deleted;
- rules here use equality on strings and booleans only, combined with `$and` / `$or` (numbers become
  facts through named Python functions first), which keeps us off the engine's less-used paths;
- an `$or` rule fires once per matching branch: matches are collected as a set;
- `register_rulesets` mutates the dict it gets (the `run` keys disappear): it gets a deep copy;
- a ruleset name can be registered once per Host: registration is idempotent per scheme version;
- when no rule matches, `assert_fact` raises MessageNotHandledException: that is a normal outcome;
- an exception inside an action is not raised but stored in the state: actions here only record;
- state is kept per `sid` until `delete_state`: every evaluation uses a fresh sid and deletes it;
- `Host.__init__` calls `Host._run`, which starts two daemon `threading.Timer` chains that call, every
  0.2 s and outside any lock of ours, `Ruleset.dispatch()` (takes a pending action of any state and
  runs it: our recorder, on the timer thread) and `Ruleset.dispatch_timers()` (durable timers). Seen
  in practice: a few actions per 100,000 evaluations ran on a timer thread while the calling thread
  held our lock. We use neither timers nor queued actions (every action runs synchronously inside
  `assert_fact`), so `_QuietHost` overrides `_run` and starts no thread at all: the only threads that
  touch rule state are callers of `matched`, one at a time under the matcher's lock.

One engine per process (`process_engine()`): built lazily on first use inside create_app, never at
import time, rebuilt in a forked child (gunicorn keeps `preload_app` off; a fork still gets its own).
Several apps in one process (the tests) share it.
"""

from __future__ import annotations

import copy
import itertools
import os
import threading
from collections.abc import Callable, Mapping

from durable import engine as durable

from rechtenverkenner.eligibility.files import Rule, Scheme


def _clause_json(clause: tuple[tuple[str, object], ...]) -> dict:
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


class _QuietHost(durable.Host):
    """A durable Host that starts no timer threads (see the module docstring)."""

    def _run(self) -> None:
        """durable's `_run` starts the dispatch and timer threads; we need neither."""


MEMO_SIZE = 10_000


class DurableMatcher:
    """Evaluates facts against schemes' rulesets in one durable Host; thread-safe.

    The matched rules are a pure function of (ruleset version, facts), and the facts take few values
    (strings and booleans), so results are memoised per process: durable-rules evaluates each
    combination once. The memo is bounded and keyed by the ruleset version.
    """

    def __init__(self, memo: bool = True) -> None:
        self._memo_enabled = memo
        self._memo: dict[tuple, frozenset[str]] = {}
        self._host = _QuietHost()
        self._lock = threading.Lock()
        self._matched: dict[str, set[str]] = {}
        self._sids = itertools.count(1)
        self._registered: dict[str, tuple[Rule, ...]] = {}

    def register(self, scheme: Scheme) -> None:
        """Compile and register a scheme's rules once per version (durable takes a ruleset name once).

        Raises ValueError when another scheme with the same version but other rules was registered.
        """
        with self._lock:
            known = self._registered.get(scheme.version)
            if known is not None:
                if known != scheme.rules:
                    raise ValueError(f"ruleset version {scheme.version} is already registered with other rules")
                return
            ruleset = compile_ruleset(scheme.rules)
            for rule_id, body in ruleset.items():
                body["run"] = self._recorder(rule_id)
            self._host.register_rulesets({self._name(scheme): copy.deepcopy(ruleset)})
            self._registered[scheme.version] = scheme.rules

    @staticmethod
    def _name(scheme: Scheme) -> str:
        return scheme.version.replace("-", "_")

    def _recorder(self, rule_id: str) -> Callable:
        # one parameter: durable runs it synchronously (two would make it an async action with a timer)
        def record(c: object) -> None:
            self._matched.setdefault(c.m.sid, set()).add(rule_id)

        return record

    def matched(self, scheme: Scheme, facts: Mapping[str, object]) -> set[str]:
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

    def evaluate(self, scheme: Scheme, facts: Mapping[str, object]) -> set[str]:
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


RuleEngine = DurableMatcher  # the former name, kept for the bench and older callers

_process_lock = threading.Lock()
_process_engine: tuple[int, DurableMatcher] | None = None


def process_engine() -> DurableMatcher:
    """This process's matcher, built on first call; a forked child builds its own.

    The parent's Host and lock are not reused after a fork: its lock may have been held by a thread that
    does not exist in the child.
    """
    global _process_engine
    pid = os.getpid()
    current = _process_engine
    if current is not None and current[0] == pid:
        return current[1]
    with _process_lock:
        if _process_engine is None or _process_engine[0] != pid:
            _process_engine = (pid, DurableMatcher())
        return _process_engine[1]


def _after_fork_in_child() -> None:
    # the module-level lock may have been held by another thread at the moment of the fork
    global _process_lock
    _process_lock = threading.Lock()


os.register_at_fork(after_in_child=_after_fork_in_child)
