"""The platform's page tree (home, the list of each catalogue type: /projekte/, /staedte/,
/termine/, and /loesungen/), created if missing.

Migrations build it on a new database; this rebuilds it where a database was emptied
(`manage.py flush`, transactional tests, the search benchmarks).
"""

from django.db import transaction

from wagtail.models import Collection, Locale, Page, Site

from core import catalogue
from core.roles import sync_roles
from solutions.models import SolutionIndexPage

from .models import HomePage

HOME_INTRO = (
    "<p>Städte stehen vor denselben digitalen Herausforderungen und wissen selten, wer sie "
    "schon gelöst hat. Hier veröffentlichen die Digitalisierungsbeauftragten der Mitgliedsstädte "
    "des Arbeitskreises Digitalisierung im Städtetag NRW ihre Projekte – und finden Städte, die "
    "an denselben Fragen arbeiten.</p>"
)


@transaction.atomic
def ensure_site_tree():
    Locale.objects.get_or_create(language_code="de")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title="Kommunal Digital", slug="home", intro=HOME_INTRO)
        )
    Site.objects.get_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Kommunal Digital"},
    )
    lists = [(t.index_model, t.index_title, t.slug) for t in catalogue.types()]
    # Solutions are not a catalogue type of their own: they appear in the projects' records.
    for model, title, slug in [*lists, (SolutionIndexPage, "Lösungen", "loesungen")]:
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug))
            home.refresh_from_db()
    sync_roles()
    return home
