"""People and their chronology: the spine every later capability hangs on.

A *Person* is a child or young person, or an adult (family member or adult of concern). A child
who is also suspected of offending is still a child first: there is no "nominal" type.
Core facts are columns (house rule 12); only versioned questionnaire answers are JSON.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.analysis.statistics.vocab import CONCERN_TYPES, METHODS
from lantern.people.choices import (
    DatePrecision,
    EventType,
    IdentifierType,
    PersonKind,
    RelationshipKind,
    SenStatus,
    Sex,
    SharingLevel,
)

CONCERN_CHOICES = list(CONCERN_TYPES.items())
METHOD_CHOICES = list(METHODS.items())

class Person(models.Model):
    kind = models.CharField(max_length=20, choices=PersonKind.choices, default=PersonKind.CHILD)
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    dob_approximate = models.BooleanField(
        default=False, help_text="The date of birth is an estimate (e.g. age given by police)."
    )
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    sen_status = models.CharField(max_length=16, choices=SenStatus.choices, default=SenStatus.UNKNOWN)
    disability = models.BooleanField(default=False)
    disability_note = models.CharField(max_length=300, blank=True)
    restricted = models.BooleanField(
        default=False, help_text="Only named users may see this record; others need break-glass."
    )
    #: Set when this record was merged into another (``lantern.identity.merging``): its rows
    #: were re-pointed to that record and the record policy shows it to nobody; unmerging
    #: clears it. Kept, never deleted, so a merge can be undone exactly (ADR 0019).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.preferred_name and self.preferred_name != self.first_name:
            return f"{self.first_name} ({self.preferred_name}) {self.last_name}"
        return f"{self.first_name} {self.last_name}"

    @property
    def kind_short(self) -> str:
        """"Child", "Adult of concern" or "Other adult": the label beside a search result, so
        adults are never mistaken for children in a list of names."""
        return {
            PersonKind.CHILD: "Child",
            PersonKind.ADULT_OF_CONCERN: "Adult of concern",
            PersonKind.ADULT: "Other adult",
        }.get(self.kind, "Person")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_names, self.last_name) if p)


class AliasKind(models.TextChoices):
    ALIAS = "alias", "Alias"
    NICKNAME = "nickname", "Nickname or street name"
    PREVIOUS = "previous", "Previous name"
    SPELLING = "spelling", "Other spelling"


class Alias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=AliasKind.choices, default=AliasKind.ALIAS)

    class Meta:
        verbose_name_plural = "aliases"


class NameKey(models.Model):
    """Search keys derived from names and aliases (exact, phonetic, prefix).

    Why a table: phonetic matching must give the same results on SQLite and PostgreSQL, so keys
    are computed in Python (``lantern.people.search``) and matched with plain equality.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=64, db_index=True)


class Identifier(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    type = models.CharField(max_length=16, choices=IdentifierType.choices)
    value = models.CharField(max_length=64)

    class Meta:
        # Not unique: a second record holding the same identifier is accepted and raised as a
        # possible match (lantern.identity), never refused in a way that reveals the first.
        constraints = [
            models.UniqueConstraint(
                fields=["person", "type", "value"], name="unique_identifier_per_person"
            )
        ]
        indexes = [models.Index(fields=["value"]), models.Index(fields=["type", "value"])]


class Address(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10, blank=True)
    district = models.ForeignKey(
        "accounts.District", null=True, blank=True, on_delete=models.PROTECT
    )
    kind = models.CharField(max_length=40, blank=True, help_text="e.g. home, placement, hotel")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]


class SchoolEnrolment(models.Model):
    """School and year group over time. Year group is stored as at the start date."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="enrolments")
    school = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="pupils")
    year_group = models.PositiveSmallIntegerField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]


class Relationship(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_in")
    kind = models.CharField(max_length=16, choices=RelationshipKind.choices)
    description = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)


class Involvement(models.Model):
    """An agency's involvement with a person: "who else is involved and how to reach them".

    ``user`` (when the professional has a Lantern account) and ``team`` drive record access:
    allocated scope is "I am named here"; team scope is "my team is named here".
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT)
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    role = models.CharField(max_length=100, help_text="e.g. Lead professional, School DSL")
    is_lead = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=200)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-is_lead", "agency__name"]
        indexes = [
            models.Index(fields=["agency", "person"]),
            models.Index(fields=["team", "person"]),
            models.Index(fields=["user", "person"]),
        ]


class ChronologyEvent(models.Model):
    """One event in a person's chronology, from any agency.

    ``event_date`` holds the first day of the month (or year) when precision is coarser than a
    day, and is null when the date is unknown; ``date_precision`` says how to show it.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    event_type = models.CharField(max_length=32, choices=EventType.choices, db_index=True)
    event_date = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.EXACT
    )
    source_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT)
    summary = models.TextField(max_length=2000)
    significant = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    #: Where an event mirrors a record in another app ("missing.MissingEpisode", 12).
    source_type = models.CharField(max_length=64, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    #: Who may read ``summary`` (``lantern.access.sharing``). Set by the recording service from
    #: the default rule or the recorder's choice; the column default is the narrower of the two
    #: common levels, so a row written without the service never reaches schools by accident.
    sharing = models.CharField(
        max_length=16,
        choices=SharingLevel.choices,
        default=SharingLevel.STATUTORY,
        db_index=True,
    )
    # Structured facts the partnership's statistics count (lantern.analysis.statistics): what
    # the free text says, as fields. Codes from lantern.analysis.statistics.vocab.
    #: Detail of the type: "drug_supply" for an arrest, a missing episode's risk grade, a return
    #: interview's outcome ("within_72h", "late", "declined"), an NRM stage.
    subtype = models.CharField(max_length=32, blank=True)
    concern_type = models.CharField(
        "Offence or concern", max_length=24, blank=True, choices=CONCERN_CHOICES, db_index=True
    )
    method = models.CharField("Method", max_length=24, blank=True, choices=METHOD_CHOICES)
    arrested = models.BooleanField("The child was arrested", default=False)
    charged = models.BooleanField("The child was charged", default=False)
    convicted = models.BooleanField("The child was convicted", default=False)
    #: Where it happened for the figures: the child's home area unless the recorder says.
    area = models.ForeignKey(
        "accounts.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-event_date", "-id"]
        indexes = [models.Index(fields=["person", "event_date"])]

    @property
    def sharing_label(self) -> str:
        """"Police only", "Statutory partners"...: shown to readers beside the entry."""
        from lantern.access.sharing import SHORT_LABELS

        return SHORT_LABELS.get(self.sharing, self.sharing)

    @property
    def placeholder_text(self) -> str:
        """What a viewer who may not read this entry is told instead ("A police entry: ask the
        police lead..."). Whether they see even this is ``lantern.access.sharing``'s call."""
        from lantern.access.sharing import placeholder_text

        return placeholder_text(self.sharing)

    @property
    def date_display(self) -> str:
        if self.event_date is None or self.date_precision == DatePrecision.UNKNOWN:
            return "Date not known"
        if self.date_precision == DatePrecision.MONTH:
            return self.event_date.strftime("%B %Y")
        if self.date_precision == DatePrecision.YEAR:
            return self.event_date.strftime("%Y")
        return self.event_date.strftime("%-d %B %Y")
