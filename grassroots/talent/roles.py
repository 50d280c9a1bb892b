"""The talent system's roles (registered with core.scope in TalentConfig.ready)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TalentRole(models.TextChoices):
    # Held as memberships of the county bodies (orgs.Membership.role).
    TALENT_OFFICE = "talent_office", _("人才办工作人员")
    TITLE_SECRETARIAT = "title_secretariat", _("职称评审办公室")
    HR_BUREAU = "hr_bureau", _("人社局职称科")
    SCIENCE_BUREAU = "science_bureau", _("科技局人才科")
    BASE_OPERATOR = "base_operator", _("实训基地运营人员")
    # Given by the scope provider from the talent records themselves.
    COMMITTEE_EXPERT = "committee_expert", _("评审专家")
    APPLICANT = "talent_applicant", _("职称申报人")


COUNTY_READERS = frozenset({TalentRole.TALENT_OFFICE, TalentRole.TITLE_SECRETARIAT,
                            TalentRole.HR_BUREAU})
