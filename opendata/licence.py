"""The licence of the catalogue: texts and data under CC BY 4.0."""

from django.utils.translation import gettext_lazy as _

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# DCAT-AP.de names licences by its own vocabulary.
LICENCE_DCAT_URI = "http://dcat-ap.de/def/licenses/cc-by/4.0"
LICENCE_NAME = "Creative Commons Namensnennung 4.0 International (CC BY 4.0)"
PUBLISHER = "Arbeitskreis Digitalisierung des Städtetags NRW"
ATTRIBUTION = f"Kommunal Digital – {PUBLISHER} und die jeweilige Stadt"
ATTRIBUTION_HELP = _(
    "Name “Kommunal Digital – Arbeitskreis Digitalisierung des Städtetags NRW” and the city "
    "named in the record, link to the licence and say whether you changed the data."
)
