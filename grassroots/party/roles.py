"""The party roles (registered with core.scope in PartyConfig.ready). The county organisation
department is the kernel's ``organization_dept`` role, held through an orgs membership."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyRole(models.TextChoices):
    ORG_OFFICER = "party_org_officer", _("党（工）委组织委员/组织员")
    BRANCH_SECRETARY = "party_secretary", _("党组织书记")
    MEMBER = "party_member", _("党员")
