"""`import_projects FILE`: projects from a CSV or XLSX spreadsheet, as drafts in moderation.

The whole file is checked first; nothing is written unless every row is valid. Rows carry a
stable `external_id`, so running the command again with the same file changes nothing and an
edited file updates the projects it names.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.management.output import counted
from core.progress import Progress
from projects.spreadsheet.importer import import_file


class Command(BaseCommand):
    help = "Importiert Projekte aus einer CSV- oder XLSX-Datei (Spaltenformat: siehe README)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV- oder XLSX-Datei")
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur prüfen und berichten, nichts schreiben."
        )
        parser.add_argument(
            "--user", help="Benutzername der Moderation, als Autor der Versionen eingetragen."
        )

    def handle(self, file, dry_run=False, user=None, **options):
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Kein Benutzer „{user}“.")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file} kann nicht gelesen werden: {_reason(exc)}.") from exc

        progress = None

        def report(position, total):
            nonlocal progress
            if progress is None:
                progress = Progress(self.stdout, "Projekte", total)
            progress()

        # The importer's messages are the admin form's (gettext): German here, like the rest.
        with translation.override("de"):
            result = import_file(data, file.name, user=author, dry_run=dry_run, progress=report)
            problems = [str(error) for error in result.errors]
        if result.errors:
            for problem in problems:
                self.stderr.write(problem)
            found = f"{counted(len(result.errors), 'Problem', 'Probleme')} gefunden"
            raise CommandError(f"{found}; nichts wurde importiert." if not dry_run else f"{found}.")
        if dry_run:
            self.stdout.write(
                f"{counted(len(result.rows), 'Zeile ist', 'Zeilen sind')} gültig. "
                "Nichts geschrieben (Probelauf)."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} angelegt, {result.updated} aktualisiert, "
                f"{result.unchanged} unverändert; neue Versionen warten auf die Moderation."
            )
        )


def _reason(error):
    """The operating system's reason in German (its own text is in the machine's language)."""
    if isinstance(error, FileNotFoundError):
        return "Datei nicht gefunden"
    if isinstance(error, IsADirectoryError):
        return "das ist ein Verzeichnis"
    if isinstance(error, PermissionError):
        return "keine Leseberechtigung"
    return "Lesefehler"
