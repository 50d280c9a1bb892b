from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentRole(models.TextChoices):
    """Roles of routine assessment held as memberships (``orgs.Membership.role``)."""

    AUTHORITY = "cs_authority", _("公务员主管部门")
    COMMITTEE = "assess_committee", _("考核委员会委员")
    CIVIL_SERVANT = "civil_servant", _("公务员")


# Scope dimensions this app adds (see scope.py).
DIMENSIONS = ("assess_head", "assess_committee", "assess_section", "assess_authority",
              "assess_member_unit")
