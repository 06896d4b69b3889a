class LearningError(Exception):
    """A learning action that cannot be done; `message` is shown to the learner as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


NOT_OPEN = "This module is not open to you, so it cannot be marked as done."
NOT_A_LEARNER = "Only learners with a place on this course record progress."


class QuizError(LearningError):
    """A quiz action refused; the attempt is left exactly as it was."""

    def __init__(self, message, question_id=None):
        super().__init__(message)
        self.question_id = question_id  # the question the error is about, to link to it


class TimeUp(QuizError):
    pass


QUIZ_NOT_IN_MODULE = "That quiz is not part of this module."
QUIZ_LEARNERS_ONLY = "Only learners with a place on this course take its quizzes."
NO_ATTEMPTS_LEFT = "You have used all your attempts at this quiz."
ALREADY_SUBMITTED = "This attempt has already been submitted, so it cannot be changed."
TIME_UP = (
    "The time for this attempt ran out, so answers sent after then were not saved. "
    "The answers you saved before then have been marked."
)
NOT_IN_ATTEMPT = "One of the answers was for a question that is not in this attempt."
NOT_A_CHOICE = "One of the answers is not one of the choices for its question."
ONE_ANSWER_ONLY = "Choose only one answer for this question."


NOT_ON_REGISTER = "Someone on this register no longer has a confirmed place on the cohort."
