"""The routing deadline of theme-day suggestions, watched by the kernel's deadline watch
(``grassroots.workcal.watch``, periodic job ``deadline_watch``).

A suggestion recorded at a theme party day must be routed (a 民意诉求 passed on as an S1
demand, a 合理化建议 decided) within the working days of the "partyday" rule set in force
(``rules.route_working_days``). While it waits, ``Suggestion.due_at`` runs; routing or deciding
clears it. Near the deadline the branch's secretary is reminded once; past it, the secretary
and the organisation officers of the committees above the branch (the town's 组织委员) are
told once per deadline (the kernel claims each mark with a conditional update). No escalation:
a late suggestion stays on the town's list until it is routed.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.workcal import watch
from grassroots.workcal.watch import WatchedCase

SUGGESTION = "partyday_suggestion"


def register_suggestion_watch() -> None:
    watch.register_watched_case(WatchedCase(
        name=SUGGESTION, model="partyday.Suggestion", running=_running,
        values=("theme_day_id", "content"),
        on_near=_notify_near, on_overdue=_notify_overdue,
        near_hours=watch.default_near_hours))


def _running() -> Q:
    from .models import SuggestionStatus

    return Q(status=SuggestionStatus.RECORDED)


def _notify_near(rows, at) -> None:
    _notify(rows, kind="deadline_near", at=at)


def _notify_overdue(rows, at) -> None:
    _notify(rows, kind="deadline_over", at=at)


def _recipients(branch_ids, *, officers: bool) -> dict[int, list]:
    """{branch id: users to tell}: its secretary, and (``officers``) the organisation officers
    of the committees above it. Two queries whatever the number of branches."""
    from grassroots.party.models import PartyOrganisation, PartyPost
    from grassroots.people.models import User

    branches = list(PartyOrganisation.objects.filter(pk__in=branch_ids)
                    .values("pk", "path", "secretary__user_id"))
    user_ids: dict[int, set[int]] = defaultdict(set)
    ancestors = {}
    for b in branches:
        if b["secretary__user_id"]:
            user_ids[b["pk"]].add(b["secretary__user_id"])
        ancestors[b["pk"]] = [int(p) for p in b["path"].strip("/").split("/") if p][:-1]
    if officers:
        posts = defaultdict(set)
        for org_id, user_id in (PartyPost.objects.filter(
                organisation_id__in={a for ids in ancestors.values() for a in ids},
                person__user__is_active=True).values_list("organisation_id", "person__user_id")):
            posts[org_id].add(user_id)
        for pk, ids in ancestors.items():
            for a in ids:
                user_ids[pk] |= posts.get(a, set())
    users = User.objects.filter(is_active=True).in_bulk({u for s in user_ids.values() for u in s})
    return {pk: [users[u] for u in ids if u in users] for pk, ids in user_ids.items()}


def _notify(rows, *, kind: str, at) -> None:
    if not rows:
        return
    from .models import ThemePartyDay

    branch_of = dict(ThemePartyDay.objects.filter(pk__in={r["theme_day_id"] for r in rows})
                     .values_list("pk", "branch_id"))
    by_branch = defaultdict(list)
    for r in rows:
        by_branch[branch_of[r["theme_day_id"]]].append(r)
    recipients = _recipients(list(by_branch), officers=kind == "deadline_over")
    title = (gettext_noop("%(n)s 条主题党日意见建议即将超过分办时限") if kind == "deadline_near"
             else gettext_noop("%(n)s 条主题党日意见建议已超过分办时限"))
    stamp = f"{at:%Y%m%d%H%M}"
    for branch_id, items in by_branch.items():
        lines = [Message(gettext_noop("%(title)s（时限 %(due)s）"), title=r["content"][:30],
                         due=f"{timezone.localtime(r['due_at']):%m-%d %H:%M}")
                 for r in items[:10]]
        if len(items) > 10:
            lines.append(Message(gettext_noop("……共 %(n)s 条"), n=len(items)))
        notify(recipients=recipients.get(branch_id, []), kind=kind,
               title=Message(title, n=len(items)), body=lines,
               url="/partyday/suggestions/?status=recorded",
               dedup_key=f"partyday:{kind}:{branch_id}:{stamp}:{items[0]['pk']}")
