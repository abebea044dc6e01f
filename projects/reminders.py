"""`remind_stale`: each city's editors get the list of their projects due for confirmation
(stale, or stale within four weeks), with one „ist noch aktuell“ link per project."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cities.models import CityPage

from .models import ProjectPage, StaleReminder


def iso_week(now=None):
    year, week, _day = timezone.localdate(now or timezone.now()).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Reminder:
    user: object
    projects: list = field(default_factory=list)


def reminders(now=None):
    """One Reminder per active editor with an address, with the due projects of all the
    cities they edit, in three queries however many cities and projects."""
    groups = dict(
        CityPage.objects.filter(editor_group__isnull=False).values_list("pk", "editor_group_id")
    )
    due = (
        ProjectPage.objects.due_for_confirmation(now)
        .filter(lead_city__in=list(groups))
        .select_related("lead_city")
        .order_by("lead_city__title", "confirmed_at", "title")
    )
    by_city = {}
    for project in due:
        by_city.setdefault(project.lead_city_id, []).append(project)
    group_city = {group: city for city, group in groups.items() if city in by_city}
    editors = (
        get_user_model()
        .objects.filter(is_active=True, email__gt="", groups__in=list(group_city))
        .prefetch_related("groups")
        .distinct()
        .order_by("pk")
    )
    found = []
    for user in editors:
        projects = [
            project
            for group in user.groups.all()
            if group.pk in group_city
            for project in by_city[group_city[group.pk]]
        ]
        found.append(Reminder(user, projects))
    return found


def send(reminder, week, base_url):
    """Mail one reminder unless this editor got this week's already. True if sent."""
    try:
        with transaction.atomic():
            _record, created = StaleReminder.objects.get_or_create(
                user=reminder.user, week=week, defaults={"projects": len(reminder.projects)}
            )
            if not created:
                return False
            # Inside the transaction: a refusing mail server leaves no record, the next run
            # tries again.
            _message(reminder, base_url).send()
    except IntegrityError:
        return False  # another run recorded it at the same moment
    return True


def _message(reminder, base_url):
    base = base_url.rstrip("/")
    with translation.override("de"):
        context = {
            "user": reminder.user,
            "projects": [
                (project, base + reverse("project_confirm", args=[project.pk]))
                for project in reminder.projects
            ],
            "dashboard_url": base + reverse("wagtailadmin_home"),
        }
        subject = translation.ngettext(
            "Kommunal Digital: %(count)d project to confirm",
            "Kommunal Digital: %(count)d projects to confirm",
            len(reminder.projects),
        ) % {"count": len(reminder.projects)}
        return EmailMessage(
            subject=subject,
            body=render_to_string("projects/email/remind_stale.txt", context),
            to=[reminder.user.email],
        )
