"""What is served below a meeting's or the meetings page's address besides the pages
themselves: registering and cancelling (POST), calendar files. Routed in events/urls.py."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Page, Site
from wagtail.views import serve

from cities.models import CityPage
from core.roles import is_member
from core.visibility import serve_as_page

from .emails import send_moved_up, send_registration
from .ical import calendar_response
from .models import EventIndexPage, EventPage, Registration, RegistrationError


def _meeting_at(request, path):
    """The live meeting at `path`, or None. Routed as Wagtail does, but without keeping the
    route on the request (Wagtail's serve view would reuse it for another address)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    return page if isinstance(page, EventPage) else None


def registration(request, path, action):
    """`…/<meeting>/anmelden/` and `…/abmelden/`. An address that names no meeting is served
    by Wagtail as before: a page may be called „anmelden“."""
    event = _meeting_at(request, path)
    if event is None:
        return serve(request, f"{path}{action}/")
    # The meeting's restrictions (sign-in, password) hold here as on its page.
    return serve_as_page(event, request, lambda: registration_action(event, request, action))


def registration_action(event, request, action):
    """Register or cancel in one POST; members only. Answers with the meeting page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    if not is_member(request.user):
        raise PermissionDenied(_("Only members of the working group can register."))

    if action == "anmelden":
        try:
            registration = event.register(request.user)
        except RegistrationError as error:
            context = event.get_context(request, registration_error=str(error))
            return TemplateResponse(request, event.get_template(request), context, status=409)
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
                return serve_as_page(page, request, lambda: meetings_calendar(page, request, city))
        elif name == "feed":
            return serve_as_page(page, request, lambda: meetings_calendar(page, request))
    if isinstance(page, EventPage) and name == "termin" and not is_city_feed:
        return serve_as_page(
            page,
            request,
            lambda: calendar_response([page], f"{page.slug}.ics", page.title, request),
        )
    raise Http404(_("There is no such calendar."))


def meeting_calendar(event, request):
    return calendar_response([event], f"{event.slug}.ics", event.title, request)


def meetings_calendar(index, request, city=None):
    """The subscribable calendar: every meeting, or those hosted by one city."""
    if city is None:
        return calendar_response(
            index.events(), "kommunal-digital-termine.ics", index.title, request
        )
    return calendar_response(
        index.events().hosted_by(city),
        f"termine-{city.slug}.ics",
        f"{index.title}: {city.title}",
        request,
    )
