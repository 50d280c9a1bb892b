from .centre import booking_cancel, centre_calendar, centre_page, room_book
from .entries import entry_detail, entry_list, entry_new, entry_step
from .orgs import org_detail, org_import, org_list, org_new, org_survey
from .overview import coverage_page, export, home
from .people import people_page, visit_new
from .registers import register_new
from .teams import matter_act, problem_act, teams_page

__all__ = [
    "booking_cancel", "centre_calendar", "centre_page", "coverage_page", "entry_detail", "entry_list", "entry_new",
    "entry_step", "export", "home", "matter_act", "org_detail", "org_import", "org_list",
    "org_new", "org_survey", "people_page", "problem_act", "register_new", "room_book", "teams_page",
    "visit_new",
]
