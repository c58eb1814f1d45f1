"""Entities, links, graded intelligence, partner submissions, arrests and stops, and the County
Lines register (docs/adr/0026-intelligence-model.md).

**Entities.** People and their addresses live in ``lantern.people``, places and peer groups in
``lantern.contexts``; phones (and deal lines), vehicles, online handles, county lines and groups
of concern live here. A ``Link`` joins any two of them by kind and id (``EntityKind``), so an
adult can be linked to a place, a place to a place, a child to a child.

**Roles per link, not per person.** Each end of each link carries its own role: the same child can
be a victim in one link and a suspect in another. ``lantern.intelligence.roles`` holds the one rule
that a child shown as a suspect is also shown as a possible victim.

**Sharing.** A link carries a sharing level (``lantern.access.sharing``): police-recorded links
default to police only. An intelligence report's unsanitised text is police only; the sanitised
text the police analyst writes is what partners read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from lantern.intelligence.choices import (
    EncounterKind,
    EncounterOutcome,
    EntityKind,
    GroupKind,
    HandlingCode,
    IntelAssessment,
    LineStatus,
    LinkType,
    MentionKind,
    OffenceType,
    PhoneKind,
    Role,
    SourceEvaluation,
    Strength,
    SubmissionSource,
    SubmissionStatus,
)
from lantern.people.choices import SharingLevel


class Phone(models.Model):
    """A phone number: a personal phone, a handset given to a child, or a line's deal number.

    ``number`` is digits only (``07700 900187`` is stored ``07700900187``) so the same number typed
    two ways is one entity.
    """

    number = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=16, choices=PhoneKind.choices, default=PhoneKind.UNKNOWN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        n = self.number
        return f"{n[:5]} {n[5:]}" if len(n) == 11 else n


class Vehicle(models.Model):
    registration = models.CharField(max_length=12, unique=True, help_text="Upper case, no spaces")
    description = models.CharField(max_length=200, blank=True, help_text="Make, model, colour")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.registration


class OnlineHandle(models.Model):
    platform = models.CharField(max_length=60)
    handle = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "handle"], name="unique_handle_per_platform")
        ]

    def __str__(self) -> str:
        return f"{self.handle} ({self.platform})"


class Group(models.Model):
    """A group of concern held by the police (a group sexually exploiting children, an organised
    criminal group). Peer groups worked as cases are ``lantern.contexts`` contexts instead."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=GroupKind.choices)
    area = models.ForeignKey("accounts.Area", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    synthetic_id = models.BigIntegerField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class CountyLine(models.Model):
    """A County Line: a brand (the name buyers know it by), numbers (``Link`` to ``Phone`` of type
    ``uses_number``), an exporting force or area, an importing area of the county, and a status
    history (``LineStatusChange``). The line's status on any date comes from that history; a line
    with no change on or before a date had not been opened then."""

    brand = models.CharField(max_length=120, help_text="The name the line is known by")
    importing_area = models.ForeignKey("accounts.Area", on_delete=models.PROTECT, related_name="+")
    importing_district = models.ForeignKey(
        "accounts.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exporting_area = models.CharField(max_length=120, help_text="Exporting force, city or area")
    police_notes = models.TextField(max_length=4000, blank=True,
                                    help_text="Police only: never shown to partners.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    synthetic_id = models.BigIntegerField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["brand", "id"]

    def __str__(self) -> str:
        return self.brand

    def status_on(self, when) -> str | None:
        """The status on ``when`` from the history (None: not yet opened)."""
        change = (self.status_changes.filter(effective_on__lte=when)
                  .order_by("-effective_on", "-id").first())
        return change.status if change else None


class LineStatusChange(models.Model):
    line = models.ForeignKey(CountyLine, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=10, choices=LineStatus.choices)
    effective_on = models.DateField()
    reason = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        indexes = [models.Index(fields=["line", "effective_on"])]


class IntelligenceReport(models.Model):
    """One piece of intelligence graded 3x5x2 (source evaluation, intelligence assessment,
    handling code). ``text`` is the unsanitised report: police only. ``sanitised_text`` is what
    the police analyst writes for partners; until it is written, partners see nothing."""

    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    received_on = models.DateField()
    source_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    intel_assessment = models.CharField(max_length=1, choices=IntelAssessment.choices)
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices)
    handling_conditions = models.TextField(max_length=1000, blank=True)
    text = models.TextField(max_length=8000, help_text="Unsanitised: police only.")
    sanitised_text = models.TextField(max_length=4000, blank=True)
    sanitised_sharing = models.CharField(
        max_length=16, choices=SharingLevel.choices, default=SharingLevel.STATUTORY,
        help_text="Who reads the sanitised text: statutory partners, or the whole partnership.",
    )
    sanitised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sanitised_at = models.DateTimeField(null=True, blank=True)
    submission = models.ForeignKey(
        "PartnerSubmission", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reports",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.reference or f"Report {self.pk}"

    @property
    def grade(self) -> str:
        """"1B P": the three codes together, as analysts write them."""
        return f"{self.source_evaluation}{self.intel_assessment} {self.handling_code}"

    @property
    def is_sanitised(self) -> bool:
        return bool(self.sanitised_text.strip())


class ReportEntity(models.Model):
    """An entity an intelligence report is about."""

    report = models.ForeignKey(IntelligenceReport, on_delete=models.CASCADE, related_name="entities")
    entity_kind = models.CharField(max_length=10, choices=EntityKind.choices)
    entity_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "entity_kind", "entity_id"],
                                    name="unique_report_entity")
        ]
        indexes = [models.Index(fields=["entity_kind", "entity_id"])]


class Link(models.Model):
    """A typed, dated, sourced link between two entities, with a role for each end.

    Ends are generic (kind + id) so any entity can be linked to any other; ``lantern.intelligence
    .entities`` resolves them. ``sharing`` decides who may see the link at all (a police-only
    link is never shown outside the police, not even as a count).
    """

    a_kind = models.CharField(max_length=10, choices=EntityKind.choices)
    a_id = models.BigIntegerField()
    a_role = models.CharField(max_length=16, choices=Role.choices, blank=True)
    b_kind = models.CharField(max_length=10, choices=EntityKind.choices)
    b_id = models.BigIntegerField()
    b_role = models.CharField(max_length=16, choices=Role.choices, blank=True)
    link_type = models.CharField(max_length=24, choices=LinkType.choices)
    strength = models.CharField(max_length=12, choices=Strength.choices)
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    source_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    source_report = models.ForeignKey(
        IntelligenceReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="links"
    )
    #: Where a link mirrors a record in another app ("missing.MissingEpisode", 12) or the seed.
    source_type = models.CharField(max_length=64, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    sharing = models.CharField(max_length=16, choices=SharingLevel.choices,
                               default=SharingLevel.POLICE, db_index=True)
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_seen", "-id"]
        indexes = [
            models.Index(fields=["a_kind", "a_id"]),
            models.Index(fields=["b_kind", "b_id"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_seen__isnull=True) | Q(first_seen__isnull=True)
                | Q(last_seen__gte=models.F("first_seen")),
                name="link_last_seen_not_before_first",
            )
        ]

    def other_end(self, kind: str, pk: int) -> tuple[str, int, str]:
        """(kind, id, role) of the end that is not (``kind``, ``pk``)."""
        if (self.a_kind, self.a_id) == (kind, pk):
            return self.b_kind, self.b_id, self.b_role
        return self.a_kind, self.a_id, self.a_role


class PartnerSubmission(models.Model):
    """Information from any agency for the police to assess: a structured form, a receipt with a
    reference, a status the submitter can follow. Nothing the police add (the graded report, the
    assessment) is ever shown back to the submitter."""

    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    source = models.CharField(max_length=20, choices=SubmissionSource.choices,
                              default=SubmissionSource.FORM)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="intelligence_submissions",
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The child it is about, when the submitter may open their record.",
    )
    what = models.TextField(max_length=4000)
    occurred_on = models.DateField(null=True, blank=True)
    where = models.CharField(max_length=300, blank=True)
    interview = models.OneToOneField(
        "missing.ReturnInterview", null=True, blank=True, on_delete=models.CASCADE,
        related_name="intelligence_submission",
    )
    status = models.CharField(max_length=16, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.RECEIVED, db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    police_note = models.TextField(max_length=2000, blank=True, help_text="Police only.")

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return self.reference or f"Submission {self.pk}"


class SubmissionMention(models.Model):
    """A person, place, phone, vehicle or handle mentioned in a submission."""

    submission = models.ForeignKey(PartnerSubmission, on_delete=models.CASCADE,
                                   related_name="mentions")
    kind = models.CharField(max_length=10, choices=MentionKind.choices)
    value = models.CharField(max_length=200)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "id"]


class PoliceEncounter(models.Model):
    """An arrest or stop of a child, recorded by a police officer or analyst. It is mirrored on the
    child's chronology as a critical moment (``event``): police only unless the officer writes a
    sanitised summary for partners."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=EncounterKind.choices)
    occurred_on = models.DateField()
    offence_type = models.CharField(max_length=20, choices=OffenceType.choices)
    outcome = models.CharField(max_length=24, choices=EncounterOutcome.choices)
    location = models.CharField(max_length=200, blank=True)
    detail = models.TextField(max_length=4000, help_text="Police only.")
    sanitised_summary = models.TextField(max_length=2000, blank=True)
    line = models.ForeignKey(CountyLine, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="encounters")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey("people.ChronologyEvent", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    referral_id = models.BigIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]


class FoundWith(models.Model):
    """A person a child was found with at the end of a missing episode, picked from the records
    (the episode's free-text ``found_with`` keeps the recorder's own words). Two children found
    together get a ``missing_with`` link."""

    episode = models.ForeignKey("missing.MissingEpisode", on_delete=models.CASCADE,
                                related_name="found_with_people")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(Link, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["episode", "person"], name="unique_found_with")
        ]
