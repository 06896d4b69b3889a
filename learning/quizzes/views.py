"""The learner's quiz pages: start or resume from the module, answer page by page, check
and submit, see the result. A learner only ever reaches their own attempts (404 for
anyone else's). Services decide; these views show their messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from learning import exceptions
from learning.access import module_access
from learning.exceptions import QuizError, TimeUp
from learning.models import ModulePage
from learning.quizzes import services
from learning.quizzes.forms import AnswerPageForm, initial_for
from learning.quizzes.models import QuizAttempt
from learning.quizzes.selectors import QuizState, adjustment_for, attempts_allowed
from learning.views import refused


def own_attempt(request, attempt_id):
    attempts = QuizAttempt.objects.select_related("quiz", "module", "cohort")
    return get_object_or_404(attempts, pk=attempt_id, user=request.user)


def attempt_url(attempt, page=None):
    url = reverse("learning:attempt", args=[attempt.pk])
    return f"{url}?page={page}" if page else url


def result_url(attempt):
    return reverse("learning:attempt_result", args=[attempt.pk])


@login_required
@require_POST
def start_quiz(request, module_id, quiz_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    try:
        attempt = services.start_attempt(user=request.user, module=module, quiz_id=quiz_id)
    except QuizError as error:
        access = module_access(request.user, module)
        if not access.allowed:
            return refused(request, module, access)
        messages.error(request, error.message)
        return redirect(module.url + "#quiz-" + str(quiz_id))
    if attempt.submitted_at:  # the unfinished attempt's time had run out
        messages.error(request, exceptions.TIME_UP)
        return redirect(result_url(attempt))
    return redirect(attempt_url(attempt, page_holding_first_unanswered(attempt)))


def page_holding_first_unanswered(attempt):
    """Where a resumed attempt carries on: the page with the first unanswered question."""
    per_page = attempt.quiz.questions_per_page
    for index, question_id in enumerate(attempt.question_ids):
        if not attempt.answers.get(str(question_id)):
            return index // per_page + 1
    return 1


@login_required
def attempt_page(request, attempt_id):
    attempt = own_attempt(request, attempt_id)
    if attempt.submitted_at:
        return redirect(result_url(attempt))
    adjustment = adjustment_for(request.user, attempt.cohort.course_id)
    now = timezone.now()
    if services.past_deadline(attempt, adjustment, now):
        return closed_for_time(request, attempt)
    questions = attempt.snapshot["questions"]
    per_page = attempt.quiz.questions_per_page
    pages = max((len(questions) + per_page - 1) // per_page, 1)
    page = page_number(request.GET.get("page"), pages)
    shown = questions[(page - 1) * per_page : page * per_page]
    if request.method == "POST":
        form = AnswerPageForm(shown, request.POST)
        if form.is_valid():
            try:
                services.save_answers(
                    user=request.user, attempt_id=attempt.pk, answers=form.answers()
                )
            except TimeUp:
                return closed_for_time(request, attempt)
            except QuizError as error:
                if error.message == exceptions.ALREADY_SUBMITTED:
                    messages.error(request, error.message)
                    return redirect(result_url(attempt))
                form.add_error(None, error.message)
            else:
                return redirect(next_step(request.POST.get("action"), attempt, page, pages))
        status = 400
    else:
        form = AnswerPageForm(shown, initial=initial_for(attempt, shown))
        status = 200
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.module,
        "form": form,
        "page_number": page,
        "pages": pages,
        "first_number": (page - 1) * per_page + 1,
        "total": len(questions),
        "answered": attempt.answered_count,
        "deadline": attempt.deadline(adjustment),
    }
    return TemplateResponse(request, "learning/quiz/attempt.html", context, status=status)


def page_number(value, pages):
    try:
        return min(max(int(value or 1), 1), pages)
    except ValueError:
        return 1


def next_step(action, attempt, page, pages):
    if action == "previous":
        return attempt_url(attempt, max(page - 1, 1))
    if action == "later":
        return attempt.module.url + f"#quiz-{attempt.quiz_id}"
    if action == "next" and page < pages:
        return attempt_url(attempt, page + 1)
    return reverse("learning:attempt_submit", args=[attempt.pk])


def closed_for_time(request, attempt):
    services.close_expired(user=request.user, attempt_id=attempt.pk)
    messages.error(request, "The time for this attempt ran out. " + SAVED_MARKED)
    return redirect(result_url(attempt))


SAVED_MARKED = "The answers you saved before then have been marked."


@login_required
def submit_attempt(request, attempt_id):
    """Check your answers, then submit: says how many are answered and links to the rest."""
    attempt = own_attempt(request, attempt_id)
    if request.method == "POST":
        try:
            services.submit_attempt(user=request.user, attempt_id=attempt.pk)
        except TimeUp:
            return closed_for_time(request, attempt)
        except QuizError as error:
            messages.error(request, error.message)
            if attempt.submitted_at:
                return redirect(result_url(attempt))
            return redirect(attempt.module.url + f"#quiz-{attempt.quiz_id}")
        return redirect(result_url(attempt))
    if attempt.submitted_at:
        return redirect(result_url(attempt))
    adjustment = adjustment_for(request.user, attempt.cohort.course_id)
    if services.past_deadline(attempt, adjustment, timezone.now()):
        return closed_for_time(request, attempt)
    per_page = attempt.quiz.questions_per_page
    unanswered = [
        (index + 1, attempt_url(attempt, index // per_page + 1))
        for index, question_id in enumerate(attempt.question_ids)
        if not attempt.answers.get(str(question_id))
    ]
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.module,
        "unanswered": unanswered,
        "total": len(attempt.question_ids),
        "answered": attempt.answered_count,
        "deadline": attempt.deadline(adjustment),
        "last_page": attempt_url(attempt, (len(attempt.question_ids) - 1) // per_page + 1),
    }
    return TemplateResponse(request, "learning/quiz/submit.html", context)


@login_required
def attempt_result(request, attempt_id):
    attempt = own_attempt(request, attempt_id)
    if not attempt.submitted_at:
        return redirect(attempt_url(attempt))
    adjustment = adjustment_for(request.user, attempt.cohort.course_id)
    siblings = QuizAttempt.objects.filter(
        user=request.user, module=attempt.module, quiz=attempt.quiz
    ).order_by("number")
    state = QuizState(attempt.quiz, allowed=attempts_allowed(attempt.quiz, adjustment))
    state.attempts = list(siblings.defer("snapshot", "answers"))
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "module": attempt.module,
        "state": state,
        "review": review_rows(attempt),
    }
    return TemplateResponse(request, "learning/quiz/result.html", context)


def review_rows(attempt):
    """Per question, what the review policy lets the learner see (nothing, marks, or the
    correct answers with feedback and explanation)."""
    policy = attempt.quiz.review
    if policy == "nothing":
        return []
    rows = []
    for number, question in enumerate(attempt.snapshot["questions"], start=1):
        selected = set(attempt.answers.get(str(question["id"]), []))
        correct = {c["id"] for c in question["choices"] if c["correct"]}
        scored = question.get("neutralised") or (selected == correct and bool(correct))
        rows.append(
            {
                "number": number,
                "question": question,
                "scored": scored,
                "answered": bool(selected),
                "full": policy == "full",
                "choices": [{**c, "selected": c["id"] in selected} for c in question["choices"]],
            }
        )
    return rows
