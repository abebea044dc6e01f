import pytest

from wagtail.models import PageViewRestriction

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPartner

pytestmark = pytest.mark.django_db
URL = "/projekte/"


def titles(response):
    return [project.title for project in response.context["projects"]]


@pytest.fixture
def corpus(guetersloh, koeln, topic, other_topic):
    witten = CityPageFactory(title="Witten", region="ruhrgebiet")
    termine = ProjectPageFactory(
        parent=guetersloh,
        title="Terminbuchung",
        topics=[topic],
        tags=["Terminvergabe"],
        status="live",
        reuse_mode="open_source",
    )
    bus = ProjectPageFactory(
        parent=guetersloh,
        title="On-Demand-Bus",
        topics=[other_topic],
        tags=["ÖPNV"],
        status="pilot",
    )
    open_data = ProjectPageFactory(
        parent=koeln,
        title="Open-Data-Plattform",
        topics=[topic],
        tags=["Open Data"],
        status="live",
        reuse_mode="tenant",
    )
    ProjectPartner.objects.create(page=open_data, city=guetersloh, role="tenant")
    stream = ProjectPageFactory(
        parent=witten, title="Livestream", tags=["Livestream"], status="completed"
    )
    chatbot = ProjectPageFactory(
        parent=koeln,
        title="Chatbot",
        topics=[topic],
        tags=["KI"],
        status="live",
        uses_algorithmic_system=True,
        **dict.fromkeys(
            (
                "ethics_purpose",
                "ethics_data",
                "ethics_oversight",
                "ethics_transparency",
                "ethics_evaluation",
                "ethics_complaints",
            ),
            "x",
        ),
    )
    draft = ProjectPageFactory(parent=koeln, title="Entwurf", topics=[topic], live=False)
    return locals()


def test_lists_every_published_project_of_every_city(client, corpus):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(
        ["Terminbuchung", "On-Demand-Bus", "Open-Data-Plattform", "Livestream", "Chatbot"]
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=buergerservice", {"Terminbuchung", "Open-Data-Plattform", "Chatbot"}),
        ("tag=terminvergabe", {"Terminbuchung"}),
        ("city=guetersloh", {"Terminbuchung", "On-Demand-Bus", "Open-Data-Plattform"}),
        ("region=ruhrgebiet", {"Livestream"}),
        ("status=live", {"Terminbuchung", "Open-Data-Plattform", "Chatbot"}),
        ("reusable=on", {"Terminbuchung", "Open-Data-Plattform"}),
        ("algorithmic=on", {"Chatbot"}),
        ("topic=buergerservice&status=live&city=koeln", {"Open-Data-Plattform", "Chatbot"}),
        ("topic=buergerservice&reusable=on&region=rheinland", {"Open-Data-Plattform"}),
    ],
)
def test_filters_combine(client, corpus, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_filter_that_matches_nothing_says_so(client, corpus):
    response = client.get(f"{URL}?tag=livestream&status=idea")
    assert response.status_code == 200
    assert titles(response) == []
    assert "Keine Projekte" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "status=erfunden",
        "topic=gibt-es-nicht",
        "city=atlantis",
        "region=mars",
        "tag=nie-vergeben",
        "sort=random",
    ],
)
def test_unknown_filter_value_is_a_clear_400(client, corpus, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert titles(response) == []
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("where", ["draft", "private"])
def test_a_tag_only_on_drafts_or_private_projects_is_unknown(client, corpus, koeln, where):
    from wagtail.models import PageViewRestriction

    project = ProjectPageFactory(
        parent=koeln, title="Vertraulich", tags=["Geheimsache"], live=where != "draft"
    )
    if where == "private":
        PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"{URL}?tag=geheimsache")
    assert response.status_code == 400
    assert titles(response) == []
    assert "Geheimsache" not in response.content.decode()  # the name, not the typed slug


@pytest.mark.parametrize(
    "query", ["region=rheinland", "algorithmic=true", "reusable=false", "status=live&reusable=on"]
)
def test_the_list_and_the_api_filter_alike(client, corpus, query):
    page = client.get(f"{URL}?{query}")
    api = client.get(f"/api/v1/projects/?{query}")
    assert page.status_code == api.status_code == 200
    assert set(titles(page)) == {record["title"] for record in api.json()["results"]}


def test_a_yes_no_filter_refuses_other_values_on_the_list_and_in_the_api(client, corpus):
    page = client.get(f"{URL}?reusable=vielleicht")
    assert page.status_code == 400
    assert "„vielleicht“ ist für diesen Filter kein bekannter Wert" in page.content.decode()
    api = client.get("/api/v1/projects/?reusable=vielleicht")
    assert api.status_code == 400
    assert "kein bekannter Wert" in api.json()["reusable"][0]


def test_the_api_keeps_its_order_by_id_and_takes_no_sort(client, corpus):
    assert client.get("/api/v1/projects/?sort=title").status_code == 400
    ids = [record["id"] for record in client.get("/api/v1/projects/").json()["results"]]
    assert ids == sorted(ids)


def test_sort_by_title(client, corpus):
    response = client.get(f"{URL}?sort=title")
    assert titles(response) == sorted(titles(response))


def test_sort_by_newest_and_recently_updated(client, corpus):
    corpus["bus"].save_revision().publish()  # updated most recently, published second
    assert titles(client.get(f"{URL}?sort=newest"))[0] == "Chatbot"
    assert titles(client.get(f"{URL}?sort=updated"))[0] == "On-Demand-Bus"


def test_paginates_by_twenty_and_keeps_filters(client, guetersloh, topic):
    for number in range(25):
        ProjectPageFactory(parent=guetersloh, title=f"Projekt {number:02d}", topics=[topic])
    first = client.get(f"{URL}?topic=buergerservice&sort=title")
    second = client.get(f"{URL}?topic=buergerservice&sort=title&page=2")
    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert "topic=buergerservice&amp;sort=title&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("page", ["99999", "0", "abc", "-1"])
def test_page_out_of_range_is_404(client, corpus, page):
    assert client.get(f"{URL}?page={page}").status_code == 404


def test_query_count_does_not_grow_with_projects(
    client, guetersloh, topic, django_assert_max_num_queries
):
    ProjectPageFactory(parent=guetersloh, title="Erstes", topics=[topic], tags=["a", "b"])
    with django_assert_max_num_queries(40) as few:
        client.get(URL)
    for number in range(15):
        ProjectPageFactory(
            parent=guetersloh, title=f"Projekt {number}", topics=[topic], tags=["a", f"t{number}"]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(titles(response)) == 16


def test_city_index_counts_and_region_filter(client, corpus):
    response = client.get("/staedte/?region=rheinland")
    assert [city.title for city in response.context["cities"]] == ["Köln"]
    koeln = response.context["cities"][0]
    assert (koeln.project_count, koeln.partner_count) == (2, 0)
    assert client.get("/staedte/?region=mars").status_code == 400


def test_city_page_lists_own_and_partner_projects(client, corpus):
    response = client.get(corpus["guetersloh"].url)
    assert {p.title for p in response.context["lead_projects"]} == {
        "Terminbuchung",
        "On-Demand-Bus",
    }
    assert [p.title for p in response.context["partner_projects"]] == ["Open-Data-Plattform"]


def test_project_page_shows_cities_and_similar_projects(client, corpus):
    response = client.get(corpus["termine"].url)
    html = response.content.decode()
    assert "Gütersloh" in html
    # Equal overlap (one shared topic): the more recently published comes first.
    similar = html.split("Ähnliche Projekte in anderen Städten")[1]
    assert "Chatbot" in similar and "Open-Data-Plattform" in similar
    assert similar.index("Chatbot") < similar.index("Open-Data-Plattform")


def test_project_page_shows_ethics_section_only_for_algorithmic_systems(client, corpus):
    assert 'id="ethics-heading"' in client.get(corpus["chatbot"].url).content.decode()
    assert 'id="ethics-heading"' not in client.get(corpus["bus"].url).content.decode()


def test_home_page_shows_counts_latest_and_topics(client, corpus):
    response = client.get("/")
    assert response.context["city_count"] == 3
    assert response.context["project_count"] == 5
    assert response.context["latest_projects"][0].title == "Chatbot"
    assert {(t.name, t.project_count) for t in response.context["topics"]} == {
        ("Bürgerservice", 3),
        ("Mobilität", 1),
    }


def _topic_counts(client):
    return {(t.name, t.project_count) for t in client.get("/").context["topics"]}


def test_home_counts_are_kept_until_the_public_catalogue_changes(
    client, corpus, guetersloh, topic, django_assert_max_num_queries
):
    def queries():
        with django_assert_max_num_queries(30) as view:
            client.get("/")
        return len(view.captured_queries)  # read now: the next request empties the log

    ProjectPageFactory(parent=guetersloh, title="Neu veröffentlicht", topics=[topic])
    counted, kept = queries(), queries()
    assert kept < counted  # counted once after the change, then read from the cache
    assert ("Bürgerservice", 4) in _topic_counts(client)
    assert client.get("/").context["project_count"] == 6


def test_home_counts_leave_out_private_and_unpublished_projects(client, corpus, topic):
    before = _topic_counts(client)
    PageViewRestriction.objects.create(page=corpus["termine"], restriction_type="login")
    assert ("Bürgerservice", 2) in _topic_counts(client)
    corpus["chatbot"].unpublish()
    counts = _topic_counts(client)
    assert counts != before and client.get("/").context["project_count"] == 3
