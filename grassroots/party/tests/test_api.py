"""/api/v1/party-orgs: scoped list, detail, members masked; OpenAPI lists the operations."""


def test_list_is_scoped_and_counts(client, tree):
    client.force_login(tree.town_officer)
    data = client.get("/api/v1/party-orgs").json()
    assert {o["name"] for o in data} == {tree.town_a.name, tree.branch_a1.name,
                                         tree.eighth_a.name}
    a1 = next(o for o in data if o["id"] == tree.branch_a1.pk)
    assert (a1["members_full"], a1["members_probationary"]) == (4, 1)
    assert a1["secretary"] == "社区书记"


def test_detail_outside_scope_is_404(client, tree):
    client.force_login(tree.town_officer)
    assert client.get(f"/api/v1/party-orgs/{tree.branch_b1.pk}").status_code == 404
    assert client.get(f"/api/v1/party-orgs/{tree.branch_a1.pk}").json()["kind"] == "branch"


def test_members_masked(client, tree):
    client.force_login(tree.branch_secretary)
    rows = client.get(f"/api/v1/party-orgs/{tree.branch_a1.pk}/members").json()
    assert len(rows) == 5
    assert all("*" in r["phone_masked"] for r in rows)
    assert "phone" not in rows[0] and "id_number" not in rows[0]


def test_other_roles_get_404(client, tree, county):
    client.force_login(county.handler)
    assert client.get("/api/v1/party-orgs").status_code == 404


def test_openapi_lists_the_operations(client, tree):
    client.force_login(tree.org_dept)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/party-orgs" in paths and "/api/v1/party-orgs/{org_id}/members" in paths
