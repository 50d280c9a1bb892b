from django.db import models

from grassroots.rulesets.models import RuleGoverned, RuleParam


class Application(RuleGoverned):
    """An application that must be answered by a rule's deadline (like 谈话 within a month)."""

    title = models.CharField(max_length=100)
    started_on = models.DateField()
    due_on = models.DateField(null=True)
    due_param = models.ForeignKey(RuleParam, null=True, on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField(null=True)

    class Meta:
        app_label = "rulecase"
