"""KERN-UX comes from the site's own static files and survives production's collectstatic."""

import json
import re

from django.conf import settings
from django.core.management import call_command

KERN = settings.BASE_DIR / "static" / "vendor" / "kern-ux"


def test_kern_is_vendored_with_licence_and_version():
    assert (KERN / "kern.min.css").stat().st_size > 100_000
    assert "EUPL" in (KERN / "LICENSE.md").read_text()
    assert re.fullmatch(r"\d+\.\d+\.\d+\n", (KERN / "VERSION").read_text())
    assert "SIL Open Font License" in (KERN / "fonts" / "OFL.txt").read_text()


def test_font_stylesheet_names_only_files_the_site_serves():
    css = (KERN / "fonts" / "fira-sans.css").read_text()
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls and all(url.startswith("./fira-sans/") for url in urls)
    assert all((KERN / "fonts" / url).is_file() for url in urls)


def test_collectstatic_with_production_storage_rewrites_font_urls(settings, tmp_path):
    """The manifest storage refuses a stylesheet that names a missing file: a KERN update that
    drops a font would break the deployment, not only the font."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = (tmp_path / paths["vendor/kern-ux/fonts/fira-sans.css"]).read_text()
    urls = re.findall(r'url\("\./([^"]+)"\)', css)
    assert urls and all(f"vendor/kern-ux/fonts/{url}" in paths.values() for url in urls)
    assert "vendor/kern-ux/kern.min.css" in paths
