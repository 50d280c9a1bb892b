"""The publicity's numbers, in one place until the rule sets (grassroots.rulesets) are merged.

Each value names the rule set code and parameter key it will be read from then
(``rulesets.selectors.rule_set_in_force(code, on)`` / ``rule_param(rule_set, key)``).
"""

# 《中国共产党发展党员工作细则》: "公示期不少于5个工作日" (the same minimum for pioneer and title
# publicity in the county's practice).
RULE_SET_CODE = "party.dev.2014"
MIN_WORKING_DAYS_KEY = "publicity_min_working_days"
MIN_WORKING_DAYS = 5
# The longest period an officer may set (a typo of 500 days must not hide a list for a year).
MAX_WORKING_DAYS_KEY = "publicity_max_working_days"
MAX_WORKING_DAYS = 30
# Home page: publicities ending within this many working days are shown as deadlines.
ENDING_SOON_WORKING_DAYS = 3


def min_working_days() -> int:
    return MIN_WORKING_DAYS


def max_working_days() -> int:
    return MAX_WORKING_DAYS
