"""Trainers' screens in the Wagtail admin: a cohort's messages, writing one from a template
(with a confirmation that says how many will get it), and who each message went to."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from courses.services import visible_cohorts
from learning.exceptions import LearningError
from learning.mailings.forms import MessageForm
from learning.mailings.models import CohortMessage, MessageTemplate
from learning.mailings.placeholders import fill
from learning.mailings.services import cohort_learners, create_message
from learning.workspace import workspace_context

PERMISSION = "learning.add_cohortmessage"


def cohorts_for(user):
    if not user.has_perm(PERMISSION):
        raise PermissionDenied
    return visible_cohorts(user).select_related("course")


def cohort_messages(request, cohort_id):
    cohort = get_object_or_404(cohorts_for(request.user), pk=cohort_id)
    history = cohort.messages.select_related("sent_by").annotate(
        recipient_count=Count("recipients"),
        sent_count=Count("recipients", filter=Q(recipients__sent_at__isnull=False)),
    )
    context = workspace_context(
        request, cohort, "messages", history=history, templates=MessageTemplate.objects.all()
    )
    return TemplateResponse(request, "learning/admin/messages.html", context)


def chosen_template(raw):
    """The template ?template= names, or None: anything but a plain id (a word, "1e309")
    names none, rather than failing the lookup."""
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        return None
    return MessageTemplate.objects.filter(pk=int(raw)).first()


def new_message(request, cohort_id):
    cohort = get_object_or_404(cohorts_for(request.user), pk=cohort_id)
    template = chosen_template(request.GET.get("template", ""))
    initial = {"subject": template.subject, "body": template.body} if template else {}
    places = cohort_learners(cohort)
    form = MessageForm(request.POST or None, places=places, initial=initial)
    context = {"cohort": cohort, "form": form, "template": template}
    if request.method != "POST" or "edit" in request.POST or not form.is_valid():
        return TemplateResponse(request, "learning/admin/message_form.html", context)
    recipients = form.recipients()
    if "confirm" not in request.POST:
        context |= {"recipients": recipients, "sample": sample(form, recipients, cohort)}
        return TemplateResponse(request, "learning/admin/message_confirm.html", context)
    try:
        message = create_message(
            cohort=cohort,
            template=template,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            place_ids=[p.pk for p in recipients],
            actor=request.user,
            key=form.cleaned_data["key"],
        )
    except LearningError as error:
        form.add_error(None, error.message)
        return TemplateResponse(request, "learning/admin/message_form.html", context)
    messages.success(request, f"‘{message.subject}’ is being sent to {len(recipients)}.")
    return redirect("learning_messages_detail", cohort.pk, message.pk)


def sample(form, recipients, cohort):
    """The message as its first recipient will read it."""
    if not recipients:
        return None
    place = recipients[0]
    place.cohort = cohort
    return {
        "to": place.attendee_name,
        "subject": fill(form.cleaned_data["subject"], place),
        "body": fill(form.cleaned_data["body"], place),
    }


def message_detail(request, cohort_id, message_id):
    cohort = get_object_or_404(cohorts_for(request.user), pk=cohort_id)
    message = get_object_or_404(
        CohortMessage.objects.filter(cohort=cohort).select_related("sent_by"), pk=message_id
    )
    recipients = message.recipients.select_related("place").order_by("place__attendee_name")
    context = {"cohort": cohort, "message": message, "recipients": recipients}
    return TemplateResponse(request, "learning/admin/message_detail.html", context)
