"""Writes for young people's reports.

Public side (no actor: nobody is signed in, and nobody is ever recorded): send a report, check
it, add more. These write no audit event and no exact time (docs/adr/0016): the report row is
the record, and its time is rounded down to the hour.

Staff side: ``youth_report_decide`` turns a report into a referral, a report passed to the
police, or no further action, with the reason in the audit trail; ``youth_report_record_
intelligence`` lets the police put it on a child's chronology as a police-only entry.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.audit.services import audit_record
from lantern.people.choices import EventType, SharingLevel
from lantern.people.models import Person
from lantern.people.services import chronology_event_add
from lantern.referrals.choices import ReferralAbout, ReferralKind, SharingBasis
from lantern.referrals.services import referral_make
from lantern.youth import events, policies, references
from lantern.youth.choices import Outcome, Status
from lantern.youth.images import CleanImage
from lantern.youth.models import YouthAddition, YouthImage, YouthReport

#: Said when a reference does not work, whether it never existed or was already used: the
#: page must not tell someone guessing which references were once real.
REFERENCE_NOT_FOUND = (
    "That reference did not work. It may have been typed wrong, or it may have been used "
    "already. Each reference works once: use the newest one you were given"
)
SHARING_REASON = (
    "Sent without a name by a young person through the young people's reporting site; "
    "there is nobody to ask."
)


def hour_of(moment: dt.datetime | None = None) -> dt.datetime:
    """``moment`` (now) rounded down to the hour: precise enough to act on, too coarse to match
    with a network log."""
    return (moment or timezone.now()).replace(minute=0, second=0, microsecond=0)


def _issue_reference(report: YouthReport) -> str:
    reference = references.new_reference()
    report.reference_hash = references.reference_hash(reference)
    report.save(update_fields=["reference_hash"])
    return reference


def _attach(report: YouthReport, picture: CleanImage | None) -> None:
    if picture is None:
        return
    image = YouthImage(
        report=report,
        token=secrets.token_hex(16),
        extension=picture.extension,
        content_type=picture.content_type,
        width=picture.width,
        height=picture.height,
    )
    image.file.save("picture", ContentFile(picture.data), save=False)
    image.save()


def youth_report_submit(
    *,
    what_happened: str,
    about: str = "",
    age_band: str = "",
    where: str = "",
    wants_contact: bool = False,
    contact_name: str = "",
    contact_how: str = "",
    contact_when: str = "",
    picture: CleanImage | None = None,
) -> tuple[YouthReport, str]:
    """Keep a report and return it with its first one-time reference (shown once, never stored)."""
    if not (what_happened or "").strip():
        raise ValidationError("Tell us what happened, or what you are worried about")
    with transaction.atomic():
        report = YouthReport.objects.create(
            received_at=hour_of(),
            about=about,
            age_band=age_band,
            what_happened=what_happened.strip(),
            where=where.strip(),
            wants_contact=bool(wants_contact),
            contact_name=contact_name.strip() if wants_contact else "",
            contact_how=contact_how.strip() if wants_contact else "",
            contact_when=contact_when.strip() if wants_contact else "",
        )
        _attach(report, picture)
        reference = _issue_reference(report)
    return report, reference


def _use_reference(typed: str) -> YouthReport:
    digest = references.reference_hash(typed)
    if digest is None:
        raise ValidationError(REFERENCE_NOT_FOUND)
    report = YouthReport.objects.select_for_update().filter(reference_hash=digest).first()
    if report is None:
        raise ValidationError(REFERENCE_NOT_FOUND)
    return report


def youth_report_follow(*, reference: str) -> tuple[YouthReport, str]:
    """Use a reference to see where a report is: the old reference stops working and a new one
    is returned."""
    with transaction.atomic():
        report = _use_reference(reference)
        return report, _issue_reference(report)


def youth_addition_add(*, reference: str, text: str) -> tuple[YouthReport, str]:
    """Add more to a report with its reference; returns the next reference."""
    if not (text or "").strip():
        raise ValidationError("Write what you want to add")
    with transaction.atomic():
        report = _use_reference(reference)
        YouthAddition.objects.create(report=report, added_at=hour_of(), text=text.strip())
        if report.status != Status.NEW:
            # Something new to read: back to the queue, with the earlier decision kept in audit.
            report.status = Status.NEW
            report.save(update_fields=["status"])
        return report, _issue_reference(report)


# --- Staff -------------------------------------------------------------------------------------


def _full_text(report: YouthReport) -> str:
    parts = [report.what_happened]
    if report.where:
        parts.append(f"Where: {report.where}")
    for addition in report.additions.all():
        parts.append(f"Added later: {addition.text}")
    return "\n\n".join(parts)


def youth_report_decide(
    *,
    actor,
    report: YouthReport,
    outcome: str,
    reason: str,
    child_first_name: str = "",
    child_last_name: str = "",
    child_known_as: str = "",
    types: list[str] | tuple[str, ...] = (),
) -> YouthReport:
    """Decide what happens to a report: a referral, passed to the police, or no further action.

    The reason goes in the audit trail with the decision. A referral is a "concern raised" made
    by the triage worker, because the young person has no account and no agency; its sharing
    basis is safeguarding, since there is nobody to ask.
    """
    if not policies.may_triage(actor):
        raise PermissionDenied
    if outcome not in Outcome.values:
        raise ValidationError("Select what happens to this report")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Enter the reason for your decision")
    with transaction.atomic():
        report = YouthReport.objects.select_for_update().get(pk=report.pk)
        if report.status != Status.NEW:
            raise ValidationError("A decision has already been made on this report")
        detail: dict = {"report_id": report.pk, "outcome": outcome}
        if outcome == Outcome.REFERRAL:
            referral = referral_make(
                actor=actor,
                kind=ReferralKind.CONCERN,
                about=ReferralAbout.CHILD,
                concerns=(
                    "Sent without a name by a young person through the young people's site.\n\n"
                    + _full_text(report)
                )[:4000],
                types=list(types),
                sharing_basis=SharingBasis.SAFEGUARDING,
                sharing_reason=SHARING_REASON,
                child_first_name=child_first_name,
                child_last_name=child_last_name,
                child_known_as=child_known_as,
            )
            report.referral = referral
            report.status = Status.REFERRED
            detail["referral_id"] = referral.pk
            action = events.REPORT_REFERRED
        elif outcome == Outcome.POLICE:
            report.status = Status.POLICE
            action = events.REPORT_PASSED_TO_POLICE
        else:
            report.status = Status.NFA
            action = events.REPORT_CLOSED_NFA
        report.outcome = outcome
        report.outcome_reason = reason
        report.decided_by = actor
        report.decided_at = timezone.now()
        report.save()
        audit_record(actor=actor, action=action, subject=report, reason=reason, detail=detail)
    return report


def youth_report_record_intelligence(
    *, actor, report: YouthReport, person: Person | None, summary: str
) -> YouthReport:
    """Put a report passed to the police on a child's chronology as police-only intelligence.

    Only the police may: "police only" is a level only a police recorder may choose
    (``lantern.access.sharing.recorder_levels``), and the entry is theirs to keep.
    """
    if not policies.may_see_police_reports(actor) or report.status != Status.POLICE:
        raise PermissionDenied
    if person is None or not person_policy.can(actor, VIEW, person):
        raise ValidationError({"person_id": "There is no record with that number that you can open"})
    if not (summary or "").strip():
        raise ValidationError({"summary": "Enter the intelligence entry"})
    with transaction.atomic():
        report = YouthReport.objects.select_for_update().get(pk=report.pk)
        if report.chronology_event_id:
            raise ValidationError("This report is already on a child's record")
        event = chronology_event_add(
            actor=actor,
            person=person,
            event_type=EventType.INTELLIGENCE,
            event_date=timezone.localtime(report.received_at).date(),
            summary=summary.strip()[:2000],
            source_type="youth.YouthReport",
            source_id=report.pk,
            sharing=SharingLevel.POLICE,
        )
        report.person = person
        report.chronology_event = event
        report.save(update_fields=["person", "chronology_event"])
    return report
