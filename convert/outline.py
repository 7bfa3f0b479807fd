"""The recovered structure of a report as a readable tree, for checking it at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from . import nodes as n

_PREVIEW_WORDS = 9


def _span(lines: n.Span) -> str:
    return f"{lines[0]}" if lines[0] == lines[1] else f"{lines[0]}-{lines[1]}"


def _preview(text: str) -> str:
    words = text.split()
    head = " ".join(words[:_PREVIEW_WORDS])
    return f"{head} …" if len(words) > _PREVIEW_WORDS else head


@dataclass
class _Tally:
    """What a run of blocks holds. Paragraphs count outside lists and tables only (a list item's
    text is counted as its item, a table's as its cells); words count every paragraph, in lists
    and tables too, and captions."""

    sections: int = 0
    speeches: int = 0
    paragraphs: int = 0
    lists: int = 0
    items: int = 0
    tables: int = 0
    figures: int = 0
    words: int = 0

    def add(self, blocks: tuple[n.Block, ...], in_list: bool = False) -> _Tally:
        for block in blocks:
            if isinstance(block, n.Para):
                self.paragraphs += not in_list
                self.words += len(n.plain_text(block.inlines).split())
            elif isinstance(block, (n.OrderedList, n.BulletList)):
                self.lists += 1
                self.items += len(block.items)
                for item in block.items:
                    self.add(item.blocks, in_list=True)
            elif isinstance(block, (n.Table, n.Figure)):
                self.tables += isinstance(block, n.Table)
                self.figures += isinstance(block, n.Figure)
                self.words += len(n.plain_text(block.caption).split())
                self.add(n.child_blocks(block), in_list=True)
            else:
                self.sections += isinstance(block, n.Section)
                self.speeches += isinstance(block, n.Speech)
                self.add(n.child_blocks(block), in_list)
        return self


def _count(blocks: tuple[n.Block, ...]) -> str:
    tally = _Tally().add(blocks)
    parts = [f"{tally.paragraphs} paragraph{'s' * (tally.paragraphs != 1)}"]
    if tally.lists:
        parts.append(f"{tally.lists} list{'s' * (tally.lists != 1)}")
    parts.append(f"{tally.words} words")
    return ", ".join(parts)


def _block_lines(block: n.Block, indent: str) -> list[str]:
    if isinstance(block, n.Para):
        return [f"{indent}¶ {_preview(n.plain_text(block.inlines))}  [{_span(block.lines)}]"]
    if isinstance(block, (n.OrderedList, n.BulletList)):
        out = []
        for number, item in enumerate(block.items, getattr(block, "start", 1)):
            marker = f"{number}." if isinstance(block, n.OrderedList) else "•"
            text = " ".join(n.plain_text(b.inlines) for b in n.iter_blocks(item.blocks) if isinstance(b, n.Para))
            out.append(f"{indent}{marker} {_preview(text)}  [{_span(item.lines)}]")
        return out
    heads = {n.Section: lambda: f"Section: {block.title}  #{block.id}",
             n.Parallel: lambda: f"Parallel {block.langs[0]} | {block.langs[1]}",
             n.BlockQuote: lambda: f"Quotation  ({_count(block.blocks)})",
             n.Speech: lambda: f"Speech: {block.speaker.name}  ({_count(block.blocks)})"}
    if type(block) in heads:  # a container: its line, then its blocks indented under it
        out = [f"{indent}{heads[type(block)]()}  [{_span(block.lines)}]"]
        if isinstance(block, n.Speech) and block.speaker.affiliation:
            out.append(f"{indent}  ({block.speaker.affiliation})")
        for child in block.blocks:
            out.extend(_block_lines(child, indent + "  "))
        return out
    if isinstance(block, n.Table):
        rows = len(block.head) + len(block.body)
        columns = block.columns
        caption = _preview(n.plain_text(block.caption))
        return [f"{indent}Table: {rows} row{'s' * (rows != 1)} x {columns} column{'s' * (columns != 1)}"
                + (f", {caption}" if caption else "") + f"  [{_span(block.lines)}]"]
    if isinstance(block, n.Figure):
        caption = _preview(n.plain_text(block.caption)) or _preview(block.image.alt) or block.image.resource
        return [f"{indent}Figure: {caption}  [{_span(block.lines)}]"]
    raise TypeError(f"not a block node: {block!r}")


def _summary(blocks: tuple[n.Block, ...]) -> str:
    tally = _Tally().add(blocks)
    found = (f", tables: {tally.tables}" if tally.tables else "") + (f", figures: {tally.figures}" if tally.figures else "")
    return (f"sections: {tally.sections}, speeches: {tally.speeches}, paragraphs: {tally.paragraphs}, "
            f"lists: {tally.lists}, list items: {tally.items}{found}, words of body text: {tally.words}")


def format_outline(doc: n.Document) -> str:
    """Return the title block and the tree of sections, speeches, paragraphs and lists as text."""
    meta = doc.meta
    out = [f"Title: {meta.title}"]
    for organizer in meta.organizers:
        out.append(f"  Organizer: {organizer}")
    for presenter in meta.presenters:
        out.append(f"  Presenter: {presenter.name}" + (f" ({presenter.affiliation})" if presenter.affiliation else ""))
    if meta.date_text:
        out.append(f"  Date: {meta.date_text}" + (f" = {meta.date}" if meta.date else ""))
    if meta.time_text:
        out.append(f"  Time: {meta.time_text}")
    if meta.compiled_by:
        out.append(f"  Compiled by: {meta.compiled_by}")
    out.append(f"  Language: {meta.lang}")
    out.append("")
    for block in doc.blocks:
        out.extend(_block_lines(block, ""))
    out.append("")
    out.append(_summary(doc.blocks))
    return "\n".join(out) + "\n"
