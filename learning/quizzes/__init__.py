"""Quizzes placed in modules: models, grading, the services that start, save, submit and
regrade attempts, and the learner's views."""
