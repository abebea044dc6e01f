from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import catalogue


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        # Here, once the models are loaded: connects the receivers, registers the type.
        from taggit.models import Tag

        from . import signal_handlers  # noqa: F401
        from .filters import ProjectFilter
        from .models import ProjectIndexPage, ProjectPage, Topic

        catalogue.register(
            catalogue.CatalogueType(
                kind="project",
                label=_("Projects"),
                model=ProjectPage,
                index_model=ProjectIndexPage,
                index_title="Projekte",
                position=1,
                slug="projekte",
                filterset=ProjectFilter,
                resource="projects",
                labels={Topic: "topics", Tag: "tagged_items__tag"},
            )
        )
