"""Blocks that only course pages use; the shared ones come from cms.blocks."""

from wagtail import blocks


class SyllabusItemBlock(blocks.StructBlock):
    """One day or week of a course: what it covers."""

    label = blocks.CharBlock(max_length=40, help_text="For example: Day 1, or Week 2")
    title = blocks.CharBlock(max_length=200)
    description = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"])

    class Meta:
        icon = "date"
        template = "courses/blocks/syllabus_item.html"
        description = "What one day or week of the course covers."
        preview_value = {
            "label": "Day 1",
            "title": "Depression and anxiety in long-term conditions",
            "description": "<p>How common they are, why they matter, and how to screen.</p>",
        }


class OutcomeBlock(blocks.CharBlock):
    class Meta:
        icon = "tick"
        template = "courses/blocks/outcome.html"
        description = "One thing a learner will be able to do after the course."
