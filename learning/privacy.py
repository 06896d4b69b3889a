"""A learner's own learning records in their data export. Erasing the account deletes them
with the user row (the foreign keys cascade): nothing here must be kept. Regrade records
name learners by id only, so nothing of an erased learner stays there either."""

from learning.models import ModuleProgress, QuizAdjustment, QuizAttempt, ReflectionNote


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
    attempts = QuizAttempt.objects.filter(user=user).select_related("quiz", "module")
    data["quiz_attempts"] = [
        {
            "quiz": a.quiz.title,
            "module": a.module.title,
            "attempt": a.number,
            "started_at": a.started_at.isoformat(),
            "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
            "marks": a.marks,
            "out_of": a.total,
            "passed": a.passed,
        }
        for a in attempts
    ]
    data["quiz_adjustments"] = [
        {
            "course": a.course.title,
            "extra_time": a.get_extra_time_display(),
            "extra_attempts": a.extra_attempts,
        }
        for a in QuizAdjustment.objects.filter(user=user).select_related("course")
    ]
