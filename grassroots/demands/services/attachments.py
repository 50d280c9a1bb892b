"""Photo uploads of demands and replies: images only (checked by content, not by name), ≤ 10 MB
and ≤ 50 megapixels each, ≤ 9 per demand, stored without their EXIF metadata (GPS position) —
the limits are ``Attachment``'s, the checks ``core.uploads``'."""

from grassroots.core.uploads import Upload

from ..models import Attachment


def photos_validate(files, *, existing: int = 0) -> list[Upload]:
    """Read and check every file before anything is written."""
    return Attachment.accept(files, field="photos", existing=existing)


def photos_store(checked: list[Upload], *, demand, assignment=None, actor=None,
                 neutral_names: bool = False) -> list[Attachment]:
    """``neutral_names``: keep no file name (an anonymous report's "张三家门口.jpg" names its
    author as well as a signature would)."""
    return [Attachment.store(upload, uploaded_by=actor, demand=demand, assignment=assignment,
                             original_name=f"photo-{i}{upload.extension}" if neutral_names else None)
            for i, upload in enumerate(checked, start=1)]
