"""Reminder e-mails to the editors of cities that have not answered an open Abfrage."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import ReminderSent, SurveyPage


def pending(now=None, day=None):
    """(survey, city) for every open Abfrage and city of its audience without an answer and
    without a reminder on `day`."""
    now, day = now or timezone.now(), day or timezone.localdate()
    result = []
    for survey in SurveyPage.objects.live().filter(deadline__gte=now).order_by("deadline"):
        reminded = set(
            ReminderSent.objects.filter(survey=survey, day=day).values_list("city", flat=True)
        )
        result += [
            (survey, city)
            for city in survey.cities_without_answer().select_related("editor_group")
            if city.pk not in reminded
        ]
    return result


def editors(city):
    if city.editor_group_id is None:
        return []
    users = get_user_model().objects.filter(groups=city.editor_group_id, is_active=True)
    return list(users.exclude(email="").order_by("pk"))


def remind(survey, city, base_url, day=None):
    """Mail the city's editors once on `day`. False when it was done already (by this or
    another run) or the city has no editor with an e-mail address."""
    day = day or timezone.localdate()
    recipients = editors(city)
    if not recipients:
        return False
    try:
        with transaction.atomic():
            _sent, created = ReminderSent.objects.get_or_create(
                survey=survey, city=city, day=day, defaults={"recipients": len(recipients)}
            )
            if not created:
                return False
            # Inside the transaction: if the mail server refuses, nothing is recorded and the
            # next run tries again.
            _message(survey, city, recipients, base_url).send()
    except IntegrityError:
        return False
    return True


def _message(survey, city, recipients, base_url):
    with translation.override("de"):
        context = {
            "survey": survey,
            "city": city,
            "answer_url": base_url.rstrip("/") + survey.answer_url(city),
        }
        subject = translation.gettext("Reminder: survey „%(title)s“, answers until %(date)s") % {
            "title": survey.title,
            "date": timezone.localtime(survey.deadline).strftime("%d.%m.%Y"),
        }
        return EmailMessage(
            subject=subject,
            body=render_to_string("surveys/email/reminder.txt", context),
            # Each editor on their own: the addresses of a city's editors are not shared.
            bcc=[user.email for user in recipients],
        )
