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


class EvaluationError(LearningError):
    """An evaluation answer refused; nothing is stored."""


NOT_YOUR_PLACE = "Only the learner with a confirmed place on this cohort answers its evaluation."
WAVE_NOT_ASKED = "This course does not ask for answers at that point."
WAVE_NOT_OPEN = "These questions open on {date}. Please come back then."
WAVE_CLOSED = "The time to answer these questions ended on {date}."
WAVE_ANSWERED = (
    "You have already answered these questions, so this second set of answers was not saved. "
    "Your first answers are kept."
)
CONSENT_FIRST = "Please tell us whether your answers may be used for research before you start."
NOT_IN_WAVE = "One of the answers was for a question that is not asked here."
OUT_OF_RANGE = "One of the answers is not one of the options for its question."
UNANSWERED = "Answer every question that is not marked optional."
NOT_ON_REGISTER = "Someone on this register no longer has a confirmed place on the cohort."

# Keeping a register: the rules that the whole-form save, the saved-as-you-go endpoint and the
# check-in confirmation all pass through (learning.attendance.services.check_marks).
NOT_YOUR_REGISTER = "You do not keep the register for this session's cohort."
SESSION_IN_FUTURE = (
    "This session is on {date}, so its register cannot be kept yet. Record attendance on the "
    "day of the session or after it."
)
OTHER_COHORT = (
    "{name} has a place on another cohort, not on {cohort}, so their attendance cannot be "
    "recorded at this session."
)
PLACE_NOT_CONFIRMED = (
    "{name}'s place is {status}, not confirmed, so their attendance cannot be recorded."
)


class CheckInError(LearningError):
    """A learner's check-in refused; nothing is stored."""


CHECK_IN_BAD_CODE = (
    "This check-in link is not valid. Scan the code shown in the room again, or tell your "
    "trainer you are here."
)
CHECK_IN_NOT_YET = "Check-in for {session} opens at {time} on {date}. Scan the code again then."
CHECK_IN_CLOSED = (
    "Check-in for {session} closed when the session ended. Tell your trainer if you were there."
)
CHECK_IN_NO_PLACE = (
    "Your account has no confirmed place on {cohort}, so you cannot check in to it. If your "
    "employer booked for you, sign in with the email address they used."
)
