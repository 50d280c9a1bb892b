from django.db import models
from django.utils.translation import gettext_lazy as _


class Committee(models.Model):
    """汶上县新型职业农民职称评审委员会: its secretariat is an organisation (农业农村局)."""

    name = models.CharField(_("名称"), max_length=80)
    secretariat = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("办事机构"))
    filed_with = models.CharField(_("备案机关"), max_length=80, blank=True)
    levels = models.ManyToManyField("talent.TitleLevel", related_name="committees",
                                    verbose_name=_("授权评审级别"))

    def __str__(self):
        return self.name


class Expert(models.Model):
    """A committee member for a term of at most three years."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="experts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    specialty = models.ForeignKey("talent.Specialty", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("职称"), max_length=40, blank=True)
    # The cooperative or enterprise the expert belongs to or runs (recusal).
    cooperative = models.CharField(_("所在合作社/企业"), max_length=80, blank=True)
    term_from = models.DateField(_("聘期起"))
    term_to = models.DateField(_("聘期止"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "person", "term_from"],
                                               name="talent_expert_unique")]

    def __str__(self):
        return self.person.name


class ExpertRelative(models.Model):
    """A relative the expert declared: he never scores that person's application."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="relatives")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(_("关系"), max_length=20)

    def __str__(self):
        return f"{self.expert} · {self.relation}"
