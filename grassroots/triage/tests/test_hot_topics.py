"""Hot topics as a county office reads them: places that are places, labels that name the matter,
keywords without filler (defects found in a review of /triage/hot/; small fixed data, no database)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from grassroots.triage.engine.hot_topics import Message, hot_topics, shared_places
from grassroots.triage.engine.places import extract_places
from grassroots.triage.engine.text import tokenize, topic_stopwords

T0 = datetime(2026, 11, 2, 9, 0)
VILLAGES = [
    "于坊村",
    "金集村",
    "曹口村",
    "张楼村",
    "韩坊村",
    "唐洼村",
    "姚楼村",
    "马坊村",
    "刘湖村",
]
FILLER = {"只有", "以上", "正是", "基本", "成问题"}


def water(village: str) -> tuple[str, str]:
    return (
        f"{village}农村自来水时有时无",
        f"{village}村里的自来水经常时有时无，特别是早晨用水高峰，村东头十几户接不上水，"
        "希望解决农村饮水问题。",
    )


def pressure(place: str, n: int) -> tuple[str, str]:
    return (
        f"{place}{n}号楼水压低",
        f"{place}{n}号楼最近一到晚上用水高峰水压就很低，四楼以上基本没水，老人做饭洗澡都成问题，"
        "希望尽快解决。",
    )


def heating(place: str) -> tuple[str, str]:
    return (
        f"{place}暖气不热",
        f"{place}小区今年供暖后家里暖气一直不热，室温只有十四五度，老人孩子受不了。",
    )


def well(village: str) -> tuple[str, str]:
    return (
        f"{village}机井坏了没法浇地",
        f"{village}村南的机井坏了，正是浇地的时候，几十亩地没法浇，急需维修。",
    )


def messages(pairs: list[tuple[str, str]], start: int = 0) -> list[Message]:
    return [
        Message(start + i, title, text, T0 + timedelta(hours=i), f"citizen{start + i}")
        for i, (title, text) in enumerate(pairs)
    ]


def topic_of(topics: list[dict], ids: set[int]) -> dict:
    (topic,) = [t for t in topics if set(t["message_ids"]) == ids]
    return topic


# ---------------------------------------------------------------- place extraction


@pytest.mark.parametrize(
    "text",
    [
        "于坊村村里的自来水经常时有时无，希望解决农村饮水问题。",  # was "解决农村"
        "金集村离县城较远，没有公交车，老人看病很不方便，希望开通公交线路。",  # "开通公交线路"
        "家里老人在县医院住院，想了解医保报销比例和异地就医备案怎么办理。",  # "家里老人在县医院"
        "A市成功召开并初步确定线路，孩子今年上小学，垃圾堆在路边，影响村容村貌。",
    ],
)
def test_places_are_never_verb_phrases(text):
    places = extract_places(text)
    assert all(p in ("于坊村", "金集村", "A市") for p in places), places


@pytest.mark.parametrize(
    "text,expected",
    [
        ("于坊村村里的自来水经常时有时无", ["于坊村"]),
        ("文峰社区8号楼最近一到晚上水压就很低", ["文峰社区8号楼"]),
        ("我家住在前王楼村，孩子今年上小学", ["前王楼村"]),
        ("金山路靠近张寨村的路段一下雨就积水", ["金山路", "张寨村"]),
        ("A7县星沙四区凉塘路的旧城改造要拖到何时", ["A7县星沙四区凉塘路"]),
        ("A市暮云街道丽发新城社区附近搅拌站噪音污染严重", ["A市暮云街道丽发新城社区"]),
        ("请问A4区公安派出所对58车贷一案的进度", ["A4区"]),
        ("胡集镇政府门前的路灯不亮", ["胡集镇"]),
        ("我是西地省的群众", ["西地省"]),  # a place name of the user dictionary (tag ns)
    ],
)
def test_places_are_suffixed_names_coded_places_and_dictionary_places(text, expected):
    assert extract_places(text) == expected


def test_nested_places_are_kept_on_request():
    text = "A市A2区丽发新城小区附近建搅拌站"
    assert extract_places(text) == ["A市A2区丽发新城小区"]
    assert extract_places(text, nested=True) == [
        "A市A2区",
        "A市A2区丽发新城",
        "A市A2区丽发新城小区",
    ]


def test_the_classifiers_tokenisation_keeps_its_own_stop_words():
    # the hot-topic stop words (data/stopwords_zh.txt) must not reach tokenize()
    assert topic_stopwords() >= FILLER
    assert {"以上", "基本", "成问题"} <= set(tokenize("四楼以上基本没水，做饭洗澡都成问题"))


# ---------------------------------------------------------------- cluster places and label


def test_a_cluster_of_many_villages_is_named_after_the_matter_not_a_village():
    # 9 demands from 7 villages: one village (于坊村) sends three of them
    villages = ["于坊村", "于坊村", "于坊村", *VILLAGES[1:7]]
    topics = hot_topics(messages([water(v) for v in villages]))
    (topic,) = topics
    assert topic["size"] == 9
    assert topic["label"] == "农村自来水时有时无"
    assert topic["places"] == ["于坊村"]  # 3 of 9: shared by a third, not most of them
    assert topic["place_counts"] == [["于坊村", 3]]
    assert not FILLER & set(topic["keywords"]) and "自来水" in topic["keywords"]


def test_the_label_names_the_place_only_when_most_members_share_it():
    villages = ["于坊村"] * 5 + ["金集村"]
    (topic,) = hot_topics(messages([water(v) for v in villages]))
    assert topic["label"] == "于坊村农村自来水时有时无"
    assert topic["place_counts"][0] == ["于坊村", 5]


def test_a_place_named_by_a_few_members_is_not_the_clusters_place():
    # the review saw "文峰社区8号楼水压低 · 地点：曹口村": 曹口村 named by 2 of 9 messages
    places = ["文峰社区", "曹口村", "曹口村", *VILLAGES[3:9]]
    msgs = messages([pressure(p, i + 1) for i, p in enumerate(places)])
    (topic,) = hot_topics(msgs)
    assert topic["size"] == 9
    assert topic["places"] == [] and topic["place_counts"] == []
    assert topic["label"] == "水压低"
    assert topic["distinct_places"] == 9  # the heat still counts every building named
    assert "水压" in topic["keywords"]
    assert not FILLER & set(topic["keywords"])


def test_the_labels_place_and_the_places_agree():
    # the review saw "金集村暖气不热 · 地点：金城社区"
    places = ["金集村", "金城社区", "金城社区", "奎星社区", "南关社区", "东关社区"]
    (topic,) = hot_topics(messages([heating(p) for p in places]))
    assert topic["label"] == "暖气不热"
    assert topic["place_counts"] == [["金城社区", 2]]  # 2 of 6: listed, not in the label
    assert not FILLER & set(topic["keywords"]) and "暖气" in topic["keywords"]


def test_keywords_leave_out_filler_words_and_pieces_of_place_names():
    msgs = messages([well(v) for v in VILLAGES[:6]])
    msgs += messages([pressure(p, 3) for p in ("文峰社区", "奎星社区", "南关社区")], start=20)
    msgs += messages([heating(p) for p in ("西关社区", "北关社区", "莱河社区")], start=40)
    topics = hot_topics(msgs)
    assert len(topics) == 3
    for t in topics:
        assert not FILLER & set(t["keywords"]), t["keywords"]
    assert {"机井", "浇地"} <= set(topic_of(topics, set(range(6)))["keywords"][:3])
    words = {w for t in topics for w in t["keywords"]}
    assert not words & {"文峰", "奎星", "南关", "西关", "北关", "莱河", "社区", "村村"}


def test_known_places_of_the_messages_take_precedence():
    msgs = messages([heating("") for _ in range(4)])
    for m in msgs:
        m.places = ["金城社区3号楼"]
    (topic,) = hot_topics(msgs)
    assert topic["place_counts"] == [["金城社区3号楼", 4]]
    assert topic["label"] == "金城社区3号楼：暖气不热"


def test_shared_places_prefer_the_fuller_name_and_count_every_form():
    keysets = [{"伊景园滨河苑"}] * 4 + [{"滨河苑"}, {"丽发新城小区"}]
    assert shared_places(keysets) == [("伊景园滨河苑", 5)]
    # whole cities or districts only when no specific place is shared
    assert shared_places([{"A市", "A4区"}, {"A市"}, {"A市", "金城社区"}]) == [("A市", 3)]


def test_label_keeps_a_readable_phrase_when_villages_differ_inside_the_title():
    from grassroots.triage.engine.hot_topics import _title_matter

    assert _title_matter("希望开通徐家村到县城的公交", None) == "希望开通各村到县城的公交"
