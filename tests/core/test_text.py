"""Rich text as plain text (core.text): spreadsheets and open data keep its shape, search its
words, and text typed into a spreadsheet cell never becomes markup on a page."""

from core.text import html_to_text, html_words, text_to_html


def test_paragraphs_lists_and_breaks_keep_their_shape():
    html = (
        "<p>Erste Zeile<br/>zweite Zeile</p><ul><li>Termin</li><li>Unterlagen</li></ul><p>Ende</p>"
    )
    assert html_to_text(html) == "Erste Zeile\nzweite Zeile\n\n- Termin\n- Unterlagen\n\nEnde"


def test_plain_text_round_trips_through_html():
    text = "Erster Absatz\nmit Umbruch\n\nZweiter Absatz"
    assert html_to_text(text_to_html(text)) == text


def test_text_from_a_cell_is_escaped_not_markup():
    html = text_to_html('<script>alert("x")</script> & mehr')
    assert "<script>" not in html
    assert html == "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mehr</p>"


def test_words_are_separated_at_tags_and_entities_become_characters():
    assert html_words("<p>Bürger&amp;Service</p><p>Termin<br>Buchung</p>") == (
        "Bürger&Service Termin Buchung"
    )


def test_empty_rich_text_has_no_words():
    assert html_words(None) == "" and html_to_text("") == ""
