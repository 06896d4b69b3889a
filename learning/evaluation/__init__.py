"""Evaluation of impact: instruments set per course in the admin, the three waves each
cohort answers (before, last day, three months after), research consent and the stable
pseudonym that links one learner's answers across waves without naming them.

Modules: `models` (instruments, responses, consent, `WaveEmail`), `waves` (when each wave is
open), `scoring`, `services` (consent and answers), `selectors`, `views` (the learner's pages),
`invitations` and `tasks` (the last-day and three-month emails and their reminders, at most
once each), `confirmation` (the pre-course link in the booking confirmation), `research` and
`research_views` (the pseudonymised export for the Research group, and its data dictionary),
`privacy` (data export and erasure), `demo`.

The impact report: `statistics` (pure functions over numbers, with SciPy), `report` (builds a
cohort's or a course's report from the consenting learners' answers), `charts` and
`documents` (its SVG charts, PDF and CSV), `report_views` (the workspace's Evaluation tab and
the course-wide report in the admin)."""
