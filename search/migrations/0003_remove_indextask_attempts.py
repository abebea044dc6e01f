"""IndexTask.attempts was never read or written: a failed task stays queued as it is."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_synonyms"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="indextask",
            name="attempts",
        ),
    ]
