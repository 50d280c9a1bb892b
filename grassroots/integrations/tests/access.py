"""Access of Open311 and the 12345 integration pages for the access matrix
(grassroots.testing.access), and every role's read-only API token."""

from grassroots.demands.tests.access import DETAIL_IN, DETAIL_OUT
from grassroots.integrations.models import Open311Request
from grassroots.integrations.services.tokens import api_token_create
from grassroots.testing.access import LOGIN, PUBLIC, Check, expect, world_part


@world_part(after=("demands",))
def build_integrations(world):
    """An Open311 token per side's dispatched demand; each role's read-only API key."""
    for side in ("in", "out"):
        request = Open311Request.objects.create(demand_id=world.ids[f"dispatched_{side}"])
        world.ids[f"open311_{side}"] = str(request.token)
    for role, user in world.users.items():
        if user is None:
            continue
        _token, plaintext = api_token_create(actor=world.county.admin, name=f"矩阵 {role}",
                                             user=user)
        world.api_keys[role] = plaintext


ROUTES = {
    # Open311 is authenticated by the role's own read-only api_key, not the session.
    '^open311/v2/discovery\\.(?P<fmt>json|xml)$': Check("/open311/v2/discovery.json", PUBLIC),
    '^open311/v2/services\\.(?P<fmt>json|xml)$': Check("/open311/v2/services.xml", PUBLIC),
    '^open311/v2/services/(?P<code>[\\w\\-]{1,20})\\.(?P<fmt>json|xml)$': Check(
        "/open311/v2/services/{service_code}.json", PUBLIC),
    '^open311/v2/requests\\.(?P<fmt>json|xml)$': [
        Check("/open311/v2/requests.json?api_key={api_key}", expect(200, anonymous=403)),
        # Posting needs a token with the write scope: a read-only one writes nothing.
        Check("/open311/v2/requests.json", expect(403), method="post", data={
            "api_key": "{api_key}", "service_code": "{service_code}",
            "address_string": "金城社区3号楼", "description": "小区水压低，楼上用不上水。"}),
    ],
    '^open311/v2/requests/(?P<request_id>[\\w\\-]{1,40})\\.(?P<fmt>json|xml)$': Check(
        "/open311/v2/requests/{number_in}.json?api_key={api_key}",
        DETAIL_IN.but(anonymous=403), DETAIL_OUT.but(anonymous=403)),
    '^open311/v2/tokens/(?P<token>[\\w\\-]{1,64})\\.(?P<fmt>json|xml)$': Check(
        "/open311/v2/tokens/{open311_in}.json?api_key={api_key}",
        DETAIL_IN.but(anonymous=403), DETAIL_OUT.but(anonymous=403)),
    "integrations/city12345/": Check("/integrations/city12345/", expect(
        403, anonymous=LOGIN, admin=200, dispatcher=200)),
    "integrations/city12345/items": Check("/integrations/city12345/items", expect(405)),
    "integrations/city12345/retry": Check("/integrations/city12345/retry",
                                          expect(405, anonymous=LOGIN)),
}
