"""The catalogue downloads are streamed a chunk of records at a time and answer conditional
requests from the public version (formulas and visibility: test_security_import, test_opendata)."""

import csv
import io
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import public_cache
from opendata import files, views
from projects.factories import ProjectPageFactory
from tests.helpers import body

pytestmark = pytest.mark.django_db

URLS = [
    f"/daten/kommunal-digital-{name}.{fmt}"
    for name in ("projekte", "staedte", "termine")
    for fmt in ("csv", "json")
]


@pytest.fixture(autouse=True)
def kept_files(tmp_path, monkeypatch):
    """Each test its own place for kept downloads (VAR_DIR lasts the whole session)."""
    monkeypatch.setattr(files, "root", lambda: tmp_path / "downloads")


@pytest.fixture
def projects(guetersloh, koeln, topic):
    return [
        ProjectPageFactory(parent=city, title=f"Projekt {n}", topics=[topic], tags=[f"Tag {n}"])
        for n in range(5)
        for city in (guetersloh, koeln)
    ]


def test_downloads_are_streamed(client, projects):
    for url in URLS:
        response = client.get(url)
        assert response.status_code == 200 and response.streaming, url
        assert response["Content-Type"].endswith("charset=utf-8"), url


def test_the_first_bytes_leave_before_any_record_is_read(client, projects):
    """A client (or a proxy with a timeout) sees the download begin at once, however big."""
    for url in URLS:
        response = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            first = next(iter(response.streaming_content))
        if url.endswith(".csv"):
            assert first == "\ufeff".encode() and len(queries) == 0, url
        else:
            assert first.endswith(b'"results": [') and len(queries) <= 1, url  # the count


def test_chunks_join_into_the_same_file_as_one_piece(client, projects, monkeypatch):
    def download(url):
        text = body(client.get(url)).decode("utf-8-sig")
        if url.endswith(".json"):
            data = json.loads(text)
            del data["generated_at"]
            return data
        return list(csv.reader(io.StringIO(text)))

    whole = {url: download(url) for url in URLS}
    monkeypatch.setattr(views, "DOWNLOAD_CHUNK", 3)
    public_cache.public_changed()  # built again, not the file kept from the first build
    for url in URLS:
        assert download(url) == whole[url], url
    assert len(whole["/daten/kommunal-digital-projekte.csv"]) == 1 + len(projects)
    assert whole["/daten/kommunal-digital-projekte.json"]["count"] == len(projects)


def test_queries_do_not_grow_with_the_catalogue(client, guetersloh, topic):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            body(client.get(url))
        return len(captured)

    ProjectPageFactory(parent=guetersloh, title="Projekt A", topics=[topic], tags=["A"])
    small = {url: queries(url) for url in URLS}
    assert all(small.values())
    for n in range(8):
        ProjectPageFactory(
            parent=guetersloh, title=f"Projekt {n}", topics=[topic], tags=[f"Tag {n}"]
        )
    assert {url: queries(url) for url in URLS} == small


def test_unchanged_data_is_answered_with_304_until_a_publish(client, projects, guetersloh):
    for url in URLS:
        first = client.get(url)
        body(first)
        assert first["ETag"] and first["Last-Modified"], url
        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
        since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304, url
    before = client.get(URLS[0])
    body(before)
    ProjectPageFactory(parent=guetersloh, title="Neu veröffentlicht")
    after = client.get(URLS[0], headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and "Neu veröffentlicht" in body(after).decode()
    assert after["ETag"] != before["ETag"]


def test_unknown_downloads_stay_404_even_when_asked_conditionally(client, projects):
    response = client.get("/daten/kommunal-digital-passwoerter.csv", headers={"if-none-match": "*"})
    assert response.status_code == 404


def test_a_new_release_answers_the_previous_releases_etag_with_the_file(client, projects, settings):
    # A release may write the files differently (a new column) while the data stays the same.
    settings.RELEASE = "2026.12.1"
    before = client.get(URLS[0])
    body(before)
    settings.RELEASE = "2026.12.2"
    after = client.get(URLS[0], headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    body(after)


def test_a_built_file_is_kept_for_the_next_requests_until_a_publish(
    client, projects, guetersloh, django_assert_max_num_queries
):
    first = {url: body(client.get(url)) for url in URLS}
    for url in URLS:
        with django_assert_max_num_queries(0):
            again = client.get(url)
            kept = body(again)
        assert kept == first[url] and again["Content-Length"] == str(len(kept)), url
    ProjectPageFactory(parent=guetersloh, title="Neu veröffentlicht")
    for url in URLS[:2]:
        assert "Neu veröffentlicht" in body(client.get(url)).decode(), url
    # Only the files of the version the public sees now stay on disk.
    assert len({path.parent for path in files.root().glob("*/*/*")}) == 1


def test_a_download_broken_off_leaves_no_half_file_for_others(tmp_path):
    # What the server does when the client goes away: it closes the response's iterator.
    path = tmp_path / "kept" / "kommunal-digital-projekte.csv"
    sent = files._kept_while_sent(iter(["a,b\r\n", "1,2\r\n", "3,4\r\n"]), path)
    assert next(sent) == b"a,b\r\n"
    sent.close()
    assert not list(path.parent.iterdir())

    whole = files._kept_while_sent(iter(["a,b\r\n", "1,2\r\n"]), path)
    assert b"".join(whole) == b"a,b\r\n1,2\r\n" == path.read_bytes()
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_slow_build_of_an_old_version_leaves_the_newer_files_alone(tmp_path):
    newer = tmp_path / "release" / "2000" / "kommunal-digital-projekte.csv"
    newer.parent.mkdir(parents=True)
    newer.write_bytes(b"neu")
    older = tmp_path / "release" / "1000" / "kommunal-digital-projekte.csv"
    b"".join(files._kept_while_sent(iter(["alt"]), older))

    assert newer.read_bytes() == b"neu"
    b"".join(files._kept_while_sent(iter(["neuer"]), tmp_path / "release" / "3000" / newer.name))
    assert not newer.parent.exists() and not older.parent.exists()


def test_each_host_has_its_own_file(client, projects, settings):
    # The records link to their pages by absolute address.
    settings.ALLOWED_HOSTS = ["testserver", "daten.example"]
    url = "/daten/kommunal-digital-projekte.csv"
    body(client.get(url))
    other_host = body(client.get(url, HTTP_HOST="daten.example")).decode()
    assert "http://daten.example/" in other_host and "http://testserver/" not in other_host


def test_nowhere_to_keep_the_file_still_downloads(client, projects, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file-not-a-directory"
    blocked.write_text("")
    monkeypatch.setattr(files, "root", lambda: blocked / "downloads")

    for _ in range(2):
        rows = list(csv.reader(io.StringIO(body(client.get(URLS[0])).decode("utf-8-sig"))))
        assert len(rows) == 1 + len(projects)
