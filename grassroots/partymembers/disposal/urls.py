"""Pages of the disposal sub-area (concatenated into the app's urlpatterns)."""

urlpatterns: list = []
