"""Two Abfragen for the demo: one closed (appointment systems, 13 cities answered), one open."""

BETRIEB = ["Eigener Betrieb", "Kommunaler IT-Dienstleister", "Cloud des Herstellers"]
KANAELE = ["Website", "Telefon", "App", "Vor Ort"]


def _q(kind, qid, text, public=True, required=False, **extra):
    value = {"question": text, "help_text": "", "required": required, "public": public, **extra}
    return {"type": kind, "value": value, "id": qid}


APPOINTMENTS = {
    "title": "Terminvergabesysteme in den Bürgerbüros",
    "slug": "terminvergabe-2026",
    "purpose": (
        "Viele Städte ersetzen gerade ihre Terminvergabe. Der Arbeitskreis möchte wissen, welche "
        "Systeme im Einsatz sind, wie zufrieden die Städte sind und wen man fragen kann. Die "
        "Übersicht ersetzt die Tabelle, die bisher per E-Mail herumging."
    ),
    "deadline_days": -14,
    "questions": [
        _q("short_text", "system", "Welches Terminvergabesystem nutzen Sie?", required=True),
        _q("single_choice", "betrieb", "Wie wird es betrieben?", choices=BETRIEB),
        _q("number", "seit", "Seit welchem Jahr ist es im Einsatz?", unit=""),
        _q(
            "scale",
            "zufriedenheit",
            "Wie zufrieden sind Sie?",
            public=False,
            low_label="gar nicht",
            high_label="sehr",
        ),
        _q("yes_no", "online", "Können Bürgerinnen und Bürger online buchen?"),
        _q("multiple_choice", "kanaele", "Über welche Wege wird gebucht?", choices=KANAELE),
        _q("project", "projekt", "Projekt dazu auf Kommunal Digital"),
        _q("long_text", "kontakt", "Wen können andere Städte fragen?", public=False),
    ],
    # city slug: (system, operation, since, satisfaction, online, channels, project slug: one
    # of the city's own, as the answer form offers)
    "answers": {
        "guetersloh": ("TEVIS", 1, 2019, 4, True, [0, 1, 3], "terminbuchung-buergerbuero"),
        "koeln": ("Eigenentwicklung", 0, 2021, 3, True, [0, 1, 2], ""),
        "gelsenkirchen": ("TEVIS", 1, 2020, 4, True, [0, 1], ""),
        "viersen": ("Terminland", 2, 2022, 5, True, [0], ""),
        "witten": ("Qmatic", 1, 2018, 2, False, [1, 3], ""),
        "bielefeld": ("TEVIS", 1, 2017, 3, True, [0, 1, 3], "online-terminvergabe"),
        "paderborn": ("Timeacle", 2, 2023, 4, True, [0, 2], ""),
        "muenster": ("TEVIS", 1, 2016, 4, True, [0, 1, 2, 3], ""),
        "duesseldorf": ("Qmatic", 0, 2019, 3, True, [0, 1], ""),
        "dortmund": ("Eigenentwicklung", 0, 2020, 2, True, [0, 1, 3], ""),
        "aachen": ("Terminland", 2, 2021, 5, True, [0], ""),
        "bonn": ("TEVIS", 1, 2018, 3, True, [0, 1], ""),
        "essen": ("Qmatic", 1, 2022, 4, True, [0, 1, 2], ""),
    },
}

E_FILE = {
    "title": "Stand der E-Akte",
    "slug": "e-akte-2026",
    "purpose": (
        "Für das nächste Treffen des Arbeitskreises: Wie weit ist die elektronische Akte in "
        "Ihrer Verwaltung, und wo hakt es?"
    ),
    "deadline_days": 21,
    "questions": [
        _q(
            "scale",
            "stand",
            "Wie weit ist die E-Akte eingeführt?",
            low_label="gar nicht",
            high_label="überall",
            required=True,
        ),
        _q("yes_no", "scannen", "Scannen Sie den Posteingang zentral?"),
        _q("number", "nutzer", "Wie viele Beschäftigte arbeiten mit der E-Akte?", unit="Personen"),
        _q("long_text", "huerden", "Was sind die größten Hürden?", public=False),
    ],
    "answers": {
        "guetersloh": {
            "stand": 3,
            "scannen": True,
            "nutzer": 420,
            "huerden": "Schulungen für Fachämter mit vielen Papierakten.",
        },
        "bonn": {"stand": 4, "scannen": True, "nutzer": 1800},
        "witten": {"stand": 2, "scannen": False},
    },
}

SURVEYS = [APPOINTMENTS, E_FILE]
