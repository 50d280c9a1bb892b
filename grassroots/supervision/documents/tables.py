"""The tables of a bulletin / report, built once and laid out by each document format.

Cells and their formats (``Num``, ``pct``, ``signed`` …) are ``grassroots.documents.tables``.
"""

from grassroots.documents.tables import (  # noqa: F401 (Num, DASH: part of this module's tables)
    DASH,
    Num,
    pct,
    pct_with_sample,
    rank_move,
    score,
    signed,
)

# How the PDF lays out each column: titles wrap (left-aligned); names (units, towns, categories)
# stay on one line unless unusually long; every other column is a figure, a number, a date or a
# short status and never wraps.
TITLE_COLUMNS = frozenset({"诉求标题", "事由", "标题", "地点"})
NAME_COLUMNS = frozenset({"指标", "单位", "承办单位", "分类", "镇街", "被督办单位"})
NAME_NOWRAP_CHARS = 10


SUMMARY_HEADERS = ["指标", "本月", "上月", "环比"]
SPAN_SUMMARY_HEADERS = ["指标", "本期", "上期", "较上期"]


def summary_headers(fig) -> list[str]:
    """A month compares with the month before (本月/上月/环比); any other span with the span of
    the same length before it (本期/上期)."""
    period = str(fig.get("period", ""))
    return SUMMARY_HEADERS if len(period) == 7 and period[4] == "-" else SPAN_SUMMARY_HEADERS


def summary_table(fig) -> list[list]:
    t, p = fig["totals"], fig.get("previous_totals") or {}
    ch = t.get("change") or {}

    def prev(name):
        return p.get(name, DASH) if p else DASH

    def prate(name):
        return pct(p["rates"][name]) if p and name in p["rates"] else DASH

    def count_change(name):
        if ch.get(name) is not None:
            return signed(ch[name])
        # Bulletins stored before the change of this count was kept: both months are there.
        if isinstance(t.get(name), int) and isinstance(prev(name), int):
            return signed(t[name] - prev(name))
        return DASH

    return [
        ["受理诉求（件）", t["received"], prev("received"), count_change("received")],
        ["现场解决（件）", t["on_spot"], prev("on_spot"), count_change("on_spot")],
        ["派单办理（件）", t["dispatched"], prev("dispatched"), count_change("dispatched")],
        ["超期（件）", t["overdue"], prev("overdue"), count_change("overdue")],
        ["响应率（样本）", pct_with_sample(t["rates"]["response"]), prate("response"),
         signed(ch.get("response"), "个百分点")],
        ["解决率（样本）", pct_with_sample(t["rates"]["resolution"]), prate("resolution"),
         signed(ch.get("resolution"), "个百分点")],
        ["满意率（首次回访，样本）", pct_with_sample(t["rates"]["satisfaction"]),
         prate("satisfaction"), signed(ch.get("satisfaction"), "个百分点")],
    ] + ([  # (a bulletin stored before first-round and final satisfaction were told apart)
        ["最终满意率（样本）", pct_with_sample(t["rates"]["satisfaction_final"]),
         prate("satisfaction_final"), signed(ch.get("satisfaction_final"), "个百分点")],
        ["重新办理（件）", t["reopened"], prev("reopened"), count_change("reopened")],
    ] if "satisfaction_final" in t["rates"] else [])


RANKING_HEADERS = ["名次", "单位", "派单", "按时签收", "响应率", "解决率", "满意率", "超期",
                   "综合得分", "名次变化"]


def ranking_table(rows) -> list[list]:
    out = []
    for r in rows:
        out.append([
            r["rank"] if r["rank"] is not None else DASH, r["label"], r["dispatched"],
            r["ack_on_time"], pct(r["rates"]["response"]), pct(r["rates"]["resolution"]),
            pct(r["rates"]["satisfaction"]), r["overdue"], score(r["score"]),
            rank_move((r.get("change") or {}).get("rank")),
        ])
    return out


LIST_HEADERS = ["单位", "综合得分", "超期（件）", "其中未办结", "响应率"]


def list_table(fig, keys_field) -> list[list]:
    by_key = {r["key"]: r for r in fig["units"]}
    out = []
    for key in fig[keys_field]:
        r = by_key.get(key)
        if r:
            out.append([r["label"], score(r["score"]), r["overdue"], r["overdue_open"],
                        pct(r["rates"]["response"])])
    return out


OVERDUE_HEADERS = ["诉求编号", "诉求标题", "承办单位", "派单日期", "超期情形", "当前状态"]


def overdue_table(fig) -> list[list]:
    return [[i["number"], i["title"], i["unit"], i["dispatched_at"], i["late"], i["status"]]
            for i in fig["overdue_items"]]


CATEGORY_HEADERS = ["分类", "受理（件）", "派单（件）", "超期（件）", "环比（件）"]


def category_table(rows) -> list[list]:
    return [[r["label"], r["received"], r["dispatched"], r["overdue"],
             signed((r.get("change") or {}).get("received"))] for r in rows]


TOWN_HEADERS = ["镇街", "受理", "现场解决", "派单", "响应率", "满意率", "超期"]


def town_table(rows) -> list[list]:
    return [[r["label"], r["received"], r["on_spot"], r["dispatched"],
             pct(r["rates"]["response"]), pct(r["rates"]["satisfaction"]), r["overdue"]]
            for r in rows]


NOTICE_HEADERS = ["文号", "被督办单位", "事由", "下发日期", "状态"]


def notice_table(fig) -> list[list]:
    return [[n["number"], n["unit"], n["title"], n["issued_at"], n["status"]]
            for n in fig["notices"]]


def bulletin_sections(fig) -> list[tuple[str, list[str], list[list]]]:
    """(caption, headers, rows) in the order they appear in every format."""
    return [
        ("表1 总体情况", SUMMARY_HEADERS, summary_table(fig)),
        ("表2 承办单位办理情况排名", RANKING_HEADERS, ranking_table(fig["units"])),
        ("表3 红榜单位", LIST_HEADERS, list_table(fig, "red_list")),
        ("表4 超期单位", LIST_HEADERS, list_table(fig, "late_list")),
        ("表5 超期事项", OVERDUE_HEADERS, overdue_table(fig)),
        ("表6 热点问题分类", CATEGORY_HEADERS, category_table(fig["categories"])),
        ("表7 各镇街诉求情况", TOWN_HEADERS, town_table(fig.get("towns", []))),
        ("表8 本月下发督办通知", NOTICE_HEADERS, notice_table(fig)),
        ("表9 疑似重复发生（假性整改）", RECURRENCE_HEADERS,
         [[r["unit"], r["count"]] for r in fig.get("recurrences", [])]),
    ]


RECURRENCE_HEADERS = ["承办单位", "件数"]
