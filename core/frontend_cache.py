"""A reverse proxy in front of the site (FRONTEND_CACHE_URL, off by default) is told by Wagtail
(`wagtail.contrib.frontend_cache`) to forget the addresses that show a page when the page is
published, unpublished, moved, deleted or its view restrictions change (the publication stream,
`core.publication`): the page, its ancestors
(lists, home), the site-wide lists (feeds, sitemap, downloads) and what the page names in
`listed_at()` – the feeds of its topics, tags and cities, the pages of partner or host cities.
A publish purges what the previous live version was listed at too (a tag taken away), a move the
old address and the old parent's lists.

Purges are sent once the transaction commits (a proxy asking the site before the commit would
keep the old page) and together (deleting a city with its projects sends each address once).
Addresses with a query string cannot be named here: the page cache gives them s-maxage=0.
Other pages that mention a page (similar projects, meetings that presented a project) are kept
by a proxy for PAGE_SHARED_MAX_AGE seconds at most."""

import threading

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from .publication import Event
from .seo import part_count

# Addresses to purge when this thread's transaction commits.
_local = threading.local()


def site_wide_paths():
    downloads = [
        reverse("opendata:download", kwargs={"name": name, "fmt": fmt})
        for name in ("projekte", "staedte", "termine")
        for fmt in ("csv", "json")
    ]
    # Every part of the sitemap, and one more: the last part may have just gone.
    sitemap_parts = [reverse("sitemap_part", args=[n]) for n in range(1, part_count() + 2)]
    return [
        reverse("sitemap"),
        *sitemap_parts,
        reverse("project_feed_rss"),
        reverse("project_feed_atom"),
        reverse("opendata:catalogue"),
        *downloads,
    ]


def _enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_showing(page):
    """Absolute addresses whose answer shows `page` (a page of the tree or a version of one
    from a revision)."""
    batch = PurgeBatch()
    batch.add_pages(Page.objects.ancestor_of(page).filter(depth__gt=1))
    if page.pk is not None and page.url_path:
        batch.add_page(page)
    paths = []
    for item in getattr(page, "listed_at", list)():
        if isinstance(item, Page):
            batch.add_page(item)
        elif item.startswith("/"):
            paths.append(item)
        else:
            batch.add_url(item)  # a page's address on another site is absolute
    for site in Site.objects.all():
        batch.add_urls(site.root_url + path for path in [*site_wide_paths(), *paths])
    return set(batch.urls)


def urls_of_pages(pages):
    batch = PurgeBatch()
    batch.add_pages(pages)
    return set(batch.urls)


def purge_pages_after_commit(pages, paths=()):
    """For a change outside the publication stream that shows on these pages (a reuse relation
    confirmed): purge their addresses and `paths` on every site once the transaction commits."""
    if not _enabled():
        return
    urls = urls_of_pages(pages)
    for site in Site.objects.all():
        urls |= {site.root_url + path for path in paths}
    purge_after_commit(urls)


def urls_of_path(url_path):
    """A page's former addresses (its `url_path` before a move) on every site it was under."""
    return {
        site.root_url + url_path[len(site.root_page.url_path) - 1 :]
        for site in Site.objects.select_related("root_page")
        if url_path.startswith(site.root_page.url_path)
    }


def purge_after_commit(urls):
    """Purge `urls` once the transaction commits, with whatever else it changed."""
    if not hasattr(_local, "pending"):
        _local.pending = set()
    _local.pending.update(urls)
    transaction.on_commit(_purge_pending)


def _purge_pending():
    # The first callback of a transaction sends everything, the others find nothing left.
    urls = sorted(getattr(_local, "pending", ()))
    _local.pending = set()
    if urls:
        batch = PurgeBatch()
        batch.add_urls(urls)
        batch.purge()


def publication_changed(sender, change, **kwargs):
    """Receiver of the publication stream. A deleted live page was unpublished first (Wagtail's
    own pre_delete receiver), while its ancestors, topics and tags were still there: its
    deletion has nothing left to purge. A label renamed reaches every page that carries it;
    those pages are kept by a proxy for PAGE_SHARED_MAX_AGE seconds at most."""
    if not _enabled() or change.page is None or change.event is Event.DELETED:
        return
    page = change.page.specific
    urls = urls_showing(page)
    if change.event is Event.PUBLISHED:
        previous = change.previous_version()
        if previous is not None:
            urls |= urls_showing(previous)
    elif change.event is Event.MOVED:
        if change.parent_before is not None:
            urls |= urls_showing(change.parent_before.specific)
        if change.url_path_before:
            urls |= urls_of_path(change.url_path_before)
    if change.event is not Event.RENAMED:
        # The pages below a section made private, unpublished or opened again answer
        # differently now (a sign-in, „nicht gefunden“, the page).
        for _type, pages in change.pages_reached():
            urls |= urls_of_pages(pages)
    purge_after_commit(urls)
