"""`send_digests`: the weekly e-mail for every member who follows something.

Run it once a week (e.g. Monday morning from cron). It covers the last completed ISO week unless
`--week 2026-W47` names another; each member gets at most one digest per week however often the
command runs, and a run that failed half-way is completed by the next one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.management.output import counted, readable
from core.progress import Progress
from follow.digest import compose, recipients, send, upcoming_events
from follow.models import Week


class Command(BaseCommand):
    help = (
        "Verschickt die Wochenzusammenfassung an Mitglieder, die Themen, Schlagwörtern oder "
        "Städten folgen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week", help="ISO-Woche, z. B. 2026-W47 (Standard: die letzte abgeschlossene Woche)"
        )

    def handle(self, week=None, **options):
        try:
            period = Week.parse(week) if week else Week.last_completed()
        except ValueError as exc:
            raise CommandError(f"Keine ISO-Woche: „{week}“ (z. B. 2026-W47).") from exc
        members = recipients()
        self.stdout.write(
            f"Wochenzusammenfassung {period}: "
            f"{counted(len(members), 'Mitglied folgt', 'Mitglieder folgen')} Themen, "
            "Schlagwörtern oder Städten."
        )
        progress = Progress(self.stdout, "E-Mails", len(members))
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
                    self.stderr.write(
                        f"E-Mail an {subscription.user.email} nicht verschickt: {readable(exc)}"
                    )
            progress()
        self.stdout.write(
            f"{sent} verschickt, {skipped} schon früher verschickt, {empty} ohne Neues, "
            f"{failed} fehlgeschlagen."
        )
        if failed:
            raise CommandError(
                f"{counted(failed, 'Zusammenfassung', 'Zusammenfassungen')} nicht verschickt; "
                "erneut ausführen, um es noch einmal zu versuchen."
            )
