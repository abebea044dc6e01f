"""Demo texts of the pages a public body must offer. Placeholders, marked as such on every page:
the operator replaces them with its own texts. Facts about the software itself (what it stores,
which cookies it sets, what the automatic checks cover) are true of this code base.

`fields(link)` returns a page's fields; `link(slug, text)` links to a sibling page by its key,
so that a moderator may rename or move the target later."""

from legal.models import AccessibilityPage, ContactPage, LegalPage

PLACEHOLDER = "Platzhalter – bitte durch den Text Ihrer Stelle ersetzen."


def _note(extra):
    return ("note", f"<p><b>{PLACEHOLDER}</b> {extra}</p>")


def _imprint(link):
    return {
        "body": [
            _note(
                "Angaben in eckigen Klammern sind Beispiele; prüfen Sie die Pflichtangaben nach § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Medienstaatsvertrag (MStV)."
            ),
            (
                "paragraph",
                "<p>Kommunal Digital ist die Wissensplattform des Arbeitskreises Digitalisierung im Städtetag Nordrhein-Westfalen.</p>",
            ),
            ("heading", "Anbieter"),
            (
                "paragraph",
                "<p>[Name der Stelle]<br/>[Straße und Hausnummer]<br/>[Postleitzahl und Ort]</p><p>[Rechtsform, z. B. kommunaler Spitzenverband / eingetragener Verein, Registergericht und Registernummer]</p>",
            ),
            ("heading", "Vertreten durch"),
            ("paragraph", "<p>[Name, Funktion der vertretungsberechtigten Person]</p>"),
            ("heading", "Kontakt"),
            (
                "paragraph",
                f"<p>Telefon: [0221 000000-0]<br/>E-Mail: [kontakt@example.org]</p><p>Oder schreiben Sie uns über das {link('kontakt', 'Kontaktformular')}.</p>",
            ),
            ("heading", "Umsatzsteuer-Identifikationsnummer"),
            ("paragraph", "<p>[DE000000000 – nur, falls vorhanden]</p>"),
            ("heading", "Verantwortlich für den Inhalt nach § 18 Absatz 2 MStV"),
            (
                "paragraph",
                "<p>[Name, Anschrift wie oben]</p><p>Für die Projekte und Termine einer Stadt ist die Stadt verantwortlich, die sie veröffentlicht hat; ihre Redaktion ist auf der Seite der Stadt genannt.</p>",
            ),
            ("heading", "Lizenz"),
            (
                "paragraph",
                "<p>Texte und Daten dieser Website stehen unter der Lizenz Creative Commons Namensnennung 4.0 International (CC BY 4.0). Bilder und Dokumente behalten ihre eigenen Rechte.</p>",
            ),
        ]
    }


def _privacy(link):
    return {
        "body": [
            _note(
                "Die Beschreibung, was die Software speichert, stimmt für Kommunal Digital; Angaben in eckigen Klammern (Stelle, Hosting, Fristen, Rechtsgrundlagen) müssen Sie ergänzen und prüfen."
            ),
            ("heading", "Das Wichtigste in Kürze"),
            (
                "paragraph",
                "<ul><li>Alle öffentlichen Seiten können Sie ohne Anmeldung lesen. Ein Cookie setzt die Website nur, wo es technisch nötig ist (siehe „Cookies“).</li><li>Wir setzen keine Cookies für Statistik oder Werbung und messen keine Besuche.</li><li>Die Website lädt nichts von anderen Anbietern: keine Schriften, Skripte, Karten, Videos oder Analysewerkzeuge. Ihre Daten gehen an keine Dritten [außer an unseren Hosting-Dienstleister, der in unserem Auftrag arbeitet].</li><li>Die Kontaktformulare speichern Ihre Nachricht nicht; sie wird nur per E-Mail zugestellt.</li></ul>",
            ),
            ("heading", "Verantwortliche Stelle"),
            (
                "paragraph",
                f"<p>[Name der Stelle, Anschrift, E-Mail] – siehe {link('impressum', 'Impressum')}.</p>",
            ),
            ("heading", "Datenschutzbeauftragte oder Datenschutzbeauftragter"),
            (
                "paragraph",
                "<p>[Name oder Funktion, Anschrift, E-Mail: datenschutz@example.org]</p>",
            ),
            ("heading", "Was wir speichern"),
            ("subheading", "Beim Aufruf jeder Seite: Server-Protokolle"),
            (
                "paragraph",
                "<p>Der Webserver verarbeitet bei jedem Aufruf, was technisch nötig ist, um die Seite auszuliefern: Ihre IP-Adresse, Datum und Uhrzeit, die aufgerufene Adresse, den Statuscode, die übertragene Datenmenge und die Kennung Ihres Browsers. [Diese Protokolle werden nach 7 Tagen gelöscht; sie dienen nur der Fehlersuche und der Abwehr von Angriffen.]</p><p>Um Missbrauch abzuwehren, zählt die Website außerdem Anfragen an die Programmierschnittstelle (API) und an die Formulare je IP-Adresse. Diese Zähler liegen nur im Zwischenspeicher des Servers und verfallen mit ihrem Zeitfenster (in der Grundeinstellung eine Minute für die API, eine Stunde für die Formulare).</p>",
            ),
            ("subheading", "Benutzerkonten"),
            (
                "paragraph",
                "<p>Konten gibt es nur für Mitglieder des Arbeitskreises, für die Redaktionen der Städte und für die Moderation; sie werden von der Moderation angelegt, eine Selbstregistrierung gibt es nicht. Gespeichert werden: Benutzername, Vor- und Nachname, E-Mail-Adresse, das Passwort (nur als nicht umkehrbarer Hashwert), die Rolle, die Stadt, zu der Sie gehören, und der Zeitpunkt der letzten Anmeldung. Wer Seiten bearbeitet, hinterlässt in der Versionsgeschichte, wer wann was geändert hat.</p><p>Nach mehreren falschen Passwörtern wird die Anmeldung für diesen Benutzernamen von dieser IP-Adresse für einige Minuten gesperrt. Dafür speichern wir bei einem Fehlversuch den Benutzernamen, die IP-Adresse, die Kennung des Browsers, die aufgerufene Adresse und den Zeitpunkt, nicht das eingegebene Passwort. Eine erfolgreiche Anmeldung löscht diese Einträge; abgelaufene werden bei der nächsten Anmeldung gelöscht.</p><p>[Konten werden gelöscht, wenn die Mitgliedschaft endet oder Sie es verlangen.]</p>",
            ),
            ("subheading", "Anmeldungen zu Treffen"),
            (
                "paragraph",
                "<p>Wenn Sie sich zu einem Treffen des Arbeitskreises anmelden, speichern wir, wer sich zu welchem Treffen angemeldet hat, wann, ob Sie einen Platz oder einen Platz auf der Warteliste haben, und schicken Ihnen eine Bestätigung per E-Mail. Die Liste der Teilnehmenden sehen nur angemeldete Mitglieder. [Anmeldungen werden [ein Jahr] nach dem Treffen gelöscht; die Website löscht sie nicht selbsttätig.]</p>",
            ),
            ("subheading", "Folgen und wöchentliche E-Mail"),
            (
                "paragraph",
                "<p>Mitglieder können Themen, Schlagworten und Städten folgen. Gespeichert werden, was Sie folgen, ob Sie die wöchentliche E-Mail erhalten möchten und für welche Wochen sie verschickt wurde. Jede dieser E-Mails enthält einen Link zum Abbestellen, der ohne Anmeldung funktioniert.</p>",
            ),
            ("subheading", "Ansprechpersonen auf Projekt- und Stadtseiten"),
            (
                "paragraph",
                "<p>Namen, Funktionen, E-Mail-Adressen und Telefonnummern der Ansprechpersonen von Projekten und Städten sehen nur angemeldete Mitglieder. Sie erscheinen nicht in der Suche, in Feeds, in den Downloads oder in der API.</p>",
            ),
            ("subheading", "Kontaktformular und „Barriere melden“"),
            (
                "paragraph",
                f"<p>Was Sie in das {link('kontakt', 'Kontaktformular')} oder in das Formular {link('barrierefreiheit', '„Barriere melden“')} schreiben, schickt die Website per E-Mail an [die Moderation des Arbeitskreises]. Die Website speichert die Nachricht nicht. Geben Sie bei „Barriere melden“ eine E-Mail-Adresse an, erhalten Sie eine Eingangsbestätigung. [Die E-Mails werden gelöscht, sobald Ihr Anliegen erledigt ist.]</p>",
            ),
            ("heading", "Cookies"),
            (
                "paragraph",
                "<p>Seiten ohne Formular setzen kein Cookie, solange Sie nicht angemeldet sind. Cookies entstehen nur in diesen Fällen, und alle sind technisch notwendig:</p><ul><li><b>sessionid</b>: hält Sie angemeldet, nachdem Sie sich angemeldet haben (oder nachdem Sie das Passwort einer geschützten Seite eingegeben haben). Es wird beim Abmelden gelöscht und gilt höchstens zwei Wochen.</li><li><b>csrftoken</b>: schützt Formulare gegen untergeschobene Anfragen (Cross-Site Request Forgery). Es wird gesetzt, wenn Sie eine Seite mit einem Formular öffnen – die Anmeldung, das Kontaktformular, „Barriere melden“ – und auf allen Seiten, solange Sie angemeldet sind. Es enthält nur eine Zufallszahl und gilt ein Jahr.</li><li><b>django_language</b>: nur, wenn Sie unten auf einer Seite eine andere Sprache wählen; es merkt sich diese Wahl, bis Sie den Browser schließen.</li><li><b>messages</b>: trägt nach einer Aktion als angemeldetes Mitglied (z. B. „Teilnahme angemeldet“) die Bestätigung auf die nächste Seite und wird gelöscht, sobald sie angezeigt wurde.</li></ul><p>In der Redaktionsoberfläche merkt sich der Browser außerdem Einstellungen der Oberfläche, etwa ob die Seitenleiste eingeklappt ist.</p>",
            ),
            ("heading", "Rechtsgrundlagen"),
            (
                "paragraph",
                "<p>[Artikel 6 Absatz 1 Buchstabe e DSGVO in Verbindung mit § 3 Datenschutzgesetz Nordrhein-Westfalen (DSG NRW) für den Betrieb der Website und die Formulare; Artikel 6 Absatz 1 Buchstabe b DSGVO für Benutzerkonten, Anmeldungen zu Treffen und die wöchentliche E-Mail – bitte prüfen.]</p>",
            ),
            ("heading", "Ihre Rechte"),
            (
                "paragraph",
                "<p>Sie haben das Recht auf Auskunft über Ihre Daten (Artikel 15 DSGVO), auf Berichtigung (Artikel 16), auf Löschung (Artikel 17), auf Einschränkung der Verarbeitung (Artikel 18) und auf Widerspruch (Artikel 21). Wenden Sie sich dafür an die verantwortliche Stelle oder an die oder den Datenschutzbeauftragten.</p><p>Sie können sich bei einer Aufsichtsbehörde beschweren, [in Nordrhein-Westfalen bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW)].</p>",
            ),
        ]
    }


def _contact(link):
    return {
        "body": [
            _note("Tragen Sie Anschrift und Telefonnummer Ihrer Stelle ein."),
            (
                "paragraph",
                "<p>Sie haben eine Frage zu Kommunal Digital, möchten mit Ihrer Stadt mitmachen oder haben einen Fehler gefunden? Schreiben Sie uns.</p>",
            ),
            ("heading", "Anschrift"),
            (
                "paragraph",
                "<p>[Name der Stelle]<br/>Arbeitskreis Digitalisierung<br/>[Straße und Hausnummer]<br/>[Postleitzahl und Ort]</p><p>Telefon: [0221 000000-0]</p>",
            ),
            (
                "paragraph",
                f"<p>Ihre Nachricht geht per E-Mail an [die Moderation des Arbeitskreises]; die Website speichert sie nicht. Mehr dazu in der {link('datenschutz', 'Datenschutzerklärung')}.</p><p>Sie möchten eine Barriere auf dieser Website melden? Dafür gibt es das Formular in der {link('barrierefreiheit', 'Erklärung zur Barrierefreiheit')}.</p>",
            ),
        ],
        "thank_you_text": "<p>Vielen Dank für Ihre Nachricht. Sie ist bei uns angekommen; wir antworten Ihnen so bald wie möglich per E-Mail.</p>",
    }


def _accessibility(link):
    return {
        "compliance": AccessibilityPage.Compliance.PARTIAL,
        "body": [
            _note(
                "Prüfen Sie die Angaben, tragen Sie das Datum Ihrer Prüfung ein und ergänzen Sie, was Ihre eigene Prüfung ergibt."
            ),
            (
                "paragraph",
                "<p>[Name der Stelle] ist bemüht, die Website Kommunal Digital barrierefrei zugänglich zu machen, [für öffentliche Stellen in Nordrhein-Westfalen nach § 10c des Behindertengleichstellungsgesetzes Nordrhein-Westfalen (BGG NRW) und der Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITV NRW); für Stellen des Bundes nach § 12a des Behindertengleichstellungsgesetzes (BGG) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)]. Diese Erklärung gilt für die Website [https://kommunal-digital.example.org].</p>",
            ),
            ("heading", "Nicht barrierefreie Inhalte"),
            (
                "paragraph",
                "<p>Die folgenden Inhalte sind nicht oder noch nicht barrierefrei:</p><ul><li>Es gibt noch keine Informationen in Deutscher Gebärdensprache. Informationen in Leichter Sprache gibt es auf einer eigenen Seite.</li><li>Dokumente (PDF- und Office-Dateien), die Städte zu ihren Projekten und Treffen hochladen, sind nicht alle barrierefrei. Die Website prüft hochgeladene Dokumente nicht. Brauchen Sie ein Dokument in zugänglicher Form, schreiben Sie uns.</li><li>Alternativtexte für Bilder tragen die Redaktionen der Städte ein. Bei einzelnen Bildern können sie fehlen oder ungenau sein.</li><li>Die Redaktionsoberfläche, in der Städte ihre Projekte pflegen, beruht auf dem Content-Management-System Wagtail und wurde nicht eigens geprüft.</li></ul>",
            ),
            ("heading", "Erstellung dieser Erklärung"),
            (
                "paragraph",
                "<p>Diese Erklärung beruht auf einer Selbstbewertung [durch … am …]. Bei jeder Änderung der Software prüfen automatische Tests alle Arten öffentlicher Seiten auf die Sprache der Seite, die Reihenfolge der Überschriften, Beschriftungen von Formularfeldern und Alternativtexte. Eine Prüfung durch eine unabhängige Prüfstelle [steht noch aus].</p>",
            ),
        ],
        "feedback_intro": f"<p>Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten dieser Website aufgefallen? Oder brauchen Sie Inhalte in einer für Sie zugänglichen Form? Dann schreiben Sie uns mit diesem Formular. Ihre Meldung geht per E-Mail an [die Moderation des Arbeitskreises]; die Website speichert sie nicht ({link('datenschutz', 'Datenschutzerklärung')}).</p><p>Sie erreichen uns auch per E-Mail an [barrierefreiheit@example.org] oder telefonisch unter [0221 000000-0].</p>",
        "thank_you_text": "<p>Vielen Dank für Ihre Meldung. Sie ist bei uns angekommen. Wir prüfen sie und melden uns, wenn Sie uns eine E-Mail-Adresse genannt haben.</p>",
        "enforcement": '<p>Haben Sie auf Ihre Meldung keine oder keine zufriedenstellende Antwort erhalten, können Sie sich an die <b>Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen</b> wenden. Sie ist der Beauftragten für die Belange der Menschen mit Behinderung in Nordrhein-Westfalen zugeordnet (§§ 10d, 10e BGG NRW, §§ 9 ff. BITV NRW) und vermittelt zwischen Ihnen und der öffentlichen Stelle. Das Verfahren ist für Sie kostenlos.</p><p>E-Mail: ombudsstelle-barrierefreie-it@mags.nrw.de<br/>Website: <a href="https://www.lbbp.nrw.de/ombudsstelle">www.lbbp.nrw.de/ombudsstelle</a><br/>[Postanschrift auf der Website der Ombudsstelle prüfen und ergänzen]</p><p>[Für öffentliche Stellen des Bundes ist stattdessen die Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes (BGG) beim Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen zuständig: <a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a>.]</p>',
    }


def _easy_language(link):
    return {
        "body": [
            _note(
                "Texte in Leichter Sprache sollten von Menschen mit Lern·schwierigkeiten geprüft werden."
            ),
            ("heading", "Was ist Kommunal Digital?"),
            (
                "paragraph",
                "<p>Kommunal Digital ist eine Internet·seite.</p><p>Auf der Seite zeigen Städte aus Nordrhein-Westfalen ihre Projekte. Die Projekte machen die Arbeit in der Stadt·verwaltung digital. Digital heißt: mit dem Computer oder mit dem Handy.</p><p>Ein Beispiel: Sie können einen Termin im Bürger·büro im Internet buchen.</p><p>Die Städte lernen so voneinander. Eine Stadt sieht: Diese andere Stadt hat das schon gemacht. Dann kann sie dort fragen.</p>",
            ),
            ("heading", "Wer macht die Seite?"),
            (
                "paragraph",
                "<p>Die Seite gehört dem Arbeits·kreis Digitalisierung. Im Arbeits·kreis treffen sich Menschen aus vielen Städten. Sie kümmern sich in ihrer Stadt um das Digitale.</p><p>Der Arbeits·kreis gehört zum Städte·tag Nordrhein-Westfalen. Im Städte·tag arbeiten die Städte aus Nordrhein-Westfalen zusammen.</p>",
            ),
            ("heading", "Was finden Sie auf der Seite?"),
            (
                "paragraph",
                "<ul><li><b>Projekte</b>: Hier stehen die Projekte der Städte.</li><li><b>Städte</b>: Hier stehen die Städte. Sie sehen die Projekte von jeder Stadt.</li><li><b>Termine</b>: Hier stehen die Treffen vom Arbeits·kreis.</li><li><b>Suche</b>: Sie suchen etwas Bestimmtes? Dann schreiben Sie ein Wort in das Such·feld.</li></ul>",
            ),
            ("heading", "So finden Sie sich zurecht"),
            (
                "paragraph",
                "<p>Oben auf jeder Seite ist das Menü. Dort finden Sie: Projekte, Städte und Termine. Oben ist auch das Such·feld.</p><p>Ganz unten auf jeder Seite sind weitere Links. Zum Beispiel zum Impressum. Im Impressum steht: Wer ist für die Seite verantwortlich?</p><p>Unten können Sie auch die Sprache wählen: Deutsch oder Englisch.</p>",
            ),
            ("heading", "Anmelden"),
            (
                "paragraph",
                "<p>Sie müssen sich nicht anmelden. Sie können alles ohne Anmeldung lesen.</p><p>Nur die Mitglieder vom Arbeits·kreis können sich anmelden. Dann sehen sie mehr. Zum Beispiel: Wen kann ich zu einem Projekt fragen?</p>",
            ),
            ("heading", "Ist die Seite barriere·frei?"),
            (
                "paragraph",
                f"<p>Barriere·frei heißt: Alle Menschen können die Seite gut benutzen. Auch Menschen mit Behinderung.</p><p>Wir möchten: Die Seite soll barriere·frei sein. Das ist sie noch nicht überall. Zum Beispiel:</p><ul><li>Es gibt noch keine Videos in Gebärden·sprache.</li><li>Manche Dokumente von den Städten sind nicht barriere·frei.</li></ul><p>Das steht genauer in der {link('barrierefreiheit', 'Erklärung zur Barriere·freiheit')}.</p>",
            ),
            ("heading", "Sie finden eine Barriere?"),
            (
                "paragraph",
                f"<p>Etwas auf der Seite ist schwer für Sie? Oder Sie können etwas nicht benutzen? Dann schreiben Sie uns.</p><p>Dafür gibt es ein Formular. Das Formular heißt: Barriere melden. Sie finden es in der {link('barrierefreiheit', 'Erklärung zur Barriere·freiheit')}.</p><p>Wir antworten Ihnen nicht? Oder Sie sind mit der Antwort nicht zufrieden? Dann können Sie sich beschweren. Wo Sie sich beschweren können, steht auch in der Erklärung zur Barriere·freiheit.</p>",
            ),
            ("heading", "Kontakt"),
            (
                "paragraph",
                f"<p>Sie haben eine Frage? Dann schreiben Sie uns. Dafür gibt es das {link('kontakt', 'Kontakt·formular')}.</p>",
            ),
        ]
    }


# In the order of the footer.
LEGAL_PAGES = [
    (LegalPage, "Impressum", "impressum", _imprint),
    (LegalPage, "Datenschutzerklärung", "datenschutz", _privacy),
    (ContactPage, "Kontakt", "kontakt", _contact),
    (AccessibilityPage, "Erklärung zur Barrierefreiheit", "barrierefreiheit", _accessibility),
    (LegalPage, "Leichte Sprache", "leichte-sprache", _easy_language),
]
