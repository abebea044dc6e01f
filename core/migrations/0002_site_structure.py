"""Replace Wagtail's welcome page with the platform's tree: home, /staedte/, /projekte/."""

from django.db import migrations

HOME_INTRO = (
    "<p>Städte stehen vor denselben digitalen Herausforderungen und wissen selten, wer sie "
    "schon gelöst hat. Hier veröffentlichen die Digitalisierungsbeauftragten der Mitgliedsstädte "
    "des Arbeitskreises Digitalisierung im Städtetag NRW ihre Projekte – und finden Städte, die "
    "an denselben Fragen arbeiten.</p>"
)


def create_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("core.HomePage")
    CityIndexPage = apps.get_model("cities.CityIndexPage")
    ProjectIndexPage = apps.get_model("projects.ProjectIndexPage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    locale = Locale.objects.get_or_create(language_code="de")[0]

    def content_type(model):
        return ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )[0]

    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Kommunal Digital",
        draft_title="Kommunal Digital",
        slug="home",
        content_type=content_type(HomePage),
        path=root.path + "0002" if Page.objects.filter(path=root.path + "0001").exists() else root.path + "0001",
        depth=2,
        numchild=2,
        url_path="/home/",
        intro=HOME_INTRO,
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    for position, (model, title, slug, intro) in enumerate(
        [
            (CityIndexPage, "Städte", "staedte",
             "<p>Die Mitgliedsstädte des Arbeitskreises und ihre Projekte.</p>"),
            (ProjectIndexPage, "Projekte", "projekte",
             "<p>Alle veröffentlichten Projekte der Mitgliedsstädte.</p>"),
        ],
        start=1,
    ):
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type(model),
            path=f"{home.path}{position:04d}",
            depth=3,
            numchild=0,
            url_path=f"/home/{slug}/",
            intro=intro,
            locale=locale,
            live=True,
        )

    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page_id=home.id, is_default_site=True,
                        site_name="Kommunal Digital")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("cities", "0001_initial"),
        ("projects", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_tree, migrations.RunPython.noop)]
