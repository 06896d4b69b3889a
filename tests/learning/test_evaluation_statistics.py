"""The impact report's statistics against values worked out by hand for six learners.

Before and after, matched by pseudonym ("f" answered only before and is left out):
    a 3→4, b 2→4, c 5→8, d 6→2, e 1→6, f 4→(none), g 2→8
Changes: +1, +2, +3, −4, +5, +6.
"""

import math

import pytest

from learning.evaluation import statistics as st

BEFORE = {"a": 3, "b": 2, "c": 5, "d": 6, "e": 1, "f": 4, "g": 2}
AFTER = {"a": 4, "b": 4, "c": 8, "d": 2, "e": 6, "g": 8}


def test_mean_and_sd_of_a_wave():
    summary = st.summarise(BEFORE.values())
    # (3+2+5+6+1+4+2)/7 = 23/7; squares 9+4+25+36+1+16+4 = 95; SS = 95 − 23²/7 = 136/7
    assert summary.n == 7
    assert summary.mean == pytest.approx(23 / 7)
    assert summary.sd == pytest.approx(math.sqrt((136 / 7) / 6))


def test_a_wave_nobody_answered_and_a_single_answer():
    assert st.summarise([]) == st.Summary(0, None, None)
    assert st.summarise([None, 7]) == st.Summary(1, 7, None)


def test_only_learners_who_answered_both_waves_are_paired():
    before, after = st.match(BEFORE, AFTER)
    assert before == [3, 2, 5, 6, 1, 2]
    assert after == [4, 4, 8, 2, 6, 8]


def test_the_paired_change_wilcoxon_and_effect_size():
    change = st.paired_change(*st.match(BEFORE, AFTER))
    assert change.n == 6 and not change.too_few and change.note == ""
    # Mean change 13/6; squares 1+4+9+16+25+36 = 91; SS = 91 − 13²/6 = 377/6; SD² = SS/5.
    sd = math.sqrt(377 / 30)
    assert change.mean_change == pytest.approx(13 / 6)
    assert change.sd_change == pytest.approx(sd)
    # Ranks of |change| 1..6; the one negative change has rank 4, so T = 4. Of the 2⁶ = 64
    # equally likely sign patterns, 7 have a negative rank sum ≤ 4 ({}, 1, 2, 3, 4, 1+2,
    # 1+3): two-sided exact p = 2 × 7/64.
    assert change.p_value == pytest.approx(14 / 64)
    dz = (13 / 6) / sd
    se = math.sqrt(1 / 6 + dz**2 / 12)
    assert change.effect == pytest.approx(dz)
    assert change.effect == pytest.approx(0.6112, abs=1e-4)
    assert change.ci_low == pytest.approx(dz - 1.959964 * se)
    assert change.ci_high == pytest.approx(dz + 1.959964 * se)
    assert change.ci_low == pytest.approx(-0.2605, abs=1e-4)


def test_everyone_improving_is_significant_at_six_pairs():
    change = st.paired_change([1, 2, 3, 4, 5, 6], [2, 4, 6, 8, 10, 12])
    assert change.p_value == pytest.approx(2 / 64)  # one pattern of 64 has T = 0, each side


def test_fewer_than_five_pairs_shows_no_test():
    change = st.paired_change([2, 3, 4, 5], [6, 7, 8, 9])
    assert change.n == 4 and change.too_few
    assert change.mean_change == 4
    assert change.p_value is None and change.effect is None and change.ci_low is None
    assert change.note.startswith("Too few to say")
    assert not st.paired_change([2, 3, 4, 5, 6], [6, 7, 8, 9, 9]).too_few


def test_nobody_changing_and_everyone_changing_alike():
    same = st.paired_change([4] * 5, [4] * 5)
    assert same.p_value == 1.0 and same.effect == 0.0
    alike = st.paired_change([4] * 5, [6] * 5)
    assert alike.mean_change == 2 and alike.effect is None and alike.note == st.NO_SPREAD
    assert alike.p_value == pytest.approx(2 / 32)


def test_unpaired_lists_are_refused():
    with pytest.raises(ValueError):
        st.paired_change([1, 2], [1])


def test_share_reaching_a_benchmark():
    share = st.share_reaching([7, 6, 10, None, 3, 7], 7)
    assert (share.reached, share.n, share.percent) == (3, 5, 60)
    assert st.share_reaching([], 7).percent is None
