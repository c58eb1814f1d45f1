"""The manager's figures on the team view: referrals, missing episodes and return home interview
timeliness, week by week, each as a Vega-Lite chart beside a table with the same numbers.

Whose figures: the children any of the manager's teams is involved with (an involvement that
has not ended). When the manager may open every record behind a table, its counts are exact;
when not (a restricted child, a record held by another agency's team), the table is published
through ``lantern.analysis.disclosure`` like any other count: small figures, and whatever would
give them away, are shown as "hidden", and the chart draws only what the table shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import altair as alt
from django.conf import settings
from django.db.models import CharField, DateTimeField, F, Q, Value
from django.db.models.functions import Cast
from django.utils import timezone

from lantern.access.naming import visible_person_ids
from lantern.analysis import disclosure

WEEKS = 8
TIMELINESS = ("On time", "Late", "Not held")


@dataclass
class Figures:
    """One table of weekly counts as published: rows are weeks, ``columns`` the measures."""

    id: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, list[int | None]]] = field(default_factory=list)
    totals: list[int | None] = field(default_factory=list)
    protected: bool = False
    chart: dict | None = None

    @property
    def spec(self) -> dict | None:
        """The Vega-Lite spec, under the name ``assessments/_chart.html`` reads."""
        return self.chart


def _week_starts(today: dt.date) -> list[dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def _label(monday: dt.date) -> str:
    return f"w/c {monday:%-d %b}"


def _bucket(moment: dt.datetime, starts: list[dt.date]) -> dt.date | None:
    day = timezone.localtime(moment).date()
    monday = day - dt.timedelta(days=day.weekday())
    return monday if monday in starts else None


def _children_of(teams):
    """The children the teams are involved with now, as a subquery (no query of its own)."""
    from lantern.people.models import Involvement

    today = timezone.localdate()
    return (
        Involvement.objects.filter(team__in=teams)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by()
        .values("person_id")
    )


def _publish(fig: Figures, counts: dict[dt.date, dict[str, int]], starts, exact: bool) -> Figures:
    table = disclosure.Table.from_rows(
        {_label(m): counts.get(m, {}) for m in starts}, columns=list(fig.columns))
    if exact:
        fig.rows = [(row, list(values)) for row, values in zip(table.rows, table.counts)]
        fig.totals = [table.column_total(c) for c in table.columns]
    else:
        shown = disclosure.protect(table, threshold=settings.LANTERN_SUPPRESSION_THRESHOLD)
        fig.rows = [(row, list(values)) for row, values in zip(table.rows, shown.counts)]
        fig.totals = list(shown.column_totals)
        fig.protected = True
    fig.chart = _chart(fig)
    return fig


def _chart(fig: Figures) -> dict:
    values = [{"week": row, "measure": col, "count": v}
              for row, vals in fig.rows for col, v in zip(fig.columns, vals) if v is not None]
    order = [row for row, _ in fig.rows]
    encode = {
        "x": alt.X("week:N", title="Week starting", sort=order, axis=alt.Axis(labelAngle=-45)),
        "y": alt.Y("count:Q", title="Number", axis=alt.Axis(tickMinStep=1)),
    }
    if len(fig.columns) > 1:
        encode["color"] = alt.Color(
            "measure:N", title=None, sort=list(fig.columns),
            scale=alt.Scale(domain=list(fig.columns), range=["#00703c", "#f47738", "#d4351c"]),
            legend=alt.Legend(orient="bottom"))
    chart = alt.Chart(alt.Data(values=values)).mark_bar(color="#1d70b8").encode(**encode)
    return chart.properties(
        width="container", height=200,
        description=f"Bar chart: {fig.title.lower()}; the table beside it has the same figures.",
    ).to_dict()


def _rows(children, since, now):
    """(kind, person id, when, held) for every referral, missing episode and due return home
    interview since ``since``: one UNION query, so the figures cost the page one query."""
    from lantern.missing.models import MissingEpisode, ReturnInterview
    from lantern.referrals.models import Referral

    # A typed NULL: PostgreSQL reads a bare NULL in the first part of a UNION as text.
    none = Cast(Value(None), output_field=DateTimeField())

    def columns(qs, kind: str, when: str, held):
        # Every column an annotation, made in the same order in each part: a UNION matches
        # columns by position, and Django puts model fields before annotations in the SELECT,
        # so mixing the two gives each part a different column order (PostgreSQL refuses it).
        return qs.annotate(k=Value(kind, output_field=CharField()), pid=F("person_id"),
                           at=F(when), held=held).values_list("k", "pid", "at", "held").order_by()

    referrals = columns(Referral.objects.filter(person_id__in=children, received_at__gte=since),
                        "referral", "received_at", none)
    episodes = columns(MissingEpisode.objects.filter(person_id__in=children, started_at__gte=since),
                       "episode", "started_at", none)
    interviews = columns(ReturnInterview.objects.filter(
        person_id__in=children, due_at__gte=since, due_at__lte=now), "interview", "due_at",
        F("held_at"))
    return list(referrals.union(episodes, interviews, all=True))


@dataclass
class Collected:
    """The weekly counts before publishing, and the children behind each table."""

    starts: list[dt.date]
    counts: dict[str, dict[dt.date, dict[str, int]]]
    people: dict[str, set[int]]

    @property
    def behind(self) -> set[int]:
        return set().union(*self.people.values())


def collect(*, actor) -> Collected:
    """Count the last ``WEEKS`` weeks for ``actor``'s teams (one query)."""
    starts = _week_starts(timezone.localdate())
    since = timezone.make_aware(dt.datetime.combine(starts[0], dt.time.min))
    counts: dict[str, dict[dt.date, dict[str, int]]] = {
        "referral": {}, "episode": {}, "interview": {}}
    people: dict[str, set[int]] = {"referral": set(), "episode": set(), "interview": set()}
    for kind, person_id, when, held in _rows(_children_of(actor.teams.all()), since,
                                             timezone.now()):
        week = _bucket(when, starts)
        if week is None:
            continue
        if kind == "referral":
            column = "Referrals"
        elif kind == "episode":
            column = "Missing episodes"
        else:
            column = "Not held" if held is None else ("On time" if held <= when else "Late")
        cell = counts[kind].setdefault(week, {})
        cell[column] = cell.get(column, 0) + 1
        people[kind].add(person_id)
    return Collected(starts, counts, people)


def publish(collected: Collected, visible: set[int]) -> list[Figures]:
    """The three tables as they may be shown to someone who may open ``visible``: exact where
    every child behind a table is in it, through disclosure control where not."""
    c, p = collected, collected.people
    return [
        _publish(Figures("team-referrals", "Referrals received each week", ("Referrals",)),
                 c.counts["referral"], c.starts, p["referral"] <= visible),
        _publish(Figures("team-missing", "Missing episodes starting each week",
                         ("Missing episodes",)), c.counts["episode"], c.starts,
                 p["episode"] <= visible),
        _publish(Figures("team-interviews",
                         "Return home interviews due each week: held on time, late or not held",
                         TIMELINESS), c.counts["interview"], c.starts, p["interview"] <= visible),
    ]


def team_figures(*, actor) -> tuple[list[Figures], list[int]]:
    """The three tables for ``actor``'s teams, and the ids of the children behind them.

    The team view itself uses ``collect`` and ``publish``, checking the children behind the
    figures in the same query as the children on its lists.
    """
    collected = collect(actor=actor)
    behind = collected.behind
    visible = visible_person_ids(actor, behind) if behind else set()
    return publish(collected, visible), sorted(behind)
