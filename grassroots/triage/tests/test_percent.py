"""Confidences and scores as percentages: near-certain or near-zero is not shown as 100 % / 0 %."""

import pytest

from grassroots.triage.templatetags.triage import percent


@pytest.mark.parametrize("value,shown", [
    (0.734, "73%"), (0, "0%"), (0.0, "0%"), (1, "100%"), (1.0, "100%"),
    (0.002, "<1%"), (0.0049, "<1%"), (0.006, "1%"),
    (0.9996, ">99%"), (0.995, ">99%"), (0.994, "99%"), (None, ""), ("x", ""),
])
def test_percent(value, shown):
    assert percent(value) == shown
