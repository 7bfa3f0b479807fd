"""Image bytes from untrusted sources: what is kept, what is refused and why."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from convert import images, nodes


def _image(fmt: str, size: tuple[int, int] = (40, 20), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white" if mode == "RGB" else 0).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt,media_type", [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif")])
def test_png_jpeg_and_gif_are_kept_and_named_by_their_content(fmt, media_type):
    data = _image(fmt)
    assert images.image_type(data) == (media_type, (40, 20))
    resource = images.resource_for(data, "figure")
    assert resource.media_type == media_type and resource.data == data
    assert nodes.is_resource_name(resource.name) and resource.name.startswith("figure-")
    assert images.resource_for(data, "figure").name == resource.name  # the same bytes, the same name
    assert images.resource_for(_image(fmt, (41, 20)), "figure").name != resource.name


@pytest.mark.parametrize("data,message", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not a readable PNG"),
    (b"BM" + bytes(100), "not a readable PNG"),  # a BMP: Pillow reads it, no writer needs it
    (b"", "not a readable PNG"),
    (_image("PNG")[:40], "not a readable PNG"),  # truncated
])
def test_other_bytes_are_refused(data, message):
    with pytest.raises(images.ImageError, match=message):
        images.image_type(data)


def test_a_small_file_that_decodes_to_a_huge_bitmap_is_refused():
    data = _image("PNG", (8000, 8000), "1")  # 64 megapixels in a few kilobytes
    assert len(data) < 100_000
    with pytest.raises(images.ImageError, match="8000 x 8000 pixels"):
        images.image_type(data)


def test_size_limits(monkeypatch):
    data = _image("PNG")
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", len(data) - 1)
    with pytest.raises(images.ImageError, match="the limit is"):
        images.image_type(data)
    monkeypatch.undo()
    resource = images.resource_for(data)
    monkeypatch.setattr(images, "MAX_IMAGES", 1)
    with pytest.raises(images.ImageError, match="2 images; the limit is 1"):
        images.check_resources((resource, images.resource_for(_image("GIF"))))
    with pytest.raises(images.ImageError, match="is image/png, not image/gif"):
        images.check_resources((nodes.Resource("x.gif", "image/gif", data),))


@pytest.mark.parametrize("name,ok", [("chart-1.png", True), ("a.jpg", True), ("A_b-9.gif", True),
                                     ("../x.png", False), ("x/y.png", False), (".png", False), ("x.svg", False),
                                     ("x.PNG", False), ("x.png\n", False), ("-x.png", False), ("x" * 65 + ".png", False)])
def test_resource_names_are_plain_file_names(name, ok):
    assert nodes.is_resource_name(name) is ok
