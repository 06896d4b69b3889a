"""The evaluation screens in the Wagtail admin, in the app's "Learning" menu: instruments
(snippets with their items inline) and, per course, which instrument each wave asks."""

from wagtail.snippets.views.snippets import SnippetViewSet

from learning.evaluation.models import CourseEvaluation, Instrument


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "list-ol"
    menu_label = "Evaluation instruments"
    list_display = ["name", "kind", "scoring", "optional"]
    list_filter = ["kind", "scoring"]
    search_fields = ["name"]
    list_export = ["name", "kind", "scale_min", "scale_max", "scoring", "licence_note"]


class CourseEvaluationViewSet(SnippetViewSet):
    model = CourseEvaluation
    icon = "clipboard-list"
    menu_label = "Course evaluations"
    list_display = ["course"]


VIEWSETS = (InstrumentViewSet, CourseEvaluationViewSet)
