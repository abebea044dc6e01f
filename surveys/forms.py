"""The answering form, built from an Abfrage's question blocks, and the results' filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from cities.models import Region


def field_name(question):
    return f"q_{question.id}"


class AnswerForm(forms.Form):
    """One field per question (the block's own form field) and the version of the answer the
    editor started from: a save from an older version is a conflict, not an overwrite."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, questions, *args, city=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = question.form_field(city)

    def bound_questions(self):
        return [(question, self[field_name(question)]) for question in self.questions]

    def answers(self):
        """The cleaned answers as stored: {question id: JSON value}, unanswered left out."""
        data = {}
        for question in self.questions:
            stored = question.to_stored(self.cleaned_data.get(field_name(question)))
            if stored is not None:
                data[question.id] = stored
        return data

    @classmethod
    def initial_for(cls, questions, data, version):
        initial = {"version": version}
        for question in questions:
            if question.id in data:
                initial[field_name(question)] = question.to_initial(data[question.id])
        return initial


class ResultsForm(forms.Form):
    """`?region=…&sortierung=…` on the results page. Bad values are a 400, not a guess."""

    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    sortierung = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("stadt", _("City")), *((q.id, q.label) for q in questions)]
        choices = [("", _("City"))]
        for key, label in columns:
            choices += [(key, label), (f"-{key}", label)]
        self.fields["sortierung"].choices = choices


class SurveyPageForm(WagtailAdminPageForm):
    """The Abfrage in the admin: an audience of „selected cities“ needs at least one city."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_cities") and not cleaned.get("audience"):
            self.add_error(
                "audience",
                _("Select the cities to ask, or ask all member cities."),
            )
        return cleaned
