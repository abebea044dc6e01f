"""`remind_stale`: the weekly list of projects due for confirmation, to each city's editors."""

import io
from unittest import mock

import pytest

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.factories import UserFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, StaleReminder, months_before
from projects.reminders import reminders

pytestmark = pytest.mark.django_db


def aged(project, months):
    ProjectPage.objects.filter(pk=project.pk).update(
        confirmed_at=months_before(timezone.now(), months)
    )
    return project


@pytest.fixture
def world(guetersloh, koeln):
    gt_editor = UserFactory(email="red@gt.example", groups=[guetersloh.editor_group])
    k_editor = UserFactory(email="red@koeln.example", groups=[koeln.editor_group])
    UserFactory(email="alt@gt.example", groups=[guetersloh.editor_group], is_active=False)
    return {
        "old": aged(ProjectPageFactory(parent=guetersloh, title="Altes Projekt"), 19),
        "soon": aged(ProjectPageFactory(parent=guetersloh, title="Bald fällig"), 18),
        "fresh": ProjectPageFactory(parent=guetersloh, title="Frisch bestätigt"),
        "koeln_fresh": ProjectPageFactory(parent=koeln, title="Kölner Projekt"),
        "draft": aged(ProjectPageFactory(parent=guetersloh, title="Entwurf", live=False), 30),
        "gt_editor": gt_editor,
        "k_editor": k_editor,
    }


def run():
    out = io.StringIO()
    call_command("remind_stale", stdout=out)
    return out.getvalue()


def test_editors_get_their_citys_due_projects_with_one_link_each(world):
    output = run()

    assert len(mail.outbox) == 1  # Köln has nothing due; the inactive editor gets nothing
    message = mail.outbox[0]
    assert message.to == ["red@gt.example"]
    assert "Altes Projekt" in message.body and "Bald fällig" in message.body
    assert "Frisch bestätigt" not in message.body and "Entwurf" not in message.body
    assert f"/admin/projekte/{world['old'].pk}/aktuell/" in message.body
    assert f"/admin/projekte/{world['soon'].pk}/aktuell/" in message.body
    assert "2 Projekte" in message.subject
    assert "100%" in output and "1 gesendet" in output


def test_running_again_the_same_week_sends_nothing(world):
    run()
    output = run()

    assert len(mail.outbox) == 1
    assert "0 gesendet, 1 schon in dieser Woche gesendet" in output
    assert StaleReminder.objects.count() == 1


def test_a_failed_send_is_retried_by_the_next_run(world):
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("down")),
        pytest.raises(CommandError),
    ):
        run()
    assert not StaleReminder.objects.exists()

    run()
    assert len(mail.outbox) == 1


def test_confirming_takes_a_project_off_the_list(world):
    world["old"].confirm(world["gt_editor"])
    world["soon"].confirm(world["gt_editor"])

    run()

    assert not mail.outbox


def test_reminders_cost_the_same_however_many_projects(
    world, guetersloh, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as few:
        reminders()
    for number in range(10):
        aged(ProjectPageFactory(parent=guetersloh, title=f"Alt {number}"), 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(reminders()[0].projects) == 12
