"""`import_projects FILE`: projects from a CSV or XLSX spreadsheet, as drafts in moderation.

The whole file is checked first; nothing is written unless every row is valid. Rows carry a
stable `external_id`, so running the command again with the same file changes nothing and an
edited file updates the projects it names.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.progress import Progress
from projects.spreadsheet.importer import import_file


class Command(BaseCommand):
    help = "Imports projects from a CSV or XLSX file (see the column format in the README)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, write nothing."
        )
        parser.add_argument(
            "--user", help="User name recorded as the author of the revisions (a moderator)."
        )

    def handle(self, file, dry_run=False, user=None, **options):
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user named {user!r}.")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc

        progress = None

        def report(position, total):
            nonlocal progress
            if progress is None:
                progress = Progress(self.stdout, "Projekte", total)
            progress()

        result = import_file(data, file.name, user=author, dry_run=dry_run, progress=report)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} problem(s) found; nothing was imported."
                if not dry_run
                else f"{len(result.errors)} problem(s) found."
            )
        if dry_run:
            self.stdout.write(
                f"{len(result.rows)} row(s) are valid. Nothing was written (dry run)."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged; new versions wait for moderation."
            )
        )
