from .calendar import expected_fulfil, expected_generate  # noqa: F401
from .meetings import (  # noqa: F401
    attachment_add,
    attendance_record,
    attendee_add,
    meeting_cancel,
    meeting_create,
    meeting_hold,
    meeting_record_minutes,
)
from .votes import vote_record  # noqa: F401
