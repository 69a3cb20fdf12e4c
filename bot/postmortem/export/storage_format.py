"""Markdown to Confluence storage format (the XHTML-based XML that pages are stored in).

A small converter for the Markdown our postmortems use, not a CommonMark implementation:
ATX headings, paragraphs, bullet and numbered lists (nested by indentation, `[ ]`/`[x]` task
markers), GitHub pipe tables, fenced code blocks (Confluence's code macro), block quotes,
horizontal rules; inline `**bold**`, `*italic*`, `` `code` ``, `~~strike~~`, `[links](https://…)`
and backslash escapes. Everything else is text. All text is XML-escaped, characters XML cannot
carry are dropped, and raw HTML in the Markdown is shown as text, never passed through, so the
output is always well-formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

# Characters XML 1.0 cannot carry at all, and the private-use markers this module uses.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ue000-\ue003]")

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_EMPTY_LIST_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ ]?(.*)$")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TASK = re.compile(r"^\[([ xX])\][ \t]+")

# Confluence code-macro language names for the fence info strings people write.
_CODE_LANGUAGES = {
    "bash": "bash", "sh": "bash", "shell": "bash", "console": "bash", "zsh": "bash",
    "python": "py", "py": "py", "javascript": "js", "js": "js", "typescript": "js",
    "ts": "js", "json": "js", "java": "java", "sql": "sql", "xml": "xml", "html": "xml",
    "yaml": "yml", "yml": "yml", "ruby": "ruby", "rb": "ruby", "go": "go", "diff": "diff",
    "css": "css", "php": "php", "perl": "perl", "scala": "scala", "powershell": "powershell",
    "csharp": "c#", "cs": "c#", "cpp": "cpp", "c++": "cpp", "c": "cpp", "text": "text",
}

_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"]+$", re.IGNORECASE)

# Block quotes nest this deep at most; a deeper `>` is shown as text.
MAX_QUOTE_DEPTH = 8

# Placeholders for already-rendered inline fragments while the rest is escaped and formatted.
_OPEN, _CLOSE = "\ue000", "\ue001"


def markdown_to_storage(markdown: str) -> str:
    """Convert a Markdown document to Confluence storage format."""
    text = _INVALID_XML.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(_Blocks(text.split("\n")).render())


def _is_table_row(line: str) -> bool:
    return "|" in line and line.strip() != ""


def _split_row(line: str) -> list[str]:
    row = line.strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells, current, i = [], [], 0
    while i < len(row):
        if row[i] == "\\" and i + 1 < len(row) and row[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if row[i] == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(row[i])
        i += 1
    cells.append("".join(current).strip())
    return cells


@dataclass
class _Item:
    indent: int
    ordered: bool
    text: str


class _Blocks:
    """Walks the lines once, emitting one block element at a time."""

    def __init__(self, lines: list[str], depth: int = 0) -> None:
        self.lines = lines
        self.i = 0
        self.depth = depth  # how many block quotes this text is inside

    def render(self) -> list[str]:
        out: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.strip():
                self.i += 1
            elif heading := _HEADING.match(line):
                level = len(heading.group(1))
                out.append(f"<h{level}>{inline(heading.group(2) or '')}</h{level}>")
                self.i += 1
            elif fence := _FENCE.match(line):
                out.append(self._code_block(fence.group(1), fence.group(2)))
            elif _RULE.match(line):
                out.append("<hr />")
                self.i += 1
            elif self._table_starts_here():
                out.append(self._table())
            elif _LIST_ITEM.match(line):
                out.append(self._list())
            elif _QUOTE.match(line):
                out.append(self._quote())
            else:
                out.append(self._paragraph())
        return out

    # --- blocks ------------------------------------------------------------------------------

    def _starts_block(self, index: int) -> bool:
        line = self.lines[index]
        return bool(
            not line.strip() or _HEADING.match(line) or _FENCE.match(line) or _RULE.match(line)
            or _LIST_ITEM.match(line) or _QUOTE.match(line) or self._table_starts_here(index)
        )

    def _table_starts_here(self, index: int | None = None) -> bool:
        i = self.i if index is None else index
        return (
            i + 1 < len(self.lines)
            and _is_table_row(self.lines[i])
            and bool(_TABLE_SEPARATOR.match(self.lines[i + 1]))
            and "-" in self.lines[i + 1]
        )

    def _paragraph(self) -> str:
        parts: list[str] = []
        while self.i < len(self.lines) and (not parts or not self._starts_block(self.i)):
            parts.append(self.lines[self.i])
            self.i += 1
        rendered = []
        for n, part in enumerate(parts):
            hard_break = n < len(parts) - 1 and part.endswith(("  ", "\\"))
            content = part.strip()
            if hard_break:
                content = content.removesuffix("\\").rstrip()
            rendered.append(inline(content) + ("<br />" if hard_break else ""))
        joined = "".join(
            chunk if chunk.endswith("<br />") or n == len(rendered) - 1 else chunk + " "
            for n, chunk in enumerate(rendered)
        )
        return f"<p>{joined}</p>"

    def _code_block(self, fence: str, info: str) -> str:
        self.i += 1
        body: list[str] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                break
            body.append(line)
        code = "\n".join(body).replace("]]>", "]]]]><![CDATA[>")
        language = _CODE_LANGUAGES.get(info.lower())
        parameter = (
            f'<ac:parameter ac:name="language">{escape(language)}</ac:parameter>' if language else ""
        )
        return (
            f'<ac:structured-macro ac:name="code">{parameter}'
            f"<ac:plain-text-body><![CDATA[{code}]]></ac:plain-text-body></ac:structured-macro>"
        )

    def _table(self) -> str:
        header = _split_row(self.lines[self.i])
        self.i += 2  # the header row and the separator
        rows: list[list[str]] = []
        while self.i < len(self.lines) and _is_table_row(self.lines[self.i]) and not (
            _HEADING.match(self.lines[self.i]) or _FENCE.match(self.lines[self.i])
        ):
            rows.append(_split_row(self.lines[self.i]))
            self.i += 1
        width = len(header)
        html = ["<table><tbody><tr>"]
        html += [f"<th>{inline(cell)}</th>" for cell in header]
        html.append("</tr>")
        for row in rows:
            cells = (row + [""] * width)[:width]
            html.append("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in cells) + "</tr>")
        html.append("</tbody></table>")
        return "".join(html)

    def _quote(self) -> str:
        inner: list[str] = []
        while self.i < len(self.lines):
            quoted = _QUOTE.match(self.lines[self.i])
            if quoted:
                inner.append(quoted.group(1))
            elif inner and self.lines[self.i].strip() and not self._starts_block(self.i):
                inner.append(self.lines[self.i])  # a lazy continuation line
            else:
                break
            self.i += 1
        if self.depth >= MAX_QUOTE_DEPTH:  # deeper `>` (user text) stays text: no unbounded recursion
            return "<blockquote>" + "".join(f"<p>{inline(line)}</p>" for line in inner if line.strip()) + "</blockquote>"
        return "<blockquote>" + "".join(_Blocks(inner, self.depth + 1).render()) + "</blockquote>"

    def _list(self) -> str:
        items: list[_Item] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            item = _LIST_ITEM.match(line)
            if item:
                indent = len(item.group(1).expandtabs(4))
                items.append(_Item(indent, item.group(2)[0].isdigit(), item.group(3).strip()))
                self.i += 1
            elif _EMPTY_LIST_ITEM.match(line) and items:
                self.i += 1
            elif not line.strip():
                # A blank line ends the list unless the list carries on after it.
                nxt = self.i + 1
                while nxt < len(self.lines) and not self.lines[nxt].strip():
                    nxt += 1
                if nxt < len(self.lines) and _LIST_ITEM.match(self.lines[nxt]):
                    self.i = nxt
                else:
                    break
            elif items and not self._starts_block(self.i):
                items[-1].text += " " + line.strip()  # continuation of the item above
                self.i += 1
            else:
                break
        return _render_list(items)


def _render_list(items: list[_Item]) -> str:
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (indent, "ul" | "ol") of the open lists
    for item in items:
        tag = "ol" if item.ordered else "ul"
        if not stack or item.indent > stack[-1][0]:
            out.append(f"<{tag}>")  # a nested list opens inside the still-open <li>
            stack.append((item.indent, tag))
        else:
            while len(stack) > 1 and item.indent < stack[-1][0]:
                out.append(f"</li></{stack.pop()[1]}>")
            out.append("</li>")
            if stack[-1][1] != tag:
                out.append(f"</{stack[-1][1]}><{tag}>")
                stack[-1] = (stack[-1][0], tag)
        out.append(f"<li>{_list_item_text(item.text)}")
    while stack:
        out.append(f"</li></{stack.pop()[1]}>")
    return "".join(out)


def _list_item_text(text: str) -> str:
    task = _TASK.match(text)
    if not task:
        return inline(text)
    box = "\u2610" if task.group(1) == " " else "\u2611"  # ☐ / ☑
    return f"{box} {inline(text[task.end():])}"


# --- inline ----------------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+&quot;[^\n]*?&quot;)?\)")
_AUTOLINK = re.compile(r"&lt;((?:https?://|mailto:)[^\s&]+(?:&amp;[^\s&]+)*)&gt;", re.IGNORECASE)
_EMPHASIS = [
    (re.compile(r"(?<!\*)\*\*\*(?=\S)(?P<inner>.+?)(?<=\S)\*\*\*(?!\*)"), "<strong><em>", "</em></strong>"),
    (re.compile(r"(\*\*|__)(?=\S)(?P<inner>.+?)(?<=\S)\1"), "<strong>", "</strong>"),
    (re.compile(r"~~(?=\S)(?P<inner>.+?)(?<=\S)~~"),
     '<span style="text-decoration: line-through;">', "</span>"),
    (re.compile(r"(?<![*\w])\*(?=[^\s*])(?P<inner>.+?)(?<=[^\s*])\*(?![*\w])"), "<em>", "</em>"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(?P<inner>.+?)(?<=[^\s_])_(?![\w_])"), "<em>", "</em>"),
]
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def inline(text: str) -> str:
    """Inline Markdown to storage-format XHTML; everything not markup is escaped.

    Each rendered element is swapped for an opaque placeholder as soon as it is made, so a
    later pattern can wrap it whole but never match across its tags: the output always nests.
    """
    fragments: list[str] = []

    def keep(fragment: str) -> str:
        fragments.append(fragment)
        return f"{_OPEN}{len(fragments) - 1}{_CLOSE}"

    def emphasis(text: str) -> str:
        # Without recursion: a span's inner text waits in `pending` and is formatted in turn,
        # so 1,100 nested `**` (user text) cost a loop, not a stack frame each.
        pending: list[tuple[int, str, str, str]] = []

        def span(match: re.Match[str], open_tag: str, close_tag: str) -> str:
            placeholder = keep("")
            pending.append((len(fragments) - 1, open_tag, match.group("inner"), close_tag))
            return placeholder

        def one_level(part: str) -> str:
            for pattern, open_tag, close_tag in _EMPHASIS:
                part = pattern.sub(lambda m, o=open_tag, c=close_tag: span(m, o, c), part)
            return part

        text = one_level(text)
        while pending:
            index, open_tag, inner, close_tag = pending.pop()
            fragments[index] = open_tag + one_level(inner) + close_tag
        return text

    text = _INVALID_XML.sub("", text)
    text = _CODE_SPAN.sub(lambda m: keep(f"<code>{escape(m.group(2).strip(), quote=False)}</code>"), text)
    text = _ESCAPED.sub(lambda m: keep(escape(m.group(1))), text)
    text = escape(text)
    text = _AUTOLINK.sub(lambda m: keep(_anchor(m.group(1), escape(_unescape(m.group(1))))), text)
    text = _LINK.sub(lambda m: keep(_anchor(m.group(2), emphasis(m.group(1)))), text)
    text = emphasis(text)
    while _PLACEHOLDER.search(text):  # fragments hold fragments: expand until none are left
        text = _PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], text)
    return text


def _unescape(escaped: str) -> str:
    return (escaped.replace("&quot;", '"').replace("&#x27;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))


def _anchor(escaped_url: str, label: str) -> str:
    """A link for a safe absolute URL; for anything else (javascript:, relative) just the label."""
    url = _unescape(escaped_url)
    if not _SAFE_URL.match(url):
        return label
    return f'<a href="{escape(url)}">{label}</a>'
