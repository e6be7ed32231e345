"""Reading back the text of the PDFs the course writes with fpdf2 (the certificate, the brief).

No PDF library is a test dependency: fpdf2 writes each page's text as two-byte glyph strings and each
font's ToUnicode map, which is all a test needs to read the text back.
"""

from __future__ import annotations

import re
import zlib


def _literal_bytes(text: bytes) -> bytes:
    """A PDF literal string's bytes (its backslash escapes undone)."""
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    out, index = bytearray(), 0
    while index < len(text):
        char = text[index:index + 1]
        if char != b"\\":
            out += char
            index += 1
            continue
        following = text[index + 1:index + 2]
        octal = re.match(rb"[0-7]{1,3}", text[index + 1:index + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            index += 1 + len(octal.group())
        else:
            out += escapes.get(following, following)
            index += 2
    return bytes(out)


def pdf_text(data: bytes) -> str:
    """The text of an fpdf2 PDF: each font's ToUnicode map applied to the page's two-byte glyph strings."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\n(.*?)\nendobj", data, re.S)}

    def stream(body: bytes) -> bytes:
        raw = body.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
        return zlib.decompress(raw) if b"/FlateDecode" in body.split(b"stream\n", 1)[0] else raw

    fonts: dict[bytes, dict[bytes, str]] = {}
    for name, number in re.findall(rb"/(F\d+) (\d+) 0 R", data):
        to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(number)])
        assert to_unicode, "every font of the certificate maps its glyphs back to text"
        cmap = stream(objects[int(to_unicode.group(1))])
        fonts[name] = {bytes.fromhex(code.decode()): chr(int(char, 16))
                       for code, char in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4})>", cmap)}
    pages = [stream(body) for body in objects.values() if b"stream\n" in body and b" Tf" in stream_or_empty(body)]
    text = []
    for content in pages:
        font: dict[bytes, str] = {}
        for token in re.finditer(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\)", content, re.S):
            if token.group(1):
                font = fonts[token.group(1)]
            else:
                glyphs = _literal_bytes(token.group(2))
                text.append("".join(font.get(glyphs[i:i + 2], "?") for i in range(0, len(glyphs), 2)))
            text.append("" if token.group(1) else "\n")
    return "".join(text)


def stream_or_empty(body: bytes) -> bytes:
    try:
        head, rest = body.split(b"stream\n", 1)
        raw = rest.rsplit(b"\nendstream", 1)[0]
        return zlib.decompress(raw) if b"/FlateDecode" in head else raw
    except (ValueError, zlib.error):
        return b""
