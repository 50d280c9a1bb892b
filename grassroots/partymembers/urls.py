app_name = "partymembers"
urlpatterns = []
