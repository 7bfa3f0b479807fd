"""Plain values out of PDFium's ctypes objects without ``ctypes.cast``, which leaves garbage.

A cast records its argument in the argument's own ``_objects`` (ctypes keeps alive what a
pointer points into): a reference cycle, which only the cycle collector frees, and the
collector is paused while a report is read (``batch.collector_paused``). One cast a page and
one a bookmark left a 1,375-page PDF's reading several megabytes of such garbage.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c


def address_of(pointer) -> int:
    """Return the address a ctypes pointer (a PDFium handle) holds; 0 for NULL."""
    return ctypes.c_void_p.from_buffer(pointer).value or 0


def pointer_at(address: int, pointer_type):
    """Return a ctypes pointer of ``pointer_type`` (a PDFium handle type) holding ``address``."""
    return pointer_type.from_buffer_copy(ctypes.c_void_p(address))


def utf16_buffer(size: int) -> ctypes.Array:
    """Return a zeroed buffer of ``size`` bytes that PDFium's UTF-16 getters take as it is
    (an array of ``c_ushort``); ``ctypes.string_at(buffer, n)`` reads its first ``n`` bytes."""
    return (ctypes.c_ushort * ((size + 1) // 2))()


def plain_function(function, restype, *argtypes):
    """Return PDFium's ``function`` (a pypdfium2 binding) typed to take and give plain addresses
    and numbers.

    pypdfium2's shared prototypes convert its wrapper objects and build a pointer object for
    each call and each result; the readers call some functions for every line or character.
    """
    return ctypes.CFUNCTYPE(restype, *argtypes)(address_of(function))


#: The text object a character of a text page is drawn by, on the text page's address (0: a
#: character PDFium put in itself): characters of one object share its address.
TEXT_OBJECT_AT = plain_function(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
