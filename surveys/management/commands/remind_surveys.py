"""`remind_surveys`: a reminder to the editors of every city that has not answered an open
Abfrage. At most one per Abfrage, city and day however often it runs (e.g. daily from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from surveys.reminders import pending, remind


class Command(BaseCommand):
    help = "Reminds the editors of cities that have not answered an open survey (once a day)."

    def handle(self, **options):
        todo = pending()
        self.stdout.write(f"{len(todo)} city/cities without an answer nor a reminder today.")
        progress = Progress(self.stdout, "Erinnerung", len(todo))
        sent = skipped = failed = 0
        for survey, city in todo:
            try:
                if remind(survey, city, settings.WAGTAILADMIN_BASE_URL):
                    sent += 1
                else:
                    skipped += 1
            except OSError as exc:  # SMTP errors are OSErrors; the next run retries
                failed += 1
                self.stderr.write(f"Could not remind {city}: {exc}")
            progress()
        self.stdout.write(
            f"{sent} sent, {skipped} skipped (no editor with e-mail), {failed} failed."
        )
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent.")
