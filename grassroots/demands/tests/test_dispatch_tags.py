"""The dispatch form's pickers are built once per page, however many forms the page includes."""

from django.template import Context, Engine

from grassroots.demands.templatetags import dispatch_tags

ENGINE = Engine(
    libraries={"dispatch_tags": "grassroots.demands.templatetags.dispatch_tags"},
    loaders=[("django.template.loaders.locmem.Loader", {
        "form.html": "{% load dispatch_tags %}<select>{% unit_options units lead %}</select>"
                     "{% unit_checkboxes units assisting %}",
        "page.html": "{% for lead in leads %}{% include 'form.html' %}{% endfor %}",
    })],
)


class Unit:
    built = 0

    def __init__(self, pk, name):
        self.pk, self.name = pk, name

    def __str__(self):
        Unit.built += 1
        return self.name


def test_unit_labels_are_built_once_per_page_and_escaped():
    units = [Unit(1, "水务局"), Unit(2, "住建<局>")]
    Unit.built = 0
    html = ENGINE.get_template("page.html").render(
        Context({"units": units, "leads": [1, 2, 2], "assisting": [2]}))
    assert Unit.built == 2  # not 2 units × 3 forms × 2 pickers
    assert html.count('<option value="2" selected>住建&lt;局&gt;</option>') == 2
    assert html.count('<option value="1" selected>') == 1
    assert html.count('value="2" checked>') == 3
    # a second page builds its own labels (nothing is kept between renders)
    ENGINE.get_template("page.html").render(Context({"units": units, "leads": [1]}))
    assert Unit.built == 4


def test_page_cache_is_per_render():
    first, second = Context({}), Context({})
    with first.render_context.push_state(None), second.render_context.push_state(None):
        dispatch_tags._page_cache(first)["x"] = 1
        assert "x" not in dispatch_tags._page_cache(second)
