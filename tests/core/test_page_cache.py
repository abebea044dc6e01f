"""The page cache for anonymous visitors: what is kept is what the public may see, and a
publish, unpublish or view restriction shows at once on every page that lists the page."""

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from core import public_cache
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def project(guetersloh, topic):
    return ProjectPageFactory(
        parent=guetersloh,
        title="Terminbuchung",
        topics=[topic],
        contact_name="Anna Berger",
        contact_email="anna@gt.example",
    )


def test_a_kept_page_is_answered_without_a_database_query(
    client, project, django_assert_max_num_queries
):
    first = client.get(project.url)
    with django_assert_max_num_queries(0):
        again = client.get(project.url)
    assert again.status_code == 200 and again.content == first.content


def test_a_publish_shows_at_once_on_the_page_its_list_home_and_search(client, project, guetersloh):
    urls = ["/", "/projekte/", guetersloh.url, "/suche/?q=Parkraumkataster"]
    link = f'href="{guetersloh.url}parkraumkataster/"'
    for url in urls:
        assert link not in client.get(url).content.decode(), url
    new = ProjectPageFactory(parent=guetersloh, title="Parkraumkataster")
    for url in urls:
        assert link in client.get(url).content.decode(), url
    assert "Parkraumkataster" in client.get("/projekte/feed/rss/").content.decode()
    assert client.get(new.url).status_code == 200


def test_a_change_published_shows_at_once_on_every_page_that_shows_the_page(
    client, engine, django_capture_on_commit_callbacks, project, guetersloh, koeln, topic
):
    """The page, its list, home, its city, the feed, a search for the new word and the
    similar projects on another city's project: all kept before, all show the change after
    (on the engine once the index queue is applied, after the commit)."""
    peer = ProjectPageFactory(parent=koeln, title="Termine in Köln", topics=[topic])
    if engine == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    urls = [
        project.url,
        "/projekte/",
        "/",
        guetersloh.url,
        "/projekte/feed/rss/",
        "/suche/?q=Wartemarken",
        peer.url,
    ]
    title = "Wartemarken online ziehen"
    for url in urls:
        assert title not in client.get(url).content.decode(), url
    assert "Terminbuchung" in client.get(peer.url).content.decode()  # a similar project
    project.title = title
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()
    for url in urls:
        assert title in client.get(url).content.decode(), url


def test_what_was_kept_before_the_commit_is_replaced_again_after_it(
    django_capture_on_commit_callbacks, project
):
    """Another process may render a page between the publish and its commit, from the data
    before it: the version changes once more when the change commits."""
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()
        during = public_cache.version()
    assert public_cache.version() != during


def test_a_draft_never_reaches_the_kept_public_copy(client, project):
    client.get(project.url)
    project.teaser = "Geheimer Entwurf"
    project.save_revision()
    for url in [project.url, "/projekte/"]:
        assert "Geheimer Entwurf" not in client.get(url).content.decode(), url


def test_unpublishing_removes_the_page_from_every_kept_list(client, project):
    for url in ["/projekte/", project.url, "/projekte/feed/rss/"]:
        client.get(url)
    project.unpublish()
    assert client.get(project.url).status_code == 404
    for url in ["/projekte/", "/projekte/feed/rss/"]:
        assert "Terminbuchung" not in client.get(url).content.decode(), url


def test_making_a_page_private_replaces_the_kept_copy(client, project):
    assert client.get(project.url).status_code == 200
    PageViewRestriction.objects.create(page=project, restriction_type="login")
    assert client.get(project.url).status_code == 302
    assert "Terminbuchung" not in client.get("/projekte/").content.decode()


def test_members_see_contact_details_while_an_anonymous_copy_is_kept(client, member, project):
    anonymous = client.get(project.url).content.decode()
    assert "anna@gt.example" not in anonymous
    client.force_login(member)
    assert "anna@gt.example" in client.get(project.url).content.decode()


def test_anonymous_visitors_never_get_a_members_copy(client, member, project):
    client.force_login(member)
    members = client.get(project.url).content.decode()
    assert "anna@gt.example" in members and "Ausloggen" in members
    client.logout()
    client.cookies.clear()
    html = client.get(project.url).content.decode()
    assert "anna@gt.example" not in html and "Ausloggen" not in html
    assert "public" in client.get(project.url)["Cache-Control"]


def test_each_language_has_its_own_copy(client, project):
    assert '<html lang="de">' in client.get("/projekte/").content.decode()
    english = client.get("/projekte/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in english
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get("/projekte/").content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_request_with_a_session_or_a_message_is_neither_answered_nor_kept(
    client, project, cookie
):
    client.cookies[cookie] = "x"
    response = client.get("/projekte/")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


def _queries(client, url, capture):
    with capture() as view:
        response = client.get(url)
    assert response.status_code == 200, url
    assert "public" in response["Cache-Control"], url
    return len(view.captured_queries)


def test_made_up_query_parameters_are_answered_but_not_kept(
    client, project, topic, django_assert_max_num_queries
):
    def capture():
        return django_assert_max_num_queries(100)

    for url in ["/projekte/?x=1", f"/projekte/?topic={topic.slug}&utm_source=mail", "/?x=1"]:
        assert _queries(client, url, capture) > 0, url
        assert _queries(client, url, capture) > 0, f"{url} was kept"
    for url in [f"/projekte/?topic={topic.slug}", "/suche/?q=Termin", f"{project.url}"]:
        _queries(client, url, capture)
        assert _queries(client, url, capture) == 0, f"{url} was not kept"


def test_the_order_of_query_parameters_makes_no_copy_of_its_own(
    client, project, topic, django_assert_max_num_queries
):
    client.get(f"/projekte/?topic={topic.slug}&status=idea")
    with django_assert_max_num_queries(0):
        again = client.get(f"/projekte/?status=idea&topic={topic.slug}")
    assert again.status_code == 200 and "Terminbuchung" in again.content.decode()


def test_a_parameter_only_passed_on_into_links_is_no_reason_to_keep_a_page(
    client, project, django_assert_max_num_queries
):
    """The search page writes every parameter into its links (sorting, pages), but reads only
    its own: `x` makes a page of its own that is not kept."""
    url = "/suche/?q=Terminbuchung&x=1"
    assert "x=1" in client.get(url).content.decode()
    with django_assert_max_num_queries(100) as again:
        client.get(url)
    assert len(again.captured_queries) > 0


def test_addresses_with_a_query_string_are_kept_by_proxies_only_to_ask_again(client, project):
    """A purge cannot name every query string: a proxy must ask each time (and gets a 304
    while the page is unchanged), the site answers from its own kept copy."""
    for url in ["/suche/?q=Terminbuchung", "/projekte/?status=idea", "/projekte/?x=1"]:
        response = client.get(url)
        parts = {p.strip() for p in response["Cache-Control"].split(",")}
        assert {"public", "s-maxage=0"} <= parts, url
        assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304
    for url in ["/projekte/", project.url, "/projekte/feed/rss/"]:
        assert "s-maxage=60" in client.get(url)["Cache-Control"], url


def test_a_form_page_is_never_kept_with_a_visitors_csrf_token(client, project):
    client.cookies["csrftoken"] = "a" * 32
    first = client.get("/anmelden/")
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "csrftoken" in first.cookies and "public" not in first.get("Cache-Control", "")
    del client.cookies["csrftoken"]
    assert "csrftoken" in client.get("/anmelden/").cookies


def test_a_visitor_with_only_a_csrf_cookie_gets_the_kept_public_page(client, project):
    public = client.get(project.url)
    client.cookies["csrftoken"] = "a" * 32
    again = client.get(project.url)
    assert again.content == public.content and "public" in again["Cache-Control"]


def test_a_new_release_renders_anew_what_the_previous_code_kept(
    client, project, settings, django_assert_num_queries
):
    # A deploy changes templates and code while the data – the public version – stays the same;
    # with a shared cache the new processes must not answer with the old processes' pages.
    settings.RELEASE = "2026.12.1"
    client.get(project.url)
    with django_assert_num_queries(0):
        client.get(project.url)
    settings.RELEASE = "2026.12.2"
    with CaptureQueriesContext(connection) as rendered:
        assert client.get(project.url).status_code == 200
    assert len(rendered) > 0
