"""The manager's figures on the team view: referrals, missing episodes and return home interview
timeliness, week by week, each as a Vega-Lite chart beside a table with the same numbers.

Whose figures: the children any of the manager's teams is involved with (an involvement that
has not ended) **and whose records the manager may open**, counted exactly.

Why not every child, with disclosure control: small-number suppression guards a table against a
reader who sees only the table. A manager is not that reader: she may open every other child
behind the figure and count them herself, so "6 missing this week" beside the 5 she can see
gives away the restricted child's episode, whatever is hidden. A child she may not open is
therefore not counted at all, and the page says so in the same words whether or not there is
one (the team view's "Not listed below" line is the only place such children are counted).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import altair as alt
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
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
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


def _publish(fig: Figures, counts: dict[dt.date, dict[str, int]], starts) -> Figures:
    table = disclosure.Table.from_rows(
        {_label(m): counts.get(m, {}) for m in starts}, columns=list(fig.columns))
    fig.rows = [(row, list(values)) for row, values in zip(table.rows, table.counts)]
    fig.totals = [table.column_total(c) for c in table.columns]
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
    """What happened each week, one ``(kind, week, column, person id)`` per event, before it is
    counted for a reader."""

    starts: list[dt.date]
    events: list[tuple[str, dt.date, str, int]]

    @property
    def behind(self) -> set[int]:
        return {person_id for *_, person_id in self.events}

    def counts(self, kind: str, visible: set[int]) -> dict[dt.date, dict[str, int]]:
        out: dict[dt.date, dict[str, int]] = {}
        for event_kind, week, column, person_id in self.events:
            if event_kind == kind and person_id in visible:
                cell = out.setdefault(week, {})
                cell[column] = cell.get(column, 0) + 1
        return out


def collect(*, actor) -> Collected:
    """Count the last ``WEEKS`` weeks for ``actor``'s teams (one query)."""
    starts = _week_starts(timezone.localdate())
    since = timezone.make_aware(dt.datetime.combine(starts[0], dt.time.min))
    events = []
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
        events.append((kind, week, column, person_id))
    return Collected(starts, events)


def publish(collected: Collected, visible: set[int]) -> list[Figures]:
    """The three tables for someone who may open ``visible``: exact counts of those children
    only (the module docstring says why)."""
    c = collected
    return [
        _publish(Figures("team-referrals", "Referrals received each week", ("Referrals",)),
                 c.counts("referral", visible), c.starts),
        _publish(Figures("team-missing", "Missing episodes starting each week",
                         ("Missing episodes",)), c.counts("episode", visible), c.starts),
        _publish(Figures("team-interviews",
                         "Return home interviews due each week: held on time, late or not held",
                         TIMELINESS), c.counts("interview", visible), c.starts),
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
