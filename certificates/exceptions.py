"""One exception for certificates, and its messages in one place."""


class CertificateError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


NOT_ELIGIBLE = (
    "This place does not meet its course's completion rule yet, so no certificate is due."
)
NOT_CONFIRMED = "Only a confirmed place earns a certificate."
STATUS_LIST_FULL = (
    "The certificate status list has no free place left: a new list is needed before more "
    "Open Badges can be signed."
)
NO_REASON = (
    "Enter the reason for issuing a certificate of completion without the rule being met: "
    "it is kept on the certificate."
)
ALREADY_HELD = (
    "This learner already holds a certificate for this course. Revoke it first if a "
    "certificate of completion should replace it."
)
NOTHING_DUE = "Nobody on this cohort is due a certificate now, so nothing was issued."
COUNT_CHANGED = (
    "The number of certificates due changed while you were looking, so nothing was issued. "
    "Check the new list, then issue them."
)
STATUS_CHANGE_NOT_ALLOWED = (
    "That change does not apply to this certificate as it stands: a revoked certificate "
    "cannot be reinstated, and only a suspended one can."
)
CORRECTION_NOT_ALLOWED = "Only a valid certificate's name can be corrected."
CORRECTION_PENDING = (
    "You have already asked for a correction to this certificate: we will email you when "
    "it is decided."
)
CORRECTION_DECIDED = "This request has already been decided."
SAME_NAME = "That is the name the certificate already states."
