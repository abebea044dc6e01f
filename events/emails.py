from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .ical import build_calendar


def _send(registration, request, template, subject):
    user, event = registration.user, registration.event
    if not user.email:
        return
    with translation.override("de"):
        context = {
            "registration": registration,
            "event": event,
            "user": user,
            "url": request.build_absolute_uri(event.url),
        }
        message = EmailMessage(
            subject=f"{subject}: {event.title}",
            body=render_to_string(template, context),
            to=[user.email],
        )
    message.attach(
        f"{event.slug}.ics",
        build_calendar([event], event.title, request).to_ical(),
        "text/calendar",
    )
    message.send()


def send_registration(registration, request):
    waiting = registration.state == registration.State.WAITING
    _send(
        registration,
        request,
        "events/email/registration.txt",
        "Warteliste" if waiting else "Anmeldung bestätigt",
    )


def send_moved_up(registration, request):
    _send(registration, request, "events/email/moved_up.txt", "Sie sind nachgerückt")
