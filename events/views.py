from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.models import Page

from cities.models import CityPage
from core.roles import is_member
from core.visibility import serve_as_page

from .emails import send_moved_up, send_registration
from .models import EventIndexPage, EventPage, Registration, RegistrationError


def registration_action(event, request, action):
    """Register or cancel in one POST; members only. Answers with the meeting page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    if not is_member(request.user):
        raise PermissionDenied(_("Only members of the working group can register."))

    if action == "register":
        try:
            registration = event.register(request.user)
        except RegistrationError as error:
            return event.detail(request, error=str(error), status=409)
        send_registration(registration, request)
        if registration.state == Registration.State.CONFIRMED:
            messages.success(
                request, _("You are registered. A confirmation is on its way by e-mail.")
            )
        else:
            messages.info(request, _("The meeting is full: you are on the waiting list."))
    else:
        moving_up = event.cancel_registration(request.user)
        if moving_up:
            send_moved_up(moving_up, request)
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(event.url)


def ical(request, path, name):
    """`…/feed.ics`, `…/feed/<city>.ics` below the meetings page and `…/termin.ics` below a
    meeting. Wagtail's page URLs cannot end in a file name, so these resolve the page here."""
    # Wagtail caches the route per request: look up exactly one page.
    is_city_feed = path.endswith("/feed/")
    page = Page.find_for_request(request, f"/{path[: -len('feed/')] if is_city_feed else path}")
    page = page.specific if page is not None else None
    # A calendar shows a page's data outside the page: the page's restrictions hold here too.
    if isinstance(page, EventIndexPage):
        if is_city_feed:
            city = CityPage.objects.live().public().filter(slug=name).first()
            if city is not None:
                return serve_as_page(page, request, lambda: page.feed(request, city))
        elif name == "feed":
            return serve_as_page(page, request, lambda: page.feed(request))
    if isinstance(page, EventPage) and name == "termin" and not is_city_feed:
        return serve_as_page(page, request, lambda: page.ics(request))
    raise Http404(_("There is no such calendar."))
