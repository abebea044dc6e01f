import django.db.models.deletion
from django.db import migrations, models


def link_collections(apps, schema_editor):
    """Existing cities: the collection their editor group has rights on. Before this key existed
    a group could have gained rights on a second collection (through a draft's title); then the
    one named like the city's live title is its own, once, and from now on only the key counts."""
    CityPage = apps.get_model("cities", "CityPage")
    Collection = apps.get_model("wagtailcore", "Collection")
    taken = set()
    for city in CityPage.objects.filter(editor_group__isnull=False, collection__isnull=True):
        candidates = Collection.objects.filter(
            group_permissions__group_id=city.editor_group_id
        ).exclude(pk__in=taken)
        own = candidates.distinct()
        if own.count() > 1:
            own = own.filter(name=city.title)
        if own.count() == 1:
            collection = own.get()
            taken.add(collection.pk)
            CityPage.objects.filter(pk=city.pk).update(collection=collection)


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="citypage",
            name="collection",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                help_text="Where the city's editors keep images and documents.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="city",
                to="wagtailcore.collection",
            ),
        ),
        migrations.RunPython(link_collections, migrations.RunPython.noop),
    ]
