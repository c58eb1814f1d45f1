"""The as-at date a seed run was generated for. Runs loaded before the date could be chosen
were all generated as at 31 October 2026, so existing rows get that date."""

import datetime

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("synthetic", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="seedrun",
            name="as_at",
            field=models.DateField(
                default=datetime.date(2026, 10, 31),
                help_text="The synthetic world's today: the date the data was generated for",
            ),
            preserve_default=False,
        ),
    ]
