"""Wagtail's admin views where editors need more feedback than Wagtail gives."""

from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.views.pages import workflow
from wagtail.models import TaskState


def confirm_workflow_action(request, page, task_state):
    """Tell the moderator what an approve/reject did to the page: Wagtail's workflow action
    redirects without a word."""
    page.refresh_from_db()
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_APPROVED:
        if page.live and not page.has_unpublished_changes:
            text = _("„%(title)s“ was approved and is published.")
        else:
            text = _("„%(title)s“ was approved.")
        messages.success(request, text % {"title": title})
    elif task_state.status == TaskState.STATUS_REJECTED:
        text = _("Changes to „%(title)s“ were requested; its editors are told.")
        messages.warning(request, text % {"title": title})


def last_action_of(user, page):
    """The task state this user finished last on the page: in the edit view's hook, the one
    its workflow action has just finished."""
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=page.get_base_content_type(),
            workflow_state__object_id=str(page.pk),
            finished_by=user,
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


class WorkflowActionView(workflow.WorkflowAction):
    """Approve/reject from the dashboard or the page header, with a confirmation."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        confirm_workflow_action(request, self.object, self.task_state)
        return response
