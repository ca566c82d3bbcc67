"""The rights check (issue 9): which rights of the catalogue may this client have, and why not.

situation  the request's facts by JSON path (absent = unknown)
core       tri-state results, the evaluation context, the "near a limit" rule
leaves     one function per condition type, with its Dutch sentence; Kleene `any` and `not`
income     household scopes, dated income limits, the generic `fact` condition
engine     every right in scope of a municipality: conditions combined by the Matcher, dependencies, leefloon
"""
