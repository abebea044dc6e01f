"""`remind_stale`: the weekly reminder to confirm projects („ist noch aktuell“).

Run it once a week (e.g. Monday morning from cron, like `send_digests`). Each active editor
with an e-mail address gets at most one reminder per ISO week however often the command runs,
listing the projects of their cities that are stale or will be within four weeks; editors
without such projects get nothing. A run that failed half-way is completed by the next one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from projects.reminders import iso_week, reminders, send


class Command(BaseCommand):
    help = "Mails each city's editors the projects due for confirmation („ist noch aktuell“)."

    def handle(self, **options):
        week = iso_week()
        found = reminders()
        self.stdout.write(f"Reminders {week}: {len(found)} editor(s) with projects to confirm.")
        progress = Progress(self.stdout, "Reminders", len(found))
        sent = skipped = failed = 0
        for reminder in found:
            try:
                if send(reminder, week, settings.WAGTAILADMIN_BASE_URL):
                    sent += 1
                else:
                    skipped += 1
            except OSError as exc:  # SMTP errors are OSErrors; the next run retries
                failed += 1
                self.stderr.write(f"Could not mail {reminder.user.email}: {exc}")
            progress()
        self.stdout.write(f"{sent} sent, {skipped} already sent this week, {failed} failed.")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; run again to retry.")
