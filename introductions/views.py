"""„Wir arbeiten auch daran“: the POST from a project page (a form: works without JS)."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from projects.models import ProjectPage

from .forms import IntroductionForm
from .service import Refused, introduce


def introduce_view(request, project_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    project = get_object_or_404(ProjectPage.objects.live().public(), pk=project_id)
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        return _answer(request, project, form=form, status=400)
    try:
        introduce(
            project,
            request.user,
            kind=form.cleaned_data["kind"],
            role=form.cleaned_data["role"],
            message=form.cleaned_data["message"],
            base_url=request.build_absolute_uri("/"),
        )
    except Refused as refusal:
        return _answer(request, project, error=refusal.message, status=refusal.status)
    messages.success(
        request,
        _("We have introduced you to the contact of „%(title)s“ by e-mail; you received a copy.")
        % {"title": project.title},
    )
    return redirect(project.url)


def _answer(request, project, status, error=None, form=None):
    """A page of its own with the reason (and the form with its errors), never a bare 4xx."""
    return TemplateResponse(
        request,
        "introductions/refused.html",
        {"project": project, "error": error, "form": form},
        status=status,
    )
