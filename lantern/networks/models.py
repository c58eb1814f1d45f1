"""Network alerts: what the network shows that a lead professional or a panel should hear.

An alert keeps only ids: the rule, what it is about (a line, place, adult, phone ...), the child
it was raised for, and the path of node ids and link ids that explains it. Names are never
stored: the alerts page describes each node for the person reading it, when they read it, and an
alert whose path holds anything they may no longer see is not shown (ADR 0021).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AlertRule(models.TextChoices):
    NEAR_ACTIVE_LINE = "near_active_line", "A child is newly within two links of an active County Line"
    PLACE_LINKED = "place_linked", "A place or group is linked to a child at high risk or an adult of concern"
    SCHOOL_YEAR_GROUP = "school_year_group", "Children in one school year group are linked to the same network"
    SHARED_ADULT = "shared_adult", "Children are linked to the same adult"
    SHARED_PHONE = "shared_phone", "Children are linked to the same phone"
    SHARED_MISSING = "shared_missing", "Children went missing together"


class NetworkAlert(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="network_alerts")
    panel = models.ForeignKey("panels.Panel", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    rule = models.CharField(max_length=24, choices=AlertRule.choices)
    about = models.CharField(max_length=40, help_text="Node id: L:3, PL:7, P:12, PH:5 ...")
    subject = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+", help_text="The child it was raised for.")
    #: The explaining path(s): node ids and link ids, space separated, paths split by "|".
    path = models.TextField(max_length=4000)
    since = models.DateField()
    on = models.DateField()
    dedupe = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "acknowledged_at"]),
                   models.Index(fields=["panel", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | models.Q(panel__isnull=False),
                name="network_alert_has_a_recipient_or_panel",
            )
        ]

    def paths(self) -> list[list[tuple[str, int | None]]]:
        """``[[(node, link id or None), ...], ...]`` from ``path``."""
        out = []
        for part in self.path.split("|"):
            steps = []
            for token in part.split():
                node, _, link = token.partition("@")
                steps.append((node, int(link) if link else None))
            if steps:
                out.append(steps)
        return out
