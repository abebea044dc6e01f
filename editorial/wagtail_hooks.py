from wagtail import hooks

from .admin_views import confirm_workflow_action, last_action_of
from .panels import (
    CitiesWithoutEditorPanel,
    CityProjectsPanel,
    NewProjectPanel,
    RecentChangesPanel,
    edited_cities,
    is_moderator,
)


@hooks.register("construct_homepage_panels")
def editorial_panels(request, panels):
    # Wagtail's own panels stay: „Zur Prüfung“ (tasks waiting for this user), „Ihre Seiten in
    # Freigabe“ (the user's submissions) and the user's recent edits.
    cities = list(edited_cities(request.user))
    if cities:
        panels[:0] = [NewProjectPanel(cities), CityProjectsPanel(cities)]
    if is_moderator(request.user):
        panels += [RecentChangesPanel(), CitiesWithoutEditorPanel()]


@hooks.register("after_edit_page")
def confirm_approval_from_edit_form(request, page):
    # „Approve“ in the edit form's menu saves the page and acts on the task in one request.
    if request.method == "POST" and "action-workflow-action" in request.POST:
        task_state = last_action_of(request.user, page)
        if task_state is not None:
            confirm_workflow_action(request, page, task_state)
