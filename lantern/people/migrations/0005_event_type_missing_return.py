"""Returns from missing were typed "Other": type them properly (issue 14).

The rows to change are the ones the missing service wrote for a return: mirrored from a missing
episode (``source_type``), typed "other", with the words the service always used. Reversible.
"""

from django.db import migrations, models

SOURCE = "missing.MissingEpisode"


def forwards(apps, schema_editor):
    ChronologyEvent = apps.get_model("people", "ChronologyEvent")
    ChronologyEvent.objects.filter(
        source_type=SOURCE, event_type="other", summary__startswith="Returned from"
    ).update(event_type="missing_return")


def backwards(apps, schema_editor):
    ChronologyEvent = apps.get_model("people", "ChronologyEvent")
    ChronologyEvent.objects.filter(source_type=SOURCE, event_type="missing_return").update(
        event_type="other"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0004_chronology_sharing'),
    ]

    operations = [
        migrations.AlterField(
            model_name='chronologyevent',
            name='event_type',
            field=models.CharField(choices=[('referral', 'Referral'), ('concern', 'Concern raised'), ('missing', 'Missing episode'), ('absent', 'Absent episode'), ('missing_return', 'Return from missing'), ('return_interview', 'Return home interview'), ('arrest', 'Arrest'), ('cse_incident', 'Sexual exploitation incident'), ('cce_incident', 'Criminal exploitation incident'), ('online_grooming', 'Online grooming concern'), ('ae_attendance', 'A&E attendance'), ('exclusion', 'School exclusion'), ('managed_move', 'Managed move'), ('alternative_provision', 'Alternative provision'), ('found_out_of_area', 'Found in another area'), ('assessment', 'Assessment'), ('strategy_meeting', 'Strategy meeting'), ('panel', 'Panel discussion'), ('contact', 'Contact or session'), ('nrm', 'National Referral Mechanism'), ('disruption', 'Disruption activity'), ('intelligence', 'Intelligence received'), ('placement', 'Placement change'), ('other', 'Other')], db_index=True, max_length=32),
        ),
        migrations.RunPython(forwards, backwards),
    ]
