"""LPDC texts are HTML: they become plain text here (tags and scripts dropped, entities decoded), so
nothing of an import is ever rendered as markup; and back to simple HTML paragraphs for an export."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from rechtenverkenner.lpdc.vocab import DUTCH, DUTCH_LABELS

BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "tr", "table", "blockquote"})


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def plain_text(markup: str) -> str:
    """HTML → plain text: tags and scripts dropped, entities decoded, paragraphs separated by a blank line,
    a <br> kept as a line break."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup or "")
    parser = _Text()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts)).replace("\xa0", " ")
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in paragraph.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def dutch(values: dict[str, str]) -> tuple[str, str]:
    """(the Dutch text, the language variant it came from) of a language map, in the order of DUTCH."""
    for tag in DUTCH:
        if values.get(tag, "").strip():
            return values[tag], DUTCH_LABELS[tag]
    return "", ""


def to_html(text: str) -> str:
    """Plain text -> HTML paragraphs, escaped (the form LPDC stores its texts in)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
