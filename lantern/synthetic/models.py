"""What the demo seed loaded, so re-running it is safe.

``SeedRun`` remembers the seed, the as-at date the world was generated for (the demo's
today when it was seeded: the apps judge what is due against the real clock, so a demo seeded
long ago shows more and more overdue), the scale and a digest of the generated data; ``SeededPerson``
maps each loaded ``people.Person`` to its id in the generated files and ground truth (and, for
a duplicate record, the record id), so linkage tests can compare database ids with the truth
and a reload can remove exactly what the seed made.
"""

from __future__ import annotations

from django.db import models


class SeedRun(models.Model):
    seed = models.BigIntegerField()
    scale = models.CharField(max_length=16)
    as_at = models.DateField(help_text="The synthetic world's today: the date the data was generated for")
    generator_version = models.PositiveIntegerField()
    digest = models.CharField(max_length=64, help_text="SHA-256 of the generated rows")
    counts = models.JSONField(default=dict, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.scale} seed {self.seed} as at {self.as_at}"


class SeededPerson(models.Model):
    run = models.ForeignKey(SeedRun, on_delete=models.CASCADE, related_name="people")
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="+")
    synthetic_id = models.BigIntegerField(
        db_index=True, help_text="person_id in the generated files and the ground truth"
    )
    record_id = models.BigIntegerField(
        null=True, blank=True, help_text="Set when this person row is a duplicate agency record"
    )
