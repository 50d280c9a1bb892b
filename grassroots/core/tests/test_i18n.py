"""The English switch: zh-Hans by default, English after /i18n/setlang/, and a sound en catalogue."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation.reloader import translation_file_changed

PO_PATH = Path(settings.BASE_DIR, "grassroots", "locale", "en", "LC_MESSAGES", "django.po")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Placeholders Django and Python formatting substitute; a translation must keep each one.
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0-9.]*[sdfi]|%%|%[sd]|\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogue():
    """CI starts from a fresh clone where .mo files (git-ignored) do not exist yet."""
    mo_path = PO_PATH.with_suffix(".mo")
    had_mo = mo_path.exists()
    call_command("compile_translations", verbosity=0)
    if not had_mo:
        # Catalogues loaded earlier in this process were built without the .mo; drop them.
        translation_file_changed(None, mo_path)


def _topbar(html: str) -> str:
    """The <header class="topbar"> with the parts that are data or deliberately Chinese removed."""
    match = re.search(r'<header class="topbar">(.*?)</header>', html, re.S)
    assert match, "top bar not found"
    bar = match.group(1)
    bar = re.sub(r'<span class="who">.*?</span>', "", bar, flags=re.S)  # the user's own name
    # The switch back to Chinese is labelled in Chinese on purpose.
    return bar.replace('class="link">中文</button>', 'class="link"></button>')


def _switch_to_english(client, next_url="/"):
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_chinese_is_the_default(client, county):
    response = client.get("/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "登录" in html
    assert "用户名或手机号" in html
    assert "Log in" not in html
    assert ">English</button>" in html  # the switch offers English


def test_login_page_in_english(client, county):
    _switch_to_english(client, "/login/")
    response = client.get("/login/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<title>Log in</title>" in html
    assert "Username or mobile number" in html
    assert "Password" in html
    assert "Grassroots Governance Platform" in html
    assert ">中文</button>" in html  # the switch back
    assert not HAN.findall(html.replace(">中文</button>", "")), "untranslated Chinese on /login/"


@pytest.mark.parametrize(
    "who", ["dispatcher", "handler", "viewer", "town_staff", "secretary", "citizen"]
)
def test_logged_in_top_bar_in_english(client, county, who):
    client.force_login(getattr(county, who))
    _switch_to_english(client)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    bar = _topbar(html)
    assert "Log out" in bar
    assert "Notifications" in bar
    assert "Home" in bar
    assert HAN.findall(bar) == [], f"untranslated Chinese in the top bar for {who}"


def test_dispatcher_nav_items_in_english(client, county):
    client.force_login(county.dispatcher)
    _switch_to_english(client)
    bar = _topbar(client.get("/").content.decode())
    for label in ("Dispatch", "Demands", "Phone intake"):
        assert f">{label}</a>" in bar


def test_switching_back_to_chinese(client, county):
    client.force_login(county.handler)
    _switch_to_english(client)
    assert "Log out" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    html = client.get("/").content.decode()
    assert "退出" in html
    assert "Log out" not in html


def test_english_catalogue_is_complete_and_well_formed():
    po = polib.pofile(str(PO_PATH))
    assert len(po) > 500
    assert not po.metadata_is_fuzzy
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    for entry in po:
        translated = (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        for text in translated:
            assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(text)), (
                entry.msgid
            )
            assert sorted(HTML_TAG.findall(entry.msgid)) == sorted(HTML_TAG.findall(text)), (
                entry.msgid
            )
            assert not HAN.search(text), f"Chinese left in the translation of {entry.msgid!r}"


def test_login_page_links_to_registration_and_tracking(client, db):
    body = client.get("/login/").content.decode()
    assert 'href="/my/register/"' in body and 'href="/track/"' in body


def test_admin_site_is_titled_in_chinese_with_chinese_sections(client, county):
    import re

    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    client.force_login(county.admin)
    r = client.get("/admin/")
    body = r.content.decode()
    assert "基层治理平台 后台管理" in body and "Django" not in body
    sections = [str(a["name"]) for a in r.context["app_list"]]
    models = [str(m["name"]) for a in r.context["app_list"] for m in a["models"]]
    assert sections and not [s for s in sections + models if re.fullmatch(r"[A-Za-z_ ]+", s)]
