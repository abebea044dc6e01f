"""The platform's roles, kept as Wagtail groups and permissions.

Public visitors read published pages. Members (signed-in officers) also see contact details.
Each city has an editor group that may add and edit pages below its own city page only, and
submit them for moderation. The working group's moderators publish anything and manage the
topic taxonomy. Everything here is idempotent: it runs after every `migrate`.
"""

from django.contrib.auth.models import Group, Permission
from django.db import connections, transaction
from django.db.models import Q
from django.dispatch import Signal

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

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
# Sent at the end of `sync_roles`: the cities app restores its editor groups then. A signal, so
# that this base module needs no city model.
roles_synced = Signal()
# Asked by `ensure_city_editor_group`: the apps above answer with the pages outside the city
# where its editors may propose pages ([(page, codenames), …]; the solutions app: `/loesungen/`
# with `add_page`, which in Wagtail is to create pages and edit one's own, not others').
editor_group_pages = Signal()

MODERATOR_MODEL_PERMISSIONS = {
    "projects": ("add_topic", "change_topic", "delete_topic", "view_topic", "import_projects"),
    "taggit": ("add_tag", "change_tag", "delete_tag", "view_tag"),
    "search": (
        "add_synonymgroup",
        "change_synonymgroup",
        "delete_synonymgroup",
        "view_synonymgroup",
    ),
}


def is_member(user):
    """Signed-in officers of member cities: members, editors, moderators, admins.

    A city's editors are recognised by their group's link to the city, not by the group's name:
    anybody who may name a group must not be able to make its users members."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(Q(name__in=[MEMBERS, MODERATORS]) | Q(city__isnull=False)).exists()


def _permissions(app_label, codenames):
    return list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def _grant_page_permissions(group, page, codenames):
    for permission in _permissions("wagtailcore", codenames):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection_permissions(group, collection):
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


def _free_name(rows, wanted, city, exclude_pk, max_length):
    """`wanted`, or with the city's AGS when another row already carries that name (two cities
    may share a title for a while; a unique name must never turn into an IntegrityError)."""
    names = rows.exclude(pk=exclude_pk)
    for name in (wanted, f"{wanted} ({city.ags})", f"{wanted} ({city.ags}-{city.pk})"):
        if not names.filter(name=name[:max_length]).exists():
            return name[:max_length]
    raise ValueError(f"no free name for {wanted!r}")


@transaction.atomic
def ensure_city_editor_group(city):
    """One editor group and one media collection per city, tied to it by key.

    Names follow the city's *published* title: callers pass a city as it is live (after
    publishing, or loaded from the database), never a draft, so that nobody who can only
    save drafts renames a group or reaches another collection."""
    group, collection = city.editor_group, city.collection
    group_name = _free_name(
        Group.objects.all(),
        f"{CITY_EDITORS_PREFIX}{city.title}",
        city,
        getattr(group, "pk", None),
        150,
    )
    if group is None:
        group = Group.objects.create(name=group_name)
    elif group.name != group_name:
        group.name = group_name
        group.save(update_fields=["name"])

    root = Collection.get_first_root_node()
    siblings = Collection.objects.child_of(root)
    collection_name = _free_name(siblings, city.title, city, getattr(collection, "pk", None), 255)
    if collection is None:
        collection = root.add_child(name=collection_name)
    elif collection.name != collection_name:
        collection.name = collection_name
        collection.save(update_fields=["name"])

    if (city.editor_group_id, city.collection_id) != (group.pk, collection.pk):
        type(city).objects.filter(pk=city.pk).update(editor_group=group, collection=collection)
        city.editor_group, city.collection = group, collection
    _grant_admin_access(group)
    extra = [
        (page, codenames)
        for _receiver, answer in editor_group_pages.send(sender=type(city), city=city)
        for page, codenames in answer or []
    ]
    # Exactly the city's subtree, the pages the apps above name, and the city's collection:
    # rights found elsewhere are taken back.
    kept = Q(page=city)
    for page, codenames in extra:
        kept |= Q(page=page, permission__codename__in=codenames)
    GroupPagePermission.objects.filter(group=group).exclude(kept).delete()
    GroupCollectionPermission.objects.filter(group=group).exclude(collection=collection).delete()
    _grant_page_permissions(group, city, EDITOR_PAGE_PERMISSIONS)
    for page, codenames in extra:
        _grant_page_permissions(group, page, codenames)
    _grant_collection_permissions(group, collection)
    return group


@transaction.atomic
def sync_roles():
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

    roles_synced.send(sender=sync_roles)


def sync_roles_after_migrate(sender, using="default", **kwargs):
    if "wagtailcore_workflowpage" in connections[using].introspection.table_names():
        sync_roles()


def is_moderator(user):
    """The working group's moderators (and administrators): they run Abfragen and download
    what cities answered."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()
