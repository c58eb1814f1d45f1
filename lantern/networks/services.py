"""Raising and acknowledging network alerts (ADR 0021).

``network_alerts_run(since=, on=)`` works out, **for each recipient, from the links that
recipient may see** (``visible_links``), the alerts that hold on ``on`` and did not on ``since``
(``lantern.analysis.networks.alerts_since``):

* the **lead professional** of each child with an open case gets the alerts about that child;
* each **panel** gets every alert its chair's view of the network raises, as an agenda item
  under Themes (``lantern.networks.agenda``), titled without naming anyone;
* **schools never** get a network alert.

Working from each recipient's own visible links is what keeps an alert from giving anything
away: a police-only link, or a child the recipient may not open, is not in their network, so no
alert can rest on it, name it, count it or route a path through it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from lantern.analysis.networks import Alert, Facts, alerts_since
from lantern.audit.services import audit_record
from lantern.networks import events
from lantern.networks.models import NetworkAlert
from lantern.networks.nodes import end_of, node_id

HIGH_RISK = ("high", "very_high")
CONCERN_ROLES = ("suspect", "controller")


def _academic_year(d: dt.date) -> int:
    return d.year if d.month >= 9 else d.year - 1


def facts_for(rows: list[dict], on: dt.date) -> dict[str, Facts]:
    """What the alert rules need to know about the entities in ``rows``, as at ``on``."""
    from lantern.intelligence.models import CountyLine
    from lantern.intelligence.roles import is_child
    from lantern.panels.models import PanelReferral
    from lantern.people.models import Person, SchoolEnrolment

    person_ids = {r[f"{e}_id"] for r in rows for e in "ab" if r[f"{e}_kind"] == "person"}
    line_ids = {r[f"{e}_id"] for r in rows for e in "ab" if r[f"{e}_kind"] == "line"}
    people = {pk: is_child(kind, dob, on) for pk, kind, dob in
              Person.objects.filter(pk__in=person_ids).values_list("pk", "kind", "date_of_birth")}
    open_refs = PanelReferral.objects.filter(person_id__in=person_ids, status="open",
                                             referred_on__lte=on)
    high = set(open_refs.filter(risk_level__in=HIGH_RISK).values_list("person_id", flat=True))
    concern = set(open_refs.filter(subject_kind="person").values_list("person_id", flat=True))
    for r in rows:
        for e in "ab":
            if r[f"{e}_kind"] == "person" and r[f"{e}_role"] in CONCERN_ROLES:
                concern.add(r[f"{e}_id"])
    school: dict[int, tuple] = {}
    for pid, sid, year, start, end in (
        SchoolEnrolment.objects.filter(person_id__in=person_ids, start_date__lte=on)
        .order_by("start_date").values_list("person_id", "school_id", "year_group", "start_date",
                                            "end_date")
    ):
        if end is None or end >= on:
            school[pid] = (sid, year + _academic_year(on) - _academic_year(start))
    facts: dict[str, Facts] = {}
    for pk, child in people.items():
        sid, year = school.get(pk, (None, None))
        facts[node_id("person", pk)] = Facts(
            child=child, high_risk=child and pk in high, of_concern=(not child) and pk in concern,
            school=sid if child else None, year_group=year if child else None)
    for line in CountyLine.objects.filter(pk__in=line_ids):
        facts[node_id("line", line.pk)] = Facts(active_line=line.status_on(on) == "active")
    for r in rows:
        for e in "ab":
            if r[f"{e}_kind"] == "context":
                facts.setdefault(node_id("context", r[f"{e}_id"]), Facts(kind="place"))
    return facts


def link_tuples(rows: Iterable[dict]) -> list[tuple]:
    return [(node_id(r["a_kind"], r["a_id"]), node_id(r["b_kind"], r["b_id"]), r["type"],
             r["strength"], r["first_seen"], r["last_seen"], r["id"]) for r in rows]


def alerts_for(actor, *, since: dt.date, on: dt.date) -> list[Alert]:
    """The new alerts in the network ``actor`` may see (nothing else is read)."""
    from lantern.intelligence.selectors import visible_links

    rows = visible_links(actor=actor)
    if not rows:
        return []
    return alerts_since(link_tuples(rows), facts_for(rows, on), since=since, on=on,
                        facts_since=facts_for(rows, since))


def _path_text(alert: Alert) -> str:
    parts = []
    for path in alert.paths:
        parts.append(" ".join(n if link is None else f"{n}@{link[6]}" for n, link in path))
    return "|".join(parts)


def _dedupe(alert: Alert, who: str) -> str:
    return hashlib.sha256(f"{who}|{alert.key!r}".encode()).hexdigest()


def _store(*, alert: Alert, since, on, recipient=None, panel=None, subject_id=None) -> NetworkAlert | None:
    who = f"u{recipient.pk}" if recipient is not None else f"p{panel.pk}"
    key = _dedupe(alert, f"{who}|{subject_id}")
    if NetworkAlert.objects.filter(dedupe=key).exists():
        return None
    with transaction.atomic():
        obj = NetworkAlert.objects.create(
            recipient=recipient, panel=panel, rule=alert.kind, about=alert.about,
            subject_id=subject_id, path=_path_text(alert)[:4000], since=since, on=on, dedupe=key)
        audit_record(
            actor=None, action=events.ALERT_RAISED, subject_type="people.person",
            subject_ids=[subject_id] if subject_id else [],
            detail={"alert_id": obj.pk, "rule": alert.kind,
                    "recipient_id": getattr(recipient, "pk", None), "panel_id": getattr(panel, "pk", None)},
        )
    return obj


def network_alerts_run(*, since: dt.date, on: dt.date) -> dict[str, int]:
    """Raise the alerts that became true between ``since`` and ``on``. Safe to run again: an
    alert already raised for a recipient is not raised twice."""
    from lantern.cases.models import Case
    from lantern.networks.policies import may_receive_alerts
    from lantern.panels.models import Panel

    if since > on:
        raise ValueError("since must be on or before on")
    raised = {"lead": 0, "panel": 0}
    leads: dict[int, set[int]] = {}
    users = {}
    for case in Case.objects.filter(status="open", lead__isnull=False).select_related("lead"):
        leads.setdefault(case.lead_id, set()).add(case.person_id)
        users[case.lead_id] = case.lead
    for lead_id, children in sorted(leads.items()):
        lead = users[lead_id]
        if not may_receive_alerts(lead):
            continue
        for alert in alerts_for(lead, since=since, on=on):
            for subject in alert.subjects:
                kind, pk = end_of(subject)
                if kind == "person" and pk in children and _store(
                        alert=alert, since=since, on=on, recipient=lead, subject_id=pk):
                    raised["lead"] += 1
    for panel in Panel.objects.select_related("chair").order_by("pk"):
        if not may_receive_alerts(panel.chair):
            continue
        for alert in alerts_for(panel.chair, since=since, on=on):
            if _store(alert=alert, since=since, on=on, panel=panel):
                raised["panel"] += 1
    return raised


def alert_acknowledge(*, actor, alert: NetworkAlert) -> NetworkAlert:
    """Only the recipient acknowledges their own alert."""
    if alert.recipient_id != actor.pk:
        from django.http import Http404

        raise Http404
    if alert.acknowledged_at is None:
        with transaction.atomic():
            alert.acknowledged_at = timezone.now()
            alert.save(update_fields=["acknowledged_at"])
            audit_record(actor=actor, action=events.ALERT_ACKNOWLEDGED, subject_type="people.person",
                         subject_ids=[alert.subject_id] if alert.subject_id else [],
                         detail={"alert_id": alert.pk})
    return alert
