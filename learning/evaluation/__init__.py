"""Evaluation of impact: instruments set per course in the admin, the three waves each
cohort answers (before, last day, three months after), research consent and the stable
pseudonym that links one learner's answers across waves without naming them.

The impact report: `statistics` (pure functions over numbers, with SciPy), `report` (builds a
cohort's or a course's report from the consenting learners' answers), `charts` and
`documents` (its SVG charts, PDF and CSV), `report_views` (the workspace's Evaluation tab and
the course-wide report in the admin)."""
