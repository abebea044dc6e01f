"""Composing and sending the weekly digest."""

import datetime as dt
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from core.roles import is_member
from events.models import EventPage
from projects.models import ProjectPage

from .models import DigestDelivery, Subscription

UPCOMING_WEEKS = 8


@dataclass
class Digest:
    subscription: Subscription
    week: object
    new_projects: list
    updated_projects: list
    events: list
    announced_events: int

    @property
    def worth_sending(self):
        """New or changed projects someone follows, or a meeting announced this week."""
        return bool(self.new_projects or self.updated_projects or self.announced_events)


def upcoming_events(week):
    """The meetings of the weeks after `week`: the same for every member, so loaded once."""
    return list(
        EventPage.objects.live()
        .public()
        .filter(start__gte=week.end, start__lt=week.end + dt.timedelta(weeks=UPCOMING_WEEKS))
        .exclude(status="cancelled")
        .select_related("host_city")
        .order_by("start")
    )


def compose(subscription, week, events):
    followed = (
        ProjectPage.objects.live()
        .public()
        .filter(subscription.project_filter())
        .distinct()
        .select_related("lead_city")
    )
    new = followed.filter(first_published_at__gte=week.start, first_published_at__lt=week.end)
    updated = followed.filter(
        first_published_at__lt=week.start,
        last_published_at__gte=week.start,
        last_published_at__lt=week.end,
    )
    announced = sum(
        1 for e in events if e.first_published_at and week.start <= e.first_published_at < week.end
    )
    return Digest(
        subscription,
        week,
        list(new.order_by("title")),
        list(updated.order_by("title")),
        events,
        announced,
    )


def recipients():
    """Active members with an address who follow something and want the digest."""
    subscriptions = (
        Subscription.objects.filter(weekly_digest=True, user__is_active=True, user__email__gt="")
        .select_related("user")
        .prefetch_related("user__groups")
        .order_by("user_id")
    )
    return [s for s in subscriptions if is_member(s.user) and s.follows_anything]


def send(digest, base_url):
    """Mail one digest unless this member already got the one for this week. True if sent."""
    user = digest.subscription.user
    try:
        with transaction.atomic():
            _delivery, created = DigestDelivery.objects.get_or_create(
                user=user,
                week=str(digest.week),
                defaults={
                    "projects": len(digest.new_projects) + len(digest.updated_projects),
                    "events": len(digest.events),
                },
            )
            if not created:
                return False
            # Sent inside the transaction: if the mail server refuses, no delivery is recorded
            # and the next run tries again.
            _message(digest, base_url).send()
    except IntegrityError:
        return False  # another run recorded this week's digest at the same moment
    return True


def _message(digest, base_url):
    subscription = digest.subscription
    unsubscribe = subscription.unsubscribe_url()
    with translation.override("de"):
        context = {
            "digest": digest,
            "user": subscription.user,
            "base_url": base_url.rstrip("/"),
            "unsubscribe_url": unsubscribe,
            "preferences_url": base_url.rstrip("/") + "/konto/benachrichtigungen/",
        }
        subject = translation.gettext("Kommunal Digital: what is new for you (%(week)s)") % {
            "week": digest.week.label
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("follow/email/digest.txt", context),
            to=[subscription.user.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string("follow/email/digest.html", context), "text/html"
        )
    return message
