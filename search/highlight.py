"""Highlighted snippets: the text is escaped, only our own markers become <mark>."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

START, END = "\ue000", "\ue001"  # private-use characters: cannot come from indexed text


def render(fragment):
    html = escape(fragment).replace(START, "<mark>").replace(END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our markers become tags


def mark_words(text, words, length=240):
    """A snippet around the first matching word, for engines without highlighting."""
    text = " ".join((text or "").split())
    stems = [w.lower()[: max(4, len(w) - 2)] for w in words if w]
    position = -1
    for stem in stems:
        position = text.lower().find(stem)
        if position >= 0:
            break
    start = max(0, position - length // 3) if position >= 0 else 0
    snippet = text[start : start + length]
    if stems:
        pattern = re.compile(r"(\w*(?:" + "|".join(re.escape(s) for s in stems) + r")\w*)", re.I)
        snippet = pattern.sub(lambda m: f"{START}{m.group(1)}{END}", snippet)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(text) else ""
    return render(f"{prefix}{snippet}{suffix}")
