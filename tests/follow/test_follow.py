"""Follow topics, tags and cities; the weekly digest; the unsubscribe link."""

import datetime as dt
import re
from unittest import mock

import pytest

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from events.factories import EventPageFactory
from events.models import BERLIN
from follow.models import DigestDelivery, Subscription, Week
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, ProjectPartner

pytestmark = pytest.mark.django_db
WEEK = "2026-W46"  # Monday 9 to Sunday 15 November 2026
IN_WEEK = dt.datetime(2026, 11, 11, 10, 0, tzinfo=BERLIN)
BEFORE = dt.datetime(2026, 10, 1, 10, 0, tzinfo=BERLIN)


def published(project, first, last=None):
    ProjectPage.objects.filter(pk=project.pk).update(
        first_published_at=first, last_published_at=last or first
    )
    return project


@pytest.fixture
def officer(db):
    return UserFactory(
        username="officer", groups=[roles.members_group()], email="officer@stadt.example"
    )


@pytest.fixture
def world(guetersloh, koeln, topic, other_topic, officer):
    viersen = CityPageFactory(title="Viersen", slug="viersen")
    subscription = Subscription.objects.create(user=officer)
    subscription.topics.add(topic)
    subscription.cities.add(koeln)
    projects = {
        "new_topic": published(
            ProjectPageFactory(parent=viersen, title="Chatbot", topics=[topic]), IN_WEEK
        ),
        "new_city": published(
            ProjectPageFactory(parent=koeln, title="On-Demand-Bus", topics=[other_topic]), IN_WEEK
        ),
        "updated": published(
            ProjectPageFactory(parent=viersen, title="Terminbuchung", topics=[topic]),
            BEFORE,
            IN_WEEK,
        ),
        "partner": published(
            ProjectPageFactory(parent=viersen, title="Open-Data-Mandant"), IN_WEEK
        ),
        "unfollowed": published(
            ProjectPageFactory(parent=viersen, title="Stadtbücherei", topics=[other_topic]), IN_WEEK
        ),
        "old": published(
            ProjectPageFactory(parent=koeln, title="Livestream", topics=[topic]), BEFORE
        ),
    }
    ProjectPartner.objects.create(page=projects["partner"], city=koeln, role="tenant")
    meeting = EventPageFactory(
        title="Arbeitskreis in Witten",
        start=dt.datetime(2026, 11, 26, 10, tzinfo=BERLIN),
        host_city=koeln,
    )
    from events.models import EventPage

    EventPage.objects.filter(pk=meeting.pk).update(first_published_at=IN_WEEK)
    return {"subscription": subscription, "projects": projects, "viersen": viersen}


def test_digest_lists_followed_new_and_updated_projects_and_meetings(world, officer):
    call_command("send_digests", "--week", WEEK, stdout=mock.MagicMock())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer@stadt.example"]
    assert "46/2026" in message.subject
    body = message.body
    new, updated = body.split("Aktualisierte Projekte")[0], body.split("Aktualisierte Projekte")[1]
    for title in ("Chatbot", "On-Demand-Bus", "Open-Data-Mandant"):
        assert title in new
    assert "Terminbuchung" in updated and "Terminbuchung" not in new
    assert "Stadtbücherei" not in body and "Livestream" not in body
    assert "Arbeitskreis in Witten" in body
    html = message.alternatives[0][0]
    assert "Chatbot" in html and 'lang="de"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert DigestDelivery.objects.get(user=officer).week == WEEK


def test_digest_is_never_sent_twice(world):
    call_command("send_digests", "--week", WEEK, stdout=mock.MagicMock())
    call_command("send_digests", "--week", WEEK, stdout=mock.MagicMock())
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.count() == 1


def test_nothing_new_means_no_mail(world):
    call_command("send_digests", "--week", "2026-W30", stdout=mock.MagicMock())
    assert mail.outbox == []
    assert DigestDelivery.objects.count() == 0


def test_only_members_who_follow_something_and_want_it(world, topic):
    stranger = UserFactory(
        username="fremd", email="fremd@example.org"
    )  # signed up, no member group
    Subscription.objects.create(user=stranger).topics.add(topic)
    no_follows = UserFactory(
        username="leer", groups=[roles.members_group()], email="leer@stadt.example"
    )
    Subscription.objects.create(user=no_follows)
    no_address = UserFactory(username="ohne", groups=[roles.members_group()])
    Subscription.objects.create(user=no_address).topics.add(topic)
    switched_off = UserFactory(
        username="aus", groups=[roles.members_group()], email="aus@stadt.example"
    )
    Subscription.objects.create(user=switched_off, weekly_digest=False).topics.add(topic)
    call_command("send_digests", "--week", WEEK, stdout=mock.MagicMock())
    assert [m.to for m in mail.outbox] == [["officer@stadt.example"]]


def test_failed_send_is_not_recorded_and_retried(world):
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("SMTP down")
        ),
        pytest.raises(CommandError, match="erneut ausführen"),
    ):
        call_command(
            "send_digests", "--week", WEEK, stdout=mock.MagicMock(), stderr=mock.MagicMock()
        )
    assert DigestDelivery.objects.count() == 0
    call_command("send_digests", "--week", WEEK, stdout=mock.MagicMock())
    assert len(mail.outbox) == 1


def test_progress_and_default_week(world):
    out = mock.MagicMock()
    call_command("send_digests", "--week", WEEK, stdout=out)
    printed = "".join(call.args[0] for call in out.write.call_args_list)
    assert "100% (1/1)" in printed and "1 verschickt" in printed
    assert str(Week.last_completed(dt.datetime(2026, 11, 23, 7, tzinfo=BERLIN))) == "2026-W47"
    assert str(Week.last_completed(dt.datetime(2027, 1, 4, 7, tzinfo=BERLIN))) == "2026-W53"
    with pytest.raises(CommandError, match="Keine ISO-Woche"):
        call_command("send_digests", "--week", "letzte Woche")


def unsubscribe_link():
    return re.search(r"http://\S+/benachrichtigungen/abbestellen/\S+/", mail.outbox[0].body)[0]


def test_unsubscribe_link_works_without_signing_in(world):
    call_command("send_digests", "--week", WEEK, stdout=mock.MagicMock())
    path = unsubscribe_link().split("127.0.0.1:8000", 1)[1]
    anonymous = Client(enforce_csrf_checks=True)
    # Opening the link (as mail scanners do) only asks.
    assert anonymous.get(path).status_code == 200
    assert Subscription.objects.get().weekly_digest is True
    response = anonymous.post(path)
    assert response.status_code == 200
    assert Subscription.objects.get().weekly_digest is False
    mail.outbox.clear()
    call_command("send_digests", "--week", "2026-W47", stdout=mock.MagicMock())
    assert mail.outbox == []


def test_one_click_unsubscribe_from_the_mail_program(world):
    call_command("send_digests", "--week", WEEK, stdout=mock.MagicMock())
    path = unsubscribe_link().split("127.0.0.1:8000", 1)[1]
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscription.objects.get().weekly_digest is False


def test_forged_unsubscribe_link_is_refused(world, officer, client):
    token = world["subscription"].unsubscribe_token()
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    response = client.post(f"/benachrichtigungen/abbestellen/{forged}/")
    assert response.status_code == 400
    assert Subscription.objects.get().weekly_digest is True


def test_preferences_page(client, world, officer, topic, other_topic, koeln):
    assert client.get("/konto/benachrichtigungen/").status_code == 302  # sign in first
    client.force_login(officer)
    page = client.get("/konto/benachrichtigungen/")
    assert page.status_code == 200
    assert 'id="id_weekly_digest"' in page.content.decode()
    response = client.post(
        "/konto/benachrichtigungen/",
        {"weekly_digest": "on", "topics": [other_topic.pk], "cities": [world["viersen"].pk]},
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert list(subscription.topics.all()) == [other_topic]
    assert list(subscription.cities.all()) == [world["viersen"]]
    bad = client.post("/konto/benachrichtigungen/", {"topics": ["99999"]})
    assert bad.status_code == 400
    assert list(Subscription.objects.get().topics.all()) == [other_topic]


def test_non_members_cannot_follow(client, koeln):
    client.force_login(UserFactory(username="fremd"))
    assert client.get("/konto/benachrichtigungen/").status_code == 403
    assert client.post("/konto/folgen/city/koeln/").status_code == 403
    assert Subscription.objects.count() == 0


def test_follow_button_toggles(client, officer, koeln, topic):
    client.force_login(officer)
    page = client.get(koeln.url).content.decode()
    assert "Köln folgen" in page
    response = client.post("/konto/folgen/city/koeln/", {"next": koeln.url})
    assert response.status_code == 302 and response["Location"] == koeln.url
    assert list(Subscription.objects.get(user=officer).cities.all()) == [koeln]
    assert "Köln nicht mehr folgen" in client.get(koeln.url).content.decode()
    client.post("/konto/folgen/city/koeln/", {"next": "https://evil.example/"})
    assert Subscription.objects.get(user=officer).cities.count() == 0
    listing = client.get(f"/projekte/?topic={topic.slug}").content.decode()
    assert "Bürgerservice folgen" in listing
    client.post(f"/konto/folgen/topic/{topic.slug}/")
    assert list(Subscription.objects.get(user=officer).topics.all()) == [topic]
    assert client.post("/konto/folgen/planet/erde/").status_code == 400
    assert client.post("/konto/folgen/city/atlantis/").status_code == 404
    assert client.get("/konto/folgen/city/koeln/").status_code == 405


def test_follow_button_is_for_members_only(client, koeln):
    assert "folgen" not in client.get(koeln.url).content.decode().lower().split("<main")[1]
