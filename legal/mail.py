"""The e-mails the public forms send: one to the office, and for a barrier report a
confirmation to the sender when an address was given. Nothing else is kept."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import roles

logger = logging.getLogger(__name__)


class NoRecipient(Exception):
    """Neither CONTACT_EMAIL nor a moderator with an e-mail address: nobody would read it."""


def recipients():
    """CONTACT_EMAIL (the body's own mailbox) if set, else every active moderator with an
    address: the moderators group is the one the platform's roles keep (core.roles)."""
    if settings.CONTACT_EMAIL:
        return list(settings.CONTACT_EMAIL)
    moderators = roles.moderators_group().user_set.filter(is_active=True).exclude(email="")
    return sorted(set(moderators.values_list("email", flat=True)))


def _message(subject, template, context, to, reply_to=None):
    return EmailMessage(
        subject=f"{settings.WAGTAIL_SITE_NAME}: {subject}",
        body=render_to_string(template, context),
        to=to,
        reply_to=[reply_to] if reply_to else None,
    )


def _context(page, request, data=None):
    return {
        "data": data,
        "page_url": request.build_absolute_uri(page.url),
        "sent_at": timezone.localtime(),
    }


def send_contact(page, request, data):
    """One e-mail to the office; answering it answers the sender. Returns the address a
    confirmation went to: none for the contact form, whose sender gets the answer itself."""
    to = recipients()
    if not to:
        raise NoRecipient
    # German like every mail of the platform, whatever language the sender reads.
    with translation.override(settings.LANGUAGE_CODE):
        _message(
            _("Contact: %(subject)s") % {"subject": data["subject"]},
            "legal/email/contact.txt",
            _context(page, request, data),
            to,
            reply_to=data["email"],
        ).send()
    return ""


def send_barrier_report(page, request, data):
    """One e-mail to the office and, when the sender gave an address, a confirmation to it.
    Returns the address the confirmation went to, or "" when none was sent."""
    to = recipients()
    if not to:
        raise NoRecipient
    with translation.override(settings.LANGUAGE_CODE):
        _message(
            _("Barrier reported"),
            "legal/email/barrier_report.txt",
            _context(page, request, data),
            to,
            reply_to=data["email"] or None,
        ).send()
        if not data["email"]:
            return ""
        # It repeats nothing the sender wrote, so that the form cannot carry a text of anybody's
        # choosing to an address of anybody's choosing.
        confirmation = _message(
            _("We have received your report"),
            "legal/email/barrier_confirmation.txt",
            _context(page, request),
            [data["email"]],
        )
        try:
            confirmation.send()
        except Exception:
            # The report has reached the office: a failed confirmation must not say otherwise.
            logger.exception("confirmation of a barrier report could not be sent")
            return ""
    return data["email"]
