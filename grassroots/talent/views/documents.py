"""Downloads of the title evaluation's documents (scoped like the pages that link them)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from grassroots.core.files import MIME, download_response
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user

from .. import documents
from ..models import Application
from .titles import _round_or_404

ROUND_DOCUMENTS = {
    "call": (documents.round_call_docx, "评审通知", "docx"),
    "announcement": (documents.announcement_docx, "职称公布文件", "docx"),
    "tally": (documents.tally_xlsx, "评分与表决汇总", "xlsx"),
    "subsidy-roll": (documents.subsidy_roll_xlsx, "补助发放花名册", "xlsx"),
    "priority-list": (documents.priority_list_xlsx, "优先对象名单", "xlsx"),
    "eligibility": (documents.eligibility_xlsx, "资格审查汇总表", "xlsx"),
    "scoring": (documents.scoring_sheets_xlsx, "评分表", "xlsx"),
    "record": (documents.committee_record_docx, "评审会议记录", "docx"),
}
# The secretariat's working papers: scores, tallies, the committee's record and the eligibility
# verdicts (with the reasons) of every town's applicants.
SECRETARIAT_ONLY = frozenset({"tally", "scoring", "record", "eligibility"})


@login_required
def round_document(request, pk, kind):
    require(request.user, "talent.pages")
    if kind in SECRETARIAT_ONLY:
        require(request.user, "talent.manage")
    if kind not in ROUND_DOCUMENTS:
        raise Http404
    rnd = _round_or_404(request.user, pk)
    build, name, ext = ROUND_DOCUMENTS[kind]
    return download_response(build(rnd), f"{rnd.title}{name}.{ext}", MIME[ext])


@login_required
def application_form(request, pk):
    application = get_for_user(
        Application.objects.select_related("talent__person", "town", "level", "specialty",
                                           "round"), request.user, pk)
    return download_response(documents.application_form_docx(application),
                             f"职称评审表-{application.talent.person.name}.docx", MIME["docx"])


CERTIFICATE = {"docx": documents.certificate_docx, "pdf": documents.certificate_pdf}


@login_required
def certificate(request, pk, ext):
    """证书 of an awarded title: the holder and the officers who see his application."""
    application = get_for_user(
        Application.objects.select_related("award__person", "award__level",
                                           "award__specialty", "town", "round__committee"),
        request.user, pk)
    award = getattr(application, "award", None)
    if award is None or ext not in CERTIFICATE:
        raise Http404
    return download_response(CERTIFICATE[ext](award),
                             f"职称证书-{award.person.name}.{ext}", MIME[ext])
