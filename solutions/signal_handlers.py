from django.db import connection

from core.roles import editor_group_pages

from .models import SolutionIndexPage

# Editors propose solutions: Wagtail's `add_page` lets them create pages below `/loesungen/`
# and edit those they created, while publishing stays with the moderators' workflow.
PROPOSE_PERMISSIONS = ("add_page",)


def solution_index_for_editors(sender, city, **kwargs):
    # A `migrate` to an earlier state may run before this app's tables exist.
    if SolutionIndexPage._meta.db_table not in connection.introspection.table_names():
        return []
    index = SolutionIndexPage.objects.first()
    return [(index, PROPOSE_PERMISSIONS)] if index else []


editor_group_pages.connect(solution_index_for_editors, dispatch_uid="solution-index-editors")
