"""What a booked learner learns and how they do.

Owns ``ModulePage`` (under a ``CoursePage``), quizzes and graded attempts, module
progress, attendance records and the evaluation of impact (instruments, responses,
research consent). A confirmed ``Place`` is the enrolment. Imports from ``cms``,
``courses`` and ``bookings`` only.
"""
