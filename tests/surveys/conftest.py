import pytest

from surveys.factories import SurveyPageFactory


@pytest.fixture
def survey(guetersloh, koeln):
    return SurveyPageFactory(title="Terminvergabe")


def answer_form(version=0, **answers):
    """The answering form as a browser posts it: `answer_form(1, system="TEVIS")`."""
    data = {"version": version}
    data.update({f"q_{key}": value for key, value in answers.items()})
    return data
