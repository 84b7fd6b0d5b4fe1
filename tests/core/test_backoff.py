"""Failed-unlock backoff: attempts 4+ wait 2^(n-3) s (capped at 15 min), across restarts."""

from __future__ import annotations

import pytest

from sylcollect.errors import BackoffActive, WrongPassword
from sylcollect.storage import workspace as wsmod
from sylcollect.storage.workspace import Workspace, backoff_delay
from tests.conftest import PASSWORD


def test_delay_schedule() -> None:
    assert [backoff_delay(n) for n in range(0, 7)] == [0, 0, 0, 2, 4, 8, 16]
    assert backoff_delay(40) == 15 * 60


def test_backoff_survives_a_restart_and_clears_on_success(
    workspace,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    ws, _ = workspace
    folder = ws.workspace.data_dir
    ws.lock()
    clock = [1_000_000.0]
    monkeypatch.setattr(wsmod.time, "time", lambda: clock[0])
    locked = Workspace.open(folder)
    for _ in range(3):
        with pytest.raises(WrongPassword):
            locked.unlock("ann", "wrong password, sorry")
    assert locked.wait_seconds("ann") == pytest.approx(2.0)
    with pytest.raises(BackoffActive) as info:
        locked.unlock("ann", PASSWORD)  # even the right password waits
    assert "wait 2 seconds" in str(info.value)

    locked.close()
    restarted = Workspace.open(folder)  # a new process would see the same
    assert restarted.wait_seconds("ann") == pytest.approx(2.0)
    assert restarted.wait_seconds("bob") == 0  # per user
    clock[0] += 2.0
    with pytest.raises(WrongPassword):
        restarted.unlock("ann", "still wrong")
    assert restarted.wait_seconds("ann") == pytest.approx(4.0)
    clock[0] += 4.0
    restarted.unlock("ann", PASSWORD).lock()
    assert restarted.wait_seconds("ann") == 0


def test_a_new_password_clears_the_backoff(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, recovery = workspace
    folder = ws.workspace.data_dir
    ws.lock()
    locked = Workspace.open(folder)
    for _ in range(5):
        with pytest.raises((WrongPassword, BackoffActive)):
            locked.unlock("ann", "wrong password, sorry")
    assert locked.wait_seconds("ann") > 0
    opened = locked.unlock_with_recovery(recovery)
    opened.set_password("ann", "a fresh start pass phrase")
    opened.lock()
    assert locked.wait_seconds("ann") == 0
    locked.unlock("ann", "a fresh start pass phrase").lock()
