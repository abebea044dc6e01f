"""Introducing a member to a project's contact: the rules, the record and the e-mail."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cities.models import CityPage
from core.roles import is_member

from .models import Introduction


class Refused(Exception):
    """Why an introduction is not made, with the HTTP status that says so."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message, self.status = message, status


ALREADY = _("You have already been introduced to this project's contact. Nothing was sent again.")


def member_city(user):
    """The city a member works for: their profile's, else the city whose editors they are."""
    profile = getattr(user, "member_profile", None)
    if profile is not None and profile.city_id:
        return profile.city
    return CityPage.objects.filter(editor_group__in=user.groups.all()).order_by("pk").first()


def check(project, member):
    """Refused for the first rule the member does not meet; else the member's city and the
    project's contact. The same checks decide whether the page offers the form."""
    if not is_member(member):
        raise Refused(
            _("Only signed-in members of the working group can ask to be introduced."), 403
        )
    if not project.introductions_enabled:
        raise Refused(_("The contact of this project has switched introductions off."), 403)
    city = member_city(member)
    if city is not None and city.pk == project.lead_city_id:
        raise Refused(
            _("This is a project of your own city: you can reach its contact directly."), 409
        )
    contact = project.contact()
    if not contact.email:
        raise Refused(_("This project names no contact to introduce you to."), 409)
    if not member.email:
        raise Refused(
            _("Your account has no e-mail address: the contact could not answer you."), 409
        )
    return city, contact


def introduce(project, member, *, kind, role="", message="", base_url=None):
    """Record the introduction and mail both sides, in one transaction: a mail server that
    refuses leaves no record (the member may try again), a second request finds the record."""
    city, contact = check(project, member)
    if Introduction.objects.filter(project=project, member=member).exists():
        raise Refused(ALREADY, 409)
    limit = settings.INTRODUCTIONS_PER_DAY
    if Introduction.objects.by_member_since(member).count() >= limit:
        raise Refused(
            _("You can ask for at most %(limit)d introductions a day. Please try again tomorrow.")
            % {"limit": limit},
            429,
        )
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                project=project,
                member=member,
                city=city,
                kind=kind,
                role=role.strip(),
                message=message.strip(),
                contact_email=contact.email,
            )
            _mail(introduction, contact, base_url or settings.WAGTAILADMIN_BASE_URL).send()
    except IntegrityError as exc:  # the same member's other request at the same moment
        raise Refused(ALREADY, 409) from exc
    except OSError as exc:  # SMTP errors are OSErrors
        raise Refused(_("The e-mail could not be sent. Please try again later."), 503) from exc
    return introduction


def _mail(introduction, contact, base_url):
    """One e-mail to both sides; each finds the other's name, role, city and address in it.
    Plain text only: the member's message is shown as typed, never as markup."""
    project, member = introduction.project, introduction.member
    with translation.override("de"):
        context = {
            "introduction": introduction,
            "project": project,
            "project_url": base_url.rstrip("/") + project.url,
            "contact": contact,
            "contact_city": project.lead_city,
            "member_name": member.get_full_name() or member.get_username(),
        }
        subject = translation.gettext("Kommunal Digital: introduction about „%(title)s“") % {
            "title": project.title
        }
        return EmailMessage(
            subject=" ".join(subject.split()),
            body=render_to_string("introductions/email/introduction.txt", context),
            to=[contact.email, member.email],
        )
