"""The directory exporter: one Markdown file per incident, written atomically."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.postmortem.export import DirectoryExporter, ExportFailed, PostmortemDocument
from tests.export.conftest import make_doc


async def test_first_publish_creates_the_file_and_the_second_updates_it(tmp_path: Path):
    exporter = DirectoryExporter(tmp_path / "postmortems")

    first = await exporter.publish(make_doc("# draft\n"))
    second = await exporter.publish(make_doc("# final\n"))

    target = tmp_path / "postmortems" / "INC-42-postmortem.md"
    assert (first.exporter, first.location, first.created) == ("directory", str(target), True)
    assert (second.location, second.created) == (str(target), False)
    assert target.read_text(encoding="utf-8") == "# final\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["INC-42-postmortem.md"]


async def test_each_incident_gets_its_own_file(tmp_path: Path):
    exporter = DirectoryExporter(tmp_path)
    await exporter.publish(make_doc("a", incident_id="INC-1", title="INC-1 postmortem"))
    await exporter.publish(make_doc("b", incident_id="INC-2", title="INC-2 postmortem"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["INC-1-postmortem.md", "INC-2-postmortem.md"]


async def test_the_file_is_written_to_a_temporary_file_in_the_same_directory_then_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    exporter = DirectoryExporter(tmp_path)
    target = tmp_path / "INC-42-postmortem.md"
    await exporter.publish(make_doc("old\n"))
    seen: list[tuple[Path, str, str]] = []
    real_replace = os.replace

    def spying_replace(src, dst):
        # At the moment of the rename the complete new text is in the temporary file and
        # the target still holds the old one: a reader sees one or the other, never half.
        seen.append((Path(src), Path(src).read_text(), Path(dst).read_text()))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spying_replace)
    await exporter.publish(make_doc("new\n" * 1000))

    [(temporary, new_text, old_text)] = seen
    assert temporary.parent == tmp_path and temporary != target
    assert new_text == "new\n" * 1000 and old_text == "old\n"
    assert target.read_text() == "new\n" * 1000


async def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    exporter = DirectoryExporter(tmp_path)
    await exporter.publish(make_doc("the good version\n"))

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(ExportFailed) as failure:
        await exporter.publish(make_doc("never lands\n"))

    assert str(failure.value) == (
        f"directory export failed: could not write {tmp_path / 'INC-42-postmortem.md'}: "
        "No space left on device"
    )
    assert (tmp_path / "INC-42-postmortem.md").read_text() == "the good version\n"
    assert [p.name for p in tmp_path.iterdir()] == ["INC-42-postmortem.md"]


async def test_concurrent_publishes_leave_one_complete_file(tmp_path: Path):
    exporter = DirectoryExporter(tmp_path)
    versions = [f"version {n}\n" * 200 for n in range(8)]
    results = await asyncio.gather(*(exporter.publish(make_doc(text)) for text in versions))
    assert [r.created for r in results].count(True) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["INC-42-postmortem.md"]
    assert (tmp_path / "INC-42-postmortem.md").read_text() in versions


async def test_the_directory_is_created_when_missing_and_the_file_is_for_its_owner_only(tmp_path: Path):
    result = await DirectoryExporter(tmp_path / "a" / "b").publish(make_doc("x\n"))
    written = Path(result.location)
    assert written.read_text() == "x\n"
    assert written.stat().st_mode & 0o777 == 0o600  # a postmortem may quote what leaked


async def test_a_configured_file_mode_is_used_for_a_new_file(tmp_path: Path):
    result = await DirectoryExporter(tmp_path, file_mode=0o640).publish(make_doc("x\n"))
    assert Path(result.location).stat().st_mode & 0o777 == 0o640


async def test_a_directory_that_cannot_be_made_is_a_clear_failure(tmp_path: Path):
    blocker = tmp_path / "postmortems"
    blocker.write_text("a file where the directory should be")
    with pytest.raises(ExportFailed, match=r"^directory export failed: could not write .*postmortems"):
        await DirectoryExporter(blocker).publish(make_doc())


async def test_a_document_without_a_final_newline_gets_one(tmp_path: Path):
    result = await DirectoryExporter(tmp_path).publish(make_doc("# no newline"))
    assert Path(result.location).read_text() == "# no newline\n"


@pytest.mark.parametrize("incident_id", ["../etc/passwd", "INC/42", "", ".hidden", "INC 42"])
def test_an_incident_id_that_is_not_a_plain_name_is_refused(incident_id: str, tmp_path: Path):
    with pytest.raises(ValidationError):
        PostmortemDocument(incident_id=incident_id, title="t", markdown="m")
    with pytest.raises(ExportFailed, match="is not an incident id"):
        DirectoryExporter(tmp_path).path_for(incident_id)


async def test_each_export_is_logged_with_the_incident_and_where_it_went(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.INFO, logger="bot.postmortem.export"):
        await DirectoryExporter(tmp_path).publish(make_doc())
    [record] = caplog.records
    assert (record.getMessage(), record.incident_id, record.exporter, record.new_document) == (
        "postmortem exported", "INC-42", "directory", True)
    assert record.location == str(tmp_path / "INC-42-postmortem.md")
