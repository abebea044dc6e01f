"""`search_index rebuild`: fresh versioned indices, bulk-loaded, then the aliases are swapped
(searches keep answering from the old index meanwhile). `search_index sync`: apply the queue."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import catalogue
from core.management.output import readable
from core.progress import Progress
from search.backends.elastic import Indexer, _unavailable
from search.documents import documents
from search.indexing import apply_queue, engine_enabled
from search.models import IndexTask


class Command(BaseCommand):
    help = (
        "rebuild: baut die Suchindizes der Suchmaschine neu auf; sync: übernimmt die wartenden "
        "Änderungen."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync"], help="rebuild oder sync")

    def handle(self, action, **options):
        if not engine_enabled():
            raise CommandError("Keine Suchmaschine eingerichtet (ELASTICSEARCH_URL setzen).")
        try:
            if action == "rebuild":
                self.rebuild()
            else:
                done, left = apply_queue()
                self.stdout.write(f"{done} Änderungen übernommen, {left} warten.")
                if left:
                    sys.exit(1)
        except Exception as error:
            if _unavailable(error):
                raise CommandError(
                    f"Die Suchmaschine antwortet nicht: {readable(error)}"
                ) from error
            raise

    def rebuild(self):
        started = timezone.now()
        indexer = Indexer()
        total_start = time.monotonic()
        count = 0
        for document in documents():
            pages = document.pages()
            label = str(catalogue.get(document.kind).label)
            total = pages.count()
            name = indexer.create_index(document)
            indexer.bulk_load(
                document,
                name,
                pages.iterator(chunk_size=500),
                progress=Progress(self.stdout, label, total),
                total=total,
            )
            if total == 0:
                self.stdout.write(f"  {label:<10} (leer)")
            indexer.swap_alias(document, name)
            count += total
        # Changes made before the rebuild started are in the new indices already.
        IndexTask.objects.filter(created_at__lt=started).delete()
        seconds = time.monotonic() - total_start
        self.stdout.write(self.style.SUCCESS(f"{count} Seiten in {seconds:.1f} s indexiert."))
