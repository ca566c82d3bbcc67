"""Graphs of the catalogue: rights that depend on other rights must not depend on themselves."""


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of right ids in graph (id -> the ids it depends on) as a path, or [] when it is a DAG."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph.get(start, ()))))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return [*path[path.index(child) :], child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return []
