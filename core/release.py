"""Which release of the site is running. It is part of the key of everything kept from public
pages (core.public_cache, core.page_cache) and of the downloads' ETag, so that after a deploy no
process serves a page, a count or a file that the previous code made – old templates, old
pickled values – while the public version (the data) is unchanged, and a shared cache (Redis)
need not be flushed: the old entries expire.

`RELEASE` (e.g. the commit being deployed) names it; without it, a digest of the code,
templates, translations and static sources – every process that runs the same code computes the
same one, on every machine."""

import hashlib
import os
from functools import cache

from django.conf import settings

# What shapes the pages; not files written while the site runs (a database, logs) nor each
# machine's own (.env).
SOURCES = {".py", ".html", ".txt", ".mo", ".css", ".js", ".json", ".svg", ".toml"}
SKIPPED = {
    "__pycache__",
    "bench",
    "docs",
    "node_modules",
    "tests",
    "var",
}


def release():
    return settings.RELEASE or code_digest(str(settings.BASE_DIR), str(settings.VAR_DIR))


@cache
def code_digest(base_dir, var_dir):
    """The same for the same sources wherever they lie; read once per process (~40 ms)."""
    skipped = SKIPPED | {os.path.basename(var_dir)}
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(base_dir):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in skipped and not d.startswith(".") and not d.endswith(".egg-info")
        )
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1] not in SOURCES:
                continue
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, base_dir).encode())
            with open(path, "rb") as file:
                digest.update(file.read())
    return digest.hexdigest()[:12]
