"""Reads for the staff pages. Not allowed and not found both answer 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from lantern.youth import policies
from lantern.youth.choices import Status
from lantern.youth.models import YouthImage, YouthReport


def reports_for(*, actor) -> QuerySet[YouthReport]:
    if policies.may_triage(actor):
        return YouthReport.objects.all()
    if policies.may_see_police_reports(actor):
        return YouthReport.objects.filter(status=Status.POLICE)
    return YouthReport.objects.none()


def queue_for(*, actor) -> dict[str, list[YouthReport]]:
    """New reports first (oldest first: they have waited longest), then the decided ones."""
    reports = list(reports_for(actor=actor).order_by("received_at", "pk"))
    return {
        "new": [r for r in reports if r.status == Status.NEW],
        "decided": sorted(
            (r for r in reports if r.status != Status.NEW),
            key=lambda r: (r.decided_at is None, r.decided_at), reverse=True,
        ),
    }


def report_get(*, actor, report_id: int) -> YouthReport:
    try:
        return reports_for(actor=actor).prefetch_related("additions", "images").get(pk=report_id)
    except YouthReport.DoesNotExist:
        raise Http404 from None


def image_get(*, actor, report_id: int, image_id: int) -> YouthImage:
    report = report_get(actor=actor, report_id=report_id)
    try:
        return report.images.get(pk=image_id)
    except YouthImage.DoesNotExist:
        raise Http404 from None
