from django.core.cache import cache
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

# The policy rows as dispatch reads them (``services.deadlines.policy_table``), in the shared cache.
POLICY_CACHE_KEY = "demands:deadline-policies:v1"


class Category(models.Model):
    """A node of the three-level demand category tree (一级/二级/三级分类)."""

    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("上级分类"))
    level = models.PositiveSmallIntegerField(_("层级"), default=1)
    code = models.CharField(_("编码"), max_length=20, unique=True)
    # Extra questions a citizen answers for this category (Open311 service attributes).
    attributes = models.JSONField(_("补充信息项"), default=list, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("诉求分类")
        verbose_name_plural = _("诉求分类")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="category_unique_name")]

    def __str__(self):
        return self.name

    @property
    def path(self) -> str:
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))

    def ancestors_and_self(self):
        node = self
        while node is not None:
            yield node
            node = node.parent


class DeadlinePolicy(models.Model):
    """Deadlines per category and grade; a row without a category is the county default."""

    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="deadline_policies", verbose_name=_("分类"))
    grade = models.CharField(_("紧急程度"), max_length=12)
    acknowledge_hours = models.DecimalField(_("签收时限（工作小时）"), max_digits=5, decimal_places=2)
    reply_days = models.DecimalField(_("答复时限（工作日）"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        constraints = [
            models.UniqueConstraint(fields=["category", "grade"], name="deadline_policy_unique"),
        ]

    def __str__(self):
        return f"{self.category or _('默认')} · {self.grade}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.forget()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget()
        return result

    @staticmethod
    def forget() -> None:
        """Drop the cached policy table: at once (for this transaction) and after commit
        (another process may have cached the old rows in between)."""
        cache.delete(POLICY_CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(POLICY_CACHE_KEY))


class DispatchRule(models.Model):
    """The dispatch catalogue: category (+ town) → default lead unit."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="dispatch_rules",
                                 verbose_name=_("分类"))
    town = models.ForeignKey("places.Division", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("镇街（可选）"))
    unit = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("默认主办单位"))
    assisting_units = models.ManyToManyField("orgs.Organization", blank=True, related_name="+",
                                             verbose_name=_("默认协办单位"))

    class Meta:
        verbose_name = _("派单目录")
        verbose_name_plural = _("派单目录")
        constraints = [
            models.UniqueConstraint(fields=["category", "town"], name="dispatch_rule_unique"),
        ]

    def __str__(self):
        return f"{self.category} → {self.unit}"
