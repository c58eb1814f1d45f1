"""National Referral Mechanism referrals, and a child's charges and court dates.

An *NrmReferral* is a first responder's referral of a child into the NRM: who made it and for
which organisation, when, what it describes (forms of exploitation, County Lines, the
indicators seen), who decides (the Home Office, or a devolved panel), the reasonable grounds
and conclusive grounds decisions, any reconsideration and the Independent Child Trafficking
Guardian referral. A child's referral needs no consent, so there is no consent field at all.
The due dates are stored when the decision they follow is recorded, from
``lantern.nrm.timescales`` (the same calculator as ``manage.py nrm_timescales``), so a list can
sort and filter on them.

A *Charge* is an offence a child is charged with, with the court date and outcome. A child made
to commit an offence may have the section 45 (Modern Slavery Act 2015) defence; when the rule
in ``lantern.nrm.rules`` finds exploitation indicators and no NRM referral, the charge records
that it prompted a first responder (``section45_prompted_at``) and why (``section45_reasons``).

Access follows the child (``lantern.access.policies.person_policy``), narrowed by role and
agency in ``lantern.nrm.policies``. Core facts are columns (house rule 12).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.nrm.choices import (
    CourtOutcome,
    Decision,
    DecisionMaker,
    ExploitationType,
    Reconsideration,
)


class NrmReferral(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="nrm_referrals")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_responder_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+",
        help_text="The first responder organisation that made the referral.",
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField(db_index=True)
    county_lines = models.BooleanField(default=False)
    indicators = models.TextField(
        max_length=4000, help_text="The indicators of exploitation seen, in the referrer's words."
    )
    account = models.TextField(max_length=4000, help_text="What happened to the child.")
    decision_maker = models.CharField(max_length=16, choices=DecisionMaker.choices)
    days_to_18 = models.IntegerField(null=True, blank=True)
    reasonable_grounds_due = models.DateField()
    rg_decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING, blank=True)
    rg_decision_on = models.DateField(null=True, blank=True)
    conclusive_grounds_earliest = models.DateField(null=True, blank=True)
    cg_decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING, blank=True)
    cg_decision_on = models.DateField(null=True, blank=True)
    reconsideration = models.CharField(
        max_length=12, choices=Reconsideration.choices, default=Reconsideration.NONE, blank=True
    )
    reconsideration_requested_on = models.DateField(null=True, blank=True)
    reconsideration_decided_on = models.DateField(null=True, blank=True)
    ictg_referred_on = models.DateField(
        null=True, blank=True, help_text="Referred to the Independent Child Trafficking Guardian service."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["person", "submitted_on"])]

    def __str__(self) -> str:
        return f"NRM referral {self.pk}"

    @property
    def exploitation_types(self) -> list[str]:
        return [t.kind for t in self.types.all()]

    @property
    def exploitation_labels(self) -> list[str]:
        return [ExploitationType(k).label for k in sorted(self.exploitation_types)]

    @property
    def outcome(self) -> str:
        """One word for statistics: the latest decision reached ("pending" before any)."""
        if self.cg_decision:
            return f"cg_{self.cg_decision}"
        if self.rg_decision:
            return f"rg_{self.rg_decision}"
        return "pending"


class NrmReferralType(models.Model):
    """One form of exploitation a referral describes (a column per fact, not a JSON list)."""

    referral = models.ForeignKey(NrmReferral, on_delete=models.CASCADE, related_name="types")
    kind = models.CharField(max_length=24, choices=ExploitationType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "kind"], name="nrm_type_once_per_referral")
        ]


class Charge(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="charges")
    offence = models.CharField(max_length=300)
    charged_on = models.DateField()
    charging_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    court_name = models.CharField(max_length=200, blank=True)
    court_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=CourtOutcome.choices, default=CourtOutcome.PENDING, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField(max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    #: When the section 45 rule prompted a first responder (None: it did not fire).
    section45_prompted_at = models.DateTimeField(null=True, blank=True)
    #: Why it fired, one reason a line (the assessment domains, a linked line...).
    section45_reasons = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-charged_on", "-id"]
        indexes = [models.Index(fields=["person", "charged_on"])]

    def __str__(self) -> str:
        return f"Charge {self.pk}"
