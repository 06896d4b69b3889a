"""Attendance at live sessions: one record per place and session, and the register trainers
keep in the Wagtail admin.

- models: `AttendanceRecord` (what the trainer recorded) and `SessionCheckIn` (a learner's own
  "I am here", pending until the trainer confirms it; never counted by itself).
- services: the rules every way of recording passes through (`check_marks`), the one write
  (`record_attendance`), "mark everyone present", confirming check-ins.
- forms, views: the register page (one fieldset per learner, saved whole without JavaScript),
  the JSON endpoint that static/learning/register.mjs calls to save one mark as the trainer
  goes, the check-in code to project, the sign-in sheet.
- checkin, checkin_views: the signed check-in link, honoured only in the session's window,
  and the learner's page behind it.
- documents: the printable sign-in sheet (WeasyPrint, PDF/UA-1).
"""
