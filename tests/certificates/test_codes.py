"""Verification codes: random, readable, and a typo is caught by the check character."""

from certificates.codes import ALPHABET, grouped, new_code, normalise


def test_a_new_code_is_well_formed_and_unique():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(normalise(code) == code for code in codes)


def test_people_may_type_it_loosely():
    code = new_code()
    typed = " " + grouped(code).lower().replace("0", "o").replace("1", "l") + " "
    assert normalise(typed) == code


def test_one_mistyped_character_is_caught():
    code = new_code()
    for position in range(len(code)):
        for char in ALPHABET:
            if char != code[position]:
                assert normalise(code[:position] + char + code[position + 1 :]) is None


def test_rubbish_is_refused():
    assert normalise("") is None
    assert normalise("not a code at all") is None
    assert normalise("ABC") is None
