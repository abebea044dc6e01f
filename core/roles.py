"""The platform's roles, kept as Wagtail groups and permissions.

Public visitors read published pages. Members (signed-in officers) also see contact details.
Each city has an editor group that may add and edit pages below its own city page only, and
submit them for moderation. The working group's moderators publish anything and manage the
topic taxonomy. Everything here is idempotent: it runs after every `migrate`.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

MEMBERS = "Mitglieder"
MODERATORS = "Moderation Arbeitskreis"
CITY_EDITORS_PREFIX = "Redaktion "
WORKFLOW_NAME = "Freigabe durch die Moderation"
TASK_NAME = "Freigabe durch die Moderation des Arbeitskreises"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
MODERATOR_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish_page", "bulk_delete_page")
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}
MODERATOR_MODEL_PERMISSIONS = {
    "projects": ("add_topic", "change_topic", "delete_topic", "view_topic", "import_projects"),
    "taggit": ("add_tag", "change_tag", "delete_tag", "view_tag"),
}


def is_member(user):
    """Signed-in officers of member cities: members, editors, moderators, admins."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = {group.name for group in user.groups.all()}
    return bool(names & {MEMBERS, MODERATORS}) or any(
        name.startswith(CITY_EDITORS_PREFIX) for name in names
    )


def _permissions(app_label, codenames):
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def _grant_page_permissions(group, page, codenames):
    from wagtail.models import GroupPagePermission

    for permission in _permissions("wagtailcore", codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection_permissions(group, collection):
    from wagtail.models import GroupCollectionPermission

    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for permission in _permissions(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def _grant_admin_access(group):
    group.permissions.add(*_permissions("wagtailadmin", ["access_admin"]))


def moderators_group():
    return Group.objects.get_or_create(name=MODERATORS)[0]


def members_group():
    return Group.objects.get_or_create(name=MEMBERS)[0]


@transaction.atomic
def ensure_city_editor_group(city):
    """One editor group per city, with rights on that city's subtree and media collection."""
    from wagtail.models import Collection

    name = f"{CITY_EDITORS_PREFIX}{city.title}"[:150]
    group = city.editor_group
    if group is None:
        group, _created = Group.objects.get_or_create(name=name)
        type(city).objects.filter(pk=city.pk).update(editor_group=group)
        city.editor_group = group
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    _grant_admin_access(group)
    _grant_page_permissions(group, city, EDITOR_PAGE_PERMISSIONS)

    root = Collection.get_first_root_node()
    collection = next((c for c in root.get_children() if c.name == city.title), None)
    if collection is None:
        collection = root.add_child(name=city.title)
    _grant_collection_permissions(group, collection)
    return group


@transaction.atomic
def sync_roles():
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    from cities.models import CityPage

    root_page = Page.get_first_root_node()
    if root_page is None:
        return

    members_group()
    moderators = moderators_group()
    _grant_admin_access(moderators)
    _grant_page_permissions(moderators, root_page, MODERATOR_PAGE_PERMISSIONS)
    _grant_collection_permissions(moderators, Collection.get_first_root_node())
    for app_label, codenames in MODERATOR_MODEL_PERMISSIONS.items():
        moderators.permissions.add(*_permissions(app_label, codenames))

    # Wagtail's stock groups grant rights on the whole tree; this platform does not use them.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()

    task, _created = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set([moderators])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    steps = WorkflowTask.objects.filter(workflow=workflow)
    if list(steps.values_list("task_id", flat=True)) != [task.pk]:
        steps.delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    for city in CityPage.objects.all():
        ensure_city_editor_group(city)


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    tables = connections[using].introspection.table_names()
    if "cities_citypage" in tables and "wagtailcore_workflowpage" in tables:
        sync_roles()
