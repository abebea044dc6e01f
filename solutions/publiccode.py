"""Reading a `publiccode.yml` (https://yml.publiccode.tools): the facts of a solution that its
maintainers publish next to the code, so that moderators do not type them again.

Only what the platform shows is read: name, description, licence, repository, maintenance.
The file is untrusted text: parsed with `yaml.safe_load` (no Python objects), capped in size,
and everything that is not the expected shape is a `PublicCodeError` with a message for the
form, never an exception that reaches the visitor.
"""

import http.client
import ipaddress
import socket
import urllib.parse
from dataclasses import dataclass

import yaml

from django.utils.translation import gettext as _

MAX_BYTES = 256 * 1024
TIMEOUT_SECONDS = 10


class PublicCodeError(ValueError):
    """The file cannot be read or is not a publiccode.yml; the message is for the editor."""


@dataclass
class PublicCode:
    name: str = ""
    description: str = ""
    licence: str = ""
    repository_url: str = ""
    maintenance: str = ""


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to the address that was checked (`public_address`), not to what the name
    resolves to a moment later: a name that answers with a public address for the check and
    with an internal one for the connection (DNS rebinding) reaches nothing internal. TLS still
    verifies the certificate for the host name."""

    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def public_address(url):
    """The address to connect to for `url`; PublicCodeError unless `url` is https to a host
    whose every address is on the public internet: editors must not make the server read its
    own network (the search engine, the cache, a cloud's metadata service) and copy the answer
    into a form."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise PublicCodeError(_("The publiccode.yml address must start with https://."))
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError) as exc:
        raise PublicCodeError(_("The publiccode.yml address cannot be found.")) from exc
    if not found or not all(ipaddress.ip_address(info[4][0]).is_global for info in found):
        raise PublicCodeError(_("The publiccode.yml address is not on the public internet."))
    return found[0][4][0]


def fetch_text(url):
    """The text at `url`, at most MAX_BYTES. Separate from `parse` so that tests (and a form
    that was given the text pasted) never go online."""
    address = public_address(url)
    parts = urllib.parse.urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = _PinnedHTTPSConnection(
        parts.hostname, address, port=parts.port or 443, timeout=TIMEOUT_SECONDS
    )
    try:
        connection.request("GET", path, headers={"User-Agent": "Kommunal Digital"})
        response = connection.getresponse()
        # A redirect could lead past the address check: refused, not followed.
        if 300 <= response.status < 400:
            raise PublicCodeError(
                _("The publiccode.yml address redirects; give the final address.")
            )
        if response.status != 200:
            raise PublicCodeError(_("The publiccode.yml could not be loaded."))
        data = response.read(MAX_BYTES + 1)
    except (OSError, ValueError, http.client.HTTPException) as exc:
        if isinstance(exc, PublicCodeError):
            raise
        # The reason only: a library's text may name internal details.
        raise PublicCodeError(_("The publiccode.yml could not be loaded.")) from exc
    finally:
        connection.close()
    if len(data) > MAX_BYTES:
        raise PublicCodeError(_("The publiccode.yml is larger than 256 KB."))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PublicCodeError(_("The publiccode.yml is not UTF-8 text.")) from exc


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def parse(text):
    """The facts of a publiccode.yml text; PublicCodeError when it is not one."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise PublicCodeError(_("The publiccode.yml is larger than 256 KB."))
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _(" (line %(line)s)") % {"line": mark.line + 1} if mark else ""
        raise PublicCodeError(_("The publiccode.yml is not valid YAML%s.") % where) from exc
    if not isinstance(data, dict):
        raise PublicCodeError(_("The publiccode.yml does not describe a piece of software."))
    name = _text(data.get("name"))
    if not name:
        raise PublicCodeError(_("The publiccode.yml has no name."))
    # Descriptions come per language; German first, then English, then any.
    descriptions = data.get("description") if isinstance(data.get("description"), dict) else {}
    description = {}
    for language in ("de", "deu", "en", "eng", *descriptions):
        entry = descriptions.get(language)
        if isinstance(entry, dict):
            description = entry
            break
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    maintenance = data.get("maintenance") if isinstance(data.get("maintenance"), dict) else {}
    return PublicCode(
        name=name[:255],
        description=(
            _text(description.get("shortDescription")) or _text(description.get("longDescription"))
        )[:1000],
        licence=_text(legal.get("license"))[:80],
        repository_url=_text(data.get("url"))[:200],
        maintenance=_text(maintenance.get("type"))[:40],
    )
