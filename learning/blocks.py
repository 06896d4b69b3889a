"""The blocks a module is written in. Shared blocks (rich text, callouts) come from
`cms.blocks`; these are the teaching ones."""

import copy

from django.db.models import Count
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import RICH_TEXT_FEATURES, CalloutBlock


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Key points")
    points = blocks.ListBlock(blocks.CharBlock(max_length=300))

    class Meta:
        icon = "list-ul"
        template = "learning/blocks/key_points.html"
        description = "A short list of what to remember."
        preview_value = {
            "heading": "Key points",
            "points": ["Depression is common in long-term physical illness."],
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "user"
        template = "learning/blocks/case_study.html"
        description = "A patient's story to think through (fictional, never identifiable)."
        preview_value = {
            "title": "Mr A, 58, type 2 diabetes",
            "text": "<p>His HbA1c has risen and he has missed two clinics.</p>",
        }


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="Names the video for screen readers.")
    embed = EmbedBlock()
    # Required: people who cannot hear or watch the video learn the same from the transcript.
    transcript = blocks.TextBlock()

    class Meta:
        icon = "media"
        template = "learning/blocks/video.html"
        description = "An embedded video with its transcript."


class ResourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Resources to download")
    documents = blocks.ListBlock(
        DocumentChooserBlock(),
        help_text="Upload into the 'Learning resources' collection: it is not public.",
    )

    class Meta:
        icon = "doc-full"
        template = "learning/blocks/resources.html"
        description = "Files for booked learners, served only to those who may open the module."


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(max_length=600)

    class Meta:
        icon = "edit"
        template = "learning/blocks/reflection.html"
        description = "A question to reflect on, with a notes box only the learner can see."
        preview_value = {"prompt": "When did a patient last tell you they felt low?"}


class QuizChooserBlock(SnippetChooserBlock):
    """Fetches a page's quizzes with their question counts, which the quiz block shows, in
    the one query that reads the stream's quizzes."""

    def bulk_to_python(self, values):
        found = self.model_class.objects.annotate(question_count=Count("questions")).in_bulk(
            [value for value in values if value is not None]
        )
        # A quiz placed twice in a module gets an instance per block, as the plain chooser does.
        return [copy.copy(found.get(value)) for value in values]

    def deconstruct(self):
        # Stored as the plain chooser: no migration for how it fetches.
        _, args, kwargs = super().deconstruct()
        return "wagtail.snippets.blocks.SnippetChooserBlock", args, kwargs


class QuizBlock(blocks.StructBlock):
    quiz = QuizChooserBlock("learning.Quiz")
    required = blocks.BooleanBlock(
        default=True,
        required=False,
        help_text="Passing it completes the module (with any other required quiz in it).",
    )

    class Meta:
        icon = "help"
        template = "learning/blocks/quiz.html"
        description = "A quiz from the question banks: passing a required one completes the module."


class ModuleStreamBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="cms/blocks/rich_text.html",
        description="Paragraphs, headings, lists and links.",
    )
    callout = CalloutBlock()
    key_points = KeyPointsBlock()
    case_study = CaseStudyBlock()
    video = VideoBlock()
    resources = ResourcesBlock()
    reflection = ReflectionBlock()
    quiz = QuizBlock()
