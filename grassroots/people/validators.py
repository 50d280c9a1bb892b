import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """At least three of: lower case, upper case, digits, symbols (等保 2.0 password complexity)."""

    def validate(self, password, user=None):
        classes = sum(
            bool(re.search(p, password)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^a-zA-Z\d]")
        )
        if classes < 3:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字和符号中的至少三类。"), code="password_classes"
            )

    def get_help_text(self):
        return _("密码须包含大写字母、小写字母、数字和符号中的至少三类。")
