"""Images a document carries: checked before any reader keeps them or any writer uses them.

Image bytes come from untrusted sources (a Word file's media, a PDF's image objects, a JSON
tree, a pandoc reader's media bag). They are kept only when Pillow recognises them as one
of ``nodes.IMAGE_TYPES`` (PNG, JPEG, GIF: formats every writer and every reading system
shows; SVG is refused, as it can carry scripts), within the size limits below. Nothing is
ever fetched from the network: an image is bytes the source holds, or it is left out.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image as PILImage

from .nodes import IMAGE_TYPES, Resource

#: The largest image file kept, in bytes.
MAX_IMAGE_BYTES = 16 * 1024 * 1024
#: The most images a document keeps, and their bytes together.
MAX_IMAGES = 1000
MAX_IMAGES_BYTES = 128 * 1024 * 1024
#: The most pixels an image may have (width x height): a small file may decode to a huge
#: bitmap (a "decompression bomb"); 50 megapixels is well above a full-page scan at 300 dpi.
MAX_IMAGE_PIXELS = 50_000_000

_PIL_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "MPO": "image/jpeg", "GIF": "image/gif"}


class ImageError(ValueError):
    """Bytes that are no usable image; the message says why."""


def image_type(data: bytes) -> tuple[str, tuple[int, int]]:
    """Return the media type and the (width, height) in pixels of the image ``data``; raise
    ImageError when it is too large, not a PNG, JPEG or GIF, or damaged."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(f"the image is {len(data):,} bytes; the limit is {MAX_IMAGE_BYTES:,}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data), formats=("PNG", "JPEG", "GIF")) as image:
                size = image.size
                if size[0] * size[1] > MAX_IMAGE_PIXELS:
                    raise ImageError(f"the image is {size[0]} x {size[1]} pixels; the limit is "
                                     f"{MAX_IMAGE_PIXELS:,} pixels")
                media_type = _PIL_TYPES[image.format]
                image.verify()
    except ImageError:
        raise
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombWarning,
            PILImage.DecompressionBombError) as exc:
        raise ImageError(f"not a readable PNG, JPEG or GIF image ({exc})") from None
    if size[0] < 1 or size[1] < 1:
        raise ImageError("the image has no pixels")
    return media_type, size


def resource_for(data: bytes, stem: str = "image") -> Resource:
    """Return ``data`` as a resource named after its content (``image-<sha256 prefix>.png``),
    so that the same image read twice is kept once; raise ImageError for bytes ``image_type``
    refuses. ``stem`` (letters, digits, ``-``) starts the name."""
    media_type, _ = image_type(data)
    digest = hashlib.sha256(data).hexdigest()[:16]
    return Resource(f"{stem}-{digest}.{IMAGE_TYPES[media_type]}", media_type, data)


def check_resources(resources: tuple[Resource, ...]) -> None:
    """Raise ImageError unless ``resources`` are within the document limits, uniquely named, and
    each is what its media type says."""
    if len(resources) > MAX_IMAGES:
        raise ImageError(f"{len(resources):,} images; the limit is {MAX_IMAGES:,}")
    total = sum(len(resource.data) for resource in resources)
    if total > MAX_IMAGES_BYTES:
        raise ImageError(f"the images come to {total:,} bytes; the limit is {MAX_IMAGES_BYTES:,}")
    names = [resource.name for resource in resources]
    if len(set(names)) != len(names):
        raise ImageError("two images have the same name")
    for resource in resources:
        media_type, _ = image_type(resource.data)
        if media_type != resource.media_type:
            raise ImageError(f"image {resource.name} is {media_type}, not {resource.media_type}")
