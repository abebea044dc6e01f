"""Dashboard panels: what an editor or a moderator came to the admin for, on its first page."""

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import Page

from cities.models import CityPage
from core import roles
from projects.models import ProjectPage

# How many rows a dashboard list shows; the page explorer has the rest.
LIMIT = 10


def edited_cities(user):
    """The cities whose editor group the user belongs to (groups are tied to a city by key)."""
    return CityPage.objects.filter(editor_group__in=user.groups.all()).order_by("title")


class CitiesPanel(Component):
    """A panel about the cities the signed-in editor works for."""

    def __init__(self, cities):
        self.cities = cities


class NewProjectPanel(CitiesPanel):
    """„Neues Projekt für Gütersloh“: straight to the add form below the editor's city."""

    name = "new_project"
    template_name = "editorial/panels/new_project.html"
    order = 50

    def get_context_data(self, parent_context):
        return {
            "links": [
                (
                    city,
                    reverse(
                        "wagtailadmin_pages:add",
                        args=(ProjectPage._meta.app_label, ProjectPage._meta.model_name, city.pk),
                    ),
                )
                for city in self.cities
            ]
        }


class CityProjectsPanel(CitiesPanel):
    """„Meine Projekte“: the projects of the editor's cities, last changed first, with the state
    a page is in (draft, in moderation, published, published with newer draft)."""

    name = "city_projects"
    template_name = "editorial/panels/city_projects.html"
    order = 60

    def get_context_data(self, parent_context):
        projects = (
            ProjectPage.objects.none()
            if not self.cities
            else ProjectPage.objects.filter(
                Q.create([("path__startswith", city.path) for city in self.cities], connector=Q.OR)
            )
        )
        projects = (
            projects.prefetch_workflow_states()
            .annotate_approved_schedule()
            .select_related("latest_revision__user")
            .order_by("-latest_revision_created_at", "-pk")
        )
        return {
            "projects": projects[:LIMIT],
            "total": projects.count(),
            "cities": self.cities,
            # A component renders with its own context: the „Ist noch aktuell“ forms need
            # the page's token.
            "csrf_token": parent_context.get("csrf_token"),
        }


class RecentChangesPanel(Component):
    """„Neueste Änderungen“ across the site, for moderators (Wagtail's own panel shows only the
    user's own edits)."""

    name = "recent_changes"
    template_name = "editorial/panels/recent_changes.html"
    order = 260

    def get_context_data(self, parent_context):
        pages = (
            Page.objects.filter(depth__gt=2, latest_revision__isnull=False)
            .select_related("latest_revision__user", "content_type")
            .prefetch_workflow_states()
            .annotate_approved_schedule()
            .order_by("-latest_revision_created_at", "-pk")[:LIMIT]
        )
        return {
            "changes": [
                (page, page.specific_class._meta.verbose_name if page.specific_class else "")
                for page in pages
            ]
        }


class CitiesWithoutEditorPanel(Component):
    """„Städte ohne aktive Redaktion“: no active account in the city's editor group has signed
    in within EDITOR_ACTIVE_DAYS, so nobody keeps the city's entries current."""

    name = "cities_without_editor"
    template_name = "editorial/panels/cities_without_editor.html"
    order = 270

    def get_context_data(self, parent_context):
        days = settings.EDITOR_ACTIVE_DAYS
        since = timezone.now() - dt.timedelta(days=days)
        cities = (
            CityPage.objects.live()
            .annotate(
                editors=Count("editor_group__user", filter=Q(editor_group__user__is_active=True)),
                active_editors=Count(
                    "editor_group__user",
                    filter=Q(
                        editor_group__user__is_active=True,
                        editor_group__user__last_login__gte=since,
                    ),
                ),
            )
            .filter(active_editors=0)
            .order_by("title")
        )
        return {"cities": cities, "days": days}


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=roles.MODERATORS).exists()
