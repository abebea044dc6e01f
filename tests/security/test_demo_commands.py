"""Finding 13: no demo accounts or known admin passwords on a production site by accident."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from cities.models import CityPage
from projects.models import ProjectPage, Topic

pytestmark = pytest.mark.django_db

COMMANDS = ["load_demo", "ensure_admin"]


def written():
    return (
        get_user_model().objects.count(),
        CityPage.objects.count(),
        ProjectPage.objects.count(),
        Topic.objects.count(),
    )


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOW_DEMO_DATA = False  # as in production: only the test settings allow it


@pytest.mark.parametrize("command", COMMANDS)
def test_refused_with_production_settings_and_nothing_written(production, command):
    before = written()
    out = io.StringIO()
    with pytest.raises(CommandError, match="--force-demo-in-production") as refusal:
        call_command(command, stdout=out)
    assert "ALLOW_DEMO_DATA=1" in str(refusal.value)
    assert written() == before
    assert out.getvalue() == ""


def test_forced_ensure_admin_runs_in_production(production):
    call_command("ensure_admin", "--force-demo-in-production", stdout=io.StringIO())
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()


def test_allow_demo_data_lets_it_run_in_production(production, settings):
    settings.ALLOW_DEMO_DATA = True  # ALLOW_DEMO_DATA=1 (the test settings load the demo so)
    call_command("ensure_admin", stdout=io.StringIO())
    assert get_user_model().objects.filter(username="admin").exists()


def test_development_settings_need_no_flag(settings):
    """`make run` runs both with the development settings (DEBUG on)."""
    settings.DEBUG = True
    settings.ALLOW_DEMO_DATA = False
    call_command("ensure_admin", stdout=io.StringIO())
    assert get_user_model().objects.filter(username="admin").exists()
