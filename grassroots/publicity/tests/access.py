"""Publicity in the access matrix: the public page and objection form (anonymous included),
the officers' pages and the API. ``{pub_in}`` belongs to the water bureau in town A (its staff,
town A's staff), ``{pub_out}`` to the housing bureau in town B (the outsider's); both are in
force. ``{pubforce_out}`` is a draft: not public, no objection to it."""

from grassroots.testing.access import (
    API_LIST,
    PUBLIC,
    Check,
    expect,
    footprint,
    never_shown,
    only,
    world_part,
)

TEXT = "反映该同志有违规操办酒席的情况，请组织核实。"
CONTACT = "13905370001"
EVERYONE = ("anonymous", "admin", "supervisor", "dispatcher", "handler", "leader", "viewer",
            "outsider", "town_staff", "secretary", "citizen", "auditor")
# The officers' pages: county managers and supervisors, units' staff, towns' staff, and party
# branch secretaries (the matrix's grid secretary is also branch A1's secretary).
OFFICERS = ("admin", "supervisor", "handler", "leader", "outsider", "town_staff", "secretary")
IN_SCOPE = ("admin", "supervisor", "handler", "leader", "town_staff")
OUT_SCOPE = ("admin", "supervisor", "outsider")


def _run(code=302):
    """An officer's write on the publicity: the owners act, a supervisor only reads (403)."""
    inside = only(("admin", "handler", "leader", "town_staff"), code, supervisor=403)
    outside = only(("admin", "outsider"), code, supervisor=403)
    return inside, outside


ROUTES = {
    "publicity/": Check("/publicity/", PUBLIC),
    # Anyone may object to a publicity in force (no account needed); a draft is not there.
    "publicity/<int:pk>/object/": Check(
        "/publicity/{pubforce_in}/object/", expect(302), expect(404), method="post",
        data={"content": TEXT, "submitter_contact": CONTACT}, writes=EVERYONE),
    "publicity/manage/": Check("/publicity/manage/", only(OFFICERS)),
    "publicity/manage/new/": Check(
        "/publicity/manage/new/", only(OFFICERS, supervisor=403)),
    "publicity/manage/<int:pk>/": Check(
        "/publicity/manage/{pub_in}/", only(IN_SCOPE), only(OUT_SCOPE)),
    "publicity/manage/<int:pk>/act/": Check(
        "/publicity/manage/{pub_in}/act/", *_run(), method="post",
        data={"action": "publicity_withdraw", "note": "人选调整，重新公示"}),
    "publicity/manage/<int:pk>/objections/": Check(
        "/publicity/manage/{pub_in}/objections/", *_run(), method="post",
        data={"channel": "letter", "content": TEXT}),
    "publicity/manage/objections/<int:pk>/act/": Check(
        "/publicity/manage/objections/{pubobjection_in}/act/", *_run(), method="post",
        data={"action": "objection_investigate"}),
    "api:GET /publicities/in-force": Check("/api/v1/publicities/in-force", PUBLIC),
    "api:GET /publicities": Check("/api/v1/publicities", API_LIST),
    "api:GET /publicities/{publicity_id}": Check(
        "/api/v1/publicities/{pub_in}",
        only(IN_SCOPE + ("viewer",), anonymous=401),
        only(OUT_SCOPE, anonymous=401)),
}


@world_part()
def build_publicities(world):
    from grassroots.publicity.models import Objection, Publicity
    from grassroots.publicity.services import objection_receive, publicity_create, today

    county, ids = world.county, world.ids
    footprint(Publicity, Objection)
    never_shown(CONTACT, "13905370002")

    def posted(org, town, title, contact, publish=True):
        p = publicity_create(
            actor=county.admin, subject=org, kind="other", scope="unit", title=title,
            fields={"姓名": "张明", "推荐等次": "优秀党员"}, start_on=today(),
            contact_phone="0537-8721234", organization=org, town=town, publish=publish)
        if publish:
            o, _created = objection_receive(actor=None, publicity=p, content=TEXT,
                                            submitter_contact=contact)
            return p, o
        return p, None

    pub_in, objection_in = posted(county.water, county.town_a, "水务局优秀党员拟表彰公示",
                                  "13905370002")
    pub_out, objection_out = posted(county.housing, county.town_b, "住建局优秀党员拟表彰公示",
                                    "13905370002")
    draft, _none = posted(county.water, county.town_a, "水务局尚未发布的公示", "", publish=False)
    ids.update(pub_in=pub_in.pk, pub_out=pub_out.pk, pubforce_in=pub_in.pk,
               pubforce_out=draft.pk, pubobjection_in=objection_in.pk,
               pubobjection_out=objection_out.pk)
