"""The three-part transfer letter (stub, letter, receipt [S11]) as a 登记表-style .docx
(documents.FormDocument) and as a PDF (documents.render.html_pdf). The ID number is printed
masked, as in every export (00-common §9)."""

from django.utils.translation import gettext as _

from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import cn_date
from grassroots.documents.render import html_pdf


def _parts(t) -> dict:
    person = t.member.person
    paid = (f"{t.dues_paid_through.year}年{t.dues_paid_through.month}月"
            if t.dues_paid_through else _("无缴纳记录"))
    status = t.member.get_status_display()
    return {
        "number": t.letter_no, "name": person.name, "gender": person.gender or "—",
        "id_number": person.id_number_masked or "—", "status": status,
        "from_org": t.from_org.name, "to_org": t.to_org.name, "paid": paid,
        "issued": cn_date(t.issued_on), "valid": cn_date(t.valid_until), "reason": t.reason,
        "stub": _("%(name)s同志（%(status)s）的组织关系由%(from)s转到%(to)s。党费交至%(paid)s。"
                  "有效期至%(valid)s。") % {"name": person.name, "status": status,
                                           "from": t.from_org.name, "to": t.to_org.name,
                                           "paid": paid, "valid": cn_date(t.valid_until)},
        "letter": _("%(to)s：兹介绍%(name)s同志（%(status)s，公民身份号码%(id)s）的党员组织关系"
                    "转去你处，请接洽。该同志党费已交到%(paid)s。（有效期至%(valid)s）") % {
            "to": t.to_org.name, "name": person.name, "status": status,
            "id": person.id_number_masked or "—", "paid": paid, "valid": cn_date(t.valid_until)},
        "receipt": _("%(from)s：%(name)s同志的党员组织关系已转达我处，特此回执。") % {
            "from": t.from_org.name, "name": person.name},
    }


def transfer_letter_docx(transfer) -> bytes:
    p = _parts(transfer)
    form = FormDocument(_("中国共产党党员组织关系介绍信"), columns=3,
                        above=(p["from_org"], p["number"]))
    form.row((_("姓名"), p["name"]), (_("性别"), p["gender"]), (_("党员状态"), p["status"]))
    form.row((_("转出党组织"), p["from_org"]), (_("转入党组织"), p["to_org"]))
    form.row((_("党费交至"), p["paid"]), (_("有效期至"), p["valid"]))
    form.block(_("存根"), p["stub"], lines=3, sign=p["issued"])
    form.block(_("介绍信"), p["letter"], lines=4,
               sign=_("%(org)s（盖章）　%(d)s") % {"org": p["from_org"], "d": p["issued"]})
    form.block(_("回执"), p["receipt"], lines=3,
               sign=_("接收党组织（盖章）　　年　　月　　日"))
    form.note(_("注：存根由转出党组织留存；回执由最终接收的基层党委寄回。"))
    return form.to_bytes()


def transfer_letter_pdf(transfer) -> bytes:
    return html_pdf("partymembers/records/doc/transfer_letter.html", {"p": _parts(transfer)})
