"""„Wir arbeiten auch daran“: a member of one city tells the contact of another city's project
that they work on (or plan) the same, and the platform introduces both sides by e-mail.

One row per member and project (a unique constraint, so a double click or two processes never
introduce twice); the rows are also the interest the city's editors and the working group see.
Nothing of them is public."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    WORKING = "working", _("We are working on this too")
    PLANNING = "planning", _("We are planning this too")


class IntroductionQuerySet(models.QuerySet):
    def by_member_since(self, member, hours=24):
        return self.filter(
            member=member, created_at__gte=timezone.now() - dt.timedelta(hours=hours)
        )

    def for_cities(self, cities):
        """Interest in the projects these cities lead."""
        return self.filter(project__lead_city__in=cities)


class Introduction(models.Model):
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="introductions",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="introductions",
    )
    # The member's city when they asked: a later move to another city does not rewrite who
    # was interested.
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("interested city"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="interests",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORKING)
    role = models.CharField(_("role"), max_length=120, blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    # Where the e-mail went, as it was sent (the project's contact may change later).
    contact_email = models.EmailField(_("contact e-mail"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "member"], name="one_introduction_per_member_and_project"
            )
        ]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")

    def __str__(self):
        return f"{self.member} → {self.project}"
