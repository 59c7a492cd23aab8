"""The escalation detectors on series whose answer is known by construction."""

import pytest

from eventwire.escalation import ChangePointKnobs, ZScoreKnobs, change_points, robust_z, spread


def test_a_jump_after_a_noisy_baseline_is_flagged_with_its_baseline():
    values = [2, 3, 1, 2, 4, 2, 3, 2, 14, 3]
    flagged = robust_z(values, [True] * len(values))
    assert [d.index for d in flagged] == [8]
    assert flagged[0].baseline == 2 and flagged[0].value == 14 and flagged[0].score >= 3.5


def test_a_single_event_after_silence_is_no_alert_but_several_are():
    quiet = [0] * 10
    assert robust_z(quiet + [1], [True] * 11) == []
    assert robust_z(quiet + [2], [True] * 11) == []  # the Poisson floor: z = 2 over a baseline of zero
    assert [d.index for d in robust_z(quiet + [4], [True] * 11)] == [10]


def test_no_alert_without_enough_history():
    values = [0, 0, 0, 9]
    assert robust_z(values, [True] * 4) == []
    assert robust_z(values, [True] * 4, ZScoreKnobs(min_history=3)) != []


def test_unobserved_periods_do_not_enter_the_baseline():
    values = [5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, 0, 5]
    seen = [True] * 6 + [False] * 6 + [True]
    assert robust_z(values, seen) == []  # the gap is missing coverage, not six quiet weeks
    assert [d.index for d in robust_z(values, [True] * 13, ZScoreKnobs(window=6))] == [12]


def test_the_spread_floor_scales_with_the_size_of_one_event():
    assert spread([0, 0, 0], 0, 1.0) == 1.0
    assert spread([0, 0, 0], 0, 10.0) == 10.0
    assert spread([16, 16, 16], 16, 1.0) == pytest.approx(4.0)


def test_change_points_find_an_upward_level_shift():
    values = [1, 0, 1, 1, 0, 1, 1, 0, 6, 7, 6, 8, 7, 6]
    flagged = change_points(values, [True] * len(values))
    assert [d.index for d in flagged] == [8]
    assert flagged[0].baseline < 1 and flagged[0].score > 1


def test_change_points_ignore_a_fall_and_a_flat_series():
    assert change_points([6, 7, 6, 8, 7, 6, 7, 1, 0, 1, 0, 1], [True] * 12) == []
    assert change_points([1] * 12, [True] * 12) == []
    assert change_points([0, 9], [True, True], ChangePointKnobs()) == []
