



def clean_text(value, *, limit: int) -> str:
    return "".join(ch for ch in str(value or "") if ch in "\n\t" or ch >= " ").strip()[:limit]
