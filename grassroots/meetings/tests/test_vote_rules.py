"""The vote rules at their boundaries (pure functions, no database)."""

import pytest

from grassroots.core.errors import ApplicationError, FieldErrors

from ..rules import PARTY, TITLE_REVIEW
from ..votes import Tally, least_above, passed_require, quorum_require, tally_check, vote_evaluate


def party(should, present, yes, no=0, abstain=0, written_yes=0, written_no=0):
    return vote_evaluate(PARTY, Tally(should, present, yes, no, abstain, written_yes, written_no))


def test_least_above():
    from fractions import Fraction
    assert least_above(10, Fraction(1, 2), True) == 6
    assert least_above(9, Fraction(1, 2), True) == 5
    assert least_above(9, Fraction(2, 3), False) == 6
    assert least_above(10, Fraction(2, 3), False) == 7


def test_party_quorum_exactly_half_fails_half_plus_one_holds():
    assert not party(10, 5, 5).quorum_met
    assert party(10, 6, 6).quorum_met
    assert party(9, 5, 5).quorum_met  # 5 > 4.5
    assert not party(9, 4, 4).quorum_met


def test_party_pass_denominator_is_should_attend_not_present():
    # 6 of 10 present, 5 yes: a majority of those present but not of those who should attend
    outcome = party(10, 6, 5, 1)
    assert outcome.quorum_met and not outcome.passed and outcome.pass_needed == 6
    assert party(10, 6, 6).passed
    # exactly half of should-attend fails
    assert not party(10, 10, 5, 5).passed
    assert party(10, 10, 6, 4).passed


def test_written_yes_counts_toward_pass_but_not_quorum():
    # 5 present of 10 is no quorum, however many written opinions came in
    outcome = party(10, 5, 5, written_yes=5)
    assert not outcome.quorum_met and not outcome.passed
    # with quorum, 5 yes + 1 written yes = 6 > 5 passes
    outcome = party(10, 6, 5, 1, written_yes=1)
    assert outcome.passed and outcome.yes_counted == 6
    # written no does not help
    assert not party(10, 6, 5, 1, written_no=1).passed


def test_exclusions_change_the_denominator():
    # 12 full members, 2 approved exclusions → should attend 10: 6 present is a quorum
    assert party(10, 6, 6).quorum_met
    assert not party(12, 6, 6).quorum_met


def test_title_review_two_thirds_at_least():
    def title(should, present, yes):
        return vote_evaluate(TITLE_REVIEW, Tally(should, present, yes, present - yes, 0))

    assert title(9, 6, 4).quorum_met  # 6 ≥ 2/3 × 9
    assert not title(9, 5, 5).quorum_met
    assert title(9, 6, 4).passed  # 4 ≥ 2/3 × 6: the denominator is those present
    assert not title(9, 6, 3).passed
    assert not title(9, 9, 5).passed and title(9, 9, 6).passed
    # written opinions do not count for a title committee
    outcome = vote_evaluate(TITLE_REVIEW, Tally(9, 6, 3, 3, 0, written_yes=3))
    assert not outcome.passed and outcome.yes_counted == 3


@pytest.mark.parametrize("tally, field, message", [
    (Tally(10, 11, 5, 0, 0), "present",
     "实到会有表决权人数（11人）不能超过应到会有表决权人数（10人）。"),
    (Tally(10, 6, 4, 2, 1), "yes",
     "赞成、反对、弃权票合计（7票）不能超过实到会有表决权人数（6人）。"),
    (Tally(10, 8, 4, 2, 1, written_yes=2, written_no=1), "written_yes",
     "书面意见（3份）只能来自未到会的有表决权党员（2人）。"),
    (Tally(0, 0, 0, 0, 0), "should_attend", "应到会有表决权人数至少为1人。"),
    (Tally(10, 6, -1, 0, 0), "yes", "票数和人数必须是不小于0的整数。"),
])
def test_inconsistent_tallies_are_refused(tally, field, message):
    with pytest.raises(FieldErrors) as exc:
        tally_check(tally)
    assert exc.value.field_errors[field] == [message]


def test_hard_refusals_quote_the_rule_and_article():
    with pytest.raises(ApplicationError) as exc:
        quorum_require(PARTY, Tally(10, 5, 5, 0, 0))
    assert exc.value.message == (
        "到会有表决权人数5人，不足6人（应到10人），不能表决。有表决权的到会人数必须超过应到会有表决权人数的"
        "1/2。（依据：《中国共产党发展党员工作细则（支部大会表决）》第二十条）")
    with pytest.raises(ApplicationError) as exc:
        passed_require(PARTY, Tally(10, 10, 5, 5, 0))
    assert exc.value.message.startswith("赞成5票，未达到通过所需的6票，表决未通过。赞成人数必须超过")
    assert passed_require(PARTY, Tally(10, 10, 6, 4, 0)).passed
