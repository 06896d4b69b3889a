"""Logging filters that keep personal data out of the logs (issue 12 §6).

The stripe SDK logs, at debug level, every request's form-encoded body ("Post details":
the buyer's email, the attendees' names on the line items) and every response body, and at
info level Stripe's error messages, which may quote what was sent. `StripePersonalData`,
set on the "stripe" logger in settings LOGGING, keeps each record's `message=` and drops
those values, so the logs still say what was called and what failed.

Django's template engine logs, at debug level, every variable it cannot resolve with the
exception attached, and the exception's text is the whole template context (an email's
places and their attendees' names). `WithoutTraceback`, set on the "django.template" logger,
keeps the message (which variable, which template) and drops the exception.
"""

import logging
import re

# logfmt values: a bare word, or a Python repr in either quote
VALUE = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+)"""
PERSONAL = re.compile(rf"\b(post_data|body|error_message)={VALUE}")


class StripePersonalData(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        redacted = PERSONAL.sub(r"\1=[not logged]", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class WithoutTraceback(logging.Filter):
    def filter(self, record):
        record.exc_info, record.exc_text = None, None
        return True
