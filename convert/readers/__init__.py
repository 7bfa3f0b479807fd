"""Readers: each turns one kind of source into numbered lines on pages, for structure recovery.

A reader knows its source's quirks and nothing of reports; ``convert.recover`` knows reports and
nothing of where the lines came from. Today's reader is ``text`` (PDF-to-text dumps and plain text).
"""
