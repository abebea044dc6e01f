import datetime as dt

import pytest

from django.utils import timezone

from cities.factories import CityPageFactory
from core.factories import UserFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPartner
from solutions.factories import SolutionPageFactory
from surveys.factories import SurveyPageFactory, question, stream
from surveys.models import Answer, AnswerConflict, SurveyClosed
from tests.helpers import answer_form

pytestmark = pytest.mark.django_db


def test_editor_answers_for_the_city_and_the_answer_keeps_who_and_when(
    client, survey, guetersloh, guetersloh_editor
):
    client.force_login(guetersloh_editor)
    response = client.post(
        survey.answer_url(guetersloh),
        answer_form(system="TEVIS", betrieb="Cloud", online="ja", standorte="3", kanaele=["Web"]),
    )
    assert response.status_code == 302
    answer = Answer.objects.get(survey=survey, city=guetersloh)
    assert answer.data == {
        "system": "TEVIS",
        "betrieb": "Cloud",
        "online": True,
        "standorte": 3,
        "kanaele": ["Web"],
    }
    assert answer.updated_by == guetersloh_editor
    assert answer.revisions.get().changed_by == guetersloh_editor


def test_second_editor_revises_and_history_keeps_both(
    client, survey, guetersloh, guetersloh_editor
):
    colleague = UserFactory(username="redaktion-gt-2", groups=[guetersloh.editor_group])
    client.force_login(guetersloh_editor)
    client.post(survey.answer_url(guetersloh), answer_form(system="TEVIS"))
    client.force_login(colleague)
    response = client.post(survey.answer_url(guetersloh), answer_form(1, system="Koala"))
    assert response.status_code == 302
    answer = Answer.objects.get(survey=survey, city=guetersloh)
    assert answer.data["system"] == "Koala" and answer.version == 2
    history = [(r.version, r.changed_by, r.data["system"]) for r in answer.revisions.all()]
    assert history == [(2, colleague, "Koala"), (1, guetersloh_editor, "TEVIS")]
    page = client.get(survey.answer_url(guetersloh)).content.decode()
    assert "Fassung 2: redaktion-gt-2" in page and "Fassung 1: redaktion-gt" in page


def test_later_save_from_an_old_version_warns_instead_of_overwriting(
    client, survey, guetersloh, guetersloh_editor
):
    colleague = UserFactory(groups=[guetersloh.editor_group])
    client.force_login(guetersloh_editor)
    client.post(survey.answer_url(guetersloh), answer_form(system="TEVIS"))
    # Both opened version 1; the colleague saves first.
    client.force_login(colleague)
    client.post(survey.answer_url(guetersloh), answer_form(1, system="Koala"))
    client.force_login(guetersloh_editor)
    response = client.post(survey.answer_url(guetersloh), answer_form(1, system="Eigenbau"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Koala" in page and 'value="Eigenbau"' in page
    assert 'name="version" value="2"' in page
    assert Answer.objects.get(city=guetersloh).data["system"] == "Koala"
    # Saving again from the form as it came back replaces the answer knowingly.
    response = client.post(survey.answer_url(guetersloh), answer_form(2, system="Eigenbau"))
    assert response.status_code == 302
    assert Answer.objects.get(city=guetersloh).data["system"] == "Eigenbau"


def test_two_first_answers_at_once_conflict(survey, guetersloh, guetersloh_editor):
    survey.save_answer(guetersloh, guetersloh_editor, {"system": "A"}, 0)
    with pytest.raises(AnswerConflict) as raised:
        survey.save_answer(guetersloh, guetersloh_editor, {"system": "B"}, 0)
    assert raised.value.current.data == {"system": "A"}


def test_no_answers_past_the_deadline(client, guetersloh, guetersloh_editor):
    survey = SurveyPageFactory(deadline=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(guetersloh_editor)
    response = client.post(survey.answer_url(guetersloh), answer_form(system="TEVIS"))
    assert response.status_code == 403
    assert "Frist" in response.content.decode()
    assert not Answer.objects.exists()
    with pytest.raises(SurveyClosed):
        survey.save_answer(guetersloh, guetersloh_editor, {"system": "A"}, 0)


def test_city_sees_its_answer_after_the_deadline(client, survey, guetersloh, guetersloh_editor):
    survey.save_answer(guetersloh, guetersloh_editor, {"system": "TEVIS"}, 0)
    survey.deadline = timezone.now() - dt.timedelta(days=1)
    survey.save_revision().publish()
    client.force_login(guetersloh_editor)
    response = client.get(survey.answer_url(guetersloh))
    assert response.status_code == 200
    page = response.content.decode()
    assert "TEVIS" in page and '<form method="post" class="form' not in page


def test_city_outside_the_audience_cannot_answer(client, guetersloh, koeln, koeln_editor):
    survey = SurveyPageFactory(all_cities=False, audience=[guetersloh])
    client.force_login(koeln_editor)
    response = client.post(survey.answer_url(koeln), answer_form(system="X"))
    assert response.status_code == 403
    assert not Answer.objects.exists()
    assert list(survey.audience_cities()) == [guetersloh]


def test_editor_of_another_city_can_neither_see_nor_change_the_answer(
    client, survey, guetersloh, guetersloh_editor, koeln_editor
):
    survey.save_answer(guetersloh, guetersloh_editor, {"system": "Geheim"}, 0)
    client.force_login(koeln_editor)
    assert client.get(survey.answer_url(guetersloh)).status_code == 403
    response = client.post(survey.answer_url(guetersloh), answer_form(1, system="Fremd"))
    assert response.status_code == 403
    assert Answer.objects.get().data == {"system": "Geheim"}


def test_member_without_a_city_cannot_answer(client, survey, guetersloh, member):
    client.force_login(member)
    assert client.post(survey.answer_url(guetersloh), answer_form(system="X")).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, survey, guetersloh):
    response = client.get(survey.answer_url(guetersloh))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


def test_invalid_answer_is_a_form_error(client, survey, guetersloh, guetersloh_editor):
    client.force_login(guetersloh_editor)
    response = client.post(survey.answer_url(guetersloh), answer_form(betrieb="Anderes"))
    assert response.status_code == 400
    assert 'id="id_q_system_error"' in response.content.decode()
    assert not Answer.objects.exists()


def test_unpublished_city_is_no_audience(survey):
    hidden = CityPageFactory(title="Entwurf", live=False)
    assert hidden not in survey.audience_cities()


def test_survey_page_shows_editors_their_city_and_moderators_the_progress(
    client, survey, guetersloh, guetersloh_editor, moderator
):
    survey.save_answer(guetersloh, guetersloh_editor, {"system": "TEVIS"}, 0)
    client.force_login(guetersloh_editor)
    assert survey.answer_url(guetersloh) in client.get(survey.url).content.decode()
    client.force_login(moderator)
    page = client.get(survey.url).content.decode()
    assert "1 von 2 Städten haben geantwortet" in page
    assert "Köln" in page


def test_anonymous_survey_page_carries_no_form(client, survey):
    response = client.get(survey.url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "public" in response["Cache-Control"]


def test_a_city_names_a_project_and_a_solution_of_the_platform(
    client, guetersloh, guetersloh_editor
):
    solution = SolutionPageFactory(title="Kranich Terminportal", slug="kranich")
    withdrawn = SolutionPageFactory(title="Eisvogel Fachverfahren", slug="eisvogel")
    withdrawn.unpublish()
    project = ProjectPageFactory(parent=guetersloh, title="Termine online")
    survey = SurveyPageFactory(
        title="Werkzeuge",
        questions=stream(
            question("project", "Welches Projekt?", "projekt"),
            question("solution", "Welche Lösung?", "loesung"),
        ),
    )
    client.force_login(guetersloh_editor)

    form = client.get(survey.answer_url(guetersloh)).content.decode()
    assert "Kranich Terminportal" in form and "Eisvogel" not in form  # only public solutions
    refused = client.post(
        survey.answer_url(guetersloh), answer_form(projekt=project.pk, loesung=withdrawn.pk)
    )
    assert refused.status_code == 400 and not Answer.objects.exists()

    response = client.post(
        survey.answer_url(guetersloh), answer_form(projekt=project.pk, loesung=solution.pk)
    )
    assert response.status_code == 302
    assert Answer.objects.get().data == {
        "projekt": {"id": project.pk, "title": "Termine online"},
        "loesung": {"id": solution.pk, "title": "Kranich Terminportal"},
    }


def test_a_city_answers_a_project_question_with_one_of_its_own_projects(
    client, guetersloh, koeln, guetersloh_editor
):
    """Not a list of every project of the platform (thousands): those the city leads or takes
    part in."""
    own = ProjectPageFactory(parent=guetersloh, title="Termine online")
    shared = ProjectPageFactory(
        parent=koeln, title="Gemeinsames Datenportal", partners=[ProjectPartner(city=guetersloh)]
    )
    other = ProjectPageFactory(parent=koeln, title="Handyparken Köln")
    survey = SurveyPageFactory(
        title="Werkzeuge", questions=stream(question("project", "Welches Projekt?", "projekt"))
    )
    client.force_login(guetersloh_editor)

    form = client.get(survey.answer_url(guetersloh)).content.decode()
    assert own.title in form and shared.title in form and other.title not in form
    refused = client.post(survey.answer_url(guetersloh), answer_form(projekt=other.pk))
    assert refused.status_code == 400 and not Answer.objects.exists()
    saved = client.post(survey.answer_url(guetersloh), answer_form(projekt=shared.pk))
    assert saved.status_code == 302
    assert Answer.objects.get().data == {"projekt": {"id": shared.pk, "title": shared.title}}
