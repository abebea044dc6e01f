"""`remind_surveys`: a reminder to the editors of every city that has not answered an open
Abfrage. At most one per Abfrage, city and day however often it runs (e.g. daily from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.management.output import counted, readable
from core.progress import Progress
from surveys.reminders import pending, remind


class Command(BaseCommand):
    help = (
        "Erinnert die Redaktionen der Städte, die eine offene Abfrage noch nicht beantwortet "
        "haben (höchstens einmal am Tag)."
    )

    def handle(self, **options):
        todo = pending()
        self.stdout.write(
            f"{counted(len(todo), 'Stadt', 'Städte')} ohne Antwort und ohne Erinnerung heute."
        )
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
                self.stderr.write(f"Erinnerung an {city} nicht gesendet: {readable(exc)}")
            progress()
        self.stdout.write(
            f"{sent} gesendet, {skipped} übersprungen (keine Redaktion mit E-Mail-Adresse), "
            f"{failed} fehlgeschlagen."
        )
        if failed:
            raise CommandError(
                f"{counted(failed, 'Erinnerung', 'Erinnerungen')} nicht gesendet; "
                "der nächste Lauf versucht es erneut."
            )
