"""Create the database cache table when settings use one (production).

Why: allauth refuses a replayed TOTP code by marking it used in the cache; production shares a
database cache across workers so the mark is seen everywhere (config/settings.py). Running
``createcachetable`` here means ``migrate`` is the only deployment step. It does nothing when
no database cache is configured (demo, tests) and nothing when the table exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
