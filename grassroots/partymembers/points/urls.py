"""Pages of the points sub-area (concatenated into the app's urlpatterns)."""

urlpatterns: list = []
