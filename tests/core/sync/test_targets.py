"""Export targets: a folder, and an HTTP(S) PUT endpoint tested against a real WebDAV server
(wsgidav on cheroot) on loopback."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sylcollect.sync import outbox
from sylcollect.sync.bundle import verify_bundle
from sylcollect.sync.targets import (
    ALLOW_HTTP_ENV,
    FolderTarget,
    HttpTarget,
    TargetError,
    target_from,
)
from tests.core.sync.test_outbox import Laptop, enrol, laptop  # noqa: F401 (fixture)

wsgidav_app = pytest.importorskip("wsgidav.wsgidav_app")
cheroot_wsgi = pytest.importorskip("cheroot.wsgi")

USER, SECRET = "sync-user", "fake sync secret"


@dataclass
class Dav:
    """A running WebDAV server: its folder on disk and base URLs."""

    root: Path
    port: int
    server: object

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def auth_url(self) -> str:
        return f"http://{USER}:{SECRET.replace(' ', '%20')}@127.0.0.1:{self.port}/"


def _start(root: Path, *, auth: bool) -> tuple[object, int, threading.Thread]:
    users: object = {USER: {"password": SECRET}} if auth else True
    config = {
        "provider_mapping": {"/": str(root)},
        "verbose": 0,
        "logging": {"enable": False, "enable_loggers": []},
        "http_authenticator": {
            "domain_controller": None,
            "accept_basic": True,
            "accept_digest": False,
            "default_to_digest": False,
            "trusted_auth_header": None,
        },
        "simple_dc": {"user_mapping": {"*": users}},
        "dir_browser": {"enable": False},
        "lock_storage": True,
    }
    app = wsgidav_app.WsgiDAVApp(config)
    server = cheroot_wsgi.Server(("127.0.0.1", 0), app)
    server.prepare()
    port = server.bind_addr[1]
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    return server, port, thread


@pytest.fixture
def dav(tmp_path: Path) -> Iterator[Dav]:
    root = tmp_path / "dav"
    root.mkdir()
    server, port, thread = _start(root, auth=True)
    yield Dav(root, port, server)
    server.stop()  # type: ignore[attr-defined]
    thread.join(5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- HTTP -----------------------------------------------------------------------------


def test_put_delivers_the_exact_file(dav: Dav, tmp_path: Path) -> None:
    src = tmp_path / "b.sylb"
    src.write_bytes(os.urandom(200_000))
    target = HttpTarget(dav.auth_url, allow_loopback_http=True)
    assert target.reachable()
    location = target.deliver(src, "b.sylb")
    assert location == dav.url + "b.sylb"
    assert (dav.root / "b.sylb").read_bytes() == src.read_bytes()
    assert SECRET not in target.description and USER not in target.description


def test_wrong_credentials_are_a_clear_refusal(dav: Dav, tmp_path: Path) -> None:
    src = tmp_path / "b.sylb"
    src.write_bytes(b"x")
    target = HttpTarget(f"http://{USER}:wrong@127.0.0.1:{dav.port}/", allow_loopback_http=True)
    assert target.reachable()  # the server answers, it just says no
    with pytest.raises(TargetError, match="refused the upload") as info:
        target.deliver(src, "b.sylb")
    assert "wrong" not in str(info.value)
    assert not (dav.root / "b.sylb").exists()


def test_a_missing_folder_on_the_server_is_reported(dav: Dav, tmp_path: Path) -> None:
    src = tmp_path / "b.sylb"
    src.write_bytes(b"x")
    target = HttpTarget(dav.auth_url + "no/such/folder/", allow_loopback_http=True)
    with pytest.raises(TargetError, match="HTTP"):
        target.deliver(src, "b.sylb")


def test_unreachable_server() -> None:
    target = HttpTarget(f"http://127.0.0.1:{_free_port()}/", allow_loopback_http=True)
    assert not target.reachable()
    with pytest.raises(TargetError, match="cannot reach"):
        target.check()


def test_only_https_unless_loopback_http_is_allowed_for_tests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ALLOW_HTTP_ENV, raising=False)
    with pytest.raises(TargetError, match="https"):
        HttpTarget("http://127.0.0.1:8080/")
    with pytest.raises(TargetError, match="https"):
        HttpTarget("http://example.org/", allow_loopback_http=True)
    with pytest.raises(TargetError):
        HttpTarget("ftp://example.org/")
    assert HttpTarget("https://dav.example.org/share").description == (
        "https://dav.example.org/share/"
    )
    monkeypatch.setenv(ALLOW_HTTP_ENV, "1")
    assert HttpTarget("http://localhost:8080/x/").description == "http://localhost:8080/x/"
    with pytest.raises(TargetError):
        HttpTarget("http://10.0.0.1/")


def test_target_from_text(tmp_path: Path) -> None:
    assert isinstance(target_from(str(tmp_path)), FolderTarget)
    assert isinstance(target_from("https://dav.example.org/"), HttpTarget)


def test_sync_to_webdav_end_to_end(laptop: Laptop, dav: Dav) -> None:  # noqa: F811
    enrol(laptop.ws, "DH-001")
    target = HttpTarget(dav.auth_url, allow_loopback_http=True)
    result = outbox.sync(laptop.ws, target)
    assert result.sequences == (1,)
    [uploaded] = list(dav.root.glob("*.sylb"))
    assert result.delivered == (dav.url + uploaded.name,)
    verified = verify_bundle(uploaded, max_bytes=1 << 30)
    assert verified.header.sequence == 1
    assert outbox.status(laptop.ws).waiting.changes == 0


def test_server_down_leaves_the_outbox_intact(laptop: Laptop, tmp_path: Path) -> None:  # noqa: F811
    enrol(laptop.ws, "DH-001")
    root = tmp_path / "dav-later"
    root.mkdir()
    port = _free_port()
    target = HttpTarget(f"http://127.0.0.1:{port}/", allow_loopback_http=True)
    with pytest.raises(TargetError, match="cannot reach"):
        outbox.sync(laptop.ws, target)
    st = outbox.status(laptop.ws)
    assert st.waiting.changes == 2 and st.last_failure is not None


# --- folder ---------------------------------------------------------------------------


def test_folder_delivery_is_atomic_and_idempotent(tmp_path: Path) -> None:
    src = tmp_path / "b.sylb"
    src.write_bytes(b"bundle bytes")
    out = tmp_path / "out"
    out.mkdir()
    target = FolderTarget(out)
    assert target.reachable()
    assert target.deliver(src, "b.sylb") == str(out / "b.sylb")
    assert target.deliver(src, "b.sylb") == str(out / "b.sylb")
    assert [p.name for p in out.iterdir()] == ["b.sylb"]
    assert not FolderTarget(tmp_path / "nope").reachable()
    (tmp_path / "file").write_text("x")
    with pytest.raises(TargetError, match="not a folder"):
        FolderTarget(tmp_path / "file").check()
