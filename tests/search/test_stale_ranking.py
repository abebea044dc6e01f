"""Stale projects („möglicherweise veraltet“) rank lower on both search backends."""

import pytest

from django.core.management import call_command
from django.utils import timezone

from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, months_before
from search.backends import SearchRequest, get_backend
from search.query import parse

pytestmark = pytest.mark.django_db


def order(text):
    if get_backend().name == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = get_backend().search(SearchRequest(query=parse(text)))
    return [hit.title for hit in response.hits]


def test_stale_project_ranks_below_an_equal_fresh_one(engine, guetersloh, koeln, settings):
    for city, title in ((guetersloh, "Parkraummanagement Nord"), (koeln, "Parkraummanagement Süd")):
        ProjectPageFactory(parent=city, title=title, teaser="Sensoren zeigen freie Parkplätze.")
    settings.STALE_SEARCH_WEIGHT = 1
    first, second = order("Parkraummanagement")

    ProjectPage.objects.filter(title=first).update(confirmed_at=months_before(timezone.now(), 19))
    assert order("Parkraummanagement") == [first, second]  # weight 1: no effect
    settings.STALE_SEARCH_WEIGHT = 0.5
    assert order("Parkraummanagement") == [second, first]
