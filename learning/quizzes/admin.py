"""The quiz screens in the Wagtail admin, under one "Learning" menu: quizzes (a snippet, so
modules choose them with a chooser block), attempts (read only), reasonable adjustments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from bookings.models import Place
from cms.admin_scope import RowScopedSnippetViewSet
from courses.services import visible_cohorts
from learning.quizzes import services
from learning.quizzes.models import Quiz, QuizAdjustment, QuizAttempt, QuizRegrade


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records made by the quiz services: nobody adds, edits or deletes them by hand, not
    even a superuser, or a result would change with no regrade to show for it."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


def regrade_view(request, pk):
    """The explicit regrade step: a dry run of whose result would change against the bank as
    it is now, then Apply (recorded); or neutralise one question, which applies at once."""
    if not request.user.has_perm("learning.change_quiz"):
        raise PermissionDenied
    quiz = get_object_or_404(Quiz, pk=pk)
    here = request.path
    if request.method == "POST":
        if request.POST.get("question"):
            question = get_object_or_404(quiz.questions, pk=request.POST["question"])
            regrade = services.neutralise_question(question=question, by=request.user)
            done = f"Question neutralised: everyone gets its mark. {len(regrade.changes)}"
        else:
            regrade = services.apply_regrade(quiz=quiz, by=request.user)
            done = f"Regrade applied. {len(regrade.changes)}"
        messages.success(request, f"{done} result(s) changed, and the regrade is recorded.")
        return redirect(here)
    context = {
        "quiz": quiz,
        "changes": services.regrade_preview(quiz),
        # A quiz is shared by every cohort of its courses: name only the learners of the
        # cohorts this trainer may see.
        "visible": set(visible_cohorts(request.user).values_list("pk", flat=True)),
        "questions": quiz.questions.order_by("sort_order"),
        "history": quiz.regrades.select_related("by", "question")[:20],
    }
    return TemplateResponse(request, "learning/admin/regrade.html", context)


class QuizIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("learning.change_quiz"):
            url = reverse(Quiz.snippet_viewset.get_url_name("regrade"), args=[instance.pk])
            buttons.append(ListingButton("Regrade", url=url, icon_name="resubmit", priority=30))
        return buttons


class QuizViewSet(SnippetViewSet):
    model = Quiz
    index_view_class = QuizIndexView
    icon = "help"
    menu_label = "Quizzes"
    list_display = ["title", "pass_mark_percent", "attempts_allowed", "counting"]
    list_filter = ["counting", "review"]
    search_fields = ["title"]
    list_export = ["title", "pass_mark_percent", "attempts_allowed", "counting", "draw_count"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("regrade/<int:pk>/", regrade_view, name="regrade")]


class AttemptIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "quiz", "module")


class QuizAttemptViewSet(RowScopedSnippetViewSet):
    model = QuizAttempt
    index_view_class = AttemptIndexView
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

    def rows_for(self, user):
        """Trainers see the attempts of the cohorts they teach; cohort managers see all."""
        return QuizAttempt.objects.filter(cohort__in=visible_cohorts(user)).values("pk")


class QuizRegradeViewSet(SnippetViewSet):
    model = QuizRegrade
    icon = "history"
    menu_label = "Regrades"
    inspect_view_enabled = True
    list_display = ["quiz", "kind", "by", "at", "__str__"]
    list_filter = ["quiz", "kind"]


class QuizAdjustmentViewSet(RowScopedSnippetViewSet):
    model = QuizAdjustment
    icon = "user"
    menu_label = "Reasonable adjustments"
    list_display = ["user", "course", "extra_time", "extra_attempts"]
    search_fields = ["user__email", "course__title"]

    def rows_for(self, user):
        """Trainers: the adjustments of learners on the cohorts they teach, on those
        courses. An adjustment is about someone's needs: nobody else's business."""
        if user.has_perm("courses.change_cohort"):
            return QuizAdjustment.objects.values("pk")
        cohorts = visible_cohorts(user)
        return QuizAdjustment.objects.filter(
            course__in=cohorts.values("course"),
            user__in=Place.objects.filter(cohort__in=cohorts).values("attendee"),
        ).values("pk")


class LearningGroup(SnippetViewSetGroup):
    menu_label = "Learning"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (QuizViewSet, QuizAttemptViewSet, QuizAdjustmentViewSet, QuizRegradeViewSet)
