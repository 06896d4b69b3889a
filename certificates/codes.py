"""Verification codes: 12 random Crockford base32 characters and a check character.

Crockford's alphabet has no I, L, O or U, so a code read aloud or retyped is rarely
misread; the check character (Luhn mod 32) catches any one mistyped character and most
swapped neighbours, so a typo is told apart from a code that was never issued.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12  # 60 random bits: not guessable, and there is no way to list codes
# What people type for what they mean (Crockford's decoding rules).
SUBSTITUTES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def check_character(body):
    """The Luhn mod N check character of `body` for N = 32."""
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_code():
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return body + check_character(body)


def normalise(text):
    """The code in `text` (any case, spaces, dashes; O for 0, I or L for 1), or None when
    it is not a well-formed code with a correct check character."""
    code = re.sub(r"[\s\-]", "", text or "").upper().translate(SUBSTITUTES)
    if len(code) != LENGTH + 1 or any(c not in ALPHABET for c in code):
        return None
    return code if check_character(code[:-1]) == code[-1] else None


def grouped(code):
    """ "ABCD-EFGH-JKMN-P": easier to read aloud and to copy."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
