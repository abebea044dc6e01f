"""`remind_stale`: the weekly reminder to confirm projects („ist noch aktuell“).

Run it once a week (e.g. Monday morning from cron, like `send_digests`). Each active editor
with an e-mail address gets at most one reminder per ISO week however often the command runs,
listing the projects of their cities that are stale or will be within four weeks; editors
without such projects get nothing. A run that failed half-way is completed by the next one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.management.output import counted, readable
from core.progress import Progress
from projects.reminders import iso_week, reminders, send


class Command(BaseCommand):
    help = (
        "Schickt den Redaktionen jeder Stadt ihre Projekte, die bestätigt werden sollten "
        "(„Ist noch aktuell“), höchstens einmal pro Woche."
    )

    def handle(self, **options):
        week = iso_week()
        found = reminders()
        self.stdout.write(
            f"Erinnerungen {week}: {counted(len(found), 'Person', 'Personen')} aus Redaktionen "
            "mit Projekten zum Bestätigen."
        )
        progress = Progress(self.stdout, "Erinnerungen", len(found))
        sent = skipped = failed = 0
        for reminder in found:
            try:
                if send(reminder, week, settings.WAGTAILADMIN_BASE_URL):
                    sent += 1
                else:
                    skipped += 1
            except OSError as exc:  # SMTP errors are OSErrors; the next run retries
                failed += 1
                self.stderr.write(
                    f"E-Mail an {reminder.user.email} nicht gesendet: {readable(exc)}"
                )
            progress()
        self.stdout.write(
            f"{sent} gesendet, {skipped} schon in dieser Woche gesendet, {failed} fehlgeschlagen."
        )
        if failed:
            raise CommandError(
                f"{counted(failed, 'Erinnerung', 'Erinnerungen')} nicht gesendet; "
                "ein neuer Lauf versucht es erneut."
            )
