"""The publicity's numbers. The minimum period is read from the rule set in force (family
``publicity``, key ``min_working_days``), so a county's confirmed stricter set applies; the
constants are the shipped defaults, used when no set is in force.
"""

# 《中国共产党发展党员工作细则》: "公示期不少于5个工作日" (the same minimum for pioneer and title
# publicity in the county's practice).
RULE_SET_FAMILY = "publicity"
MIN_WORKING_DAYS_KEY = "min_working_days"
MIN_WORKING_DAYS = 5
# The longest period an officer may set (a typo of 500 days must not hide a list for a year).
MAX_WORKING_DAYS_KEY = "publicity_max_working_days"
MAX_WORKING_DAYS = 30
# Home page: publicities ending within this many working days are shown as deadlines.
ENDING_SOON_WORKING_DAYS = 3


def min_working_days(on=None) -> int:
    from django.utils import timezone

    from grassroots.core import clock
    from grassroots.rulesets.selectors import NoRuleSet, rule_param, rule_set_in_force

    try:
        rule_set = rule_set_in_force(RULE_SET_FAMILY, on or timezone.localdate(clock.now()))
        return int(rule_param(rule_set, MIN_WORKING_DAYS_KEY).value)
    except NoRuleSet:
        return MIN_WORKING_DAYS


def max_working_days() -> int:
    return MAX_WORKING_DAYS
