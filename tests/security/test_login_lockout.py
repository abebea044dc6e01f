"""Finding 6: guessing passwords on the site's and the admin's sign-in is stopped after a few
tries, per user name and address, with a German message, for a while only."""

import datetime as dt

import pytest
from axes.models import AccessAttempt

from django.db.models import F

from core import roles
from core.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pw-12345!"
ATTACKER = "203.0.113.66"
LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"
# The site's sign-in and Wagtail's; the moderator may use both.
SIGN_INS = ["/anmelden/", "/admin/login/"]


@pytest.fixture
def moderator_account(db):
    return UserFactory(username="moderation", groups=[roles.moderators_group()])


def sign_in(client, url, username="moderation", password=PASSWORD, address=ATTACKER, **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def guess(client, url, times=5, **kwargs):
    for attempt in range(times):
        response = sign_in(client, url, password=f"falsch-{attempt}", **kwargs)
        assert response.status_code in (200, 429)  # the form with its error, or locked


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", SIGN_INS)
def test_five_wrong_passwords_lock_out_even_the_right_one(client, moderator_account, url, settings):
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=20)  # LOGIN_COOLOFF_MINUTES
    guess(client, url)
    response = sign_in(client, url)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "20 Minuten" in response.content.decode()
    assert int(response["Retry-After"]) == 20 * 60
    assert not signed_in(client)


@pytest.mark.parametrize("url", SIGN_INS)
def test_four_wrong_passwords_do_not_lock_out(client, moderator_account, url):
    guess(client, url, times=4)
    assert sign_in(client, url).status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("url", SIGN_INS)
def test_lockout_holds_for_that_user_from_that_address_only(client, moderator_account, url):
    UserFactory(username="redaktion", groups=[roles.moderators_group()])
    guess(client, url)
    # The same person from another address, another user from the same address.
    assert sign_in(client, url, address="198.51.100.7").status_code == 302
    client.logout()
    assert sign_in(client, url, username="redaktion").status_code == 302
    client.logout()
    assert sign_in(client, url).status_code == 429


def test_the_lockout_of_one_sign_in_holds_on_the_other(client, moderator_account):
    guess(client, "/anmelden/")
    assert sign_in(client, "/admin/login/").status_code == 429


def test_spaces_around_the_user_name_do_not_buy_more_guesses(client, moderator_account):
    for name in (" moderation", "moderation ", " moderation ", "\tmoderation", "moderation"):
        sign_in(client, "/anmelden/", username=name, password="falsch")
    assert sign_in(client, "/anmelden/").status_code == 429


def test_a_forged_forwarded_for_is_no_new_address_without_proxies(client, moderator_account):
    for n in range(5):
        sign_in(client, "/anmelden/", password="falsch", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = sign_in(client, "/anmelden/", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_behind_a_proxy_each_forwarded_client_counts_on_its_own(
    client, moderator_account, settings
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.1"
    for n in range(5):
        sign_in(
            client,
            "/anmelden/",
            password="falsch",
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )
    # What the attacker writes left of the proxy's entry does not make it someone else ...
    forged = sign_in(
        client, "/anmelden/", address=proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}"
    )
    assert forged.status_code == 429
    # ... while the same user behind the same proxy from another address is let in.
    other = sign_in(client, "/anmelden/", address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302


@pytest.mark.parametrize("url", SIGN_INS)
def test_after_the_cool_off_the_right_password_works_again(client, moderator_account, url):
    guess(client, url)
    assert sign_in(client, url).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=16))
    assert sign_in(client, url).status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_starts_the_count_anew(client, moderator_account):
    guess(client, "/anmelden/", times=4)
    assert sign_in(client, "/anmelden/").status_code == 302
    client.logout()
    guess(client, "/anmelden/", times=4)
    assert sign_in(client, "/anmelden/").status_code == 302


def test_the_lockout_page_is_german_without_a_user_name_echoed(client, moderator_account):
    guess(client, "/anmelden/", username="<b>moderation</b>")
    response = sign_in(client, "/anmelden/", username="<b>moderation</b>")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Einloggen gesperrt" in body
    assert "<b>moderation</b>" not in body
