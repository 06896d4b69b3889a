"""Module pages, the learner's actions in them, resource downloads and My learning."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from learning import selectors, services
from learning.access import module_access
from learning.exceptions import LearningError
from learning.forms import ReflectionForm
from learning.models import ModulePage, ReflectionNote
from learning.quizzes.selectors import module_quiz_states


def refused(request, module, access):
    """Not an error page: say why the module is closed and how to get a place."""
    context = {"page": module, "course": module.get_parent().specific, "access": access}
    return TemplateResponse(request, "learning/module_refused.html", context, status=403)


def module_page(request, module, access=None):
    access = access or module_access(request.user, module)
    if not access.allowed:
        return refused(request, module, access)
    note = module.pk and ReflectionNote.objects.filter(user=request.user, module=module).first()
    done = access.is_learner and access.done
    # The module itself even when it is a draft being previewed in the admin; a page not
    # saved yet (previewed while being created) has no place among its siblings.
    siblings = []
    if module.pk:
        siblings = ModulePage.objects.sibling_of(module).filter(Q(live=True) | Q(pk=module.pk))
        siblings = list(siblings.order_by("path").only("title", "url_path"))
    at = next((i for i, m in enumerate(siblings) if m.pk == module.pk), None)
    context = {
        "page": module,
        "access": access,
        "done": done,
        "reflection_form": ReflectionForm(initial={"text": note.text if note else ""}),
        "note": note,
        "previous": siblings[at - 1] if at else None,
        "next": siblings[at + 1] if at is not None and at + 1 < len(siblings) else None,
        "position": (at + 1, len(siblings)) if at is not None else None,
        "quiz_states": module_quiz_states(request.user, module, access),
    }
    return TemplateResponse(request, "learning/module_page.html", context)


def live_module(module_id):
    return get_object_or_404(ModulePage.objects.live(), pk=module_id)


@login_required
@require_POST
def mark_done(request, module_id):
    module = live_module(module_id)
    try:
        services.mark_done(user=request.user, module=module)
    except LearningError as error:
        access = module_access(request.user, module)
        if not access.allowed:
            return refused(request, module, access)
        messages.error(request, error.message)
        return redirect(module.url)
    messages.success(request, f"‘{module.title}’ is marked as done.")
    return redirect(module.url)


@login_required
@require_POST
def save_reflection(request, module_id):
    module = live_module(module_id)
    form = ReflectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["text"][0])
        return redirect(module.url + "#reflection")
    try:
        services.save_reflection(user=request.user, module=module, text=form.cleaned_data["text"])
    except LearningError:
        return refused(request, module, module_access(request.user, module))
    messages.success(request, "Your notes are saved. Only you can see them.")
    return redirect(module.url + "#reflection")


def resource(request, module_id, document_id):
    """A module's file, for those who may open the module: never from a public URL."""
    module = live_module(module_id)
    access = module_access(request.user, module)
    if not access.allowed:
        return refused(request, module, access)
    # Only files the module itself offers, so a guessed id cannot reach other private files.
    document = next((d for d in selectors.module_documents(module) if d.pk == document_id), None)
    if document is None:
        raise Http404("No such resource in this module.")
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def dashboard(request):
    facts = selectors.learner_facts(request.user)
    # The facts go in the context too: the page's certificate panel reads progress from them.
    context = {
        "cohorts": selectors.learning_dashboard(request.user, facts=facts) if facts else [],
        "learner_facts": facts,
    }
    return TemplateResponse(request, "learning/dashboard.html", context)
