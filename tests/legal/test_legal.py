"""The pages a public body must offer (Impressum, Datenschutzerklärung, Erklärung zur
Barrierefreiheit, Leichte Sprache, Kontakt): linked in every footer while live and public, edited
by the moderators, and two forms that e-mail the office, are rate-limited and store nothing."""

import smtplib

import pytest

from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core import roles
from core.factories import UserFactory
from home.models import HomePage
from legal.models import AccessibilityPage, ContactPage, LegalPage
from legal.templatetags.legal_tags import legal_links

pytestmark = pytest.mark.django_db


def add_page(model, title, slug, **fields):
    home = HomePage.objects.get()
    page = model(title=title, slug=slug, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def imprint(db):
    return add_page(LegalPage, "Impressum", "impressum", body=[("paragraph", "<p>Anbieter</p>")])


@pytest.fixture
def privacy(db):
    return add_page(LegalPage, "Datenschutzerklärung", "datenschutz")


@pytest.fixture
def contact(db):
    return add_page(ContactPage, "Kontakt", "kontakt")


@pytest.fixture
def statement(db):
    return add_page(
        AccessibilityPage,
        "Erklärung zur Barrierefreiheit",
        "barrierefreiheit",
        enforcement="<p>Ombudsstelle für barrierefreie Informationstechnik des Landes NRW</p>",
    )


@pytest.fixture
def office(db):
    """A moderator with an address: the forms' messages go to the moderators."""
    return UserFactory(
        username="moderation-post",
        groups=[roles.moderators_group()],
        email="moderation@example.org",
    )


def footer(client, url="/"):
    html = client.get(url).content.decode()
    return html[html.index("<footer") :]


CONTACT = {
    "name": "Erika Muster",
    "email": "erika@example.org",
    "subject": "Mitmachen",
    "message": "Unsere Stadt möchte ihre Projekte zeigen.",
}
BARRIER = {
    "location": "/projekte/",
    "description": "Der Filter lässt sich mit der Tastatur nicht bedienen.",
    "email": "erika@example.org",
}


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


# --- footer ------------------------------------------------------------------------------------


def test_footer_links_every_live_legal_page_by_its_title(client, imprint, privacy, statement):
    html = footer(client)
    for page in (imprint, privacy, statement):
        assert f'<a href="{page.url}">{page.title}</a>' in html
    assert html.index("Impressum") < html.index("Datenschutzerklärung")  # tree order


def test_footer_follows_a_renamed_page(client, imprint):
    footer(client)  # kept for the current public version
    imprint.title = "Impressum und Anbieter"
    imprint.save_revision().publish()
    assert "Impressum und Anbieter" in footer(client)


def test_footer_hides_unpublished_legal_pages(client, imprint, privacy):
    assert "Datenschutzerklärung" in footer(client)
    privacy.unpublish()
    html = footer(client)
    assert "Datenschutzerklärung" not in html and "Impressum" in html


def test_footer_hides_private_legal_pages(client, imprint, privacy):
    assert "Datenschutzerklärung" in footer(client)
    PageViewRestriction.objects.create(page=privacy, restriction_type=PageViewRestriction.LOGIN)
    assert "Datenschutzerklärung" not in footer(client)


def test_kept_pages_show_the_footer_as_it_is_after_a_publish(client, imprint, privacy, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert "Datenschutzerklärung" in footer(client)
    assert "Datenschutzerklärung" in footer(client)  # now from the page cache
    privacy.unpublish()
    assert "Datenschutzerklärung" not in footer(client)


def test_footer_draft_title_is_not_shown(client, imprint):
    imprint.title = "Entwurf eines neuen Titels"
    imprint.save_revision()
    assert "Entwurf eines neuen Titels" not in footer(client)


def test_footer_links_cost_no_query_once_read(
    imprint, privacy, statement, django_assert_num_queries
):
    first = legal_links()
    with django_assert_num_queries(0):
        assert legal_links() == first


def test_footer_queries_do_not_grow_with_the_number_of_legal_pages(
    client, member, imprint, django_assert_max_num_queries
):
    client.force_login(member)  # signed in: the page itself is made anew for every view
    client.get(imprint.url)
    with CaptureQueriesContext(connection) as one_page:
        client.get(imprint.url)
    queries = len(one_page.captured_queries)  # now: the next request clears Django's log
    for number in range(4):
        add_page(LegalPage, f"Seite {number}", f"seite-{number}")
    client.get(imprint.url)  # the new list is read once
    with django_assert_max_num_queries(queries):
        html = client.get(imprint.url).content.decode()
    assert "Seite 3" in html


# --- pages -------------------------------------------------------------------------------------


def test_legal_page_shows_its_text(client, imprint):
    response = client.get(imprint.url)
    assert response.status_code == 200
    assert "<h1>Impressum</h1>" in response.content.decode()
    assert "Anbieter" in response.content.decode()


def test_accessibility_statement_shows_status_form_and_enforcement_body(client, statement):
    html = client.get(statement.url).content.decode()
    assert "teilweise vereinbar" in html
    assert "Barriere melden" in html and 'name="description"' in html
    assert "Ombudsstelle für barrierefreie Informationstechnik" in html


def test_form_pages_are_never_kept_for_other_visitors(client, contact, statement):
    for page in (contact, statement):
        response = client.get(page.url)
        parts = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= parts and "public" not in parts


def test_other_methods_are_refused(client, contact):
    assert client.put(contact.url).status_code == 405


# --- contact form ------------------------------------------------------------------------------


def test_contact_form_sends_one_mail_to_the_moderators_and_confirms(client, contact, office):
    response = client.post(contact.url, CONTACT)
    assert response.status_code == 200
    assert "Vielen Dank" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderation@example.org"]
    assert message.reply_to == ["erika@example.org"]
    assert "Mitmachen" in message.subject
    assert "Unsere Stadt möchte ihre Projekte zeigen." in message.body


def test_contact_form_goes_to_contact_email_when_set(client, contact, office, settings):
    settings.CONTACT_EMAIL = ["kontakt@stelle.example", "zweite@stelle.example"]
    client.post(contact.url, CONTACT)
    assert [m.to for m in mail.outbox] == [["kontakt@stelle.example", "zweite@stelle.example"]]


def test_contact_form_stores_nothing(client, contact, office):
    before = row_counts()
    assert client.post(contact.url, CONTACT).status_code == 200
    assert row_counts() == before
    assert FormSubmission.objects.count() == 0
    assert "sessionid" not in client.cookies


def test_contact_form_rejects_invalid_input_with_clear_messages(client, contact, office):
    response = client.post(contact.url, {**CONTACT, "email": "kein-at-zeichen", "message": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ihre Nachricht wurde noch nicht gesendet" in html
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein" in html
    assert "Bitte schreiben Sie Ihre Nachricht." in html
    assert 'aria-invalid="true"' in html
    assert 'value="Mitmachen"' in html  # what was typed is kept
    assert mail.outbox == []


def test_contact_subject_cannot_break_the_mail_header(client, contact, office):
    client.post(contact.url, {**CONTACT, "subject": "Hallo\r\nBcc: alle@example.org"})
    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject and mail.outbox[0].bcc == []


def test_contact_form_is_rate_limited_per_client_address(client, contact, office, settings):
    settings.CONTACT_RATE_LIMIT = "2/hour"
    for _ in range(2):
        assert client.post(contact.url, CONTACT).status_code == 200
    response = client.post(contact.url, CONTACT)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "mehrere Nachrichten" in html
    assert 'value="Mitmachen"' in html  # what was typed is not lost
    assert len(mail.outbox) == 2
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.post(contact.url, CONTACT).status_code == 200
    assert len(mail.outbox) == 3


def test_a_forged_forwarded_header_does_not_escape_the_limit(client, contact, office, settings):
    settings.CONTACT_RATE_LIMIT = "1/hour"
    client.post(contact.url, CONTACT, HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = client.post(contact.url, CONTACT, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429
    assert len(mail.outbox) == 1


def test_both_forms_share_one_limit(client, contact, statement, office, settings):
    settings.CONTACT_RATE_LIMIT = "1/hour"
    assert client.post(contact.url, CONTACT).status_code == 200
    assert client.post(statement.url, BARRIER).status_code == 429


def test_trap_field_filled_sends_nothing(client, contact, office):
    response = client.post(contact.url, {**CONTACT, "website": "http://spam.example"})
    assert response.status_code == 200
    assert mail.outbox == []


def test_contact_form_needs_the_csrf_token(contact, office):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(contact.url, CONTACT).status_code == 403
    assert mail.outbox == []


def test_without_any_recipient_the_form_says_it_could_not_send(client, contact, moderator):
    response = client.post(contact.url, CONTACT)
    assert response.status_code == 503
    html = response.content.decode()
    assert "konnte gerade nicht gesendet werden" in html
    assert "Unsere Stadt möchte ihre Projekte zeigen." in html
    assert mail.outbox == []


def test_a_failing_mail_server_keeps_the_message_in_the_form(client, contact, office, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    response = client.post(contact.url, CONTACT)
    assert response.status_code == 503
    assert "Unsere Stadt möchte ihre Projekte zeigen." in response.content.decode()


# --- „Barriere melden“ -------------------------------------------------------------------------


def test_barrier_report_reaches_the_moderators_and_confirms_to_the_sender(
    client, statement, office
):
    response = client.post(statement.url, BARRIER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vielen Dank" in html
    assert "Eine Bestätigung wurde an erika@example.org geschickt." in html
    report, confirmation = mail.outbox
    assert report.to == ["moderation@example.org"]
    assert report.reply_to == ["erika@example.org"]
    assert "Tastatur nicht bedienen" in report.body and "/projekte/" in report.body
    assert confirmation.to == ["erika@example.org"]
    # The confirmation repeats nothing the sender typed: no relay for text of a stranger's choice.
    assert "Tastatur" not in confirmation.body and "/projekte/" not in confirmation.body


def test_barrier_report_without_address_sends_only_the_report(client, statement, office):
    response = client.post(statement.url, {**BARRIER, "email": ""})
    assert response.status_code == 200
    assert "Bestätigung wurde an" not in response.content.decode()
    assert [m.to for m in mail.outbox] == [["moderation@example.org"]]


def test_barrier_report_needs_a_description(client, statement, office):
    response = client.post(statement.url, {**BARRIER, "description": "  "})
    assert response.status_code == 400
    assert "Bitte beschreiben Sie die Barriere." in response.content.decode()
    assert mail.outbox == []


def test_barrier_report_stores_nothing(client, statement, office):
    before = row_counts()
    client.post(statement.url, BARRIER)
    assert row_counts() == before


# --- editing -----------------------------------------------------------------------------------


def legal_page_form(title, slug, text):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "body": streamfield([("paragraph", rich_text(text))]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_moderator_edits_a_legal_page_and_the_footer_follows(client, moderator, imprint):
    client.force_login(moderator)
    assert client.get(f"/admin/pages/{imprint.pk}/edit/").status_code == 200
    response = client.post(
        f"/admin/pages/{imprint.pk}/edit/",
        legal_page_form("Impressum der Stelle", "impressum", "<p>Neue Anschrift</p>"),
    )
    assert response.status_code == 302
    imprint.refresh_from_db()
    assert imprint.title == "Impressum der Stelle" and imprint.live
    client.logout()
    assert "Neue Anschrift" in client.get(imprint.url).content.decode()
    assert "Impressum der Stelle" in footer(client)


def test_city_editor_cannot_edit_legal_pages(client, guetersloh_editor, imprint):
    client.force_login(guetersloh_editor)
    response = client.post(
        f"/admin/pages/{imprint.pk}/edit/",
        legal_page_form("Übernommen", "impressum", "<p>x</p>"),
    )
    assert response.status_code in (302, 403)
    imprint.refresh_from_db()
    assert imprint.title == "Impressum"


def test_contact_and_statement_exist_once(contact, statement):
    home = HomePage.objects.get()
    assert not ContactPage.can_create_at(home)
    assert not AccessibilityPage.can_create_at(home)
    assert LegalPage.can_create_at(home)
