"""Member cities for the demo: real AGS and population (IT.NRW, rounded), fictional contacts."""

TOPICS = [
    ("Bürgerservice", "Dienstleistungen für Bürgerinnen und Bürger: Termine, Anträge, Auskunft."),
    ("Verwaltung intern", "Digitale Arbeit in der Verwaltung: E-Akte, Prozesse, Organisation."),
    ("Mobilität", "Verkehr, ÖPNV, Parken und neue Mobilitätsangebote."),
    ("Bildung", "Schulen, Volkshochschulen, Bibliotheken und digitale Kompetenzen."),
    ("Open Data", "Offene Verwaltungsdaten, Datenportale und Datenplattformen."),
    ("Datenethik", "Verantwortungsvoller Umgang mit Daten und algorithmischen Systemen."),
    ("Beteiligung", "Transparenz und Beteiligung der Stadtgesellschaft."),
    ("IT-Sicherheit", "Informationssicherheit, Notfallvorsorge und Datenschutz."),
    ("Infrastruktur", "Netze, Rechenzentren, Sensorik und digitale Infrastruktur."),
    ("Strategie & Organisation", "Digitalstrategien, Rollen und Steuerung der Digitalisierung."),
]

# (title, slug, ags, district, region, population, lat, lon, website, open data, strategy, officer)
CITIES = [
    ("Gütersloh", "guetersloh", "05754008", "detmold", "ostwestfalen-lippe", 103000,
     "51.90693", "8.37853", "https://www.guetersloh.de", "",
     "Gütersloh setzt auf Kooperation statt Eigenbau: Lösungen anderer Städte werden als Mandant "
     "mitgenutzt, eigene Entwicklungen stehen anderen offen. Schwerpunkte sind Bürgerservice, "
     "Transparenz der Ratsarbeit und ein verantwortungsvoller Umgang mit Daten.",
     ("Anna Berger", "Chief Digital Officer", "anna.berger@guetersloh.example", "05241 82-0000")),
    ("Köln", "koeln", "05315000", "koeln", "rheinland", 1084831,
     "50.93753", "6.96028", "https://www.stadt-koeln.de", "https://www.offenedaten-koeln.de",
     "Köln versteht sich als digitale Dienstleisterin für die Region: Die Open-Data-Plattform "
     "steht Nachbarkommunen als Mandanten offen, Fachverfahren werden gemeinsam betrieben.",
     ("Dr. Jonas Keller", "Leiter Digitalisierung", "jonas.keller@koeln.example", "0221 221-0000")),
    ("Gelsenkirchen", "gelsenkirchen", "05513000", "muenster", "ruhrgebiet", 263000,
     "51.51775", "7.08569", "https://www.gelsenkirchen.de", "https://opendata.gelsenkirchen.de",
     "Gelsenkirchen will die vernetzte Stadt für alle: digitale Teilhabe, Bildung und eine "
     "leistungsfähige Infrastruktur in allen Stadtteilen.",
     ("Mehmet Yilmaz", "CDO", "mehmet.yilmaz@gelsenkirchen.example", "0209 169-0000")),
    ("Viersen", "viersen", "05166032", "duesseldorf", "niederrhein", 77000,
     "51.25650", "6.39270", "https://www.viersen.de", "",
     "Viersen digitalisiert pragmatisch: wenige Vorhaben, die im Alltag der Menschen spürbar sind, "
     "und enge Zusammenarbeit mit dem Kreis.",
     ("Sabine Hoffmann", "Digitalisierungsbeauftragte", "sabine.hoffmann@viersen.example", "02162 101-000")),
    ("Witten", "witten", "05954036", "arnsberg", "ruhrgebiet", 96000,
     "51.44362", "7.33517", "https://www.witten.de", "",
     "Witten verbindet Verwaltungsmodernisierung mit Beteiligung: Ratsarbeit soll für alle "
     "nachvollziehbar und zugänglich sein.",
     ("Thomas Richter", "Leiter Stabsstelle Digitalisierung", "thomas.richter@witten.example", "02302 581-0000")),
    ("Bielefeld", "bielefeld", "05711000", "detmold", "ostwestfalen-lippe", 338410,
     "52.02152", "8.53247", "https://www.bielefeld.de", "https://open-data.bielefeld.de",
     "Bielefeld baut ein Bürgerportal, in dem alle Anträge ein gemeinsames Konto nutzen, und "
     "teilt seine Erfahrungen mit den Städten in Ostwestfalen-Lippe.",
     ("Claudia Wenzel", "Digitalisierungsbeauftragte", "claudia.wenzel@bielefeld.example", "0521 51-0000")),
    ("Paderborn", "paderborn", "05774032", "detmold", "ostwestfalen-lippe", 157000,
     "51.71905", "8.75439", "https://www.paderborn.de", "",
     "Paderborn nutzt seine Erfahrung als Modellstadt für Smart City, um Mobilität und "
     "Bürgerservice datenbasiert weiterzuentwickeln.",
     ("Lukas Brandt", "CDO", "lukas.brandt@paderborn.example", "05251 88-0000")),
    ("Münster", "muenster", "05515000", "muenster", "muensterland", 320946,
     "51.96066", "7.62613", "https://www.stadt-muenster.de", "https://opendata.stadt-muenster.de",
     "Münster setzt auf offene Daten und offene Software: was die Stadt entwickelt, stellt sie "
     "unter freier Lizenz bereit.",
     ("Friederike Lange", "Leiterin Digitalisierung", "friederike.lange@muenster.example", "0251 492-0000")),
    ("Düsseldorf", "duesseldorf", "05111000", "duesseldorf", "rheinland", 629047,
     "51.22172", "6.77616", "https://www.duesseldorf.de", "https://opendata.duesseldorf.de",
     "Die Landeshauptstadt bündelt die Digitalisierung in einem Digitalisierungsamt und misst "
     "ihren Fortschritt öffentlich.",
     ("Markus Schneider", "Chief Digital Officer", "markus.schneider@duesseldorf.example", "0211 89-00000")),
    ("Dortmund", "dortmund", "05913000", "arnsberg", "ruhrgebiet", 595471,
     "51.51422", "7.46530", "https://www.dortmund.de", "https://open-data.dortmund.de",
     "Dortmund treibt die Digitalisierung über die Allianz Smart City gemeinsam mit Wirtschaft "
     "und Wissenschaft voran.",
     ("Julia Krause", "CDO", "julia.krause@dortmund.example", "0231 50-00000")),
    ("Aachen", "aachen", "05334002", "koeln", "rheinland", 252769,
     "50.77535", "6.08389", "https://www.aachen.de", "https://offenedaten.aachen.de",
     "Aachen verbindet Verwaltung und Hochschulen: Pilotprojekte entstehen gemeinsam mit RWTH "
     "und FH und werden anschließend in den Regelbetrieb überführt.",
     ("Dr. Stefan Vogel", "Digitalisierungsbeauftragter", "stefan.vogel@aachen.example", "0241 432-0000")),
    ("Bonn", "bonn", "05314000", "koeln", "rheinland", 336465,
     "50.73743", "7.09821", "https://www.bonn.de", "https://opendata.bonn.de",
     "Bonn setzt auf Nachhaltigkeit und Transparenz: offene Daten, digitale Beteiligung und "
     "eine moderne, mobile Verwaltung.",
     ("Katharina Meyer", "CDO", "katharina.meyer@bonn.example", "0228 77-0000")),
    ("Essen", "essen", "05113000", "duesseldorf", "ruhrgebiet", 584580,
     "51.45657", "7.01228", "https://www.essen.de", "https://opendata.essen.de",
     "Essen digitalisiert Schulen und Bürgerämter mit Vorrang und baut dafür eine gemeinsame "
     "Infrastruktur mit den städtischen Gesellschaften auf.",
     ("Oliver Schmitz", "Leiter Digitalisierung", "oliver.schmitz@essen.example", "0201 88-00000")),
    ("Wuppertal", "wuppertal", "05124000", "duesseldorf", "bergisches-land", 358876,
     "51.25627", "7.15076", "https://www.wuppertal.de", "https://offenedaten-wuppertal.de",
     "Wuppertal arbeitet im Bergischen Städtedreieck eng mit Solingen und Remscheid zusammen "
     "und teilt Lösungen über Stadtgrenzen hinweg.",
     ("Nina Becker", "CDO", "nina.becker@wuppertal.example", "0202 563-0000")),
    ("Bochum", "bochum", "05911000", "arnsberg", "ruhrgebiet", 366385,
     "51.48165", "7.21648", "https://www.bochum.de", "",
     "Bochum verfolgt mit seiner Digitalstrategie das Ziel einer Gigabit-Stadt und einer "
     "Verwaltung, die rund um die Uhr erreichbar ist.",
     ("Daniel Wolf", "Chief Digital Officer", "daniel.wolf@bochum.example", "0234 910-0000")),
]
