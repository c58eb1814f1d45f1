"""Reports sent by young people through the public site, and what staff did with them.

What is *not* here matters as much as what is (docs/adr/0016): no IP address, user agent,
device identifier, cookie value or exact time. ``received_at`` is rounded down to the hour, so
it cannot be lined up with a network log kept by a school, a home router or a phone company.
The follow-up reference is stored only as a SHA-256 hash: the database cannot be used to read
a young person's status or add to their report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.youth.choices import About, AgeBand, Outcome, Status


class YouthReport(models.Model):
    received_at = models.DateTimeField(db_index=True, help_text="Rounded down to the hour.")
    about = models.CharField(max_length=12, choices=About.choices, blank=True)
    age_band = models.CharField(max_length=12, choices=AgeBand.choices, blank=True)
    what_happened = models.TextField(max_length=5000)
    where = models.CharField(max_length=500, blank=True)
    wants_contact = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=100, blank=True)
    contact_how = models.CharField(max_length=200, blank=True)
    contact_when = models.CharField(max_length=200, blank=True)
    #: SHA-256 of the current one-time reference; replaced each time the reference is used.
    reference_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The child the police intelligence entry was recorded on, if one was known.",
    )
    chronology_event = models.ForeignKey(
        "people.ChronologyEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return f"Report from a young person ({self.get_status_display().lower()})"


class YouthAddition(models.Model):
    """More information a young person added later, with their reference."""

    report = models.ForeignKey(YouthReport, on_delete=models.CASCADE, related_name="additions")
    added_at = models.DateTimeField(help_text="Rounded down to the hour.")
    text = models.TextField(max_length=5000)

    class Meta:
        ordering = ["added_at", "pk"]


def _image_path(instance: YouthImage, filename: str) -> str:
    # The name the phone gave the file (often a date and time, sometimes a name) is never kept.
    return f"youth/{instance.token}.{instance.extension}"


class YouthImage(models.Model):
    """A picture sent with a report, re-encoded without EXIF, GPS or any other metadata."""

    report = models.ForeignKey(YouthReport, on_delete=models.CASCADE, related_name="images")
    token = models.CharField(max_length=32, unique=True)
    extension = models.CharField(max_length=4)
    content_type = models.CharField(max_length=20)
    file = models.FileField(upload_to=_image_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
