"""Photos are stored outside the web root and streamed only to people who may see the demand."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from grassroots.core.uploads import stored_file_response

from .. import selectors


@login_required
def attachment_file(request, pk, att_pk):
    demand = selectors.get_demand_for_user(request.user, pk)  # same 404 for outsiders
    # Citizens get the public attachments only (not the photos of units' handling notes).
    att = selectors.demand_attachments_for_user(request.user, demand).filter(pk=att_pk).first()
    if att is None:
        raise Http404(_("未找到"))
    response = stored_file_response(request, att.file, content_type=att.content_type)
    if response.status_code != 200:
        return response
    response["Content-Disposition"] = f'inline; filename="photo-{att.pk}{att.extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
