"""StreamField blocks shared by every page type. Pages compose `BodyStreamBlock`."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CalloutBlock(blocks.StructBlock):
    """An NHS.UK inset or warning callout: a short message people must not miss."""

    style = blocks.ChoiceBlock(
        choices=[("inset", "Information (inset text)"), ("warning", "Important (warning)")],
        default="inset",
    )
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout.html"
        description = "A highlighted message: information, or an important warning."
        preview_value = {
            "style": "inset",
            "heading": "",
            "text": "<p>Places on partner-funded cohorts are limited to two per team.</p>",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe the image for people who cannot see it. Leave out 'image of'.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        description = "An image with alternative text and an optional caption."


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Frequently asked questions as NHS.UK expanders (`<details>`, keyboard friendly)."""

    heading = blocks.CharBlock(required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock())

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/accordion.html"
        description = "Questions and answers that open one at a time."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "heading": "Do I need any mental health experience?",
                    "body": "<p>No. The courses are for professionals outside mental health.</p>",
                },
            ],
        }


class EmbedWithTitleBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=200, help_text="Names the embedded frame for screen readers."
    )
    embed = EmbedBlock()

    class Meta:
        icon = "media"
        template = "cms/blocks/embed.html"
        description = "A video or other embedded media, with a title."


class RetentionPeriodsBlock(blocks.StaticBlock):
    """The privacy notice's table of what is deleted when: every rule the retention tasks
    apply (cms.retention), with the period they read from settings, never typed in."""

    def get_context(self, value, parent_context=None):
        from cms.retention import retention_rules

        return {**super().get_context(value, parent_context), "rules": retention_rules()}

    class Meta:
        icon = "time"
        template = "cms/blocks/retention_periods.html"
        admin_text = "How long we keep personal data: filled in from the retention settings."
        description = "The retention periods the site applies, from its settings."


class BodyStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="cms/blocks/rich_text.html",
        description="Paragraphs, headings, lists and links.",
        preview_value=(
            "<p>Depression is two to three times more common in people with a long-term "
            "physical condition.</p>"
        ),
    )
    callout = CalloutBlock()
    image = ImageBlock()
    accordion = AccordionBlock()
    embed = EmbedWithTitleBlock()
    retention_periods = RetentionPeriodsBlock()
