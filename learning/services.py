"""Writes a learner makes in a module. Each checks the access rule itself, so a tampered
module id cannot record progress or notes on a module the learner may not open."""

from django.db import transaction
from django.utils import timezone

from learning import exceptions
from learning.access import module_access
from learning.models import ModuleProgress, ReflectionNote
from learning.signals import module_completed


def mark_done(*, user, module, now=None):
    """Record the module as done for the learner's cohort. Doing it twice keeps the first time."""
    access = module_access(user, module)
    if not access.allowed:
        raise exceptions.LearningError(exceptions.NOT_OPEN)
    if not access.is_learner:
        raise exceptions.LearningError(exceptions.NOT_A_LEARNER)
    with transaction.atomic():
        progress, created = ModuleProgress.objects.get_or_create(
            user=user,
            module=module,
            cohort=access.cohort,
            defaults={"done_at": now or timezone.now()},
        )
        if created:
            announce_completed(progress)
    return progress


def announce_completed(progress):
    """Send `module_completed` once the transaction that recorded `progress` commits."""
    transaction.on_commit(
        lambda: module_completed.send(
            sender=ModuleProgress,
            user=progress.user,
            module=progress.module,
            cohort=progress.cohort,
        )
    )


def save_reflection(*, user, module, text):
    """Save the learner's own note exactly as typed (no trimming: it is theirs)."""
    if not module_access(user, module).allowed:
        raise exceptions.LearningError(exceptions.NOT_OPEN)
    with transaction.atomic():
        note, _ = ReflectionNote.objects.update_or_create(
            user=user, module=module, defaults={"text": text}
        )
    return note
