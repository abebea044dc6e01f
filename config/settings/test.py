"""Fast, isolated test settings."""

import os
import tempfile

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="kd-test-"))

from .base import *  # noqa: E402,F403
from .base import CACHES, DATABASES, VAR_DIR  # noqa: E402

ALLOWED_HOSTS = ["*"]
# The test database is thrown away: tests load the demo data although DEBUG is off.
ALLOW_DEMO_DATA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Many tests change pages behind Wagtail's back (queryset updates) and read them again: the
# page cache is off here and switched on by the tests of the cache itself
# (tests/core/test_page_cache.py).
# The headers, validators and 304 answers hold either way.
PAGE_CACHE_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared memory: concurrency tests need SQLite's real locking between threads.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
(VAR_DIR / "static").mkdir(exist_ok=True)

# Tests run in parallel (pytest-xdist, `-n`): each worker a database of its own on a shared
# Redis server, so that one worker's cache.clear() (before each test) leaves the other's alone.
if (worker := os.environ.get("PYTEST_XDIST_WORKER")) and "redis" in CACHES["default"][
    "BACKEND"
].lower():
    location = CACHES["default"]["LOCATION"]
    CACHES["default"]["LOCATION"] = (
        f"{location.rsplit('/', 1)[0]}/{int(worker.removeprefix('gw')) + 1}"
    )
