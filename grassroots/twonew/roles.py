"""The two-new roles (registered with core.scope in TwonewConfig.ready).

* ``twonew_committee``: an officer of the county two-new working committee (两新工委), held as an
  orgs membership; sees and manages every park, organisation and entry (as the county
  organisation department does).
* ``twonew_park_officer``: an officer of a park's party committee (``ParkStaff``): his park's
  organisations, entries, centre and teams.
* ``twonew_centre_mgr``: the manager of a park's service centre (``ParkStaff``): rooms,
  bookings and activities of his centre, read access to his park.
* ``twonew_instructor``: a "红帆" instructor (``Instructor.person``): only the organisations
  assigned to him, and his visits.
* ``twonew_lecturer``: a lecturer of the pool (``Lecturer.person``): his own lectures.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TwoNewRole(models.TextChoices):
    COMMITTEE = "twonew_committee", _("两新工委工作人员")
    PARK_OFFICER = "twonew_park_officer", _("园区党委工作人员")
    CENTRE_MANAGER = "twonew_centre_mgr", _("党群服务中心管理员")
    INSTRUCTOR = "twonew_instructor", _("党建指导员")
    LECTURER = "twonew_lecturer", _("党校讲师")
