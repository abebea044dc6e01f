"""`send_digests`: the weekly e-mail for every member who follows something.

Run it once a week (e.g. Monday morning from cron). It covers the last completed ISO week unless
`--week 2026-W47` names another; each member gets at most one digest per week however often the
command runs, and a run that failed half-way is completed by the next one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from follow.digest import compose, recipients, send, upcoming_events
from follow.models import Week


class Command(BaseCommand):
    help = "Sends the weekly digest to members who follow topics, tags or cities."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO week to cover, e.g. 2026-W47 (default: last week)")

    def handle(self, week=None, **options):
        try:
            period = Week.parse(week) if week else Week.last_completed()
        except ValueError as exc:
            raise CommandError(f"Not an ISO week: {week!r} (e.g. 2026-W47).") from exc
        members = recipients()
        self.stdout.write(f"Digest {period}: {len(members)} member(s) follow something.")
        progress = Progress(self.stdout, "Digests", len(members))
        events = upcoming_events(period)
        sent = skipped = empty = failed = 0
        for subscription in members:
            digest = compose(subscription, period, events)
            if not digest.worth_sending:
                empty += 1
            else:
                try:
                    if send(digest, settings.WAGTAILADMIN_BASE_URL):
                        sent += 1
                    else:
                        skipped += 1
                except OSError as exc:  # SMTP errors are OSErrors; the next run retries
                    failed += 1
                    self.stderr.write(f"Could not mail {subscription.user.email}: {exc}")
            progress()
        self.stdout.write(
            f"{sent} sent, {skipped} already sent earlier, {empty} with nothing new, "
            f"{failed} failed."
        )
        if failed:
            raise CommandError(f"{failed} digest(s) could not be sent; run again to retry.")
