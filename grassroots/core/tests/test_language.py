def test_browser_language_does_not_switch_to_english(client, db):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "zh-hans"
    assert "登录" in response.content.decode()


def test_switch_sets_english_until_switched_back(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert client.get("/login/").headers["Content-Language"] == "en"
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/login/"})
    assert client.get("/login/").headers["Content-Language"] == "zh-hans"


def test_nul_bytes_in_parameters_are_a_400(client, county):
    client.force_login(county.dispatcher)
    response = client.get("/api/v1/demands", {"q": "水\x00压"})
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("请求参数中含有非法字符")
    assert client.get("/demands/", {"q": "\x00"}).status_code == 400
    assert client.get("/demands/", {"q": "水压"}).status_code == 200
