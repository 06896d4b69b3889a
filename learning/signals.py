"""Signals learning sends, each after the commit that made it true; certificates connects
receivers in its AppConfig.ready() (learning never imports certificates).

`module_completed(sender, user, module, cohort)`: a learner's module is done, once.
`quiz_passed(sender, attempt)`: a submitted or regraded attempt passed.
`attendance_recorded(sender, session, place_ids)`: a session's register was saved.
`evaluation_submitted(sender, place_id, wave)`: a place's answers to an evaluation wave are in.
"""

from django.dispatch import Signal

module_completed = Signal()
quiz_passed = Signal()
attendance_recorded = Signal()
evaluation_submitted = Signal()
