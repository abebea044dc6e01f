"""„Wir arbeiten auch daran“ in the demo: (member, city of the project, project slug, kind,
message). Bürgerservice gets interest from several cities, so the moderators' panel
„Gemeinsame Vorhaben in Sicht“ has something to show."""

INTEREST = [
    (
        "mitglied",
        "koeln",
        "open-data-plattform",
        "working",
        "Wir bauen gerade ein Datenportal auf.",
    ),
    ("redaktion-guetersloh", "koeln", "chatbot-buergerfragen", "planning", ""),
    ("redaktion-koeln", "guetersloh", "terminbuchung-buergerbuero", "working", ""),
    (
        "moderation",
        "guetersloh",
        "terminbuchung-buergerbuero",
        "planning",
        "Gelsenkirchen plant 2027 eine Terminbuchung.",
    ),
    ("mitglied", "bielefeld", "online-terminvergabe", "planning", ""),
]

# The contact of Bochum's projects has left: their account is deactivated, so members see
# Bochum's role mailbox instead (ProjectPage.contact).
LEFT_CONTACT = ("daniel.wolf", "daniel.wolf@bochum.example")
