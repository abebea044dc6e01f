"""`update_index`: Wagtail's command that rebuilds the database search index, speaking German
and naming the index by its models – Wagtail's own prints the index object's repr
(`<…SQLiteIndex object at 0x…>`). This app stands before `wagtail.search` in INSTALLED_APPS, so
its command is the one `manage.py update_index` runs; `wagtail_update_index` is Wagtail's, as
it was."""

from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models
from modelsearch.management.commands import rebuild_modelsearch_index

from core.progress import Progress


class Command(rebuild_modelsearch_index.Command):
    help = "Baut den Suchindex der Datenbanksuche (Wagtail) neu auf."

    def add_arguments(self, parser):
        parser.add_argument("--backend", dest="backend_name", help="Nur diesen Suchindex")
        parser.add_argument(
            "--schema-only", action="store_true", help="Nur die Struktur, keine Inhalte"
        )
        parser.add_argument(
            "--chunk_size",
            type=int,
            default=rebuild_modelsearch_index.DEFAULT_CHUNK_SIZE,
            help="Objekte, die auf einmal gelesen werden",
        )

    def update_backend(self, backend_name, schema_only=False, chunk_size=None):
        chunk_size = chunk_size or rebuild_modelsearch_index.DEFAULT_CHUNK_SIZE
        backend = get_search_backend(backend_name)
        if not backend.rebuilder_class:
            self.write(f"Suchindex „{backend_name}“: muss nicht neu aufgebaut werden.")
            return
        groups = rebuild_modelsearch_index.group_models_by_index(backend, get_indexed_models())
        for index, models in groups.items():
            names = ", ".join(sorted(model._meta.label for model in models))
            self.write(f"Suchindex „{backend_name}“ wird neu aufgebaut ({len(models)} Modelle).")
            if self.verbosity > 1:
                self.write(f"  Modelle: {names}")
            rebuilder = backend.rebuilder_class(index)
            index = rebuilder.start()
            for model in models:
                index.add_model(model)
            count = 0
            if not schema_only:
                for model in models:
                    objects = model.get_indexed_objects().order_by("pk")
                    total = objects.count()
                    progress = self.progress(model, total)
                    for chunk in self.queryset_chunks(objects, chunk_size):
                        index.add_items(model, chunk)
                        count += len(chunk)
                        for _ in chunk:
                            progress()
            rebuilder.finish()
            self.write(f"Suchindex „{backend_name}“: {count} Objekte indexiert.")

    def progress(self, model, total):
        if self.verbosity < 2 or not total:
            return lambda: None
        return Progress(self.stdout, str(model._meta.verbose_name_plural), total)
