"""The home page moves to the `home` app: `core` becomes a base that imports no domain app.

The table is renamed and the content type relabelled, so the existing home page row (and its
revisions and permissions, which point at the same content type) stays what it was. The model
leaves core's state here and enters home's in `home.0001_initial`, which creates no table.
"""

from django.db import migrations


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    old = ContentType.objects.filter(app_label="core", model="homepage").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label="home", model="homepage").first()
    if new is None:
        old.app_label = "home"
        old.save(update_fields=["app_label"])
    else:
        # Only where something created home's content type first: keep one, for every page.
        Page.objects.filter(content_type=old).update(content_type=new)
        old.delete()


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    ContentType.objects.filter(app_label="home", model="homepage").update(app_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_memberprofile"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Data migrations that look the home page up as core.HomePage run before it moves.
        ("events", "0002_event_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="homepage", table="home_homepage"),
            ],
            state_operations=[migrations.DeleteModel(name="HomePage")],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
