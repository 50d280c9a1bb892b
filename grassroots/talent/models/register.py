from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import RestrictQuerySet, Scope


class TalentCategory(models.TextChoices):
    PLANTING = "planting", _("种植")
    BREEDING = "breeding", _("养殖")
    PROCESSING = "processing", _("加工")
    MACHINERY = "machinery", _("农机")
    ECOMMERCE = "ecommerce", _("电商")
    CRAFT = "craft", _("手工艺")
    MANAGEMENT = "management", _("经营管理")
    SERVICE = "service", _("社会化服务")


class RuralTalentQuerySet(RestrictQuerySet):
    def restrict_scope(self, scope: Scope, action="view"):
        if allows(scope, "talent.register_all", action):
            return self
        q = models.Q(person_id=scope.person_id) if scope.person_id else models.Q(pk__in=[])
        if allows(scope, "talent.town_reader"):
            q |= models.Q(town_id__in=scope.town_ids)
        return self.filter(q)


class RuralTalent(models.Model):
    """乡土人才 register entry: one per person."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                  related_name="rural_talent")
    town = models.ForeignKey("places.Division", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("所在镇街"))
    category = models.CharField(_("类别"), max_length=20, choices=TalentCategory.choices)
    skills = models.CharField(_("技能特长"), max_length=200, blank=True)
    cooperative = models.CharField(_("所在合作社/企业"), max_length=80, blank=True)
    scale = models.CharField(_("经营规模"), max_length=80, blank=True)
    registered_at = models.DateTimeField(_("登记时间"))

    objects = RuralTalentQuerySet.as_manager()

    def __str__(self):
        return self.person.name
