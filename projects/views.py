"""`/nachnutzung/`: what is reused most, and the projects that offer themselves for reuse."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse

from solutions.models import SolutionPage

from .models import REUSABLE_MODES, ProjectPage, ProjectReuse

LIMIT = 20


def _count(rows, group_by, field):
    counted = rows.order_by().values(group_by).annotate(n=Count(field, distinct=True)).values("n")
    return Coalesce(Subquery(counted), 0)


def ranked_solutions(public_projects):
    """Live solutions by the number of cities whose public projects use them."""
    users = public_projects.filter(solutions=OuterRef("pk"))
    return (
        SolutionPage.objects.live()
        .public()
        .annotate(
            city_count=_count(users, "solutions", "lead_city"),
            project_count=_count(users, "solutions", "pk"),
        )
        .filter(project_count__gt=0)
        .select_related("origin_city")
        .order_by("-city_count", "-project_count", "title")[:LIMIT]
    )


def ranked_projects(public_projects):
    """Public projects by the number of confirmed reuses by other public projects."""
    reuses = ProjectReuse.objects.confirmed().filter(
        origin=OuterRef("pk"), adopter__in=public_projects
    )
    return (
        public_projects.annotate(reuse_count=_count(reuses, "origin", "pk"))
        .filter(reuse_count__gt=0)
        .for_listing()
        .order_by("-reuse_count", "title")[:LIMIT]
    )


def offering_projects(public_projects):
    """Projects that may be reused („Nachnutzung möglich“) or look for adopters
    („Nachnutzende gesucht“), those looking first."""
    return (
        public_projects.filter(Q(reuse_mode__in=REUSABLE_MODES) | Q(seeks_adopters=True))
        .for_listing()
        .order_by("-seeks_adopters", "-last_published_at", "pk")[:LIMIT]
    )


def reuse_overview(request):
    public_projects = ProjectPage.objects.live().public()
    return TemplateResponse(
        request,
        "projects/reuse_overview.html",
        {
            "solutions": ranked_solutions(public_projects),
            "reused_projects": ranked_projects(public_projects),
            "offering": offering_projects(public_projects),
        },
    )
