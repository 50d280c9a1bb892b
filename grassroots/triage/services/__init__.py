"""Every write of the text-intelligence app. Pages, tasks and lifecycle hooks call these."""

from .hooks import on_lifecycle
from .intake import duplicate_dismiss
from .replies import reply_quality_record
from .settings import triage_settings_update
from .training import platform_rows, triage_model_activate, triage_model_train

__all__ = [
    "duplicate_dismiss", "on_lifecycle", "platform_rows", "reply_quality_record", "triage_model_activate",
    "triage_model_train", "triage_settings_update",
]
