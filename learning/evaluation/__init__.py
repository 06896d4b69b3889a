"""Evaluation of impact: instruments set per course in the admin, the three waves each
cohort answers (before, last day, three months after), research consent and the stable
pseudonym that links one learner's answers across waves without naming them."""
