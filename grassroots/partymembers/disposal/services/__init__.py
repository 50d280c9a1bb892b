"""Every write of the disposal sub-area (S2 §4.7–4.8)."""

from .candidates import candidate_flag, candidates_raise, valid_reason_record
from .eighth import education_record, eighth_branch_create
from .steps import APPEAL_RIGHTS, case_add_criteria, case_step

__all__ = ["APPEAL_RIGHTS", "candidate_flag", "candidates_raise", "case_add_criteria",
           "case_step", "education_record", "eighth_branch_create", "valid_reason_record"]
