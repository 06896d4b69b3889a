"""A learner's own learning records in their data export. Erasing the account deletes them
with the user row (the foreign keys cascade): nothing here must be kept. Regrade records
name learners by id only, so nothing of an erased learner stays there either. Attendance and
check-ins belong to the place, which bookings keeps (anonymised) for its records, so they are
exported here but go with the place, not the user row; so do the trainers' messages and the
evaluation emails sent to the place (kept as a record that each was sent once)."""

from learning.models import (
    AttendanceRecord,
    ModuleProgress,
    QuizAdjustment,
    QuizAttempt,
    ReflectionNote,
    SessionCheckIn,
)


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
    export_attendance(user, data)
    export_emails(user, data)


def export_attendance(user, data):
    records = AttendanceRecord.objects.filter(place__attendee=user).select_related("session")
    data["attendance"] = [
        {
            "session": str(r.session),
            "starts_at": r.session.starts_at.isoformat(),
            "status": r.get_status_display(),
            "minutes_attended": r.minutes_attended,
        }
        for r in records
    ]
    check_ins = SessionCheckIn.objects.filter(place__attendee=user).select_related("session")
    data["check_ins"] = [
        {
            "session": str(c.session),
            "checked_in_at": c.checked_in_at.isoformat(),
            "confirmed": not c.pending,
        }
        for c in check_ins
    ]


def export_emails(user, data):
    """The trainers' messages and the evaluation invitations sent to the learner's places."""
    from learning.evaluation.models import WaveEmail
    from learning.mailings.models import MessageRecipient

    received = MessageRecipient.objects.filter(place__attendee=user).select_related("message")
    data["cohort_messages"] = [
        {
            "subject": r.message.subject,
            "body": r.message.body,
            "sent_at": r.sent_at.isoformat() if r.sent_at else None,
        }
        for r in received
    ]
    data["evaluation_emails"] = [
        {"wave": e.get_wave_display(), "email": e.get_kind_display(), "sent_at": e.sent_at}
        for e in WaveEmail.objects.filter(place__attendee=user)
    ]
