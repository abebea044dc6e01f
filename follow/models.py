"""What members follow, and which weekly digests went out.

A digest covers one ISO week (Monday 00:00 to Monday 00:00, Berlin time). One row per member and
week in `DigestDelivery` is written in the same transaction as the e-mail is handed over, with a
unique constraint, so that re-running `send_digests` (or running it twice at once) never mails
anyone twice, and a failed send is retried by the next run.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from events.models import BERLIN

UNSUBSCRIBE_SALT = "follow.unsubscribe"


class Week:
    """An ISO week in Berlin time."""

    def __init__(self, monday):
        self.monday = monday - dt.timedelta(days=monday.weekday())

    @classmethod
    def last_completed(cls, now=None):
        today = timezone.localdate(now or timezone.now())
        return cls(today - dt.timedelta(days=7))

    @classmethod
    def parse(cls, text):
        """`2026-W47` → that week; ValueError otherwise."""
        return cls(dt.datetime.strptime(text + "-1", "%G-W%V-%u").date())

    @property
    def start(self):
        return dt.datetime.combine(self.monday, dt.time.min, tzinfo=BERLIN)

    @property
    def end(self):
        next_monday = self.monday + dt.timedelta(days=7)
        return dt.datetime.combine(next_monday, dt.time.min, tzinfo=BERLIN)

    def __str__(self):
        year, week, _day = self.monday.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def label(self):
        year, week, _day = self.monday.isocalendar()
        return _("week %(week)s/%(year)s") % {"week": week, "year": year}


class Subscription(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscription"
    )
    topics = models.ManyToManyField(
        "projects.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    cities = models.ManyToManyField(
        "cities.CityPage", verbose_name=_("cities"), blank=True, related_name="followers"
    )
    weekly_digest = models.BooleanField(_("weekly e-mail digest"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What a member can follow (in URLs and follow buttons) → the field that holds it.
    FIELDS = {"topic": "topics", "tag": "tags", "city": "cities"}

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return str(self.user)

    @property
    def follows_anything(self):
        return self.topics.exists() or self.tags.exists() or self.cities.exists()

    def project_filter(self):
        """Projects with a followed topic or tag, led by or partnered with a followed city."""
        cities = self.cities.all()
        return (
            Q(topics__in=self.topics.all())
            | Q(tagged_items__tag__in=self.tags.all())
            | Q(lead_city__in=cities)
            | Q(partners__city__in=cities)
        )

    def unsubscribe_token(self):
        return signing.dumps(self.user_id, salt=UNSUBSCRIBE_SALT)

    def unsubscribe_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "follow:unsubscribe", args=[self.unsubscribe_token()]
        )

    @classmethod
    def from_token(cls, token):
        """The subscription a link names, or None for a forged or garbled link."""
        try:
            user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        except signing.BadSignature:
            return None
        return cls.objects.filter(user_id=user_id).first()


class DigestDelivery(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    week = models.CharField(max_length=8)  # ISO week, e.g. 2026-W47
    sent_at = models.DateTimeField(default=timezone.now)
    projects = models.PositiveIntegerField(default=0)
    events = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="one_digest_per_user_and_week")
        ]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")

    def __str__(self):
        return f"{self.user} {self.week}"
