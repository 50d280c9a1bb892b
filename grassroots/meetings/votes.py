"""The vote rules as pure functions: a tally in, the quorum and the result out, or a refusal
naming what is inconsistent. No database here; the services (services/votes.py) count the
members who should attend and call these.

Party rule [S1 art. 20, 21, 33]: quorum when the voting full members present are MORE than half
of those who should attend; passed when the yes votes (written yes of absentees included) are
MORE than half of the full members who should attend — the denominator is *should attend*, not
*present*. Other kinds (a title committee: two thirds of the experts present) are a ``VoteRule``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, FieldErrors

from .rules import BASIS_PRESENT, VoteRule


@dataclass(frozen=True)
class Tally:
    should_attend: int  # 应到会有表决权人数 (full members minus approved exclusions)
    present: int  # 实到会有表决权人数
    yes: int
    no: int
    abstain: int
    written_yes: int = 0  # written opinions of voters who could not attend
    written_no: int = 0


@dataclass(frozen=True)
class Outcome:
    quorum_met: bool
    passed: bool
    quorum_needed: int  # the least number present that makes the quorum
    pass_needed: int  # the least number of (counted) yes votes that passes
    yes_counted: int  # yes + written yes where the rule counts them


def least_above(total: int, fraction: Fraction, strict: bool) -> int:
    """The least whole number n with n > fraction × total (strict) or n ≥ fraction × total."""
    bound = fraction * total
    n = bound.numerator // bound.denominator  # floor
    if strict:
        return n + 1
    return n if n == bound else n + 1


def tally_check(tally: Tally) -> None:
    """Refuse a tally that cannot be right, with every problem at once."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    for name in ("should_attend", "present", "yes", "no", "abstain", "written_yes", "written_no"):
        value = getattr(tally, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            add(name, _("票数和人数必须是不小于0的整数。"))
    if errors:
        raise FieldErrors(field_errors=errors)
    if tally.should_attend < 1:
        add("should_attend", _("应到会有表决权人数至少为1人。"))
    if tally.present > tally.should_attend:
        add("present", _("实到会有表决权人数（%(present)s人）不能超过应到会有表决权人数"
                         "（%(should)s人）。") % {"present": tally.present,
                                               "should": tally.should_attend})
    cast = tally.yes + tally.no + tally.abstain
    if cast > tally.present:
        add("yes", _("赞成、反对、弃权票合计（%(cast)s票）不能超过实到会有表决权人数（%(present)s人）。")
            % {"cast": cast, "present": tally.present})
    written = tally.written_yes + tally.written_no
    absent = max(tally.should_attend - tally.present, 0)
    if written > absent:
        add("written_yes", _("书面意见（%(written)s份）只能来自未到会的有表决权党员（%(absent)s人）。")
            % {"written": written, "absent": absent})
    if errors:
        raise FieldErrors(field_errors=errors)


def vote_evaluate(rule: VoteRule, tally: Tally) -> Outcome:
    """The quorum and the result of ``tally`` under ``rule`` (the tally is checked first)."""
    tally_check(tally)
    quorum_needed = least_above(tally.should_attend, rule.quorum_fraction, rule.quorum_strict)
    pass_base = tally.present if rule.pass_basis == BASIS_PRESENT else tally.should_attend
    pass_needed = least_above(pass_base, rule.pass_fraction, rule.pass_strict)
    yes_counted = tally.yes + (tally.written_yes if rule.written_count else 0)
    quorum_met = tally.present >= quorum_needed
    return Outcome(quorum_met=quorum_met,
                   passed=quorum_met and pass_base > 0 and yes_counted >= pass_needed,
                   quorum_needed=quorum_needed, pass_needed=pass_needed,
                   yes_counted=yes_counted)


def quorum_require(rule: VoteRule, tally: Tally) -> Outcome:
    """The outcome, or a hard refusal quoting the rule and its article when there is no
    quorum (a meeting without a quorum cannot vote)."""
    outcome = vote_evaluate(rule, tally)
    if not outcome.quorum_met:
        raise ApplicationError(
            _("到会有表决权人数%(present)s人，不足%(needed)s人（应到%(should)s人），不能表决。%(rule)s")
            % {"present": tally.present, "needed": outcome.quorum_needed,
               "should": tally.should_attend, "rule": rule.quorum_rule},
            field="present_voting")
    return outcome


def passed_require(rule: VoteRule, tally: Tally) -> Outcome:
    """For a gate that needs the vote passed (a development case's next step): the outcome or
    a hard refusal quoting the pass rule."""
    outcome = quorum_require(rule, tally)
    if not outcome.passed:
        raise ApplicationError(
            _("赞成%(yes)s票，未达到通过所需的%(needed)s票，表决未通过。%(rule)s")
            % {"yes": outcome.yes_counted, "needed": outcome.pass_needed,
               "rule": rule.pass_rule},
            field="yes")
    return outcome
