"""Photos are stored outside the web root and streamed only to people who may see the demand."""

from django.contrib.auth.decorators import login_required

from grassroots.core.files import file_response

from .. import selectors


@login_required
def attachment_file(request, pk, att_pk):
    # The same 404 for outsiders; citizens get the public attachments only (not the photos of
    # units' handling notes).
    att = selectors.get_attachment_for_user(request.user, pk, att_pk)
    # Served under a neutral name: an original "张三家门口.jpg" could name an anonymous author.
    return file_response(request, att, inline=True, filename=f"photo-{att.pk}{att.extension}")
