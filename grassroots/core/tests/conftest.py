import pytest

from grassroots.core.events import register_event_codes, unregister_event_codes

# Codes these tests write on purpose (the timeline shows an unlabelled code as it is).
TEST_CODES = ("first", "second", "lost", "outer", "inner", "now", "created", "touched", "paint",
              "watch", "unknown_code", "choose", "other")


@pytest.fixture(autouse=True)
def _test_event_codes():
    register_event_codes("core_tests", TEST_CODES)
    yield
    unregister_event_codes("core_tests")
