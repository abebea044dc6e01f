from django import template

from core.roles import is_member
from introductions.forms import IntroductionForm
from introductions.models import Introduction
from introductions.service import Refused, check

register = template.Library()


@register.inclusion_tag("introductions/includes/box.html", takes_context=True)
def introduction_box(context, project):
    """„Wir arbeiten auch daran“ on a project page, for signed-in members only: the cities
    interested so far, and the form (or why there is none). Anonymous visitors get nothing –
    no form, so no CSRF cookie, and the page stays the same for all of them (core.page_cache)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not is_member(user):
        return {"show": False}
    interests = list(
        Introduction.objects.filter(project=project)
        .select_related("city")
        .order_by("city__title", "created_at")
    )
    mine = next((i for i in interests if i.member_id == user.pk), None)
    reason = None
    if mine is None:
        try:
            check(project, user)
        except Refused as refusal:
            reason = refusal.message
    cities = {}
    for interest in interests:
        if interest.city is not None:
            cities.setdefault(interest.city.pk, interest)
    return {
        "show": True,
        "project": project,
        "interests": list(cities.values()),
        "mine": mine,
        "reason": reason,
        "form": IntroductionForm() if mine is None and reason is None else None,
        "csrf_token": context.get("csrf_token"),
    }
