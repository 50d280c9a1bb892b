from django.apps import AppConfig


class ExampleConfig(AppConfig):
    """The worked example of docs/new-app.md: a tiny case type, installed only by the test
    settings, to prove that a new app is declarations the kernel picks up."""

    name = "grassroots.testing.example"
    label = "example"
    verbose_name = "Example"
    url_prefix = "example/"  # mounted by config/urls.py

    def ready(self):
        from . import transitions  # noqa: F401 - registers the errand's table
