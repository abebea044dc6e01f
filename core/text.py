"""Rich text as plain text, the one place that turns stored HTML into words.

Two readers, two functions: `html_to_text` keeps the shape (for spreadsheets, open data, e-mails):
paragraphs become blocks separated by a blank line, list items lines starting with "- ", line
breaks newlines; `text_to_html` is its reverse and escapes, so an imported cell can never smuggle
markup into a page. `html_words` keeps only the words, fast, for search indexes and teasers.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.current = []

    def _flush(self):
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._flush()
        elif tag == "li":
            if self.current and "".join(self.current).strip():
                self.current.append("\n")
            self.current.append("- ")
        elif tag == "br":
            self.current.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(re.sub(r"\s+", " ", data))

    def text(self):
        self._flush()
        return "\n\n".join(
            "\n".join(line.strip() for line in block.split("\n")) for block in self.blocks
        )


_TAG = re.compile(r"<[^>]*>")


def html_words(html):
    """The words of stored rich text, for search. A regular expression, not an HTML parser or
    Django's strip_tags: the HTML comes from Wagtail's editor (well-formed), a rebuild strips it
    many thousand times, and a tag becomes a space (strip_tags glues "a<br>b" into one word)
    and entities become characters (strip_tags leaves "&amp;")."""
    return re.sub(r"\s+", " ", unescape(_TAG.sub(" ", str(html or "")))).strip()


def html_to_text(html):
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(str(html))
    parser.close()
    return parser.text()


def text_to_html(text):
    """Plain text (blank line = new paragraph) as escaped HTML paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
        if p
    )


def stream_to_text(stream):
    """The text of a solution StreamField: paragraphs and quotes; media blocks have no text."""
    parts = []
    for block in stream:
        if block.block_type == "paragraph":
            parts.append(html_to_text(block.value.source))
        elif block.block_type == "quote":
            attribution = block.value.get("attribution")
            quote = block.value.get("text", "").strip()
            parts.append(f"„{quote}“ – {attribution}" if attribution else f"„{quote}“")
    return "\n\n".join(part for part in parts if part)
