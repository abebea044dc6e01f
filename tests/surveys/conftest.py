import pytest

from surveys.factories import SurveyPageFactory


@pytest.fixture
def survey(guetersloh, koeln):
    return SurveyPageFactory(title="Terminvergabe")
