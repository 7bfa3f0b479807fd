"""The command line as a user runs it: outputs, exit codes, messages, no tracebacks, no partial files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from convert import astjson
from convert import nodes as n

from .conftest import ROOT, SEED


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    return subprocess.run([sys.executable, "-m", "convert", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=full_env, timeout=600)


def assert_clean_failure(result: subprocess.CompletedProcess, code: int = 1) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip(), "a failure must say why"


def test_json_output(tmp_path):
    result = run_cli(str(SEED), "--json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["japan-peace-cooperation-2023.json"]
    doc = astjson.loads((tmp_path / "japan-peace-cooperation-2023.json").read_text(encoding="utf-8"))
    assert [b.title for b in doc.blocks] == ["Opening Remarks", "Part I Keynote Presentation", "Part II Discussion"]


def test_json_is_the_default_format(tmp_path):
    assert run_cli(str(SEED), "-o", str(tmp_path)).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["japan-peace-cooperation-2023.json"]


def test_help_and_version():
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("--docx", "--pdf", "--epub", "--xliff", "--json", "--to", "--all", "outline", "merge", "pseudo"):
        assert word in result.stdout
    assert run_cli("--version").stdout.startswith("report-convert ")
    for command in ("outline", "merge", "pseudo"):
        assert run_cli(command, "--help").returncode == 0


def test_outline():
    result = run_cli("outline", str(SEED))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Title: Current Status and Future Direction of Japan's International Peace Cooperation" in out
    assert out.count("Section: ") == 3 and out.count("Speech: ") == 8
    assert "Speech: Mr. Takakazu Ito" in out
    assert "(Senior Programme Manager, Triangular Partnership, Department of Operational Support, United Nations)" in out
    assert "sections: 3, speeches: 8, paragraphs: 16, lists: 1, list items: 3, words of body text: 3302" in out


def test_outline_counts_list_items_with_several_paragraphs_once():
    from convert.outline import format_outline

    para = n.Para((n.Text("two words"),))
    listed = n.OrderedList(items=(n.Item((para, para)), n.Item((para,))))
    speech = n.Speech(n.Speaker("Ms. A"), (para, listed))
    out = format_outline(n.Document(blocks=(n.Section("S", "s", (speech,)),)))
    assert "Speech: Ms. A  (1 paragraph, 1 list, 8 words)" in out
    assert out.endswith("sections: 1, speeches: 1, paragraphs: 1, lists: 1, list items: 2, "
                        "words of body text: 8\n")


def test_outline_shows_quotations_tables_and_figures(rich_doc):
    from convert.outline import format_outline

    out = format_outline(rich_doc)
    kinds = {n.BlockQuote: "Quotation  (", n.Table: "Table: ", n.Figure: "Figure: "}
    for kind, shown in kinds.items():
        found = sum(isinstance(block, kind) for block in n.iter_blocks(rich_doc.blocks))
        assert found and out.count(shown) == found, kind
    tables = sum(isinstance(block, n.Table) for block in n.iter_blocks(rich_doc.blocks))
    assert f"tables: {tables}" in out.splitlines()[-1]


@pytest.mark.parametrize("content,message", [
    (b"", "file is empty"),
    (b"   \n\n  ", "whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    ("Text – with one".encode() + b" stray \xff byte", "invalid UTF-8"),
])
def test_bad_input_is_refused_cleanly(tmp_path, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli(str(source), "--json", "-o", str(out))
    assert_clean_failure(result)
    assert message in result.stderr and "bad.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("encoding", ["shift_jis", "euc_jp", "utf-16"])
def test_japanese_legacy_encodings_convert_faithfully(tmp_path, encoding):
    from .test_decode import JAPANESE

    source = tmp_path / "ja.txt"
    source.write_bytes(JAPANESE.encode(encoding))
    result = run_cli(str(source), "--json", "--epub", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    doc = astjson.loads((tmp_path / "ja.json").read_text(encoding="utf-8"))
    text = "".join(n.plain_text(b.inlines) for b in n.iter_blocks(doc.blocks) if isinstance(b, n.Para))
    assert "明石氏は、本日の議論の主な主題は" in text and "派遣できるようになった。" in text


def test_missing_file_and_usage_errors(tmp_path):
    result = run_cli(str(tmp_path / "nope.txt"), "-o", str(tmp_path))
    assert_clean_failure(result)
    assert "no such file" in result.stderr
    assert_clean_failure(run_cli("--no-such-flag", str(SEED)), code=2)
    assert_clean_failure(run_cli(), code=2)
    assert_clean_failure(run_cli(str(SEED), "-j", "0"), code=2)


def test_output_folder_problems_are_clean_errors(tmp_path):
    a_file = tmp_path / "taken"
    a_file.write_text("x")
    result = run_cli(str(SEED), "-o", str(a_file))
    assert_clean_failure(result, code=2)
    assert "is a file, not a folder" in result.stderr
    result = run_cli(str(SEED), "--json", "--epub", "-o", "/proc/no-such-folder/out")
    assert_clean_failure(result)
    assert "cannot write /proc/no-such-folder/out/japan-peace-cooperation-2023.json" in result.stderr
    result = run_cli("pseudo", str(ROOT / "tests" / "fixtures" / "seed.ja.xlf"), "-o", "/proc/no-such-folder/x.xlf")
    assert_clean_failure(result)


def test_two_formats_writing_one_file_are_refused(tmp_path):
    result = run_cli(str(SEED), "--docx", "--to", "docx", "-o", str(tmp_path))
    assert_clean_failure(result, code=2)
    assert "--to docx and --docx would both write <stem>.docx" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert run_cli(str(SEED), "--to", "docx", "--to", "markdown", "-o", str(tmp_path)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["japan-peace-cooperation-2023.docx",
                                                         "japan-peace-cooperation-2023.md"]


def test_builtin_extensions_match_the_writers():
    from convert import registry
    from convert.cli import BUILTIN_EXTENSIONS

    assert {name: registry.get_writer(name).extension for name in registry.BUILTIN} == BUILTIN_EXTENSIONS


def test_unknown_pandoc_format_lists_valid_ones(tmp_path):
    result = run_cli(str(SEED), "--to", "nosuchformat", "-o", str(tmp_path))
    assert_clean_failure(result, code=2)
    assert "markdown" in result.stderr and "nosuchformat" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_theme_names_the_key(tmp_path):
    theme = tmp_path / "bad.toml"
    theme.write_text('[page]\nsize = "A4"\nmargin_topp = "1mm"\n', encoding="utf-8")
    result = run_cli(str(SEED), "--style", str(theme), "-o", str(tmp_path / "out"))
    assert_clean_failure(result)
    assert "page.margin_topp" in result.stderr


def test_strict_turns_warnings_into_errors(tmp_path):
    source = tmp_path / "odd.txt"
    source.write_text("Opening Remarks\n\nMs. Ann Lee\n\nThe peace-\nkeeping mission was long.\n", encoding="utf-8")
    relaxed = run_cli(str(source), "-o", str(tmp_path / "a"))
    assert relaxed.returncode == 0 and "warning" in relaxed.stderr and "odd.txt:5" in relaxed.stderr
    strict = run_cli(str(source), "--strict", "-o", str(tmp_path / "b"))
    assert_clean_failure(strict)
    assert not (tmp_path / "b").exists()
    assert run_cli(str(SEED), "--strict", "-o", str(tmp_path / "c")).returncode == 0


def test_quiet_and_verbose(tmp_path):
    source = tmp_path / "odd.txt"
    source.write_text("Opening Remarks\n\nMs. Ann Lee\n\nThe peace-\nkeeping mission was long.\n", encoding="utf-8")
    assert run_cli(str(source), "-q", "-o", str(tmp_path)).stderr == ""
    verbose = run_cli(str(SEED), "-v", "-o", str(tmp_path))
    assert verbose.stderr.count("joined-page-break") == 4


def test_a_repeated_warning_is_counted_after_ten(tmp_path):
    """Twelve guesses of one kind: ten printed, then one line counting the other two; -v and
    JSON messages give all twelve."""
    source = tmp_path / "odd.txt"
    speeches = "Ms. Ann Lee\n\nThe peace-\nkeeping mission was long.\n\n" * 12
    source.write_text("Opening Remarks\n\n" + speeches, encoding="utf-8")
    plain = run_cli(str(source), "--json", "-o", str(tmp_path / "a"))
    assert plain.returncode == 0
    shown = [line for line in plain.stderr.splitlines() if "[dehyphenated]" in line]
    assert len(shown) == 11 and "2 more like the above" in shown[-1] and "odd.txt:" in shown[0]
    verbose = run_cli(str(source), "--json", "-v", "-o", str(tmp_path / "b"))
    assert verbose.stderr.count("[dehyphenated]") == 12
    as_json = run_cli(str(source), "--json", "--error-format", "json", "-o", str(tmp_path / "c"))
    assert [json.loads(line)["code"] for line in as_json.stderr.splitlines()].count("dehyphenated") == 12


def test_error_format_json(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run_cli(str(bad), str(SEED), "--error-format", "json", "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stderr.splitlines()]
    errors = [r for r in records if r["severity"] == "error"]
    assert errors == [{"severity": "error", "file": str(bad), "line": 0, "code": "", "message": "file is empty"}]
    assert (tmp_path / "out" / "japan-peace-cooperation-2023.json").exists()


def test_batch_folder_in_parallel_continues_past_failures(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for index in range(3):
        (inputs / f"report{index}.txt").write_bytes(SEED.read_bytes())
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02")
    result = run_cli(str(inputs), "--json", "-j", "2", "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "broken.txt" in result.stderr and "3 of 4 reports converted" in result.stderr
    assert "[4/4]" in result.stderr  # one progress line per report in a log (no terminal)
    assert re.search(r"failed: \S*broken.txt \(binary data", result.stderr)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"report{i}.json" for i in range(3)]


def test_python_dash_m_and_console_script_agree(tmp_path):
    script = Path(sys.executable).parent / "report-convert"
    if not script.exists():
        pytest.skip("console script not installed in this environment")
    a = subprocess.run([str(script), "outline", str(SEED)], capture_output=True, text=True)
    assert a.returncode == 0 and a.stdout == run_cli("outline", str(SEED)).stdout
