"""Home items (terms due within 90 days, for officers), nav links, subtree counts."""

from datetime import timedelta

from django.utils import timezone

from grassroots.core.dashboard import nav_items
from grassroots.core.scope import get_scope

from .. import services
from ..home import home_items
from ..selectors import tree_for, with_counts
from ..services.checks import add_years


def test_officer_sees_terms_due_within_90_days(tree):
    today = timezone.localdate()
    due = add_years(today, -3) + timedelta(days=40)  # town committee: 3 years
    later = add_years(today, -3) + timedelta(days=120)
    services.term_renew(actor=tree.org_dept, org=tree.town_a, elected_on=due,
                        has_committee=True)
    services.term_renew(actor=tree.org_dept, org=tree.town_b, elected_on=due,
                        has_committee=True)
    services.term_renew(actor=tree.org_dept, org=tree.eighth_a, elected_on=later,
                        has_committee=False)
    items = home_items(tree.town_officer, get_scope(tree.town_officer))
    assert items == [{"section": "party", "kind": "deadline", "label": "90天内换届到期的党组织",
                      "count": 1, "url": "/party/?due=1", "due_on": add_years(due, 3)}]
    assert home_items(tree.org_dept, get_scope(tree.org_dept))[0]["count"] == 2
    assert home_items(tree.branch_secretary, get_scope(tree.branch_secretary)) == []


def test_nav_in_the_party_section(tree, county):
    # The party app's own entries (meetings, publicity and partymembers add theirs to the same
    # section).
    def own(i):
        return (i.get("section") == "party" and i["url"].startswith("/party/")
                and not i["url"].startswith(("/party/transfers/", "/party/members/",
                                             "/party/development/", "/party/points/",
                                             "/party/disposal/")))

    labels = {str(i["label"]): i for i in nav_items(tree.town_officer) if own(i)}
    assert set(labels) == {"党组织", "设立党组织"}
    secretary = [str(i["label"]) for i in nav_items(tree.branch_secretary) if own(i)]
    assert secretary == ["党组织"]
    assert not [i for i in nav_items(county.handler)
                if i.get("section") == "party" and i["url"].startswith("/party/")]


def test_subtree_counts_in_the_database(tree):
    rows = {o.pk: (o.own_full, o.own_probationary, o.total, o.total_full)
            for o in with_counts(tree_for(tree.org_dept))}
    assert rows[tree.branch_a1.pk] == (4, 1, 5, 4)
    assert rows[tree.town_a.pk] == (0, 0, 5, 4)
    assert rows[tree.root.pk] == (0, 0, 12, 11)
    assert rows[tree.park.pk] == (0, 0, 4, 4)
