"""Dashboard panels: the interest in a city's projects for its editors, and for the working
group the topics where several cities are interested – the seed of a joint project."""

from collections import defaultdict

from wagtail.admin.ui.components import Component

from .models import Introduction

LIMIT = 10


class InterestPanel(Component):
    """„Interesse an Ihren Projekten“: who asked to be introduced, newest first."""

    name = "project_interest"
    template_name = "introductions/panels/interest.html"
    order = 70

    def __init__(self, cities):
        self.cities = cities

    def get_context_data(self, parent_context):
        interest = Introduction.objects.for_cities(self.cities).select_related(
            "project", "city", "member"
        )
        return {"introductions": interest[:LIMIT], "total": interest.count()}


class JointInterestPanel(Component):
    """„Gemeinsame Vorhaben in Sicht“: per topic, the cities interested in its projects (with
    the projects' own cities), where at least two other cities are interested."""

    name = "joint_interest"
    template_name = "introductions/panels/joint_interest.html"
    order = 265
    MIN_CITIES = 2

    def get_context_data(self, parent_context):
        rows = (
            Introduction.objects.filter(
                project__live=True, project__topics__isnull=False, city__isnull=False
            )
            .values_list(
                "project__topics__name",
                "city__title",
                "project__title",
                "project__lead_city__title",
            )
            .order_by()
        )
        topics = defaultdict(lambda: {"cities": set(), "projects": set()})
        for topic, city, project, lead_city in rows:
            topics[topic]["cities"].add(city)
            topics[topic]["projects"].add((project, lead_city or ""))
        seeds = [
            {
                "topic": topic,
                "cities": sorted(found["cities"]),
                "projects": sorted(found["projects"]),
            }
            for topic, found in topics.items()
            if len(found["cities"]) >= self.MIN_CITIES
        ]
        seeds.sort(key=lambda seed: (-len(seed["cities"]), seed["topic"]))
        return {"seeds": seeds[:LIMIT], "min_cities": self.MIN_CITIES}
