import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from surveys.models import Answer, SurveyPage

pytestmark = pytest.mark.django_db


def test_demo_has_a_closed_and_an_open_survey_and_loads_twice(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    now = timezone.now()
    closed = SurveyPage.objects.live().get(deadline__lt=now)
    assert "Terminvergabe" in closed.title
    assert closed.answers.count() >= 12
    assert SurveyPage.objects.live().filter(deadline__gte=now).count() == 1
    assert Answer.objects.count() == closed.answers.count() + 3
    page = client.get(closed.results_url).content.decode()
    assert "TEVIS" in page and "<svg" in page
    assert "Team Bürgerservice" not in page  # members only
