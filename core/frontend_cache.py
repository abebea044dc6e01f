"""A reverse proxy in front of the site (FRONTEND_CACHE_URL, off by default) is told by Wagtail
(`wagtail.contrib.frontend_cache`) to forget a page when it is published or unpublished. A page
also shows in its parents' lists, on the home page, in the feeds, the sitemap and the downloads:
those addresses are purged with it, and when a page moves or its view restrictions change.
Search results and the per-topic, per-tag and per-city feeds cannot be named in advance: the
proxy keeps them for PAGE_SHARED_MAX_AGE seconds at most."""

from django.conf import settings
from django.urls import reverse

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site


def site_wide_paths():
    downloads = [
        reverse("opendata:download", kwargs={"name": name, "fmt": fmt})
        for name in ("projekte", "staedte", "termine")
        for fmt in ("csv", "json")
    ]
    return [
        reverse("sitemap"),
        reverse("project_feed_rss"),
        reverse("project_feed_atom"),
        reverse("opendata:catalogue"),
        *downloads,
    ]


def purge_pages_showing(page):
    """Purge the page's ancestors (lists, home) and the site-wide addresses that list pages."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1))
    batch.add_pages([page])
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in site_wide_paths())
    batch.purge()


def page_changed(instance, **kwargs):
    """Receiver for publishing, unpublishing and moving pages and for view restrictions."""
    page = instance if isinstance(instance, Page) else getattr(instance, "page", None)
    if page is not None:
        purge_pages_showing(page)
