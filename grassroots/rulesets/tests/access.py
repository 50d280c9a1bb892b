"""The rule sets' pages and API in the access matrix (grassroots.testing.access).

Rule sets are not scoped: every staff member reads them (citizens get the 404 of a missing
page); only the administrator adds a local set or confirms a draft (403 for other staff)."""

from grassroots.rulesets.models import RuleParam, RuleSet
from grassroots.testing.access import LOGIN, STAFF, Check, footprint, only, world_part

READ = only(STAFF)
API_READ = only(STAFF, anonymous=401)
MANAGE = only(("admin",), 302, default=403, citizen=404)

ROUTES = {
    "rulesets/": Check("/rulesets/", READ),
    "rulesets/<int:pk>/": Check("/rulesets/{rule_set}/", READ),
    "rulesets/<int:pk>/local/new/": [
        Check("/rulesets/{rule_set}/local/new/", only(("admin",), default=403, citizen=404)),
        Check("/rulesets/{rule_set}/local/new/", MANAGE, method="post", data={
            "code": "party.dev.2014.matrix", "title": "矩阵测试本地规则", "scope": "county",
            "effective_from": "2020-01-01", "v_approval.within_months": "2"}),
    ],
    "rulesets/<int:pk>/confirm/": [
        Check("/rulesets/{rule_draft}/confirm/", only((), 405, default=405, anonymous=LOGIN)),
        Check("/rulesets/{rule_draft}/confirm/", MANAGE, method="post",
              data={"action": "rule_set_confirm"}),
    ],
    "api:GET /rule-sets": Check("/api/v1/rule-sets", API_READ),
    "api:GET /rule-sets/in-force": Check("/api/v1/rule-sets/in-force?family=party.dev&on=2025-01-01",
                                         API_READ),
    "api:GET /rule-sets/{rule_set_id}": Check("/api/v1/rule-sets/{rule_set}", API_READ),
}

footprint(RuleSet, RuleParam)


@world_part()
def build_rule_sets(world):
    from grassroots.rulesets.shipped import ship

    ship(RuleSet, RuleParam)  # the migration's rows, in case the database was flushed
    world.ids["rule_set"] = RuleSet.objects.get(code="party.dev.2014").pk
    world.ids["rule_draft"] = RuleSet.objects.get(code="party.dev.2026").pk
