from grassroots.core.text import clean_text as _clean_text


def clean_text(value, *, limit: int) -> str:
    return _clean_text(value)[:limit]
