import pytest

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from surveys.factories import survey_index
from surveys.models import SurveyPage

pytestmark = pytest.mark.django_db


def survey_form(**fields):
    data = {
        "title": "Terminvergabe",
        "slug": "terminvergabe",
        "purpose": rich_text("<p>Wer nutzt was?</p>"),
        "deadline": "2030-05-31 18:00",
        "all_cities": "on",
        "questions": streamfield(
            [
                ("short_text", {"question": "Welches System?", "required": "on", "public": "on"}),
                ("yes_no", {"question": "Online buchbar?"}),
                ("scale", {"question": "Zufrieden?", "low_label": "", "high_label": ""}),
            ]
        ),
        "comments": {
            "TOTAL_FORMS": 0,
            "INITIAL_FORMS": 0,
            "MIN_NUM_FORMS": 0,
            "MAX_NUM_FORMS": 1000,
        },
        "action-publish": "publish",
    }
    return nested_form_data({**data, **fields})


def test_moderator_creates_a_survey_in_the_admin(client, moderator, guetersloh):
    index = survey_index()
    client.force_login(moderator)
    url = f"/admin/pages/add/surveys/surveypage/{index.pk}/"
    response = client.post(url, survey_form())
    assert response.status_code == 302, response.content.decode()[-3000:]
    survey = SurveyPage.objects.get(slug="terminvergabe")
    questions = survey.question_list()
    assert [q.kind for q in questions] == ["short_text", "yes_no", "scale"]
    assert [q.public for q in questions] == [True, False, False]
    assert list(survey.audience_cities()) == [guetersloh]


def test_city_editor_cannot_create_a_survey(client, guetersloh_editor):
    index = survey_index()
    client.force_login(guetersloh_editor)
    response = client.post(f"/admin/pages/add/surveys/surveypage/{index.pk}/", survey_form())
    assert response.status_code in (302, 403)
    assert not SurveyPage.objects.exists()


def test_a_selected_audience_needs_a_city(client, moderator, guetersloh):
    index = survey_index()
    client.force_login(moderator)
    url = f"/admin/pages/add/surveys/surveypage/{index.pk}/"
    response = client.post(url, survey_form(all_cities=""))
    assert response.status_code == 200
    assert "Wählen Sie die Städte aus" in response.content.decode()
    assert not SurveyPage.objects.exists()
    response = client.post(url, {**survey_form(all_cities=""), "audience": [guetersloh.pk]})
    assert response.status_code == 302
    assert list(SurveyPage.objects.get().audience_cities()) == [guetersloh]
