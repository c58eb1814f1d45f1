"""The attacker the disclosure tests play: works a hidden figure out exactly, if it can.

It sees the published figures (``None`` where hidden) and the ways they add up, knows counts are
whole numbers and that every hidden figure is at least 1 (``lantern.analysis.disclosure`` always
shows zeros), and asks of each hidden figure: does any other whole number fit? It answers exactly:
an integer feasibility question ("is there a table that fits everything published, with this
figure at most its true value - 1, or at least its true value + 1?"), solved by branch and bound
over a simplex in exact rational arithmetic (``fractions.Fraction``; no floating point, no
tolerance). For a single two-way table with margins the constraint matrix is totally unimodular,
so the first vertex the simplex reaches is already whole and no branching happens; linked tables
may branch.

It shares nothing with the module it attacks: it reads the relations from ``table_relations``
below (written from what a reader of the page sees), not from the module's internals.

No Django here either: this is part of ``lantern.analysis`` for the import-linter contract.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction

Relation = tuple[Hashable, Sequence[Hashable]]  # (whole, parts): the parts add up to the whole


class Undetermined(Exception):
    """Branch and bound ran out of nodes: the test cannot vouch for this table either way."""


def table_relations(
    rows: Sequence[Hashable], columns: Sequence[Hashable], total_row: Hashable, total_column: Hashable
) -> list[Relation]:
    """How a reader knows a table with margins adds up: rows, columns, and both margins."""
    out: list[Relation] = [((r, total_column), [(r, c) for c in columns]) for r in rows]
    out += [((total_row, c), [(r, c) for r in rows]) for c in columns]
    out.append(((total_row, total_column), [(r, total_column) for r in rows]))
    out.append(((total_row, total_column), [(total_row, c) for c in columns]))
    return out


def recoverable(
    published: Mapping[Hashable, int | None],
    relations: Iterable[Relation],
    truth: Mapping[Hashable, int],
    *,
    node_limit: int = 2000,
) -> dict[Hashable, int]:
    """The hidden figures only one whole number fits, with that number.

    ``truth`` is used only to phrase the question (is there a fitting table in which this figure
    differs from its true value?); whether a figure is pinned depends on the published figures
    alone. Raises ``AssertionError`` if the truth itself does not fit (a broken test, or a hidden
    zero, which would break the "at least 1" the attacker relies on).
    """
    hidden = [k for k, v in published.items() if v is None]
    position = {k: j for j, k in enumerate(hidden)}
    equalities: list[tuple[dict[int, int], int]] = []
    seen = set()
    for whole, parts in relations:
        coefficients: dict[int, int] = {}
        constant = 0
        for key, c in [(whole, -1), *((p, 1) for p in parts)]:
            if published[key] is None:
                coefficients[position[key]] = coefficients.get(position[key], 0) + c
            else:
                constant += c * published[key]
        coefficients = {j: c for j, c in coefficients.items() if c}
        if not coefficients:
            assert constant == 0, f"the published figures around {whole!r} do not add up"
            continue
        signature = (tuple(sorted(coefficients.items())), constant)
        if signature not in seen:
            seen.add(signature)
            equalities.append((coefficients, -constant))
    lower = [1] * len(hidden)
    upper: list[int | None] = [None] * len(hidden)
    target = [truth[k] for k in hidden]
    point = _integer_point(equalities, lower, upper, node_limit)
    assert point is not None, "the true table does not fit what is published"
    # Any fitting table that differs from the truth in a figure proves that figure unpinned; each
    # table found along the way is used for every figure, not only the one asked about.
    free = {j for j in range(len(hidden)) if point[j] != target[j]}
    pinned = {}
    for key, j in position.items():
        if j in free:
            continue
        v = target[j]
        point = None
        if v - 1 >= 1:
            point = _integer_point(equalities, lower, _with(upper, j, v - 1), node_limit)
        if point is None:
            point = _integer_point(equalities, _with(lower, j, v + 1), upper, node_limit)
        if point is None:
            pinned[key] = v
        else:
            free |= {i for i in range(len(hidden)) if point[i] != target[i]}
    return pinned


def _with(bounds: list, j: int, value: int) -> list:
    out = list(bounds)
    out[j] = value
    return out


def _integer_point(equalities, lower, upper, node_limit) -> list[int] | None:
    """A whole-number point with the equalities and lower <= x <= upper, or None if there is
    none. Depth-first branch and bound on the first fractional coordinate of each LP vertex."""
    stack = [(list(lower), list(upper))]
    nodes = 0
    while stack:
        nodes += 1
        if nodes > node_limit:
            raise Undetermined
        lo, up = stack.pop()
        point = _lp_point(equalities, lo, up)
        if point is None:
            continue
        j = next((j for j, x in enumerate(point) if x.denominator != 1), None)
        if j is None:
            return [int(x) for x in point]
        stack.append((lo, _with(up, j, math.floor(point[j]))))
        stack.append((_with(lo, j, math.ceil(point[j])), up))
    return None


def _lp_point(equalities, lower, upper) -> list[Fraction] | None:
    """A vertex of {x : equalities, lower <= x <= upper}, or None if it is empty.

    Phase one of the simplex method on x = lower + w, w >= 0, with a slack row per upper bound and
    an artificial variable per row, minimising the artificials; Bland's rule, so it terminates.
    """
    n = len(lower)
    capped = [j for j in range(n) if upper[j] is not None]
    width = n + len(capped)
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for coefficients, constant in equalities:
        row = [Fraction(0)] * width
        b = Fraction(constant)
        for j, c in coefficients.items():
            row[j] = Fraction(c)
            b -= c * lower[j]
        if not coefficients:
            if b != 0:
                return None
            continue
        rows.append(row)
        rhs.append(b)
    for k, j in enumerate(capped):
        room = upper[j] - lower[j]
        if room < 0:
            return None
        row = [Fraction(0)] * width
        row[j] = Fraction(1)
        row[n + k] = Fraction(1)
        rows.append(row)
        rhs.append(Fraction(room))
    m = len(rows)
    for i in range(m):
        if rhs[i] < 0:
            rows[i] = [-x for x in rows[i]]
            rhs[i] = -rhs[i]
    # Tableau [A | I | b]; basis starts as the artificials. ``reduced`` is the objective row
    # (the sum of the artificials) priced out against the basis, kept up to date by each pivot.
    tableau = [rows[i] + [Fraction(int(i == k)) for k in range(m)] + [rhs[i]] for i in range(m)]
    basis = [width + i for i in range(m)]
    columns = width + m
    reduced = [-sum(tableau[i][j] for i in range(m)) for j in range(width)] + [Fraction(0)] * m
    reduced.append(-sum(rhs))
    while True:
        entering = next((j for j in range(columns) if reduced[j] < 0), None)
        if entering is None:
            break
        ratios = [
            (tableau[i][-1] / tableau[i][entering], basis[i], i)
            for i in range(m)
            if tableau[i][entering] > 0
        ]
        if not ratios:  # unbounded below: impossible for a sum of non-negative artificials
            raise AssertionError("phase one cannot be unbounded")
        _, _, leaving = min(ratios)
        pivot_row = tableau[leaving]
        pivot = pivot_row[entering]
        if pivot != 1:
            pivot_row = tableau[leaving] = [x / pivot for x in pivot_row]
        nonzero = [j for j, x in enumerate(pivot_row) if x]
        for row in [*(tableau[i] for i in range(m) if i != leaving), reduced]:
            factor = row[entering]
            if factor:
                for j in nonzero:
                    row[j] -= factor * pivot_row[j]
        basis[leaving] = entering
    if any(basis[i] >= width and tableau[i][-1] != 0 for i in range(m)):
        return None
    w = [Fraction(0)] * width
    for i, j in enumerate(basis):
        if j < width:
            w[j] = tableau[i][-1]
    return [lower[j] + w[j] for j in range(n)]
