from django.apps import AppConfig


class RulecaseConfig(AppConfig):
    """A throwaway case type governed by rule sets (docs/rulesets.md), installed only by the test
    settings: the example of ``RuleGoverned``, soft warnings and the overdue list helper."""

    name = "grassroots.testing.rulecase"
    label = "rulecase"
    verbose_name = "Rule case"
