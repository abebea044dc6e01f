"""Screenshots of the main pages for the README, from a running site with the demo data.

    make run                                  # in one terminal
    .venv/bin/python scripts/screenshots.py   # in another: docs/screenshots/*.png

`--base-url` for another address. Uses Debian's Chromium like the browser tests (`CHROMIUM`).
"""

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# (file name, address in the demo data, window)
PAGES = [
    ("home", "/", DESKTOP),
    ("projects", "/projekte/", DESKTOP),
    ("project", "/staedte/guetersloh/terminbuchung-buergerbuero/", DESKTOP),
    ("city", "/staedte/guetersloh/", DESKTOP),
    ("search", "/suche/?q=Termin", DESKTOP),
    ("cities-map", "/staedte/", DESKTOP),
    ("solution", "/loesungen/open-data-plattform-koeln/", DESKTOP),
    ("reuse", "/nachnutzung/", DESKTOP),
    ("survey-results", "/abfragen/terminvergabe-2026/ergebnisse/", DESKTOP),
    ("mobile-home", "/", PHONE),
    ("mobile-projects", "/projekte/?topic=buergerservice", PHONE),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"]
        )
        for name, path, viewport in PAGES:
            context = browser.new_context(locale="de-DE", viewport=viewport)
            page = context.new_page()
            response = page.goto(args.base_url + path)
            if response.status != 200:
                raise SystemExit(f"{path}: {response.status} – is the demo data loaded?")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=OUT / f"{name}.png")
            print(OUT / f"{name}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
