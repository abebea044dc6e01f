"""The home page, moved from `core` (see core.0004_homepage_moves_to_home): that migration
renamed the table to home_homepage, so here the model enters the state only."""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("core", "0004_homepage_moves_to_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.page",
                            ),
                        ),
                        (
                            "intro",
                            wagtail.fields.RichTextField(
                                blank=True,
                                help_text="What the platform is for, in a few sentences.",
                                verbose_name="introduction",
                            ),
                        ),
                    ],
                    options={"verbose_name": "home page"},
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
    ]
