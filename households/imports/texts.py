"""Messages that both readers of a row (the full one and the quick path) write, worded once."""


def other_spelling(text: str, group) -> str:
    """The note on an ethnic group written otherwise than the catalogue spells it («Hmong» → «Mông»)."""
    return f"Dân tộc «{text}» ghi theo danh mục là «{group.name}»"
