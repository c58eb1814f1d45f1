"""Writes for intelligence: named, keyword-only, in a transaction, audited (house rule 2).

Each service checks who may do it (``policies``) and what they may touch: a link's ends must be
entities the actor may see, so nobody can link (and so probe) a record they may not open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.access import sharing as content_sharing
from lantern.access.policies import person_policy
from lantern.access.scopes import ADD_EVENT, VIEW
from lantern.audit.services import audit_record
from lantern.intelligence import events, policies
from lantern.intelligence.choices import (
    EncounterKind,
    EncounterOutcome,
    EntityKind,
    HandlingCode,
    IntelAssessment,
    LineStatus,
    LinkType,
    MentionKind,
    OffenceType,
    Role,
    SourceEvaluation,
    Strength,
    SubmissionSource,
    SubmissionStatus,
)
from lantern.intelligence.entities import End, visible_ends
from lantern.intelligence.models import (
    CountyLine,
    FoundWith,
    IntelligenceReport,
    LineStatusChange,
    Link,
    PartnerSubmission,
    Phone,
    PoliceEncounter,
    ReportEntity,
    SubmissionMention,
)
from lantern.people.choices import EventType, SharingLevel

_DIGITS = re.compile(r"\D")


def _require(condition) -> None:
    if not condition:
        raise PermissionDenied


def _text(value, message: str = "") -> str:
    text = (value or "").strip()
    if message and not text:
        raise ValidationError(message)
    return text


def _not_future(when: dt.date | None, what: str) -> None:
    if when is not None and when > timezone.localdate():
        raise ValidationError(f"The {what} must be today or in the past")


def _reference(model, prefix: str, pk: int) -> str:
    return f"{prefix}-{timezone.localdate().year}-{pk:05d}"


# --- Entities ---------------------------------------------------------------------------------


def normalise_number(number: str) -> str:
    """Digits only; a UK +44 prefix becomes 0. Raises ValidationError for anything that is not a
    phone number (10 to 13 digits)."""
    digits = _DIGITS.sub("", number or "")
    if (number or "").strip().startswith("+44") and digits.startswith("44"):
        digits = "0" + digits[2:]
    if not 10 <= len(digits) <= 13:
        raise ValidationError("Enter a phone number, like 07700 900123")
    return digits


def phone_get_or_create(*, number: str, kind: str = "") -> Phone:
    phone, created = Phone.objects.get_or_create(number=normalise_number(number),
                                                 defaults={"kind": kind or "unknown"})
    if not created and kind and phone.kind == "unknown":
        Phone.objects.filter(pk=phone.pk).update(kind=kind)
        phone.kind = kind
    return phone


# --- Links ------------------------------------------------------------------------------------


def _link_sharing(actor, level: str | None, sanitised: bool) -> str:
    agency = getattr(actor, "agency", None)
    return content_sharing.choose_level(
        actor=actor, event_type=EventType.INTELLIGENCE, agency_kind=getattr(agency, "kind", None),
        level=level, sanitised=sanitised,
    )


def link_add(
    *, actor, a: End, b: End, link_type: str, strength: str, a_role: str = "", b_role: str = "",
    first_seen: dt.date | None = None, last_seen: dt.date | None = None,
    report: IntelligenceReport | None = None, sharing: str | None = None,
    sanitised: bool = False, note: str = "",
) -> Link:
    """Link two entities the actor may see (police only). ``sharing`` empty: police only for a
    police recorder; wider needs ``sanitised`` (the note and the link itself may go wider)."""
    _require(policies.may_record(actor))
    if link_type not in LinkType.values:
        raise ValidationError("Choose the type of link")
    if strength not in Strength.values:
        raise ValidationError("Choose how strong the link is")
    for role in (a_role, b_role):
        if role and role not in Role.values:
            raise ValidationError("Choose each end's role from the list")
    if a == b:
        raise ValidationError("Choose two different things to link")
    ends = [(str(a[0]), int(a[1])), (str(b[0]), int(b[1]))]
    if not set(ends) <= visible_ends(actor, ends):
        raise PermissionDenied
    _not_future(first_seen, "date first seen")
    if first_seen and last_seen and last_seen < first_seen:
        raise ValidationError("The date last seen must be the same as or after the date first seen")
    level = _link_sharing(actor, sharing, sanitised)
    with transaction.atomic():
        link = Link.objects.create(
            a_kind=ends[0][0], a_id=ends[0][1], a_role=a_role, b_kind=ends[1][0], b_id=ends[1][1],
            b_role=b_role, link_type=link_type, strength=strength, first_seen=first_seen,
            last_seen=last_seen, source_agency=actor.agency, source_report=report,
            sharing=level, note=_text(note)[:500], created_by=actor,
        )
        _audit_link(actor, events.LINK_ADDED, link)
    return link


def _audit_link(actor, action: str, link: Link, **extra) -> None:
    people = [i for k, i in ((link.a_kind, link.a_id), (link.b_kind, link.b_id))
              if k == EntityKind.PERSON]
    audit_record(actor=actor, action=action, subject_type="people.person", subject_ids=people,
                 detail={"link_id": link.pk, "type": link.link_type, "sharing": link.sharing,
                         **extra})


def link_end(*, actor, link: Link, last_seen: dt.date) -> Link:
    _require(policies.may_record(actor))
    _not_future(last_seen, "date last seen")
    if link.first_seen and last_seen < link.first_seen:
        raise ValidationError("The date last seen must be the same as or after the date first seen")
    with transaction.atomic():
        link.last_seen = last_seen
        link.save(update_fields=["last_seen"])
        _audit_link(actor, events.LINK_ENDED, link, last_seen=last_seen.isoformat())
    return link


# --- County Lines -----------------------------------------------------------------------------


def _numbers(numbers: Iterable[str]) -> list[str]:
    out = []
    for n in numbers:
        if n and n.strip():
            digits = normalise_number(n)
            if digits not in out:
                out.append(digits)
    return out


def _set_numbers(*, actor, line: CountyLine, numbers: list[str], on: dt.date | None) -> None:
    """Make the line's numbers that ``actor`` reads the ones given. Only links at a sharing level
    they read are compared (the edit form shows only those), so a number recorded at a level
    they do not read is neither shown to them nor removed by them."""
    have = {link.b_id: link for link in Link.objects.filter(policies.link_readable_q(actor)).filter(
        a_kind=EntityKind.LINE, a_id=line.pk, link_type=LinkType.USES_NUMBER, b_kind=EntityKind.PHONE)}
    wanted = {phone_get_or_create(number=n, kind="deal_line").pk for n in numbers}
    for phone_id in sorted(wanted - set(have)):
        Link.objects.create(
            a_kind=EntityKind.LINE, a_id=line.pk, b_kind=EntityKind.PHONE, b_id=phone_id,
            link_type=LinkType.USES_NUMBER, strength=Strength.CONFIRMED, first_seen=on,
            source_agency=actor.agency, sharing=SharingLevel.STATUTORY, created_by=actor,
        )
    for phone_id in set(have) - wanted:
        have[phone_id].delete()


def line_create(
    *, actor, brand: str, importing_area, exporting_area: str, opened_on: dt.date,
    numbers: Iterable[str] = (), importing_district=None, police_notes: str = "",
) -> CountyLine:
    """Add a line to the register, active from ``opened_on``. Its numbers are deal-line phones
    linked to it (shared with statutory partners: they need to recognise a number)."""
    _require(policies.may_record(actor))
    brand = _text(brand, "Enter the line's name or brand")
    exporting_area = _text(exporting_area, "Enter the exporting force or area")
    if importing_area is None:
        raise ValidationError("Choose the importing area")
    if opened_on is None:
        raise ValidationError("Enter the date the line was first known to be active")
    _not_future(opened_on, "date the line was first active")
    if importing_district is not None and importing_district.area_id != importing_area.pk:
        raise ValidationError("Choose a district in the importing area")
    nums = _numbers(numbers)
    with transaction.atomic():
        line = CountyLine.objects.create(
            brand=brand, importing_area=importing_area, importing_district=importing_district,
            exporting_area=exporting_area, police_notes=_text(police_notes), created_by=actor,
        )
        LineStatusChange.objects.create(line=line, status=LineStatus.ACTIVE, effective_on=opened_on,
                                        reason="Added to the register", recorded_by=actor)
        _set_numbers(actor=actor, line=line, numbers=nums, on=opened_on)
        audit_record(actor=actor, action=events.LINE_CREATED, subject=line,
                     detail={"line_id": line.pk, "numbers": len(nums)})
    return line


def line_update(
    *, actor, line: CountyLine, brand: str, importing_area, exporting_area: str,
    numbers: Iterable[str] = (), importing_district=None, police_notes: str = "",
) -> CountyLine:
    _require(policies.may_record(actor))
    brand = _text(brand, "Enter the line's name or brand")
    exporting_area = _text(exporting_area, "Enter the exporting force or area")
    if importing_area is None:
        raise ValidationError("Choose the importing area")
    if importing_district is not None and importing_district.area_id != importing_area.pk:
        raise ValidationError("Choose a district in the importing area")
    nums = _numbers(numbers)
    with transaction.atomic():
        line.brand, line.importing_area, line.importing_district = brand, importing_area, importing_district
        line.exporting_area, line.police_notes = exporting_area, _text(police_notes)
        line.save()
        first = line.status_changes.order_by("effective_on", "id").first()
        _set_numbers(actor=actor, line=line, numbers=nums, on=first.effective_on if first else None)
        audit_record(actor=actor, action=events.LINE_UPDATED, subject=line,
                     detail={"line_id": line.pk, "numbers": len(nums)})
    return line


def line_status_change(*, actor, line: CountyLine, status: str, effective_on: dt.date,
                       reason: str) -> LineStatusChange:
    """Record a change of status with its reason. The history is kept whole: counts as at any
    date read it."""
    _require(policies.may_record(actor))
    if status not in LineStatus.values:
        raise ValidationError("Choose the new status")
    if effective_on is None:
        raise ValidationError("Enter the date the status changed")
    _not_future(effective_on, "date the status changed")
    reason = _text(reason, "Enter the reason for the change")
    first = line.status_changes.order_by("effective_on", "id").first()
    if first is not None and effective_on < first.effective_on:
        raise ValidationError("The date must be on or after the date the line was first active")
    if line.status_on(effective_on) == status:
        raise ValidationError(f"The line was already {LineStatus(status).label.lower()} on that date")
    with transaction.atomic():
        change = LineStatusChange.objects.create(line=line, status=status, effective_on=effective_on,
                                                 reason=reason, recorded_by=actor)
        audit_record(actor=actor, action=events.LINE_STATUS_CHANGED, subject=line,
                     detail={"line_id": line.pk, "status": status,
                             "effective_on": effective_on.isoformat()})
    return change


#: How a person is linked to a line, and the role that link gives them.
LINE_PERSON_LINKS = {
    LinkType.RUNS_FOR_LINE: Role.VICTIM,
    LinkType.EXPLOITED_BY: Role.VICTIM,
    LinkType.CONTROLS_LINE: Role.SUSPECT,
    LinkType.ASSOCIATES_WITH: Role.ASSOCIATE,
}


def line_link_person(*, actor, line: CountyLine, person, link_type: str, strength: str,
                     role: str = "", first_seen: dt.date | None = None, sharing: str | None = None,
                     sanitised: bool = False) -> Link:
    """Link a child or adult to a line (found with the people search; they must be someone the
    actor may open)."""
    _require(person_policy.can(actor, VIEW, person))
    if link_type not in LINE_PERSON_LINKS:
        raise ValidationError("Choose how the person is linked to the line")
    return link_add(actor=actor, a=(EntityKind.PERSON, person.pk), b=(EntityKind.LINE, line.pk),
                    link_type=link_type, strength=strength, a_role=role or LINE_PERSON_LINKS[link_type],
                    first_seen=first_seen, sharing=sharing, sanitised=sanitised)


def line_link_address(*, actor, line: CountyLine, address, first_seen: dt.date | None = None,
                      strength: str = Strength.CONFIRMED) -> Link:
    """A cuckooed address: a vulnerable adult's home taken over by the line."""
    return link_add(actor=actor, a=(EntityKind.ADDRESS, address.pk), b=(EntityKind.LINE, line.pk),
                    link_type=LinkType.CUCKOOED_ADDRESS_OF, strength=strength, first_seen=first_seen)


# --- Intelligence reports ---------------------------------------------------------------------


def report_record(
    *, actor, received_on: dt.date, source_evaluation: str, intel_assessment: str,
    handling_code: str, text: str, handling_conditions: str = "",
    submission: PartnerSubmission | None = None,
) -> IntelligenceReport:
    """Record a graded report (police only). Code C needs its conditions written down."""
    _require(policies.may_record(actor))
    if received_on is None:
        raise ValidationError("Enter the date the intelligence was received")
    _not_future(received_on, "date received")
    if source_evaluation not in SourceEvaluation.values:
        raise ValidationError("Choose the source evaluation (1, 2 or 3)")
    if intel_assessment not in IntelAssessment.values:
        raise ValidationError("Choose the intelligence assessment (A to E)")
    if handling_code not in HandlingCode.values:
        raise ValidationError("Choose the handling code (P or C)")
    conditions = _text(handling_conditions)
    if handling_code == HandlingCode.CONDITIONS and not conditions:
        raise ValidationError("Enter the conditions for handling code C")
    text = _text(text, "Enter the intelligence")
    with transaction.atomic():
        report = IntelligenceReport.objects.create(
            received_on=received_on, source_agency=actor.agency, source_evaluation=source_evaluation,
            intel_assessment=intel_assessment, handling_code=handling_code,
            handling_conditions=conditions if handling_code == HandlingCode.CONDITIONS else "",
            text=text, submission=submission, recorded_by=actor,
        )
        report.reference = _reference(IntelligenceReport, "INT", report.pk)
        report.save(update_fields=["reference"])
        audit_record(actor=actor, action=events.REPORT_RECORDED, subject=report,
                     detail={"report_id": report.pk, "grade": report.grade})
    return report


def report_sanitise(*, actor, report: IntelligenceReport, sanitised_text: str,
                    sanitised_sharing: str = SharingLevel.STATUTORY) -> IntelligenceReport:
    """The police analyst writes what partners may read (statutory partners, or everyone who may
    open the people it is about)."""
    _require(policies.may_sanitise(actor))
    text = _text(sanitised_text, "Enter the sanitised version")
    if sanitised_sharing not in (SharingLevel.STATUTORY, SharingLevel.PARTNERSHIP):
        raise ValidationError("Choose who may read the sanitised version")
    if text == report.text.strip():
        raise ValidationError("The sanitised version must not be the original text: remove what "
                              "would identify the source or the operation")
    with transaction.atomic():
        report.sanitised_text, report.sanitised_sharing = text, sanitised_sharing
        report.sanitised_by, report.sanitised_at = actor, timezone.now()
        report.save(update_fields=["sanitised_text", "sanitised_sharing", "sanitised_by",
                                   "sanitised_at"])
        audit_record(actor=actor, action=events.REPORT_SANITISED, subject=report,
                     detail={"report_id": report.pk, "sharing": sanitised_sharing})
    return report


def report_entity_add(*, actor, report: IntelligenceReport, kind: str, entity_id: int) -> ReportEntity:
    _require(policies.may_record(actor))
    if kind not in EntityKind.values:
        raise ValidationError("Choose what the report is about")
    if (kind, int(entity_id)) not in visible_ends(actor, [(kind, int(entity_id))]):
        raise PermissionDenied
    with transaction.atomic():
        entity, _ = ReportEntity.objects.get_or_create(report=report, entity_kind=kind,
                                                       entity_id=int(entity_id))
        audit_record(actor=actor, action=events.REPORT_ENTITY_ADDED, subject=report,
                     detail={"report_id": report.pk, "kind": kind, "entity_id": int(entity_id)})
    return entity


# --- Partner submissions ----------------------------------------------------------------------


def submission_make(
    *, actor, what: str, occurred_on: dt.date | None = None, where: str = "", person=None,
    mentions: Iterable[tuple[str, str, str]] = (),
) -> PartnerSubmission:
    """Any agency sends information to the police; the submitter gets a reference and can follow
    the status, never what the police make of it."""
    _require(policies.may_submit(actor))
    if person is not None:
        _require(person_policy.can(actor, VIEW, person))
    what = _text(what, "Enter what you know")
    _not_future(occurred_on, "date it happened")
    rows = []
    for kind, value, note in mentions:
        value = " ".join((value or "").split())
        if not value:
            continue
        if kind not in MentionKind.values:
            raise ValidationError("Choose what kind of thing each item is")
        rows.append((kind, value[:200], (note or "").strip()[:500]))
    with transaction.atomic():
        sub = PartnerSubmission.objects.create(
            submitted_by=actor, agency=actor.agency, person=person, what=what,
            occurred_on=occurred_on, where=_text(where)[:300],
        )
        sub.reference = _reference(PartnerSubmission, "SUB", sub.pk)
        sub.save(update_fields=["reference"])
        SubmissionMention.objects.bulk_create(
            SubmissionMention(submission=sub, kind=k, value=v, note=n) for k, v, n in rows)
        audit_record(actor=actor, action=events.SUBMISSION_MADE,
                     subject=person if person is not None else sub,
                     detail={"submission_id": sub.pk, "reference": sub.reference,
                             "mentions": len(rows)})
    return sub


_RHI_KINDS = {"person": MentionKind.PERSON, "place": MentionKind.PLACE, "phone": MentionKind.PHONE,
              "vehicle": MentionKind.VEHICLE, "online_handle": MentionKind.HANDLE}


def submission_from_interview(*, actor, interview) -> PartnerSubmission | None:
    """The people, places and phones mentioned in a return home interview arrive with the police
    as one submission per interview, kept in step as mentions are added or removed (until the
    police have looked at it). Runs inside the missing app's service (``on_mention``)."""
    mentions = list(interview.mentions.order_by("id"))
    sub = PartnerSubmission.objects.filter(interview=interview).first()
    if sub is not None and sub.status == SubmissionStatus.ASSESSED:
        return sub
    if sub is None and not mentions:
        return None
    agency = getattr(actor, "agency", None)
    if agency is None:
        return None
    if sub is None:
        sub = PartnerSubmission.objects.create(
            source=SubmissionSource.RETURN_INTERVIEW, submitted_by=actor, agency=agency,
            person=interview.person, interview=interview,
            what="People, places and phones mentioned in a return home interview.",
            occurred_on=(interview.held_at.date() if interview.held_at else None),
        )
        sub.reference = _reference(PartnerSubmission, "SUB", sub.pk)
        sub.save(update_fields=["reference"])
    sub.mentions.all().delete()
    SubmissionMention.objects.bulk_create(
        SubmissionMention(submission=sub, kind=_RHI_KINDS.get(m.kind, MentionKind.OTHER),
                          value=m.value, note=m.note) for m in mentions)
    audit_record(actor=actor, action=events.SUBMISSION_FROM_INTERVIEW, subject=interview.person,
                 detail={"submission_id": sub.pk, "interview_id": interview.pk,
                         "mentions": len(mentions)})
    return sub


def submission_assess(*, actor, submission: PartnerSubmission, status: str, police_note: str = "",
                      report: IntelligenceReport | None = None) -> PartnerSubmission:
    """The police move a submission on. The submitter sees the status only."""
    _require(policies.may_assess_submissions(actor))
    if status not in SubmissionStatus.values:
        raise ValidationError("Choose the status")
    with transaction.atomic():
        submission.status = status
        submission.police_note = _text(police_note)
        if status == SubmissionStatus.ASSESSED:
            submission.assessed_by, submission.assessed_at = actor, timezone.now()
        submission.save()
        if report is not None and report.submission_id is None:
            IntelligenceReport.objects.filter(pk=report.pk).update(submission=submission)
        audit_record(actor=actor, action=events.SUBMISSION_ASSESSED, subject=submission,
                     detail={"submission_id": submission.pk, "status": status})
    return submission


# --- Arrests and stops ------------------------------------------------------------------------


def _encounter_words(kind: str, offence: str, when: dt.date) -> str:
    return f"{EncounterKind(kind).label} on {when:%-d %B %Y} ({OffenceType(offence).label.lower()})"


def encounter_record(
    *, actor, person, kind: str, occurred_on: dt.date, offence_type: str, outcome: str,
    detail: str, location: str = "", sanitised_summary: str = "", line: CountyLine | None = None,
) -> PoliceEncounter:
    """A police officer or analyst records an arrest or stop of a child they may add an event for.

    It goes on the child's chronology as a critical moment (``arrest`` or ``police_stop``):
    police only with the detail, or, when the officer writes a sanitised summary, that summary
    for statutory partners. The chronology service tells the lead professional
    (``lantern.cases.critical``); when the child has no open case, a police referral about the
    child goes to the front door's triage, saying only what partners may read.
    """
    from lantern.cases.choices import CaseStatus
    from lantern.cases.models import Case
    from lantern.people.services import chronology_event_add

    _require(policies.may_record_encounter(actor))
    _require(person_policy.can(actor, ADD_EVENT, person))
    if kind not in EncounterKind.values:
        raise ValidationError("Choose whether it was an arrest or a stop")
    if occurred_on is None:
        raise ValidationError("Enter the date it happened")
    _not_future(occurred_on, "date it happened")
    if offence_type not in OffenceType.values:
        raise ValidationError("Choose the offence type")
    if outcome not in EncounterOutcome.values:
        raise ValidationError("Choose the outcome")
    detail = _text(detail, "Enter what happened")
    summary = _text(sanitised_summary)
    event_type = EventType.ARREST if kind == EncounterKind.ARREST else EventType.POLICE_STOP
    headline = _encounter_words(kind, offence_type, occurred_on)
    with transaction.atomic():
        encounter = PoliceEncounter.objects.create(
            person=person, kind=kind, occurred_on=occurred_on, offence_type=offence_type,
            outcome=outcome, location=_text(location)[:200], detail=detail,
            sanitised_summary=summary, line=line, agency=actor.agency, recorded_by=actor,
        )
        if summary:
            event = chronology_event_add(
                actor=actor, person=person, event_type=event_type, event_date=occurred_on,
                summary=summary, significant=True, source_type="intelligence.PoliceEncounter",
                source_id=encounter.pk, sharing=SharingLevel.STATUTORY, sanitised=True,
            )
        else:
            event = chronology_event_add(
                actor=actor, person=person, event_type=event_type, event_date=occurred_on,
                summary=f"{headline}. {detail}"[:2000], significant=True,
                source_type="intelligence.PoliceEncounter", source_id=encounter.pk,
                sharing=SharingLevel.POLICE,
            )
        encounter.event = event
        if not Case.objects.filter(person=person, status=CaseStatus.OPEN).exists():
            encounter.referral_id = _refer_to_triage(actor=actor, person=person, kind=kind,
                                                     occurred_on=occurred_on, summary=summary)
        encounter.save(update_fields=["event", "referral_id"])
        audit_record(actor=actor, action=events.ENCOUNTER_RECORDED, subject=person,
                     detail={"encounter_id": encounter.pk, "kind": kind, "event_id": event.pk,
                             "referral_id": encounter.referral_id})
    return encounter


def _refer_to_triage(*, actor, person, kind: str, occurred_on: dt.date, summary: str) -> int | None:
    """A police referral about the child, for the front door: it carries the sanitised summary or,
    without one, only that police involvement happened and whom to ask."""
    from lantern.referrals import policies as referral_policies
    from lantern.referrals.choices import ReferralKind, SharingBasis
    from lantern.referrals.services import referral_make

    if not referral_policies.may_refer(actor):
        return None
    who = actor.get_full_name() or actor.get_username()
    words = EncounterKind(kind).label.lower()
    concerns = summary or (
        f"Police recorded an {words} of this child on {occurred_on:%-d %B %Y}. The detail is held "
        f"by the police: ask {who} ({actor.agency.name})."
        if words[0] in "aeiou" else
        f"Police recorded a {words} of this child on {occurred_on:%-d %B %Y}. The detail is held "
        f"by the police: ask {who} ({actor.agency.name})."
    )
    referral = referral_make(
        actor=actor, kind=ReferralKind.CONCERN, person=person, concerns=concerns,
        sharing_basis=SharingBasis.SAFEGUARDING,
        sharing_reason="A child arrested or stopped by police with no open case: the front door "
                       "should consider whether the child needs support.",
    )
    return referral.pk


# --- Missing episodes: found with -------------------------------------------------------------


def found_with_add(*, actor, episode, person) -> FoundWith:
    """Record, from the records, a person the child was found with. Two children found together
    get a ``missing with`` link (partnership level: the fact of a missing episode is shared); an
    adult gets an ``associates with`` link at statutory level. The actor must be able to open both
    and record on the missing child."""
    from lantern.missing import policies as missing_policies

    _require(actor.role in missing_policies.RECORD_EPISODE_ROLES)
    _require(person_policy.can(actor, ADD_EVENT, episode.person))
    _require(person_policy.can(actor, VIEW, person))
    if person.pk == episode.person_id:
        raise ValidationError("Choose someone other than the child who was missing")
    if FoundWith.objects.filter(episode=episode, person=person).exists():
        raise ValidationError("They are already recorded as found with the child")
    from lantern.intelligence.roles import is_child

    both_children = is_child(person.kind, person.date_of_birth) and is_child(
        episode.person.kind, episode.person.date_of_birth)
    when = (episode.ended_at or episode.started_at).date()
    agency = actor.agency or episode.reported_by
    with transaction.atomic():
        link = Link.objects.create(
            a_kind=EntityKind.PERSON, a_id=episode.person_id,
            a_role=Role.MISSING,
            b_kind=EntityKind.PERSON, b_id=person.pk,
            b_role=Role.MISSING if both_children else "",
            link_type=LinkType.MISSING_WITH if both_children else LinkType.ASSOCIATES_WITH,
            strength=Strength.CONFIRMED, first_seen=when, last_seen=when, source_agency=agency,
            source_type="missing.MissingEpisode", source_id=episode.pk,
            sharing=SharingLevel.PARTNERSHIP if both_children else SharingLevel.STATUTORY,
            created_by=actor,
        )
        found = FoundWith.objects.create(episode=episode, person=person, link=link,
                                         recorded_by=actor)
        audit_record(actor=actor, action=events.FOUND_WITH_ADDED, subject_type="people.person",
                     subject_ids=[episode.person_id, person.pk],
                     detail={"episode_id": episode.pk, "link_id": link.pk})
    return found


# --- Typed references (the link and report forms) ---------------------------------------------

_NOT_SEEN = {
    EntityKind.PERSON: "There is no person with that record number that you may see",
    EntityKind.ADDRESS: "There is no address with that number that you may see",
    EntityKind.CONTEXT: "There is no place or group with that number that you may see",
    EntityKind.LINE: "There is no line with that number",
    EntityKind.GROUP: "There is no group of concern with that number",
}


def entity_resolve(*, actor, kind: str, ref: str) -> End:
    """(kind, id) for what someone typed: a record number, a phone number, a registration or
    "platform: handle". Phones, vehicles and handles are made when new. A record the actor may
    not see gets the same message as one that does not exist (no existence oracle)."""
    from lantern.intelligence.models import Group, OnlineHandle, Vehicle

    _require(policies.may_record(actor))
    ref = (ref or "").strip()
    if kind == EntityKind.PHONE:
        return kind, phone_get_or_create(number=ref).pk
    if kind == EntityKind.VEHICLE:
        reg = re.sub(r"[^A-Z0-9]", "", ref.upper())
        if not 2 <= len(reg) <= 10:
            raise ValidationError("Enter the registration, like AB12 CDE")
        return kind, Vehicle.objects.get_or_create(registration=reg)[0].pk
    if kind == EntityKind.HANDLE:
        platform, sep, handle = ref.partition(":")
        if not sep or not platform.strip() or not handle.strip():
            raise ValidationError("Enter the handle as platform: name, like Snapchat: kai_07")
        return kind, OnlineHandle.objects.get_or_create(platform=platform.strip()[:60],
                                                        handle=handle.strip()[:120])[0].pk
    if kind not in _NOT_SEEN:
        raise ValidationError("Choose what it is")
    if not ref.isdigit():
        raise ValidationError("Enter the record number in figures, like 1042")
    pk = int(ref)
    model = {EntityKind.LINE: CountyLine, EntityKind.GROUP: Group}.get(kind)
    if model is not None and not model.objects.filter(pk=pk).exists():
        raise ValidationError(_NOT_SEEN[kind])
    if (kind, pk) not in visible_ends(actor, [(kind, pk)]):
        raise ValidationError(_NOT_SEEN[kind])
    return kind, pk
