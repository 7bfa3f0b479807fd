"""The distributed example: the conversion mapped over files with Dask's local process scheduler."""

from __future__ import annotations

import pytest

from convert import astjson

from .conftest import SEED

pytest.importorskip("dask", reason="the optional 'dask' extra is not installed")


def test_dask_maps_the_conversion_over_files(tmp_path):
    from convert.cluster import convert_many

    sources = []
    for index in range(4):
        path = tmp_path / f"report{index}.txt"
        path.write_bytes(SEED.read_bytes())
        sources.append(str(path))
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01")
    out = tmp_path / "out"
    outcomes = convert_many([*sources, str(broken)], str(out), ("json", "xliff"), scheduler="processes")
    assert [o.source for o in outcomes] == [*sources, str(broken)]
    assert [o.written for o in outcomes[:4]] == [(f"report{i}.json", f"report{i}.xlf") for i in range(4)]
    assert "binary data" in outcomes[4].error and outcomes[4].written == ()
    for index in range(4):
        doc = astjson.loads((out / f"report{index}.json").read_text(encoding="utf-8"))
        assert len(doc.blocks) == 3


def test_the_unit_of_work_is_pure(tmp_path):
    from convert.cluster import outputs_of

    first = outputs_of(str(SEED), ("json", "epub"))
    second = outputs_of(str(SEED), ("json", "epub"))
    assert first == second and set(first) == {"japan-peace-cooperation-2023.json", "japan-peace-cooperation-2023.epub"}
