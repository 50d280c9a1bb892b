"""Deterministic, plausible Chinese names and mobile numbers for the demo county.

Every generator takes a ``random.Random`` so the same seed gives the same county.
"""

from __future__ import annotations

import random

# Common surnames, roughly by frequency in Shandong (the first ones drawn more often).
SURNAMES = (
    "王张李刘陈杨赵孙周吴徐马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
    "钱严武戴莫孔向汤颜满司鲍"
)
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林东亮兵建国志庆峰成新海振文晨"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英华慧巧美玲红梅兰凤洁琳雪莉萍燕婷颖倩晶欣璐佳瑶月玉春翠荣"

VILLAGE_SUFFIXES = "庄楼集堂店屯营寨桥洼口庙园湖坊海铺村"
VILLAGE_PREFIXES = ("东", "西", "南", "北", "前", "后", "大", "小", "中", "新")
VILLAGE_SURNAMES = SURNAMES[:60]

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "198", "199",
)  # 138 is left out: the demo logins use 1380000xxxx


def _weighted_surname(rng: random.Random) -> str:
    # A geometric-like bias to the front of the list imitates the real surname distribution.
    idx = min(int(rng.expovariate(1 / 18)), len(SURNAMES) - 1)
    return SURNAMES[idx]


def person_name(rng: random.Random, gender: str) -> str:
    chars = MALE_CHARS if gender == "男" else FEMALE_CHARS
    given = rng.choice(chars)
    if rng.random() < 0.72:
        given += rng.choice(chars)
    return _weighted_surname(rng) + given


class NameBook:
    """Hands out person names, unique county-wide so a list of secretaries reads cleanly."""

    def __init__(self, rng: random.Random, reserved=()):
        self.rng = rng
        self.used = set(reserved)

    def take(self) -> tuple[str, str]:
        for _ in range(1000):
            gender = "男" if self.rng.random() < 0.62 else "女"
            name = person_name(self.rng, gender)
            if name not in self.used:
                self.used.add(name)
                return name, gender
        raise RuntimeError("name space exhausted")  # pragma: no cover


class PhoneBook:
    """Hands out mainland mobile numbers, never the same one twice."""

    def __init__(self, rng: random.Random, reserved=()):
        self.rng = rng
        self.used = set(reserved)

    def take(self) -> str:
        while True:
            phone = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if phone not in self.used:
                self.used.add(phone)
                return phone


def village_names(rng: random.Random, count: int, *, first: str | None = None,
                  taken=()) -> list[str]:
    """``count`` village names (张庄村, 前王楼村, 李集村…), unique within one town."""
    names: list[str] = []
    used = set(taken)
    if first and count:
        names.append(first)
        used.add(first)
    while len(names) < count:
        surname = rng.choice(VILLAGE_SURNAMES)
        suffix = rng.choice(VILLAGE_SUFFIXES)
        roll = rng.random()
        if suffix == "村":
            core = f"{surname}家"
        elif roll < 0.25:
            core = rng.choice(VILLAGE_PREFIXES) + surname + suffix
        elif roll < 0.32:
            core = surname + rng.choice("官家") + suffix
        else:
            core = surname + suffix
        name = f"{core}村"
        if name not in used:
            used.add(name)
            names.append(name)
    return names


CHINESE_ORDINALS = "一二三四五六七八九十"


def ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (enough for grid numbers)."""
    if n <= 10:
        return CHINESE_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_ORDINALS[tens - 1]
    return head + "十" + (CHINESE_ORDINALS[ones - 1] if ones else "")
