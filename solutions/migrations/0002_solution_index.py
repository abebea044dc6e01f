"""Create `/loesungen/` below the home page."""

from django.db import migrations


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    SolutionIndexPage = apps.get_model("solutions.SolutionIndexPage")
    home = HomePage.objects.first()
    if home is None or SolutionIndexPage.objects.exists():
        return
    last = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    position = int(last.path[-4:], 36) + 1 if last else 1
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    suffix = ""
    for _digit in range(4):
        position, remainder = divmod(position, 36)
        suffix = alphabet[remainder] + suffix
    SolutionIndexPage.objects.create(
        title="Lösungen",
        draft_title="Lösungen",
        slug="loesungen",
        content_type=ContentType.objects.get_or_create(app_label="solutions", model="solutionindexpage")[0],
        path=home.path + suffix,
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}loesungen/",
        intro="<p>Produkte, Software und Konzepte, die Mitgliedsstädte einsetzen – und wer sie schon nachnutzt.</p>",
        locale_id=home.locale_id,
        live=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [("solutions", "0001_initial"), ("home", "0001_initial"), ("events", "0002_event_index")]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
