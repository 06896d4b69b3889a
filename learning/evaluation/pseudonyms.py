"""The research pseudonym: HMAC-SHA256 of the user id under EVALUATION_PSEUDONYM_KEY.

Stable (the same learner gets the same pseudonym in every wave, so answers can be matched)
and keyed (without the key nobody can recompute it from a user id to re-identify someone).
"""

import hashlib
import hmac

from django.conf import settings


def pseudonym(user_id, key=None):
    key = key if key is not None else settings.EVALUATION_PSEUDONYM_KEY
    message = f"learner:{user_id}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()
