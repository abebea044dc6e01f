"""Keeping the engine's index true: enqueue on publishing events, apply when the engine answers."""

import logging

from django.conf import settings
from django.db import transaction

from .backends.elastic import Indexer, _unavailable
from .documents import document_for, document_of
from .models import IndexTask

logger = logging.getLogger(__name__)


def engine_enabled():
    return settings.SEARCH_ENGINE == "elasticsearch"


def enqueue(page, action=IndexTask.Action.UPSERT):
    """Remember the change durably; try to apply it once the transaction has committed."""
    if not engine_enabled():
        return
    document = document_for(page)
    if document is None:
        return
    IndexTask.objects.update_or_create(
        kind=document.kind, page_id=page.pk, defaults={"action": action}
    )
    transaction.on_commit(apply_queue)


def apply_queue(limit=1000):
    """Apply waiting tasks in order; stop at the first engine failure. Returns (done, left)."""
    done = 0
    try:
        indexer = Indexer()
        tasks = list(IndexTask.objects.all()[:limit])
        if tasks:
            # Writing to a missing alias would auto-create a plain index under its name.
            indexer.ensure_indices()
        for task in tasks:
            document = document_of(task.kind)
            page = document.pages().filter(pk=task.page_id).first()
            if task.action == IndexTask.Action.UPSERT and page is not None:
                indexer.upsert(page)
            else:
                indexer.delete(task.kind, task.page_id)
            # Delete only the version we applied: a newer change keeps its row.
            IndexTask.objects.filter(pk=task.pk, created_at=task.created_at).delete()
            done += 1
    except Exception as error:  # noqa: BLE001 - the engine being away must never break a request
        if not _unavailable(error):
            logger.exception("search indexing failed")
        else:
            logger.warning("search engine unavailable; %s changes wait", IndexTask.objects.count())
    return done, IndexTask.objects.count()
