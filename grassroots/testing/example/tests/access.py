"""The example app's pages in the access matrix: declared here, collected with no edit
elsewhere (grassroots.testing.access)."""

from grassroots.testing.access import LOGIN, Check, expect, world_part

IN_UNIT = ("admin", "handler", "leader")  # the water bureau's staff and the administrator


def _only_unit(code: int):
    return expect(404, anonymous=LOGIN, **dict.fromkeys(IN_UNIT, code))


# The outside errand is the housing bureau's: its handler (the matrix's outsider) holds it.
ROUTES = {
    "example/errands/<int:pk>/": Check("/example/errands/{errand_in}/", _only_unit(200),
                                       outside=_only_unit(404).but(admin=200, outsider=200,
                                                                   handler=404, leader=404)),
    "example/errands/<int:pk>/act/": Check(
        "/example/errands/{errand_in}/act/", _only_unit(302), method="post",
        data={"action": "errand_finish"},
        outside=_only_unit(404).but(admin=302, outsider=302, handler=404, leader=404)),
}


@world_part()
def build_errands(world):
    from ..services import errand_create

    county = world.county
    world.ids["errand_in"] = errand_create(actor=county.handler, unit=county.water,
                                           title="检查水表").pk
    world.ids["errand_out"] = errand_create(actor=county.outsider, unit=county.housing,
                                            title="检查楼道").pk
