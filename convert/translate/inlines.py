"""A translated unit's inlines: its target's codes turned back into formatting, links, notes and images.

What a code stands for comes from the source document, never from the XLIFF file: a link's
target, a note (already translated through its own units), an image (its alt text likewise).
The file decides only where each code stands, so a translator cannot inject a URL or a note.
What the translator did to the codes is reported (one message each) and never loses source text:

- a note's mark or an image dropped: put back at the end of the paragraph;
- a note's mark or an image repeated: kept where it first stands, its copies dropped;
- a link dropped, or its text emptied: the translated words stay, without the link;
- a link repeated: the first copy is the link, the others' words stay as text;
- a link or a note's mark the source does not have (an id of another unit, a forged one): its
  words stay as text, the mark is dropped; a link's target could only come from the file.

Bold and italic codes are reported too, as they are kept: one dropped (its formatting is lost),
repeated (each copy is formatted) or that the source lacks (formatted as its ``subType``/``ctype``
says). A code of unknown kind (a CAT tool's own) is unwrapped, its text kept, without a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from itertools import count

from .. import nodes as n
from ..writers.xliff_tokens import Close, Open, Token, clean_xml_text

#: The most messages about one unit's codes; a target with thousands of forged or repeated codes
#: gets these and a count of the rest, never a message per code.
MAX_CODE_MESSAGES = 5
# How messages name a formatting code's kind.
_FORMATS = {"b": "bold", "i": "italic"}


def describe(code_id: str, node: n.Inline) -> str:
    """Return how a message names the code ``code_id`` standing for ``node``."""
    if isinstance(node, n.Link):
        return f"the link to {node.target} (code {code_id})"
    if isinstance(node, n.Note):
        return f"the mark of a note (code {code_id})"
    if isinstance(node, n.Image):
        return f"the image {node.resource} (code {code_id})"
    return f"code {code_id}"


@dataclass
class _Frame:
    """A paired code being read: its id, the kind it becomes ("" unwraps it) and what it holds."""

    code_id: str
    kind: str
    children: list = field(default_factory=list)


@dataclass
class _Builder:
    """Per-unit state of ``target_inlines``."""

    kinds: Mapping[str, str]
    objects: Mapping[str, n.Inline]
    problems: dict[str, int] = field(default_factory=dict)  # message -> how many times
    used: set[str] = field(default_factory=set)
    frames: list[_Frame] = field(default_factory=lambda: [_Frame("", "")])

    def report(self, message: str) -> None:
        self.problems[message] = self.problems.get(message, 0) + 1

    def messages(self) -> list[str]:
        """Return the problems, each once (with how often when more than once), at most
        MAX_CODE_MESSAGES, then how many more there are."""
        shown = [message + (f" ({times} times)" if times > 1 else "") for message, times in self.problems.items()]
        if len(shown) > MAX_CODE_MESSAGES:
            more = len(shown) - MAX_CODE_MESSAGES + 1
            shown = shown[:MAX_CODE_MESSAGES - 1] + [f"and {more} more problems with its inline codes"]
        return shown

    def open(self, token: Open) -> None:
        source_kind = self.kinds.get(token.id)
        kind = source_kind or ""
        if source_kind is None:
            # Not in the source: emphasis as declared; a link would need a target from the file.
            kind = token.kind if token.kind in ("b", "i") else ""
            if kind:
                self.report(f"code {token.id} is {_FORMATS[kind]} the source does not have: it is kept")
            elif token.kind == "a":
                self.report(f"code {token.id} is a link the source does not have: its text is kept "
                                     f"without a link (a link's target comes only from the source document)")
        elif source_kind in ("note", "image"):
            kind = ""  # a placeholder written as a pair: it stands where the pair starts, its text is kept
            self.placeholder(token.id, source_kind)
        elif source_kind == "a" and token.id in self.used:
            kind = ""
            self.report(f"{describe(token.id, self.objects[token.id])} is repeated in the target: "
                                 f"only its first copy is a link, the others' text is kept")
        elif source_kind in ("b", "i") and token.id in self.used:
            self.report(f"the {_FORMATS[source_kind]} (code {token.id}) is repeated in the target: every copy "
                        f"is kept")
        elif source_kind in ("a", "b", "i"):
            self.used.add(token.id)
        self.frames.append(_Frame(token.id, kind))

    def close(self, token: Close) -> None:
        # Codes closed out of order close everything opened after them; a stray end is ignored.
        if any(frame.code_id == token.id for frame in self.frames[1:]):
            while self.frames[-1].code_id != token.id:
                self.close_top()
            self.close_top()

    def close_top(self) -> None:
        frame = self.frames.pop()
        content = join_inlines(frame.children)
        parent = self.frames[-1].children
        if frame.kind == "b" and content:
            parent.append(n.Strong(content))
        elif frame.kind == "i" and content:
            parent.append(n.Emph(content))
        elif frame.kind == "a" and (n.plain_text(content).strip() or not self.has_text(frame.code_id)):
            parent.append(n.Link(content, self.objects[frame.code_id].target))
        else:
            if frame.kind == "a":
                self.report(f"{describe(frame.code_id, self.objects[frame.code_id])} holds no text in "
                                     f"the target: the link is left out")
            parent.extend(content)

    def has_text(self, code_id: str) -> bool:
        """Whether the source's link ``code_id`` shows any text (one that shows none stays so)."""
        return bool(clean_xml_text(n.plain_text(self.objects[code_id].inlines)).strip())

    def placeholder(self, code_id: str, kind: str) -> None:
        source_kind = self.kinds.get(code_id)
        if source_kind in ("note", "image"):
            if code_id in self.used:
                self.report(f"{describe(code_id, self.objects[code_id])} is repeated in the target: "
                                     f"it is kept where it first stands")
            else:
                self.place(code_id)
        elif source_kind is None and kind in ("note", "image"):
            self.report(f"code {code_id} is a {'note mark' if kind == 'note' else 'image'} the source "
                                 f"does not have: it is left out")
        # Anything else (a CAT tool's own placeholder, a pair's id) carries no text: dropped.

    def place(self, code_id: str) -> None:
        self.used.add(code_id)
        self.frames[-1].children.append(self.objects[code_id])

    def finish(self) -> tuple[n.Inline, ...]:
        while len(self.frames) > 1:
            self.close_top()
        top = self.frames[0].children
        for code_id, kind in self.kinds.items():
            if kind in ("b", "i") and code_id not in self.used:
                self.report(f"the {_FORMATS[kind]} (code {code_id}) is missing from the target: its words are "
                            f"kept, not their formatting")
        for code_id, node in self.objects.items():
            if code_id in self.used:
                continue
            if isinstance(node, n.Link):
                self.report(f"{describe(code_id, node)} is missing from the target: its text is kept "
                                     f"without the link")
            else:
                self.report(f"{describe(code_id, node)} is missing from the target: it is put at the "
                                     f"end of the paragraph")
                top.append(node)
        return join_inlines(top)


def target_inlines(tokens: tuple[Token, ...], kinds: Mapping[str, str],
                   objects: Mapping[str, n.Inline]) -> tuple[tuple[n.Inline, ...], list[str]]:
    """Return the inlines of a unit's translated ``tokens``, and what was wrong with its codes
    (each message once, at most MAX_CODE_MESSAGES).

    ``kinds`` are the source unit's code kinds by id; ``objects`` the source's links, and its
    notes and images (translated), by code id. Messages name the code, not the unit.
    """
    builder = _Builder(kinds, objects)
    for token in tokens:
        if isinstance(token, str):
            if token:
                builder.frames[-1].children.append(n.Text(token))
        elif isinstance(token, Open):
            builder.open(token)
        elif isinstance(token, Close):
            builder.close(token)
        else:
            builder.placeholder(token.id, token.kind)
    inlines = builder.finish()
    return inlines, builder.messages()


def with_objects(inlines: tuple[n.Inline, ...], objects: Mapping[str, n.Inline]) -> tuple[n.Inline, ...]:
    """Return ``inlines`` with each note and image replaced by ``objects[code id]`` (its translation).

    Code ids are numbered as ``xliff_tokens.inline_codes`` numbers them.
    """
    return _with_objects(inlines, objects, count(1))


def _with_objects(inlines: tuple[n.Inline, ...], objects: Mapping[str, n.Inline], numbers) -> tuple[n.Inline, ...]:
    out: list[n.Inline] = []
    for node in inlines:
        if isinstance(node, n.Text):
            out.append(node)
            continue
        code_id = str(next(numbers))
        if isinstance(node, (n.Strong, n.Emph, n.Link)):
            out.append(replace(node, inlines=_with_objects(node.inlines, objects, numbers)))
        else:
            out.append(objects.get(code_id, node))
    return tuple(out)


def join_inlines(items: list) -> tuple[n.Inline, ...]:
    """Return ``items`` with adjacent Text nodes merged."""
    out: list[n.Inline] = []
    for item in items:
        if isinstance(item, n.Text) and out and isinstance(out[-1], n.Text):
            out[-1] = n.Text(out[-1].text + item.text)
        else:
            out.append(item)
    return tuple(out)
