"""Who works in the partnership: areas, agencies (schools included), teams and users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from lantern.accounts.choices import AgencyKind, Role


class Area(models.Model):
    """A policing and children's-services area of the county (e.g. North, West, East)."""

    name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district or borough within an area; schools and addresses sit in districts."""

    name = models.CharField(max_length=100, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="districts")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """An organisation in the partnership. A school is an agency of kind ``school``."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=AgencyKind.choices)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        verbose_name_plural = "agencies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        unique_together = [("agency", "name")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. One agency, one role, one or more teams."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.PRACTITIONER)
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else ""

    @property
    def is_police(self) -> bool:
        return self.role in (Role.POLICE_ANALYST, Role.POLICE_OFFICER)
