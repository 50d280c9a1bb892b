"""S2 pages under /party/ (beside the party tree's own; names differ by namespace)."""

from .development.urls import urlpatterns as development_patterns
from .disposal.urls import urlpatterns as disposal_patterns
from .points.urls import urlpatterns as points_patterns
from .records.urls import urlpatterns as records_patterns

app_name = "partymembers"
urlpatterns = records_patterns + development_patterns + points_patterns + disposal_patterns
