"""A removal's kind is one of the catalogue's types (`core.catalogue`); the values stay."""

import core.catalogue
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('opendata', '0001_removal'),
    ]

    operations = [
        migrations.AlterField(
            model_name='removal',
            name='kind',
            field=models.CharField(choices=core.catalogue.kind_choices, max_length=10, verbose_name='kind'),
        ),
    ]
