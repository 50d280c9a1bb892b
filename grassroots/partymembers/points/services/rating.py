"""Peer rating rounds (no self-rating; the ratee never learns who rated him), the branch
committee's organisation rating, the branch's posting as a publicity, and the annual result:
composite with the scheme's weights re-normalised over the parts present, grade bands, rank in
the branch (a window function). A 不合格 result calls the registered listeners (the disposal
sub-area opens a *candidate*)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, F, Window
from django.db.models.functions import Rank
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.party.models import PartyMember, PartyOrganisation
from grassroots.rulesets.selectors import rule_param

from .. import selectors
from ..models import (
    AnnualResult,
    Aspect,
    Grade,
    OrgRating,
    PeerRating,
    PeerRound,
    PointsPosting,
    PointsScheme,
    RoundStatus,
    SchemeStatus,
)
from .common import TWO, guide_comments, text_of, today, unqualified_listeners

POSTED_LABEL = "党员积分"  # the one published label: name, aspect totals, total, rank


def _open_scheme(scheme: PointsScheme) -> None:
    scheme.refresh_from_db(fields=["status"])
    if scheme.status != SchemeStatus.PUBLISHED:
        raise ApplicationError(_("积分方案尚未发布或已结束。"))


def round_open(*, actor, scheme: PointsScheme, organisation: PartyOrganisation,
               closes_on: date) -> PeerRound:
    require(actor, "partymembers.points_record", organisation)
    _open_scheme(scheme)
    if not isinstance(closes_on, date) or closes_on < today():
        raise ApplicationError(_("截止日期不能早于今天。"), field="closes_on")
    try:
        with transaction.atomic():
            rnd = PeerRound.objects.create(scheme=scheme, organisation=organisation,
                                           opens_on=today(), closes_on=closes_on,
                                           opened_by=actor)
            event_record(subject=rnd, actor=actor, action="points_round_open",
                         to_state=rnd.status)
    except IntegrityError:
        raise ApplicationError(_("本支部本年度的互评已经开启。")) from None
    return rnd


def peer_rate(*, actor, round: PeerRound, ratee: PartyMember, score: int) -> PeerRating:
    """The signed-in member rates a fellow member of his branch (0–100). The rating stores
    the rater so he cannot vote twice; no page or API shows it to the ratee."""
    require(actor, "partymembers.points_rate")
    rater = selectors.my_member(actor)
    if rater is None or rater.organisation_id != round.organisation_id:
        raise NotInScope(_("未找到"))
    if round.status != RoundStatus.OPEN or round.closes_on < today():
        raise ApplicationError(_("互评已经结束。"))
    if ratee.pk == rater.pk:
        raise ApplicationError(_("不能给自己评分。"), field="ratee")
    if ratee.organisation_id != round.organisation_id or not ratee.is_active:
        raise ApplicationError(_("只能评议本支部的党员。"), field="ratee")
    if not isinstance(score, int) or not 0 <= score <= 100:
        raise ApplicationError(_("评分应为0至100的整数。"), field="score")
    try:
        with transaction.atomic():
            rating = PeerRating.objects.create(round=round, rater=rater, ratee=ratee,
                                               score=score)
            # The round's audit trail says who took part, never whom he rated or how.
            event_record(subject=round, actor=actor, action="points_peer_rated")
            return rating
    except IntegrityError:
        raise ApplicationError(_("您已经评议过该党员。"), field="ratee") from None


def round_close(*, actor, round: PeerRound) -> PeerRound:
    require(actor, "partymembers.points_record", round.organisation)
    with transaction.atomic():
        changed = PeerRound.objects.filter(pk=round.pk, status=RoundStatus.OPEN).update(
            status=RoundStatus.CLOSED)
        if changed != 1:
            raise ApplicationError(_("互评已经结束。"))
        event_record(subject=round, actor=actor, action="points_round_close",
                     from_state=RoundStatus.OPEN, to_state=RoundStatus.CLOSED,
                     extra=selectors.round_completion(round))
    round.status = RoundStatus.CLOSED
    return round


def org_rate(*, actor, scheme: PointsScheme, member: PartyMember, score, comment: str = "",
             on: date | None = None) -> OrgRating:
    """The branch committee's rating (0–100), with the guide's comment kept as its input."""
    require(actor, "partymembers.points_record", member)
    _open_scheme(scheme)
    try:
        score = Decimal(str(score))
    except ArithmeticError:
        score = Decimal("-1")
    if not Decimal(0) <= score <= Decimal(100):
        raise ApplicationError(_("组织评定分应为0至100。"), field="score")
    comment = text_of(comment, field="comment", label=_("评定意见"), required=False)
    guide = guide_comments([member.pk], scheme.year).get(member.pk, "")[:300]
    with transaction.atomic():
        rating, _made = OrgRating.objects.update_or_create(
            scheme=scheme, member=member,
            defaults={"score": score, "comment": comment, "guide_comment": guide,
                      "rated_by": actor, "rated_on": on or today()})
        event_record(subject=rating, actor=actor, action="points_org_rate",
                     extra={"score": str(score)})
    return rating


def posting_value(row) -> str:
    parts = "，".join(f"{Aspect(a).label}{getattr(row, f'a_{a}'):g}" for a in Aspect.values)
    return f"{row.person.name}：{parts}，合计{row.total:g}，排名第{row.rank}"


def posting_publish(*, actor, scheme: PointsScheme, organisation: PartyOrganisation,
                    start: date, end: date, contact_phone: str) -> PointsPosting:
    """Post the branch's table of the period as a publicity (≥ 5 working days, objections):
    name, aspect totals, total and rank only — no deduction reasons (S2 §4.10)."""
    from grassroots.publicity.services import publicity_create

    require(actor, "partymembers.points_record", organisation)
    _open_scheme(scheme)
    rows = list(selectors.branch_table(actor, organisation, start, end))
    if not rows:
        raise ApplicationError(_("本支部没有在册党员，不能公示。"))
    days = int(rule_param(scheme.rule_set, "posting.min_working_days").value) \
        if scheme.rule_set_id else None
    try:
        with transaction.atomic():
            posting = PointsPosting.objects.create(
                scheme=scheme, organisation=organisation, period_start=start, period_end=end,
                posted_on=today(), posted_by=actor)
            publicity = publicity_create(
                actor=actor, subject=posting, kind="points", scope="branch",
                title=_("%(org)s党员积分公示（%(s)s至%(e)s）") % {
                    "org": organisation.name, "s": f"{start:%Y-%m-%d}", "e": f"{end:%Y-%m-%d}"},
                fields=[{"key": f"m{r.pk}", "label": POSTED_LABEL, "value": posting_value(r)}
                        for r in rows],
                start_on=today(), min_working_days=days, contact_phone=contact_phone,
                owner=organisation, publish=True)
            posting.publicity = publicity
            posting.save(update_fields=["publicity"])
            event_record(subject=posting, actor=actor, action="points_posted",
                         extra={"publicity": publicity.pk, "members": len(rows)})
    except IntegrityError:
        raise ApplicationError(_("本支部本期积分已经公示。")) from None
    return posting


def posting_pii(posting) -> list[str]:
    out = []
    for person in PartyMember.objects.filter(organisation_id=posting.organisation_id,
                                             is_active=True).values_list(
            "person__phone", "person__id_number"):
        out += [v for v in person if v]
    return out


# --- the annual result ----------------------------------------------------------------------

def composite(parts: dict[str, Decimal | None], weights: dict[str, float]) -> Decimal:
    """Σ weight × part over the parts present, divided by the sum of their weights — a member
    without peer ratings is not zeroed ([A1]'s rule)."""
    present = {k: v for k, v in parts.items() if v is not None and float(weights.get(k, 0)) > 0}
    total_w = sum(Decimal(str(weights[k])) for k in present)
    if not total_w:
        return Decimal("0.00")
    s = sum(Decimal(str(weights[k])) * Decimal(v) for k, v in present.items())
    return (s / total_w).quantize(TWO, rounding=ROUND_HALF_UP)


def grade_of(score: Decimal, bands) -> str:
    for minimum, grade in sorted(bands, key=lambda b: -float(b[0])):
        if score >= Decimal(str(minimum)):
            return grade
    return Grade.UNQUALIFIED


def results_compute(*, actor, scheme: PointsScheme, organisation: PartyOrganisation):
    """Freeze the branch's annual results: daily score (capped), peer average, organisation
    rating, composite, grade, rank. Re-running replaces the branch's results; a member newly
    不合格 is passed to the listeners once."""
    require(actor, "partymembers.points_record", organisation)
    if scheme.status == SchemeStatus.DRAFT:
        raise ApplicationError(_("积分方案尚未发布。"))
    members = selectors.on_roll(PartyMember.objects.filter(organisation=organisation))
    daily = {m.pk: m.total for m in selectors.daily_scores(members, scheme)}
    peer = dict(PeerRating.objects.filter(round__scheme=scheme, ratee__in=members)
                .values("ratee_id").annotate(a=Avg("score")).values_list("ratee_id", "a"))
    org = dict(OrgRating.objects.filter(scheme=scheme, member__in=members)
               .values_list("member_id", "score"))
    full = Decimal(scheme.daily_max)
    with transaction.atomic():
        before = dict(AnnualResult.objects.select_for_update()
                      .filter(scheme=scheme, organisation=organisation)
                      .values_list("member_id", "grade"))
        AnnualResult.objects.filter(scheme=scheme, organisation=organisation).delete()
        rows = []
        for member_id, d in daily.items():
            d100 = (Decimal(d) * 100 / full) if full else Decimal(0)
            p = Decimal(str(peer[member_id])).quantize(TWO) if member_id in peer else None
            o = org.get(member_id)
            c = composite({"daily": d100, "peer": p, "organisation": o}, scheme.weights)
            rows.append(AnnualResult(scheme=scheme, member_id=member_id,
                                     organisation=organisation, daily_score=Decimal(d),
                                     peer_avg=p, org_score=o, composite=c,
                                     grade=grade_of(c, scheme.grade_bands), confirmed_by=actor))
        AnnualResult.objects.bulk_create(rows)
        ranked = (AnnualResult.objects.filter(scheme=scheme, organisation=organisation)
                  .annotate(r=Window(Rank(), order_by=F("composite").desc())))
        results = []
        for res in ranked:
            res.rank_in_branch = res.r
            results.append(res)
        AnnualResult.objects.bulk_update(results, ["rank_in_branch"])
        event_record(subject=scheme, actor=actor, action="points_results_computed",
                     extra={"organisation": organisation.pk, "members": len(results)})
        for res in results:
            if res.grade == Grade.UNQUALIFIED and before.get(res.member_id) != Grade.UNQUALIFIED:
                for fn in unqualified_listeners():
                    fn(res, actor)
    return results
