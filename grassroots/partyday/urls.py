app_name = "partyday"
urlpatterns = []
