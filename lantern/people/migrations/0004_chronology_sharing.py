# Chronology sharing levels (issue 10 item 2, ADR 0014).

from django.db import migrations, models

# The default rule as it stood when this migration was written (lantern.access.sharing.
# default_level). Frozen here on purpose: a migration must give the same answer whenever it runs,
# even after the live rule changes.
POLICE_DETAIL_TYPES = ["arrest", "disruption", "intelligence"]
PARTNERSHIP_WHOEVER_RECORDS = ["absent", "missing"]
PARTNERSHIP_TYPES = [
    "absent", "alternative_provision", "concern", "exclusion", "managed_move", "missing",
    "referral",
]


def set_default_levels(apps, schema_editor):
    """Set every existing entry by the default rule, in three set-based UPDATEs.

    Why UPDATEs and not a loop: the chronology is the largest table; each statement touches only
    the rows it changes, with no rows held in Python, on SQLite and PostgreSQL alike. The new
    column arrives as ``statutory`` for every row (its default), so only the exceptions are
    written: partnership facts, and police intelligence, arrests and disruption.
    """
    Event = apps.get_model("people", "ChronologyEvent")
    Agency = apps.get_model("accounts", "Agency")
    police = Agency.objects.filter(kind="police").values("pk")
    police_or_health = Agency.objects.filter(kind__in=["police", "health"]).values("pk")
    Event.objects.filter(event_type__in=PARTNERSHIP_WHOEVER_RECORDS).update(sharing="partnership")
    Event.objects.filter(event_type__in=PARTNERSHIP_TYPES).exclude(
        source_agency_id__in=police_or_health
    ).update(sharing="partnership")
    Event.objects.filter(
        event_type__in=POLICE_DETAIL_TYPES, source_agency_id__in=police
    ).update(sharing="police")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("people", "0003_identifier_held_by_several"),
    ]

    operations = [
        migrations.AddField(
            model_name="chronologyevent",
            name="sharing",
            field=models.CharField(
                choices=[
                    ("partnership", "Partnership: everyone who may see the child"),
                    ("statutory", "Statutory partners: children's services, police, health and the panel"),
                    ("police", "Police only"),
                    ("health", "Health only"),
                ],
                db_index=True,
                default="statutory",
                max_length=16,
            ),
        ),
        migrations.RunPython(set_default_levels, migrations.RunPython.noop, elidable=True),
    ]
