"""What each kind of attendee may do at a theme party day (S3 §5.1, 00-common §1.3).

Every invitee sits in as a guest of the meeting (``meetings.AttendanceRole.GUEST``): the party
vote rule counts full members only, so none of them is ever counted as a voter. Non-members
(mass representatives, activists) speak and propose; attending organ party members (the town's
guide) also hold the four rights in the branch they sink into (知情权、话语权、参与权、监督权).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from .models import InviteeKind

FOUR_RIGHTS = {"know": _("知情权"), "speak": _("话语权"), "participate": _("参与权"),
               "supervise": _("监督权")}

# --- county-editable numbers, shipped as the rule set ``partyday.2019`` (00-common §1.1) -------
# A county tightens them with a local set on the rule-set pages; every reader takes the set in
# force on the day of the case (``rule_set_in_force``). The theme day's frequency is not
# repeated here: it is ``life.theme_day_months`` of the "party.org" set (meetings.rules), the
# same param the meetings' organisational-life calendar reads.
FAMILY = "partyday"
ROUTE_KEY = "suggestion.route_within_working_days"
# the shipped value, used only when no "partyday" set is in force (a day before 2019)
ROUTE_WORKING_DAYS = 2

_INF = "(inferred) S3 §5.3"
SETS: list[dict] = [{
    "family": FAMILY, "code": "partyday.2019", "status": "confirmed",
    "title": "主题党日“双向列席”工作制度（意见建议分办）", "issuer": "县委组织部",
    "doc_number": "", "effective_from": date(2019, 5, 6), "source_url": "",
    "source": "[S5] art. 16 (a theme party day every month) and the Liangshan practice [SEED]; "
              "the routing limit is (inferred) S3 §5.3.",
    "params": [
        (ROUTE_KEY, ROUTE_WORKING_DAYS, 1, "working_days", "soft", "max", True, "",
         "意见建议分办时限", "主题党日上登记的意见建议应在{value}个工作日内分办"
         "（民意诉求转为群众诉求，合理化建议由支部研究决定）。", _INF),
    ],
}]


def ship(RuleSet, RuleParam) -> int:  # noqa: N803 - model classes (historical in migrations)
    """Create the sets and params that are missing (never changes an existing row)."""
    from grassroots.rulesets.shipped import ship as ship_sets

    return ship_sets(RuleSet, RuleParam, sets=SETS)


def rule_set_on(on: date):
    """The "partyday" set in force on ``on`` (None before the first one)."""
    from grassroots.rulesets.selectors import NoRuleSet, rule_set_in_force

    try:
        return rule_set_in_force(FAMILY, on)
    except NoRuleSet:
        return None


def route_working_days(rule_set) -> int:
    """Working days a suggestion may wait before it is routed, per ``rule_set`` (a county's
    stricter local set may say 1)."""
    from grassroots.rulesets.selectors import NoRuleSet, rule_param

    if rule_set is None:
        return ROUTE_WORKING_DAYS
    try:
        value = rule_param(rule_set, ROUTE_KEY).value
    except NoRuleSet:
        return ROUTE_WORKING_DAYS
    # add_working_days counts whole days; a fraction (0.5) rounds down, never below 1
    return max(1, int(value))


def theme_day_months(on: date) -> int:
    """Every how many months a branch holds a theme party day, per the "party.org" set in force
    (``life.theme_day_months``: 1 = every month)."""
    from grassroots.meetings.rules import obligation_months

    return obligation_months(on)["theme_day"]


def rights_of(kind: str) -> list[str]:
    """The rights recorded on an invitation of ``kind``."""
    if kind == InviteeKind.TOWN_STAFF:
        return list(FOUR_RIGHTS)
    return ["speak"]


def may_vote(kind: str) -> bool:
    """No invitee votes on the branch's party matters (S6 art. 7 a fortiori, inferred)."""
    return False


def may_propose(kind: str) -> bool:
    return True
