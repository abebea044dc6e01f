from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from core import urls as core_urls
from core import views as media_views
from core.admin_views import CreatePageView
from core.seo import robots_txt, sitemap_part, sitemap_xml
from editorial.admin_views import WorkflowActionView
from events import urls as event_urls
from follow import urls as follow_urls
from introductions import urls as introduction_urls
from opendata import urls as opendata_urls
from projects import urls as project_urls
from projects.feeds import ProjectAtomFeed, ProjectFeed
from search import urls as search_urls

urlpatterns = [
    # Wagtail's "add page" with a form error instead of a 500 when autosave wins a race; before
    # the admin's own pattern, and guarded like it.
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        never_cache(require_admin_access(CreatePageView.as_view())),
    ),
    # Approve/reject in a workflow with a confirmation message; shadows Wagtail's own pattern.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        never_cache(require_admin_access(WorkflowActionView.as_view())),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("sitemap-<int:part>.xml", sitemap_part, name="sitemap_part"),
    path("robots.txt", robots_txt, name="robots"),
    path("projekte/feed/rss/", ProjectFeed(), name="project_feed_rss"),
    path("projekte/feed/atom/", ProjectAtomFeed(), name="project_feed_atom"),
    path("projekte/feed/<str:kind>/<str:slug>/rss/", ProjectFeed(), name="project_feed_rss_for"),
    path(
        "projekte/feed/<str:kind>/<str:slug>/atom/", ProjectAtomFeed(), name="project_feed_atom_for"
    ),
    path("", include(core_urls)),
    path("", include(opendata_urls)),
    path("", include(follow_urls)),
    path("", include(project_urls)),
    path("", include(introduction_urls)),
    *opendata_urls.api_urlpatterns,
    path("", include(search_urls)),
]

urlpatterns += [
    # Images only: documents go through /dokumente/ (privacy, attachment, no script).
    re_path(
        r"^media/(?P<path>(?:original_images|images)/[\w\-][\w.\-]*)$",
        media_views.image_file,
        name="image_file",
    ),
    path("", include(event_urls)),
    path("", include(wagtail_urls)),
]
