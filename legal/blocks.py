from django.utils.translation import gettext_lazy as _

from wagtail import blocks

TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class LegalBodyBlock(blocks.StreamBlock):
    """Sections of a legal text. Headings are blocks of their own, so that a page's headings
    stay in order (h1 the title, h2 sections, h3 below them) whatever an editor types."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        icon="title",
        template="legal/blocks/heading_block.html",
        help_text=_("A section of the page."),
    )
    subheading = blocks.CharBlock(
        label=_("Subheading"),
        icon="title",
        template="legal/blocks/subheading_block.html",
        help_text=_("A part of the section above."),
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=TEXT_FEATURES)
    note = blocks.RichTextBlock(
        label=_("Note"),
        icon="warning",
        features=TEXT_FEATURES,
        template="legal/blocks/note_block.html",
        help_text=_("A highlighted box, e.g. for a placeholder that still needs your text."),
    )

    class Meta:
        icon = "doc-full"
