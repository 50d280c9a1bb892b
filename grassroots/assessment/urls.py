app_name = "assessment"
urlpatterns = []
