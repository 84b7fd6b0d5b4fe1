"""`sylcollect export` on a terminal: progress on stderr (only on a TTY, never with --json);
Ctrl+C removes what the export wrote and ends with one `error: ` line, exit 1."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from sylcollect.cli import main
from sylcollect.export import run as run_module
from tests.conftest import PASSWORD, run_cli

GAD = {f"gad7_{i}": "1" for i in range(1, 8)}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export-cancel")
    folder = root / "data"
    assert run_cli(folder, "init", "--demo", "--user", "ann").code == 0
    res = run_cli(folder, "participant", "add", "--site", "durham-house", "--code", "DH-001")
    assert res.code == 0, res.err
    answers = root / "gad.json"
    answers.write_text(json.dumps(GAD))
    res = run_cli(folder, "record", "add", "--form", "gad7", "--answers", str(answers),
                  "--participant", "DH-001", "--wave", "baseline")  # fmt: skip
    assert res.code == 0, res.err
    return folder


class Terminal(io.StringIO):
    """stderr as a terminal."""

    def isatty(self) -> bool:
        return True


def _export(data_dir: Path, out: Path, *extra: str) -> int:
    return main(["--data-dir", str(data_dir), "export", "--format", "csv", "--out", str(out),
                 *extra])  # fmt: skip


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYLCOLLECT_PASSWORD", PASSWORD)


def test_ctrl_c_removes_the_partial_export_and_exits_1(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("kept")
    real = run_module.csv_bytes
    calls: list[int] = []

    def ctrl_c_on_the_third_file(*args: Any) -> bytes:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(run_module, "csv_bytes", ctrl_c_on_the_third_file)
    assert _export(data_dir, out) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"error: export interrupted; no files were left in {out}"]
    assert len(calls) == 3  # two files had been written before Ctrl+C
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_progress_on_a_terminal_only(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert _export(data_dir, tmp_path / "tty") == 0
    shown = terminal.getvalue()
    assert "Reading records..." in shown and "Writing codebook.pdf..." in shown
    assert shown.endswith("\r\x1b[K")  # the progress line is cleared at the end
    assert "files written to" in capsys.readouterr().out

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert _export(data_dir, tmp_path / "json", "--json") == 0
    assert terminal.getvalue() == ""
    assert json.loads(capsys.readouterr().out)["records"] == 1

    monkeypatch.undo()
    monkeypatch.setenv("SYLCOLLECT_PASSWORD", PASSWORD)
    assert _export(data_dir, tmp_path / "pipe") == 0
    assert capsys.readouterr().err == ""  # not a terminal: nothing on stderr
