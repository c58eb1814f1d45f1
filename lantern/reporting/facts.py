"""The fact tables (``lantern.analysis.statistics.schema``) read from the app's database.

Why through the ORM and not SQL views: the same code reads SQLite and PostgreSQL, the facts
need a little logic the tables do not hold (a child's area on a day, a return home interview
paired with its episode, the next review done), and the counting then runs on an in-process
DuckDB with the one set of definitions (ADR 0022). The facts are every child's, not the
viewer's: the statistics are published only through disclosure control.

``build()`` is cached for a short while per database state (the latest row ids and counts), so
a dashboard filtered several ways reads the database once.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict

from django.apps import apps
from django.db.models import Count, Max

from lantern.analysis.statistics import duckdb_from_rows
from lantern.analysis.statistics.vocab import nrm_type_from_words
from lantern.people.models import Address, ChronologyEvent, Involvement, Person

#: Seconds a built set of facts is reused while the database looks unchanged.
CACHE_SECONDS = 60
_cache: dict = {}
_lock = threading.Lock()


def _age(dob: dt.date | None, on: dt.date | None) -> int | None:
    if dob is None or on is None:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _children() -> tuple[list[tuple], dict[int, tuple]]:
    """facts_children rows, and per child (date of birth, area, team)."""
    areas: dict[int, tuple] = {}
    for pid, area, start in (Address.objects.filter(person__kind="child", district__isnull=False,
                                                     end_date__isnull=True)
                             .values_list("person_id", "district__area__name", "start_date")):
        if pid not in areas or (start or dt.date.min) >= (areas[pid][1] or dt.date.min):
            areas[pid] = (area, start)
    teams: dict[int, str] = {}
    for pid, team in (Involvement.objects.filter(person__kind="child", is_lead=True, end_date__isnull=True,
                                                 team__isnull=False)
                      .order_by("person_id", "-start_date", "-id").values_list("person_id", "team__name")):
        teams.setdefault(pid, team)
    rows, info = [], {}
    for pid, dob, sex in Person.objects.filter(kind="child").values_list("id", "date_of_birth", "sex"):
        area = areas.get(pid, ("", None))[0] or ""
        team = teams.get(pid, "")
        rows.append((pid, dob, sex, area, team))
        info[pid] = (dob, area, team)
    return rows, info


def _events(children: dict) -> tuple[list[tuple], list, dict]:
    """facts_events rows; the chronology-only missing episodes and NRM referrals (the synthetic
    history's, with no record in their own app); return interview entries by child."""
    from lantern.accounts.models import Area

    area_names = dict(Area.objects.values_list("id", "name"))
    nrm_words = dict(ChronologyEvent.objects.filter(event_type="nrm", subtype="referral", source_type="")
                     .values_list("id", "summary"))
    rows, chronology_only, interviews = [], [], defaultdict(list)
    qs = (ChronologyEvent.objects.filter(person__kind="child")
          .values_list("id", "person_id", "event_date", "event_type", "subtype", "concern_type",
                       "method", "area_id", "arrested", "charged", "convicted", "source_type"))
    # One plain fetch, not ``.iterator()``: PostgreSQL plans a server-side cursor for the first
    # rows (``cursor_tuple_fraction``) and picked a nested loop over the people, 35x slower for
    # the county's 265,000 events (14 s against 0.4 s); the rows are small and all needed.
    for (eid, pid, day, etype, subtype, concern, method, area_id, arrested, charged, convicted,
         source_type) in qs:
        dob, home, team = children.get(pid, (None, "", ""))
        area = area_names.get(area_id) or home
        rows.append((eid, pid, day, day.year if day else None, etype, subtype, concern, method,
                     area, team, _age(dob, day), int(arrested), int(charged), int(convicted)))
        if not source_type and day is not None:
            if etype == "missing":
                chronology_only.append((eid, pid, day, area, team, subtype))
            elif etype == "return_interview":
                interviews[pid].append((day, subtype))
            elif etype == "nrm" and subtype == "referral":
                chronology_only.append(("nrm", eid, pid, day, area, team,
                                        nrm_type_from_words(nrm_words.get(eid, ""))))
    return rows, chronology_only, interviews


def _charges(children) -> list[tuple]:
    if not apps.is_installed("lantern.nrm"):
        return []
    from lantern.nrm.models import Charge

    out = []
    for cid, pid, day, outcome in Charge.objects.values_list("id", "person_id", "charged_on", "outcome"):
        if pid not in children:
            continue
        dob, area, team = children[pid]
        out.append((-cid, pid, day, day.year, "charge", "", "", "", area, team, _age(dob, day), 0, 1,
                    int(outcome == "convicted")))
    return out


def _missing(children, chronology_only, interviews) -> list[tuple]:
    """Episodes recorded in the missing app, with their interview; and episodes the synthetic
    history holds only as chronology entries, paired with the next interview entry within 14
    days (its subtype is the outcome)."""
    rows = []
    if apps.is_installed("lantern.missing"):
        from lantern.missing.models import MissingEpisode

        mirrored = dict(ChronologyEvent.objects.filter(source_type="missing.MissingEpisode")
                        .values_list("source_id", "area__name"))
        for ep in MissingEpisode.objects.select_related("interview").filter(person__kind="child"):
            dob, area, team = children.get(ep.person_id, (None, "", ""))
            day = ep.started_at.date()
            rows.append((ep.pk, ep.person_id, day, day.year, mirrored.get(ep.pk) or area, team,
                         ep.risk_grade, _rhi(ep)))
    for item in chronology_only:
        if item[0] == "nrm":
            continue
        eid, pid, day, area, team, grade = item
        outcome = "not_offered"
        for when, subtype in sorted(interviews.get(pid, ())):
            if day <= when <= day + dt.timedelta(days=14) and subtype in ("within_72h", "late", "declined"):
                outcome = subtype
                break
        rows.append((-eid, pid, day, day.year, area, team, grade, outcome))
    return rows


def _rhi(episode) -> str:
    interview = getattr(episode, "interview", None)
    if interview is None:
        return "not_offered"
    if interview.status == "completed" and interview.held_at and episode.ended_at:
        return "within_72h" if interview.held_at - episode.ended_at <= dt.timedelta(hours=72) else "late"
    if interview.status == "completed":
        return "late"
    if interview.status == "declined":
        return "declined"
    if interview.status in ("offered", "accepted"):
        return "pending"
    return "not_offered"


def _nrm(children, chronology_only) -> list[tuple]:
    rows = []
    if apps.is_installed("lantern.nrm"):
        from lantern.nrm.models import NrmReferral

        for ref in NrmReferral.objects.prefetch_related("types").filter(person__kind="child"):
            dob, area, team = children.get(ref.person_id, (None, "", ""))
            kinds = [t.kind for t in ref.types.all()] or [""]
            if ref.county_lines and "county_lines" not in kinds:
                kinds.append("county_lines")
            for kind in kinds:
                rows.append((ref.pk, ref.person_id, ref.submitted_on, ref.submitted_on.year, area, team, kind))
    for item in chronology_only:
        if item[0] != "nrm":
            continue
        _, eid, pid, day, area, team, kind = item
        rows.append((-eid, pid, day, day.year, area, team, kind))
    return rows


def _assessments(children) -> list[tuple]:
    if not apps.is_installed("lantern.assessments"):
        return []
    from lantern.assessments.models import Assessment

    done = (Assessment.objects.filter(kind="risk", status="approved", person__kind="child")
            .order_by("person_id", "tool", "as_at", "id")
            .values_list("id", "person_id", "tool", "as_at", "final_level_label", "override_decision",
                         "review_due"))
    rows, previous = [], {}
    items = list(done)
    nxt: dict[int, dt.date | None] = {}
    for aid, pid, tool, as_at, *_ in items:
        key = (pid, tool)
        if key in previous:
            nxt[previous[key]] = as_at
        previous[key] = aid
    for aid, pid, _tool, as_at, level, override, review_due in items:
        _dob, area, team = children.get(pid, (None, "", ""))
        rows.append((aid, pid, as_at, area, team, level, int(override == "approved"), review_due,
                     nxt.get(aid)))
    return rows


def _panel_items() -> list[tuple]:
    if not apps.is_installed("lantern.panels"):
        return []
    from lantern.panels.choices import RiskLevel, Route
    from lantern.panels.models import AgendaItem

    routes, levels = dict(Route.choices), dict(RiskLevel.choices)
    qs = AgendaItem.objects.filter(meeting__status="signed", discussed=True, referral__person__isnull=False)
    return [(i, held, routes.get(route, ""), levels.get(level, ""))
            for i, held, route, level in qs.values_list("id", "meeting__held_on", "route", "risk_level")]


def _disruption() -> list[tuple]:
    if not apps.is_installed("lantern.disruption"):
        return []
    from lantern.disruption import tactics
    from lantern.disruption.choices import Outcome
    from lantern.disruption.models import DisruptionAction

    outcomes = dict(Outcome.choices)
    qs = DisruptionAction.objects.annotate(n_breaches=Count("breaches")).values_list(
        "id", "started_on", "tactic", "outcome", "n_breaches")
    return [(i, d, tactics.name_of(t), outcomes.get(o, ""), int(n > 0)) for i, d, t, o, n in qs]


def _lines() -> list[tuple]:
    """County Lines with their status history, from the intelligence register
    (``lantern.intelligence``): one row per line and status period. A status holds from its
    effective date until the next one's (the register's own rule, ``lantern.analysis.lines``:
    on one date the later entry recorded wins)."""
    if not apps.is_installed("lantern.intelligence"):
        return []
    from lantern.intelligence.lines import histories

    out = []
    for line_id, (area, history) in enumerate(histories(), 1):
        by_day: dict[dt.date, str] = {}
        for when, status in history:  # recorded order: the last entry of a day stands
            by_day[when] = status
        days = sorted(by_day)
        for k, day in enumerate(days):
            out.append((line_id, area or "", by_day[day], day, days[k + 1] if k + 1 < len(days) else None))
    return out


def rows() -> dict[str, list[tuple]]:
    children, info = _children()
    events, chronology_only, interviews = _events(info)
    return {
        "facts_children": children,
        "facts_events": events + _charges(info),
        "facts_missing": _missing(info, chronology_only, interviews),
        "facts_nrm": _nrm(info, chronology_only),
        "facts_lines": _lines(),
        "facts_assessments": _assessments(info),
        "facts_panel_items": _panel_items(),
        "facts_disruption": _disruption(),
    }


def _state() -> tuple:
    """A cheap fingerprint of the data behind the facts."""
    return (
        tuple(ChronologyEvent.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        tuple(Person.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        *[_model_state(label) for label in ("nrm.NrmReferral", "nrm.Charge", "missing.MissingEpisode",
                                            "missing.ReturnInterview", "assessments.Assessment",
                                            "panels.AgendaItem", "disruption.DisruptionAction",
                                            "intelligence.LineStatusChange")],
    )


def _model_state(label: str):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    fields = {f.name for f in model._meta.fields}
    agg = {"n": Count("id")}
    if "updated_at" in fields:
        agg["u"] = Max("updated_at")
    return tuple(model.objects.aggregate(**agg).values())


def engine(*, fresh: bool = False):
    """An in-process DuckDB holding the facts (reused while the database looks unchanged)."""
    from django.db import connection

    key = (connection.settings_dict.get("NAME"), _state())
    with _lock:
        hit = _cache.get("facts")
        if not fresh and hit and hit[0] == key and time.monotonic() - hit[1] < CACHE_SECONDS:
            return hit[2]
    db = duckdb_from_rows(rows(), threads=2)
    with _lock:
        _cache["facts"] = (key, time.monotonic(), db)
    return db
