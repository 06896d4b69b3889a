from django.http import HttpResponseForbidden
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from learning.evaluation.admin import VIEWSETS as EVALUATION_VIEWSETS
from learning.quizzes.admin import LearningGroup, ReadOnlyPolicy
from learning.quizzes.models import QuizAttempt, QuizRegrade
from learning.resources import is_private


@hooks.register("before_serve_document")
def keep_resources_private(document, request):
    """Module resources never leave through the public documents URL, even for staff: the
    module's own download link is the one way out, so every download passes its rule."""
    if is_private(document):
        return HttpResponseForbidden("Download this file from its module page.")


for model in (QuizAttempt, QuizRegrade):
    register_permission_policy(model, ReadOnlyPolicy(model))


class LearningMenu(LearningGroup):
    """One "Learning" menu for the app: the quiz screens, then evaluation's."""

    items = (*LearningGroup.items, *EVALUATION_VIEWSETS)


register_snippet(LearningMenu)
