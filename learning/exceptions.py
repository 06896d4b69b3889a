class LearningError(Exception):
    """A learning action that cannot be done; `message` is shown to the learner as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


NOT_OPEN = "This module is not open to you, so it cannot be marked as done."
NOT_A_LEARNER = "Only learners with a place on this course record progress."
