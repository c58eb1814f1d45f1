"""A possible match: two records that may be the same child, for someone who may see both.

Why a queue instead of a message: telling the person who typed an identifier "already recorded
for someone" reveals a record they may not see (issue 10, item 3). The entry is accepted, the
person is told only that identifiers are checked, and the clash lands here for reviewers who may
open both records.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lantern.identity.choices import MatchKind, MatchStatus


class PossibleMatch(models.Model):
    kind = models.CharField(max_length=16, choices=MatchKind.choices)
    #: The record the raiser was working on; empty for a request for access (nothing created).
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    #: The record that may be the same child (possibly one the raiser may not see).
    other = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    identifier_type = models.CharField(max_length=16, blank=True)
    #: How alike the two records are, 0-100 (search before create's score, or a linkage match
    #: probability times 100); empty when the item was not scored.
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Why they may match, for the reviewer ("Same date of birth; Same surname").
    reasons = models.CharField(max_length=500, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=16, choices=MatchStatus.choices, default=MatchStatus.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["raised_at", "id"]
        indexes = [
            models.Index(fields=["status", "raised_at"]),
            models.Index(fields=["person", "other"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def person_ids(self) -> list[int]:
        return [i for i in (self.person_id, self.other_id) if i is not None]

    @property
    def reason_list(self) -> list[str]:
        return [r for r in self.reasons.split("; ") if r]


class MatchKey(models.Model):
    """A blocking key for search before create (``lantern.identity.matching.record_keys``).

    Derived data, rebuilt from the record by ``services.match_keys_refresh``; never moved by a
    merge (the survivor's keys are rebuilt instead).
    """

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["key", "person"], name="identity_matchkey_key")]


class Merge(models.Model):
    """Two records of one child made one: ``absorbed``'s rows re-pointed to ``survivor``.

    Nothing is deleted. Every row moved is listed in ``MergeMove`` so ``person_unmerge`` puts
    exactly those rows back; the absorbed record stays, marked ``merged_into``, hidden by the
    record policy until the merge is undone (ADR 0019).
    """

    survivor = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    absorbed = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    match = models.ForeignKey(
        PossibleMatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="merges"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(max_length=2000)
    #: The survivor's ``restricted`` before the merge (a merge with a restricted record makes
    #: the survivor restricted; unmerging restores this).
    survivor_was_restricted = models.BooleanField(default=False)
    automatic = models.BooleanField(default=False)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undo_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]

    @property
    def active(self) -> bool:
        return self.undone_at is None


class MergeMove(models.Model):
    """One row re-pointed by a merge: which table, which column, which row."""

    merge = models.ForeignKey(Merge, on_delete=models.CASCADE, related_name="moves")
    model = models.CharField(max_length=100)
    field = models.CharField(max_length=100)
    row_pk = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["merge", "model"])]
