"""Addresses below the meetings' pages that are no pages of their own. Included before
Wagtail's pages (config/urls.py); the login and logout at `/anmelden/` and `/abmelden/` come
first, and these need at least one page in front."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)+)(?P<action>anmelden|abmelden)/$",
        views.registration,
        name="event_registration",
    ),
    re_path(r"^(?P<path>(?:[\w\-]+/)+)(?P<name>[\w\-]+)\.ics$", views.ical, name="ical"),
]
