"""Shared fixtures: the theme, the sample AST and the seed's AST, real validator lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert import astjson
from convert.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "seeds" / "japan-peace-cooperation-2023.txt"


@pytest.fixture(autouse=True)
def _fixed_build_time(monkeypatch):
    """Every test builds with one fixed SOURCE_DATE_EPOCH (whatever the caller's) unless it sets its own."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch, _cache_folder):
    """Tests (and the commands they run) keep their font and pandoc cache out of the user's."""
    monkeypatch.setenv("REPORT_CONVERT_CACHE", str(_cache_folder))


@pytest.fixture(scope="session")
def theme():
    return load_theme()


@pytest.fixture(scope="session")
def sample_doc():
    """A small hand-written AST with every node type, hostile text, RTL, emoji and a parallel block."""
    return astjson.loads((GOLDEN / "sample.ast.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def rich_doc():
    """A small hand-made AST with notes, links, a block quote, a table, a figure and its image."""
    return astjson.loads((GOLDEN / "rich.ast.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_doc():
    """The seed report's AST as the normalizer builds it (checked in as a golden file)."""
    return astjson.loads((GOLDEN / "japan-peace-cooperation-2023.ast.json").read_text(encoding="utf-8"))
