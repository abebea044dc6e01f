"""Values computed from everything the public can see (counts on the home page, lists), kept in
the cache until that changes: a page published, unpublished, moved, deleted or made private, or a
label renamed. One version number for all of them: such changes are rare next to page views,
and a new version leaves the old entries to expire, on every process that shares the cache."""

import time

from django.core.cache import cache
from django.db import transaction

from core.release import release

VERSION_KEY = "public:version"
TIMEOUT = 24 * 3600


def version():
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        current = cache.get(VERSION_KEY)
    return current


def changed_at():
    """When the public last saw a change, in seconds since the epoch (the version is that time)."""
    return version() / 1e9


def key(name):
    """Where `cached(name, …)` keeps its value now: per release of the code and version."""
    return f"public:{release()}:{name}:{version()}"


def cached(name, build):
    """`build()` once per version of what the public sees; its result must pickle."""
    key_now = key(name)
    value = cache.get(key_now)
    if value is None:
        value = build()
        cache.set(key_now, value, TIMEOUT)
    return value


def public_changed(**kwargs):
    """Signal receiver: whatever was cached from public pages is out of date. Once now, and
    again when the transaction commits: another process that read the data before the commit
    may have kept its pages under the first new version."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    cache.set(VERSION_KEY, time.time_ns(), None)
