"""Access of the triage pages for the access matrix (grassroots.testing.access)."""

from grassroots.core import clock
from grassroots.testing.access import LOGIN, Check, expect, only, world_part
from grassroots.triage.models import ModelKind, ModelStatus, TriageModel


@world_part()
def build_triage(world):
    model = TriageModel.objects.create(kind=ModelKind.UNIT, version=1, status=ModelStatus.READY,
                                       trained_at=clock.now())
    world.ids["triage_model"] = model.pk


ROUTES = {
    "triage/hot/": Check("/triage/hot/", expect(
        403, anonymous=LOGIN, admin=200, supervisor=200, dispatcher=200, citizen=404)),
    "triage/models/": Check("/triage/models/", expect(403, anonymous=LOGIN, admin=200,
                                                      citizen=404)),
    "triage/models/table/": Check("/triage/models/table/", expect(
        403, anonymous=LOGIN, admin=200, citizen=404)),
    "triage/models/train/": Check("/triage/models/train/", expect(405, anonymous=LOGIN)),
    "triage/models/<int:pk>/activate/": Check(
        "/triage/models/{triage_model}/activate/", only(("admin",), 302, default=403,
                                                         citizen=404),
        method="post", writes=("admin",)),
    "triage/replies/": Check("/triage/replies/", expect(
        403, anonymous=LOGIN, admin=200, supervisor=200, citizen=404)),
    "triage/recurrences/": Check("/triage/recurrences/", expect(
        403, anonymous=LOGIN, admin=200, supervisor=200, dispatcher=200, citizen=404)),
    "triage/reply-check/": Check("/triage/reply-check/", expect(405, anonymous=LOGIN)),
    # every signed-in user: staff see candidates in their scope, a citizen only a count
    # a live check while typing: an expired session gets nothing (204), not the login page
    "triage/intake-duplicates/": Check("/triage/intake-duplicates/?title=水压低&text=3号楼水压很低",
                                       expect(200, anonymous=204)),
    "triage/duplicates/<int:pk>/dismiss/": Check("/triage/duplicates/{demand_in}/dismiss/",
                                                 expect(405, anonymous=LOGIN),
                                                 expect(405, anonymous=LOGIN)),
    "triage/settings/": [
        Check("/triage/settings/", expect(405, anonymous=LOGIN)),
        Check("/triage/settings/", only(("admin",), 302, default=403, citizen=404),
              method="post", data={"auto_dispatch_enabled": "on",
                                   "auto_dispatch_threshold": "0.9"}, writes=("admin",)),
    ],
}
