"""The demo county's own seed steps (other apps register theirs from their ``demo.py``)."""

from .builders.logins import build_logins
from .builders.orgs import build_orgs
from .builders.places import build_places
from .builders.teams import build_teams
from .registry import register_step

register_step("places", build_places, order=100, label="行政区划与网格")
register_step("orgs", build_orgs, order=200, label="组织机构")
register_step("teams", build_teams, order=300, label="民情书记服务队")
register_step("logins", build_logins, order=400, label="演示账号")
