"""Python counts code points, Qt's text classes count UTF-16 units; an emoji in a case text
would shift every highlight after it without these two conversions."""

from __future__ import annotations


def to_qt(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def from_qt(text: str, position: int) -> int:
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
