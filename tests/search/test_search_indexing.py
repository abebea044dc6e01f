"""Keeping the index true: publishing signals, the durable queue, rebuilds with aliases."""

import io
import threading

import pytest

from django.core.management import call_command

from projects.factories import ProjectPageFactory
from search.backends import SearchRequest, get_backend
from search.backends.elastic import client, reset_client
from search.documents import documents
from search.models import IndexTask
from search.query import parse

pytestmark = pytest.mark.django_db


def found(text):
    return {hit.title for hit in get_backend().search(SearchRequest(query=parse(text))).hits}


def rebuild():
    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)
    return out.getvalue()


def test_rebuild_shows_progress_and_swaps_aliases(use_engine, guetersloh):
    ProjectPageFactory(parent=guetersloh, title="Chatbot")
    output = rebuild()
    assert "100%" in output and "indexiert" in output
    first = set(client().indices.get_alias(name="kommunal-digital-project"))
    rebuild()
    second = set(client().indices.get_alias(name="kommunal-digital-project"))
    assert len(first) == len(second) == 1 and first != second
    assert not client().indices.exists(index=list(first))  # the old index was dropped
    assert found("Chatbot") == {"Chatbot"}


def test_rebuild_in_several_bulk_requests_indexes_every_page(use_engine, guetersloh, monkeypatch):
    from search.backends.elastic import Indexer

    monkeypatch.setattr(Indexer, "CHUNK", 3)
    monkeypatch.setattr(Indexer, "MIN_CHUNK", 2)
    sent = []
    original = Indexer._send
    monkeypatch.setattr(
        Indexer, "_send", lambda self, actions: (sent.append(len(actions)), original(self, actions))
    )
    # The engine under test accepts refresh_interval and ignores it: check what is asked of it.
    intervals, indices = [], client().indices
    put_settings = indices.put_settings

    def recording_put_settings(**kwargs):
        intervals.append(kwargs["settings"]["refresh_interval"])
        return put_settings(**kwargs)

    monkeypatch.setattr(indices, "put_settings", recording_put_settings)
    titles = {f"Projekt Nummer {n}" for n in range(7)}
    for title in titles:
        ProjectPageFactory(parent=guetersloh, title=title)
    rebuild()
    assert sorted(sent, reverse=True)[:4] == [2, 2, 2, 1]  # 7 projects // 8 → the minimum of 2
    assert found("Projekt Nummer") == titles
    # No refresh while loading (Elasticsearch's advice for bulk loads), then back to normal.
    assert intervals == ["-1", "1s"] * len(documents())


def test_bulk_size_grows_with_the_corpus():
    from search.backends.elastic import Indexer

    assert Indexer.chunk_size(None) == 1000
    assert Indexer.chunk_size(3000) == 375
    assert Indexer.chunk_size(100) == 250
    assert Indexer.chunk_size(100_000) == 1000


def test_publishing_unpublishing_and_deleting_update_the_index(
    use_engine, guetersloh, django_capture_on_commit_callbacks
):
    rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung")
    assert found("Sperrmüllanmeldung") == {"Sperrmüllanmeldung"}
    with django_capture_on_commit_callbacks(execute=True):
        project.unpublish()
    assert found("Sperrmüllanmeldung") == set()
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()
    assert found("Sperrmüllanmeldung") == {"Sperrmüllanmeldung"}
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert found("Sperrmüllanmeldung") == set()
    assert not IndexTask.objects.exists()


def test_renaming_a_city_updates_its_projects(
    use_engine, guetersloh, django_capture_on_commit_callbacks
):
    ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung")
    rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        guetersloh.title = "Gütersloh an der Dalke"
        guetersloh.save_revision().publish()
    [hit] = get_backend().search(SearchRequest(query=parse("Sperrmüllanmeldung"))).hits
    assert hit.city_name == "Gütersloh an der Dalke"


def test_moving_a_project_updates_its_url(
    use_engine, guetersloh, koeln, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung")
    rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        project.move(koeln, pos="last-child")
    [hit] = get_backend().search(SearchRequest(query=parse("Sperrmüllanmeldung"))).hits
    assert hit.url.startswith(koeln.url) and hit.city_name == "Köln"


def test_engine_down_publishing_succeeds_and_sync_indexes_once(
    use_engine, settings, guetersloh, moderator, django_capture_on_commit_callbacks
):
    rebuild()
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = "http://127.0.0.1:9", 1
    reset_client()
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung")
        project.title = "Sperrmüllanmeldung online"
        project.save_revision(user=moderator).publish(user=moderator)
    project.refresh_from_db()
    assert project.live
    assert IndexTask.objects.filter(page_id=project.pk).count() == 1  # one task, not two

    settings.ELASTICSEARCH_URL = real_url
    reset_client()
    out = io.StringIO()
    call_command("search_index", "sync", stdout=out)
    assert "1 Änderungen übernommen, 0 warten" in out.getvalue()
    assert found("Sperrmüllanmeldung") == {"Sperrmüllanmeldung online"}
    response = client().search(index="kommunal-digital-project", query={"match_all": {}})
    assert response["hits"]["total"]["value"] == 1  # indexed once


def test_search_keeps_answering_during_a_rebuild(use_engine, guetersloh):
    for number in range(30):
        ProjectPageFactory(parent=guetersloh, title=f"Chatbot Nummer {number}")
    rebuild()
    answers, stop = [], threading.Event()

    def keep_searching():
        from django.db import connection

        while not stop.is_set():
            answers.append(len(get_backend().search(SearchRequest(query=parse("Chatbot"))).hits))
        connection.close()

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        for _round in range(3):
            rebuild()
    finally:
        stop.set()
        searcher.join(timeout=30)
    assert answers and min(answers) == 10  # a full first page every time


def test_sync_without_engine_says_why(settings):
    settings.SEARCH_ENGINE = "database"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("search_index", "sync")


def test_renaming_a_tag_updates_its_projects(
    engine, guetersloh, django_capture_on_commit_callbacks
):
    from taggit.models import Tag

    ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung", tags=["Abfall"])
    if engine == "elasticsearch":
        rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        tag = Tag.objects.get(name="Abfall")
        tag.name = "Kreislaufwirtschaft"
        tag.save()
    assert found("Kreislaufwirtschaft") == {"Sperrmüllanmeldung"}
    assert found("Abfall") == set()


def test_renaming_a_topic_updates_its_projects(
    engine, guetersloh, topic, django_capture_on_commit_callbacks
):
    ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung", topics=[topic])
    if engine == "elasticsearch":
        rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Kreislaufwirtschaft"
        topic.save()
    assert found("Kreislaufwirtschaft") == {"Sperrmüllanmeldung"}


def test_a_renamed_tag_reaches_every_project_past_the_first_chunk(
    settings, guetersloh, django_capture_on_commit_callbacks, monkeypatch
):
    from taggit.models import Tag

    from search import signal_handlers

    settings.SEARCH_ENGINE = "database"
    monkeypatch.setattr(signal_handlers, "REFRESH_CHUNK", 2)
    titles = {f"Wertstoffhof {n}" for n in range(5)}
    for title in titles:
        ProjectPageFactory(parent=guetersloh, title=title, tags=["Abfall"])
    with django_capture_on_commit_callbacks(execute=True):
        tag = Tag.objects.get(name="Abfall")
        tag.name = "Kreislaufwirtschaft"
        tag.save()
    assert found("Kreislaufwirtschaft") == titles
