"""A learner's own learning records in their data export. Erasing the account deletes them
with the user row (the foreign keys cascade): nothing here must be kept."""

from learning.models import ModuleProgress, ReflectionNote


def export_learning(sender, user, data, **kwargs):
    progress = ModuleProgress.objects.filter(user=user).select_related("module", "cohort")
    notes = ReflectionNote.objects.filter(user=user).select_related("module")
    data["module_progress"] = [
        {
            "module": p.module.title,
            "cohort_start": p.cohort.start_date.isoformat(),
            "done_at": p.done_at.isoformat(),
        }
        for p in progress
    ]
    data["reflection_notes"] = [
        {"module": n.module.title, "text": n.text, "updated_at": n.updated_at.isoformat()}
        for n in notes
    ]
