from django.contrib.auth.models import Group

from wagtail import hooks

from cities.models import CityPage
from core import roles

from .panels import InterestPanel, JointInterestPanel


@hooks.register("construct_homepage_panels")
def introduction_panels(request, panels):
    user = request.user
    cities = list(CityPage.objects.filter(editor_group__in=user.groups.all()).order_by("title"))
    if cities:
        panels.append(InterestPanel(cities))
    if user.is_superuser or Group.objects.filter(name=roles.MODERATORS, user=user).exists():
        panels.append(JointInterestPanel())
