"""The catalogue downloads, kept as files once built. The first request after a publish builds a
file while it streams it (memory stays constant, the first bytes leave at once) and writes it to
disk beside; every later request of that public version gets the file from disk, whose time no
longer grows with the catalogue's size on the database side.

A file belongs to the release, the public version, the site's host (its links are absolute)
and the language of the request (none of the records is translated today; one that is must not be
served in another language): `VAR_DIR/downloads/<release>/<version>/…`. A build
is written under a name of its own and renamed into place only when complete, so a client that
breaks off or two processes building at once never leave half a file for others. Once a file
of a new version is in place, the directories of older versions are removed; a process still
sending an old file keeps reading it (the file stays open)."""

import hashlib
import os
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation

from core import public_cache
from core.release import release


def root():
    return Path(settings.VAR_DIR) / "downloads"


def kept_path(request, filename):
    site = hashlib.sha256(request.get_host().encode()).hexdigest()[:12]
    language = translation.get_language() or settings.LANGUAGE_CODE
    name = f"{site}-{language}-{filename}"
    return root() / release() / str(public_cache.version()) / name


def response(request, filename, content_type, build):
    """The kept file if there is one, else the pieces (str) of `build()` streamed and kept on
    the way: nothing of the catalogue is read for a kept file."""
    path = kept_path(request, filename)
    try:
        kept = path.open("rb")
    except OSError:  # not built yet (or nowhere to keep it)
        return StreamingHttpResponse(_kept_while_sent(build(), path), content_type=content_type)
    return FileResponse(kept, content_type=content_type)


def _kept_while_sent(pieces, path):
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = partial.open("wb")
    except OSError:  # nowhere to keep it (a full or read-only disk): the download still works
        yield from (piece.encode() for piece in pieces)
        return
    try:
        with out:
            for piece in pieces:
                data = piece.encode()
                out.write(data)
                yield data
        try:
            os.replace(partial, path)
        except FileNotFoundError:
            return  # a newer version's build removed the directory: this file is outdated
    finally:
        partial.unlink(missing_ok=True)  # broken off (the client left, an error) or replaced
    _remove_other_versions(path)


def _remove_other_versions(path):
    """Older versions of this release, and other releases: a slow build of an old version that
    ends after a newer one leaves the newer files alone."""
    version_dir, release_dir = path.parent, path.parent.parent
    older = [
        d for d in release_dir.iterdir() if d.name.isdigit() and int(d.name) < int(version_dir.name)
    ]
    releases = [d for d in release_dir.parent.iterdir() if d != release_dir]
    for other in older + releases:
        if other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
