"""Reuse between projects: project B „nutzt nach“ project A, and what it took.

A relation is proposed by the editors of either side and confirmed by the other side's; until
then it is „angefragt“ and only signed-in members see it. Both projects stand below their lead
cities, so which side an editor speaks for is decided by the city of each project and the
editor's groups (core.roles: a city's editor group is tied to the city by key).
"""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.pages import public_related_q
from core.roles import MODERATORS, is_member


class ReuseWay(models.TextChoices):
    TENANT = "tenant", _("Tenant of the origin's installation")
    CODE = "code", _("Code or configuration taken over")
    CONCEPT = "concept", _("Concept taken over")
    JOINT_PROCUREMENT = "joint_procurement", _("Joint procurement")
    EFA = "efa", _("„Einer für Alle“ service")


class ReuseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("Being implemented")
    IN_OPERATION = "in_operation", _("In operation")
    ENDED = "ended", _("Ended")


class CostRange(models.TextChoices):
    UNKNOWN = "", _("Not specified")
    UNDER_10K = "lt10k", _("under 10,000 €")
    UP_TO_50K = "10k-50k", _("10,000 – 50,000 €")
    UP_TO_250K = "50k-250k", _("50,000 – 250,000 €")
    OVER_250K = "gt250k", _("over 250,000 €")


def edited_city_ids(user):
    """Ids of the cities whose editor groups the user is in; None for a moderator or an
    administrator, who speak for every city."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser or user.groups.filter(name=MODERATORS).exists():
        return None
    return set(user.groups.filter(city__isnull=False).values_list("city__pk", flat=True))


class ProjectReuseQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def between_public_projects(self):
        """Both projects live and public: a relation never names a draft or private project."""
        return self.filter(public_related_q("origin", "adopter"))

    def visible_to(self, user):
        """What a visitor may see: confirmed relations between public projects; members also
        see the requested ones („angefragt“)."""
        shown = self.between_public_projects()
        return shown if is_member(user) else shown.confirmed()

    def for_display(self):
        return self.select_related("origin__lead_city", "adopter__lead_city").order_by(
            "origin__title", "adopter__lead_city__title", "pk"
        )

    def for_cities(self, city_ids):
        """Relations with a project of one of these cities on either side (all for None)."""
        if city_ids is None:
            return self
        return self.filter(Q(origin__lead_city__in=city_ids) | Q(adopter__lead_city__in=city_ids))


class ProjectReuse(models.Model):
    """`adopter` „nutzt nach“ `origin`."""

    origin = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("reused project"),
        on_delete=models.CASCADE,
        related_name="reused_by",
    )
    adopter = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("reusing project"),
        on_delete=models.CASCADE,
        related_name="reuses",
    )
    way = models.CharField(_("way of reuse"), max_length=20, choices=ReuseWay.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    status = models.CharField(
        _("status of the reuse"),
        max_length=20,
        choices=ReuseStatus.choices,
        default=ReuseStatus.PLANNED,
    )
    effort_person_days = models.PositiveIntegerField(
        _("effort in person-days"), null=True, blank=True
    )
    cost_range = models.CharField(
        _("cost"), max_length=20, choices=CostRange.choices, blank=True, default=CostRange.UNKNOWN
    )
    helped = models.TextField(_("what helped"), max_length=2000, blank=True)
    missing = models.TextField(_("what was missing"), max_length=2000, blank=True)

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The side that asked: the other side confirms. Null when one person spoke for both.
    proposed_by_city = models.ForeignKey(
        "cities.CityPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = ProjectReuseQuerySet.as_manager()

    class Meta:
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")
        constraints = [
            models.UniqueConstraint(fields=["origin", "adopter"], name="unique_project_reuse"),
            models.CheckConstraint(
                condition=~Q(origin=models.F("adopter")), name="project_reuse_not_itself"
            ),
        ]

    def __str__(self):
        return f"{self.adopter} → {self.origin}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def clean(self):
        super().clean()
        if not (self.origin_id and self.adopter_id):
            return
        if self.origin_id == self.adopter_id:
            raise ValidationError(_("A project cannot reuse itself."))
        others = ProjectReuse.objects.exclude(pk=self.pk)
        if others.filter(origin_id=self.origin_id, adopter_id=self.adopter_id).exists():
            raise ValidationError(_("This reuse is already recorded."))
        if reaches(others, self.origin_id, self.adopter_id):
            raise ValidationError(
                _(
                    "This would make a circle: the reused project already reuses the reusing "
                    "project, directly or through others."
                )
            )

    # Sides and who speaks for them.
    def sides(self):
        return {self.origin.lead_city_id, self.adopter.lead_city_id}

    def side_to_confirm(self):
        """The city whose editors confirm: the side that did not ask."""
        if self.is_confirmed:
            return None
        if self.proposed_by_city_id == self.origin.lead_city_id:
            return self.adopter.lead_city
        return self.origin.lead_city

    def can_confirm(self, user):
        cities = edited_city_ids(user)
        if self.is_confirmed or cities == set():
            return False
        return cities is None or self.side_to_confirm().pk in cities

    def can_withdraw(self, user):
        """Either side may take a relation back (a wrong proposal, a reuse that never was)."""
        cities = edited_city_ids(user)
        return cities is None or bool(self.sides() & (cities or set()))

    def confirm(self, user):
        self.confirmed_by = user
        self.confirmed_at = timezone.now()
        self.save(update_fields=["confirmed_by", "confirmed_at"])


def reaches(relations, start, goal):
    """Whether `start` „nutzt nach“ `goal`, directly or through others, among `relations`
    (one query: all edges, then a walk in memory – a few hundred relations at most)."""
    edges = defaultdict(set)
    for adopter, origin in relations.values_list("adopter_id", "origin_id"):
        edges[adopter].add(origin)
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(edges[node])
    return False
