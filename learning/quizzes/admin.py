"""The quiz screens in the Wagtail admin, under one "Learning" menu: quizzes (a snippet, so
modules choose them with a chooser block), attempts (read only), reasonable adjustments."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.quizzes.models import Quiz, QuizAdjustment, QuizAttempt, QuizRegrade


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records made by the quiz services: nobody adds, edits or deletes them by hand, not
    even a superuser, or a result would change with no regrade to show for it."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "help"
    menu_label = "Quizzes"
    list_display = ["title", "pass_mark_percent", "attempts_allowed", "counting"]
    list_filter = ["counting", "review"]
    search_fields = ["title"]
    list_export = ["title", "pass_mark_percent", "attempts_allowed", "counting", "draw_count"]


class QuizAttemptViewSet(SnippetViewSet):
    model = QuizAttempt
    icon = "tasks"
    menu_label = "Quiz attempts"
    inspect_view_enabled = True
    list_display = ["user", "quiz", "module", "number", "submitted_at", "marks", "passed"]
    list_filter = ["quiz", "passed"]
    search_fields = ["user__email", "quiz__title"]
    list_export = [
        *["user", "quiz", "module", "number", "started_at", "submitted_at"],
        *["marks", "total", "passed"],
    ]


class QuizRegradeViewSet(SnippetViewSet):
    model = QuizRegrade
    icon = "history"
    menu_label = "Regrades"
    inspect_view_enabled = True
    list_display = ["quiz", "kind", "by", "at", "__str__"]
    list_filter = ["quiz", "kind"]


class QuizAdjustmentViewSet(SnippetViewSet):
    model = QuizAdjustment
    icon = "user"
    menu_label = "Reasonable adjustments"
    list_display = ["user", "course", "extra_time", "extra_attempts"]
    search_fields = ["user__email", "course__title"]


class LearningGroup(SnippetViewSetGroup):
    menu_label = "Learning"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (QuizViewSet, QuizAttemptViewSet, QuizAdjustmentViewSet, QuizRegradeViewSet)
