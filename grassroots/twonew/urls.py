app_name = "twonew"
urlpatterns = []
