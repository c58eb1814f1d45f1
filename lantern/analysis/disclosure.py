"""Disclosure control for every count Lantern publishes: small numbers are hidden, and so is
whatever would let someone work a hidden number out again.

Why
---
A published count of 1 to ``threshold - 1`` children can identify them ("2 children in Year 8
at Oakfield"), so such counts are hidden: *primary* suppression. That alone protects nothing
when totals are published beside them. "All children: 10" and "North: 9" give "East: 1" by
subtraction; a row "hidden, 0, 0" whose total is 3 gives the hidden 3; two teams hidden in a
column can be told apart through their row totals. So more figures are hidden, *secondary*
suppression, until no hidden figure can be worked out exactly from the figures shown, along any
row, column or margin, in any table published with it.

This module is the one place that decides what may be published. Every page, report and export
that shows counts builds :class:`Table` objects and publishes only what :func:`protect` (or
:func:`protect_linked`) returns. The threshold is always the caller's (Lantern passes
``settings.LANTERN_SUPPRESSION_THRESHOLD``): this library never imports Django.

The attacker it holds out against
---------------------------------
Someone who sees every published figure of the tables protected together, knows how they add up
(cells to row and column totals, totals to the grand total, and any figure two tables share),
knows counts are whole numbers, and knows that a hidden figure is at least 1 (zeros are always
shown, see below). A hidden figure is safe when at least two values of it fit all of that.
:func:`protect` proves this for each hidden figure by constructing a second table that fits
everything published and differs in that figure (a "witness", checked before it is trusted). For
a figure it cannot prove safe it hides the cheapest published figures that make a witness
possible (cells before totals), and tries again. Hiding every non-zero figure is always safe
(doubling them all fits), so this ends; a search that gives up only hides more. The tests play
this attacker independently, solving exactly in whole numbers (``tests/attacker.py``).

Pages must show every hidden figure the same way ("hidden", never "fewer than 5"): telling the
reader which hidden figures are the small ones gives the attacker bounds (at a threshold of 2, a
"fewer than 2" *is* 1). Beyond the figures and how they add up the attacker knows nothing:
statistics drawn from hidden counts (a median, a percentage) are published only when the counts
they come from are published, so they add no equations.

Zeros
-----
A true zero is published: it identifies nobody, and "no child got worse" is often the finding.
A zero never pins a hidden figure by itself (the row "hidden, 0, hidden" with a total of 7 leaves
1 + 6, 2 + 5, ...), but a row whose only non-zero figure is hidden and whose total is published
gives that figure away. Secondary suppression sees that as any other equation with one unknown and
hides the total (or another figure) as well. Because zeros are never hidden, the attacker is
assumed to know every hidden figure is at least 1, and protection holds against that.

Not covered: an attacker who knows the children themselves (that a particular child is in North
and got worse), and group disclosure, where a published row such as "6 worse, 0 improved, 0 same"
says something about everyone in the group.

Example
-------
Children by team and outcome, published with the teams' totals, the outcome totals and the grand
total:

>>> table = Table.from_rows({
...     "North": {"improved": 6, "worse": 8},
...     "East": {"improved": 1, "worse": 0},
...     "West": {"improved": 5, "worse": 7},
... })
>>> shown = protect(table, threshold=5)
>>> shown.counts
((6, 8), (None, 0), (None, 7))
>>> shown.row_totals, shown.column_totals, shown.total
((14, None, None), (12, 15), 27)
>>> shown.reason("East", "improved"), shown.reason("West", "improved")
(<Reason.PRIMARY: 'primary'>, <Reason.SECONDARY: 'secondary'>)

East's 1 is hidden, and so is East's total (also 1). The improved column (12) would give it back
as 12 - 6 - 5, so West's 5 is hidden too; West's total (12) would then give that back as 12 - 7,
so it goes as well. What is left fits East improving 1, 2, 3, 4 or 5 (West 5, 4, 3, 2 or 1): the
attacker learns only what the published figures say, that East and West improved 6 between them.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "TOTAL",
    "Published",
    "Reason",
    "Table",
    "protect",
    "protect_linked",
    "suppress_counts",
]

#: The default label of a table's margins: the row of column totals and the column of row totals.
TOTAL = "Total"

#: How many steps one search for a witness may take before giving up (then a neighbour is hidden:
#: giving up over-suppresses, it never under-protects).
_SEARCH_BUDGET = 4000
#: How deep that search may go (it recurses; well inside Python's recursion limit).
_SEARCH_DEPTH = 400


class Reason(enum.Enum):
    """Why a figure is hidden."""

    #: The figure is from 1 to ``threshold - 1``.
    PRIMARY = "primary"
    #: The figure is not small, but with it shown a hidden one could be worked out.
    SECONDARY = "secondary"


@dataclass(frozen=True)
class Table:
    """Counts in rows x columns, to be published with their row totals, column totals and total.

    A figure is named by its (row label, column label); the margins are named with ``total_row``
    (the row of column totals) and ``total_column`` (the column of row totals), so the grand total
    is ``(total_row, total_column)``. Tables protected together by :func:`protect_linked` are
    linked through these names: the same name in two tables is the same figure. A one-dimensional
    breakdown with a total is the one-row case (:meth:`breakdown`).
    """

    rows: tuple[Hashable, ...]
    columns: tuple[Hashable, ...]
    counts: tuple[tuple[int, ...], ...]
    total_row: Hashable = TOTAL
    total_column: Hashable = TOTAL

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))
        object.__setattr__(self, "columns", tuple(self.columns))
        object.__setattr__(self, "counts", tuple(tuple(r) for r in self.counts))
        if len(set(self.rows)) != len(self.rows) or len(set(self.columns)) != len(self.columns):
            raise ValueError("row and column labels must be unique")
        if self.total_row in self.rows or self.total_column in self.columns:
            raise ValueError("a margin's label is also a row or column label")
        if len(self.counts) != len(self.rows) or any(len(r) != len(self.columns) for r in self.counts):
            raise ValueError("counts must have one row per row label and one value per column")
        for r in self.counts:
            for v in r:
                if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                    raise ValueError(f"counts are whole numbers of at least 0, not {v!r}")

    @classmethod
    def from_rows(
        cls,
        rows: Mapping[Hashable, Mapping[Hashable, int]],
        *,
        columns: Sequence[Hashable] | None = None,
        total_row: Hashable = TOTAL,
        total_column: Hashable = TOTAL,
    ) -> Table:
        """A table from ``{row: {column: count}}``; a missing count is 0. Columns default to the
        order they are first seen in."""
        if columns is None:
            columns = list(dict.fromkeys(c for r in rows.values() for c in r))
        return cls(
            tuple(rows),
            tuple(columns),
            tuple(tuple(r.get(c, 0) for c in columns) for r in rows.values()),
            total_row,
            total_column,
        )

    @classmethod
    def breakdown(
        cls, counts: Mapping[Hashable, int], *, name: Hashable = "All", total_column: Hashable = TOTAL
    ) -> Table:
        """A one-dimensional breakdown published with its total: a one-row table."""
        return cls.from_rows({name: counts}, total_column=total_column)

    def row_total(self, row: Hashable) -> int:
        return sum(self.counts[self.rows.index(row)])

    def column_total(self, column: Hashable) -> int:
        j = self.columns.index(column)
        return sum(r[j] for r in self.counts)

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts))

    def figures(self) -> dict[tuple[Hashable, Hashable], int]:
        """Every figure the table publishes, margins included, by (row, column) name."""
        out: dict[tuple[Hashable, Hashable], int] = {}
        for row, values in zip(self.rows, self.counts):
            for column, v in zip(self.columns, values):
                out[(row, column)] = v
            out[(row, self.total_column)] = sum(values)
        for j, column in enumerate(self.columns):
            out[(self.total_row, column)] = sum(r[j] for r in self.counts)
        out[(self.total_row, self.total_column)] = self.total
        return out

    def _relations(self) -> list[tuple[tuple, tuple[tuple, ...]]]:
        """(whole, parts): each row and column of the table with its margins adds up."""
        tr, tc = self.total_row, self.total_column
        relations = [((r, tc), tuple((r, c) for c in self.columns)) for r in self.rows]
        relations += [((tr, c), tuple((r, c) for r in self.rows)) for c in self.columns]
        relations.append(((tr, tc), tuple((r, tc) for r in self.rows)))
        relations.append(((tr, tc), tuple((tr, c) for c in self.columns)))
        return relations


@dataclass(frozen=True)
class Published:
    """A :class:`Table` as it may be published: hidden figures are ``None``.

    ``reasons`` names every hidden figure, margins included, by (row, column) name as in
    :meth:`Table.figures`, with why it is hidden.
    """

    table: Table
    threshold: int
    counts: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None
    reasons: Mapping[tuple[Hashable, Hashable], Reason] = field(default_factory=dict)

    def cell(self, row: Hashable, column: Hashable) -> int | None:
        """The published figure at (row, column); either may be the table's margin label."""
        return self.figures()[(row, column)]

    def row(self, row: Hashable) -> dict[Hashable, int | None]:
        """One row's published counts by column (without its total)."""
        return dict(zip(self.table.columns, self.counts[self.table.rows.index(row)]))

    def reason(self, row: Hashable, column: Hashable) -> Reason | None:
        """Why the figure at (row, column) is hidden, or None if it is published."""
        return self.reasons.get((row, column))

    def figures(self) -> dict[tuple[Hashable, Hashable], int | None]:
        t = self.table
        out: dict[tuple[Hashable, Hashable], int | None] = {}
        for row, values, row_total in zip(t.rows, self.counts, self.row_totals):
            for column, v in zip(t.columns, values):
                out[(row, column)] = v
            out[(row, t.total_column)] = row_total
        for column, v in zip(t.columns, self.column_totals):
            out[(t.total_row, column)] = v
        out[(t.total_row, t.total_column)] = self.total
        return out


def protect(table: Table, *, threshold: int) -> Published:
    """``table`` as it may be published with counts below ``threshold`` hidden (see the module)."""
    return protect_linked([table], threshold=threshold)[0]


def protect_linked(tables: Sequence[Table], *, threshold: int) -> list[Published]:
    """Protect tables shown together (on one page, or in one report) as a whole.

    Figures with the same (row, column) name in several tables are one figure: it must have the
    same value in each, and is hidden in all of them or none. Use this whenever two tables share a
    total or one table's rows add up to another's (teams within areas), so that subtraction across
    them is covered too.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"threshold must be a whole number of at least 1, not {threshold!r}")
    system = _System(tables)
    hidden = system.suppress(threshold)
    results = []
    for t in tables:
        def shown(key, t=t):
            return None if key in hidden else system.value(key)

        results.append(
            Published(
                table=t,
                threshold=threshold,
                counts=tuple(tuple(shown((r, c)) for c in t.columns) for r in t.rows),
                row_totals=tuple(shown((r, t.total_column)) for r in t.rows),
                column_totals=tuple(shown((t.total_row, c)) for c in t.columns),
                total=shown((t.total_row, t.total_column)),
                reasons={k: hidden[k] for k in t.figures() if k in hidden},
            )
        )
    return results


def suppress_counts(counts: Mapping[str, int], *, threshold: int = 5) -> dict[str, int | None]:
    """A one-dimensional breakdown with small counts (and what would reveal them) as None.

    Kept for existing callers; new code builds a :class:`Table` (``Table.breakdown``) and passes
    ``settings.LANTERN_SUPPRESSION_THRESHOLD``. The result is safe whether or not the caller
    publishes the total beside it (it is protected as if the total were published), but a caller
    that publishes the total must use :func:`protect`, which says whether the total may be shown.

    >>> suppress_counts({"North": 12, "West": 3, "East": 9}, threshold=5)
    {'North': 12, 'West': None, 'East': None}
    """
    if not counts:
        return {}
    table = Table.breakdown(counts, total_column=_BREAKDOWN_TOTAL)
    return protect(table, threshold=threshold).row("All")


#: The total of a breakdown given to ``suppress_counts``, named so no caller's label can clash.
_BREAKDOWN_TOTAL = ("suppress_counts", "total")


# --- the search ---------------------------------------------------------------------------------


class _GiveUp(Exception):
    pass


class _System:
    """Every figure of the tables, by index, and every way they add up.

    A relation is kept as (figure, coefficient) pairs whose true values sum to 0: +1 for each part
    and -1 for the whole. Figures a relation with one part makes equal (a one-row table's column
    totals are its cells; an area with one team is that team) are one figure, ``alias``.
    """

    def __init__(self, tables: Iterable[Table]) -> None:
        self.index: dict[Hashable, int] = {}
        self.keys: list[Hashable] = []
        self.values: list[int] = []
        for t in tables:
            for key, v in t.figures().items():
                i = self.index.get(key)
                if i is None:
                    self.index[key] = len(self.keys)
                    self.keys.append(key)
                    self.values.append(v)
                elif self.values[i] != v:
                    raise ValueError(f"{key!r} is {self.values[i]} in one table and {v} in another")
        raw = [
            (self.index[whole], [self.index[p] for p in parts])
            for t in tables
            for whole, parts in t._relations()
        ]
        parent = list(range(len(self.keys)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for whole, parts in raw:
            if len(parts) == 1:
                a, b = find(whole), find(parts[0])
                parent[max(a, b)] = min(a, b)
        self.alias = [find(i) for i in range(len(self.keys))]
        seen: set[frozenset[tuple[int, int]]] = set()
        self.relations: list[tuple[tuple[int, int], ...]] = []
        for whole, parts in raw:
            coefficients: dict[int, int] = {}
            for i, c in [(whole, -1), *((p, 1) for p in parts)]:
                coefficients[self.alias[i]] = coefficients.get(self.alias[i], 0) + c
            members = frozenset((i, c) for i, c in coefficients.items() if c)
            if members and members not in seen:
                seen.add(members)
                self.relations.append(tuple(sorted(members)))
        self.member_of: list[list[tuple[int, int]]] = [[] for _ in self.keys]
        for r, members in enumerate(self.relations):
            for i, c in members:
                self.member_of[i].append((r, c))
        # What hiding a figure costs: a cell 1, a total 1 more for each sum it is the total of
        # (hiding it forces a hidden figure into each of them; "all children" is dearest).
        self.weight = [1 + sum(1 for _, c in m if c < 0) for m in self.member_of]

    def value(self, key: Hashable) -> int:
        return self.values[self.index[key]]

    def suppress(self, threshold: int) -> dict[Hashable, Reason]:
        """Primary suppression, then secondary until every hidden figure is proven safe."""
        hidden: dict[int, Reason] = {
            i: Reason.PRIMARY
            for i, v in enumerate(self.values)
            if 0 < v < threshold and self.alias[i] == i
        }
        proven: set[int] = set()
        while True:
            stuck = self._first_unproven(hidden, proven)
            if stuck is None:
                return {
                    key: hidden[self.alias[i]]
                    for i, key in enumerate(self.keys)
                    if self.alias[i] in hidden
                }
            for j in self._cover(stuck, hidden):
                hidden[j] = Reason.SECONDARY

    # A witness stays valid as more figures are hidden (it changes hidden figures only, keeps
    # every relation balanced and every figure at least 1), so ``proven`` only grows.
    def _first_unproven(self, hidden: Mapping[int, Reason], proven: set[int]) -> int | None:
        for component in self._components(hidden):
            if not component <= proven and self._scalable(component):
                proven |= component
        for i in sorted(hidden):
            if i in proven:
                continue
            witness = self._witness(i, hidden)
            if witness is None:
                return i
            proven |= witness.keys()
        return None

    def _witness(self, i: int, hidden: Mapping[int, Reason], allowance: int = 0) -> dict | None:
        """A checked witness for ``i`` (either direction) that changes hidden figures and
        published ones weighing at most ``allowance``; None if the search finds none."""
        for direction in (1, -1):
            if direction < 0 and self.values[i] < 2:
                continue
            change = self._unit_witness(i, direction, hidden, allowance)
            if change is not None:
                self._check_witness(change, hidden, allowance)
                return change
        return None

    def _cover(self, stuck: int, hidden: Mapping[int, Reason]) -> set[int]:
        """The cheapest published figures whose hiding gives ``stuck`` a witness (the classic
        cheapest-cycle heuristic: in a two-way table, the cheapest cycle of figures through it,
        cells before totals); failing that within the search budget, one neighbour."""
        for allowance in (1, 2, 3, 4, 6, 8, 12, 16, 24, 32):
            change = self._witness(stuck, hidden, allowance)
            if change is not None:
                return {j for j in change if j not in hidden}
        return {self._neighbour_to_hide(stuck, hidden)}

    def _components(self, hidden: Mapping[int, Reason]) -> list[set[int]]:
        """Hidden figures grouped by the relations that join them."""
        left, out = set(hidden), []
        while left:
            stack = [left.pop()]
            component = set(stack)
            while stack:
                i = stack.pop()
                for r, _ in self.member_of[i]:
                    for j, _ in self.relations[r]:
                        if j in left:
                            left.discard(j)
                            component.add(j)
                            stack.append(j)
            out.append(component)
        return out

    def _scalable(self, component: set[int]) -> bool:
        """Whether doubling every figure in ``component`` keeps every relation balanced: true when
        the published figures in each relation it touches cancel out (usually all zeros). Then
        no figure in it has a single possible value."""
        touched = {r for i in component for r, _ in self.member_of[i]}
        return all(
            sum(c * self.values[j] for j, c in self.relations[r] if j not in component) == 0
            for r in touched
        )

    def _unit_witness(
        self, start: int, direction: int, hidden: Mapping[int, Reason], allowance: int
    ) -> dict | None:
        """A change of +1 or -1 to some figures, ``start`` by ``direction``, that keeps every
        relation balanced and every figure at least 1, changing hidden figures and published
        non-zero ones weighing at most ``allowance``; None if none is found within the budget.

        In a two-way table such a change is a cycle (+1, -1, +1, -1 around rows and columns);
        this depth-first search finds the same in linked tables, always continuing from the
        relation with fewest ways to rebalance it, hidden figures first.
        """
        values, relations, member_of = self.values, self.relations, self.member_of
        change = {start: direction}
        imbalance: dict[int, int] = {}
        for r, c in member_of[start]:
            imbalance[r] = c * direction
        steps = 0
        spent = 0

        def options(r: int) -> list[tuple[int, int]]:
            want = -1 if imbalance[r] > 0 else 1
            found = []
            for j, c in relations[r]:
                if j in change:
                    continue
                cost = 0 if j in hidden else self.weight[j]
                if cost > allowance - spent or values[j] == 0:
                    continue
                step = want if c > 0 else -want
                if step < 0 and values[j] < 2:
                    continue
                helps = sum(
                    1 for q, s in member_of[j] if q != r and imbalance.get(q, 0) * s * step < 0
                )
                found.append((cost, -helps, values[j], j, step))
            found.sort()
            return [(f[-2], f[-1]) for f in found]

        def search(depth: int = 0) -> bool:
            nonlocal steps, spent
            steps += 1
            if steps > _SEARCH_BUDGET or depth > _SEARCH_DEPTH:
                raise _GiveUp
            best = None
            for r, off in imbalance.items():
                if off:
                    choices = options(r)
                    if not choices:
                        return False
                    if best is None or len(choices) < len(best):
                        best = choices
            if best is None:
                return True
            for j, step in best:
                cost = 0 if j in hidden else self.weight[j]
                change[j] = step
                spent += cost
                for r, c in member_of[j]:
                    imbalance[r] = imbalance.get(r, 0) + c * step
                if search(depth + 1):
                    return True
                del change[j]
                spent -= cost
                for r, c in member_of[j]:
                    imbalance[r] -= c * step
            return False

        try:
            return dict(change) if search() else None
        except _GiveUp:
            return None

    def _check_witness(
        self, change: Mapping[int, int], hidden: Mapping[int, Reason], allowance: int
    ) -> None:
        """A witness is trusted only once checked: a table that fits what is (to be) published."""
        shown = [i for i in change if i not in hidden]
        if sum(self.weight[i] for i in shown) > allowance or any(self.values[i] + s < 1 for i, s in change.items()):
            raise AssertionError("witness changes too many shown figures or goes below 1")
        for r in {r for i in change for r, _ in self.member_of[i]}:
            if sum(c * change.get(j, 0) for j, c in self.relations[r]):
                raise AssertionError("witness leaves a relation unbalanced")

    def _neighbour_to_hide(self, stuck: int, hidden: Mapping[int, Reason]) -> int:
        """A published non-zero figure sharing a relation with ``stuck``, else with any figure
        hidden alongside it: the lightest (cells before totals), then the smallest, then the
        first named."""
        near = self._published_neighbours({stuck}, hidden)
        if not near:
            component = next(c for c in self._components(hidden) if stuck in c)
            near = self._published_neighbours(component, hidden)
        # Non-empty: were every figure in the relations of ``component`` hidden or zero, doubling
        # the component would be a witness (``_scalable``) and ``stuck`` would be proven.
        return min(near, key=lambda j: (self.weight[j], self.values[j], j))

    def _published_neighbours(self, figures: set[int], hidden: Mapping[int, Reason]) -> set[int]:
        return {
            j
            for i in figures
            for r, _ in self.member_of[i]
            for j, _ in self.relations[r]
            if j not in hidden and self.values[j] > 0
        }
