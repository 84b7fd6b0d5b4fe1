"""The primitives under bundles and packages: Ed25519 signing, HPKE key sealing, STREAM chunks."""

from __future__ import annotations

import pytest

from sylcollect.crypto import hpke, signing
from sylcollect.errors import IntegrityFailure, InvalidInput


def test_sign_and_verify() -> None:
    private = signing.generate_private_key()
    public = signing.public_key(private)
    assert len(private) == len(public) == 32
    signature = signing.sign(private, b"message")
    assert len(signature) == 64
    signing.verify(public, signature, b"message")
    for bad in (
        lambda: signing.verify(public, signature, b"messagE"),
        lambda: signing.verify(public, signature[:-1] + bytes([signature[-1] ^ 1]), b"message"),
        lambda: signing.verify(public, signature[:63], b"message"),
        lambda: signing.verify(
            signing.public_key(signing.generate_private_key()), signature, b"message"
        ),
        lambda: signing.verify(public[:31], signature, b"message"),
    ):
        with pytest.raises(signing.BadSignature):
            bad()
    with pytest.raises(InvalidInput):
        signing.sign(b"short", b"m")


def test_fingerprint_is_stable_and_readable() -> None:
    public = bytes(range(32))
    assert signing.fingerprint(public) == signing.fingerprint(public)
    assert signing.fingerprint(public) != signing.fingerprint(bytes(32))
    assert [len(g) for g in signing.fingerprint(public).split(" ")] == [4] * 16


def test_hpke_seal_and_open() -> None:
    private = hpke.generate_private_key()
    public = hpke.public_key(private)
    assert (len(private), len(public)) == (hpke.PRIVATE_KEY_BYTES, hpke.PUBLIC_KEY_BYTES)
    key = hpke.new_content_key()
    blob = hpke.seal_key(public, key, b"info")
    assert len(blob) == hpke.SEALED_KEY_BYTES == 1168
    assert hpke.open_key(private, blob, b"info") == key
    assert hpke.seal_key(public, key, b"info") != blob  # fresh encapsulation each time
    other = hpke.generate_private_key()
    for args in ((private, blob, b"infO"), (other, blob, b"info"), (private, blob[:-1], b"info")):
        with pytest.raises(hpke.SealedKeyError):
            hpke.open_key(*args)
    with pytest.raises(hpke.BadStudyKey):
        hpke.open_key(private[:-1], blob, b"info")
    with pytest.raises(InvalidInput):
        hpke.seal_key(public, b"short", b"info")


@pytest.mark.parametrize(
    "public",
    [b"", b"\x00" * 1215, b"\xff" * 1216, bytes(1184) + bytes(32)],
)
def test_unusable_study_public_keys(public: bytes) -> None:
    with pytest.raises(hpke.BadStudyKey):
        hpke.check_public_key(public)


def test_study_key_survives_serialisation() -> None:
    private = hpke.generate_private_key()
    assert hpke.public_key(private) == hpke.public_key(bytes(private))
    hpke.check_public_key(hpke.public_key(private))


def test_chunks_must_come_in_order_with_the_right_flag() -> None:
    key = hpke.new_content_key()
    sealer = hpke.ChunkSealer(key, b"ad")
    c0 = sealer.seal(b"zero", final=False)
    c1 = sealer.seal(memoryview(b"one"), final=True)
    with pytest.raises(IntegrityFailure):
        sealer.seal(b"after", final=True)
    opener = hpke.ChunkOpener(key, b"ad")
    assert opener.open(c0, final=False) == b"zero"
    assert opener.would_open(c1, final=True) and not opener.would_open(c1, final=False)
    assert opener.open(c1, final=True) == b"one"
    assert opener.finished
    with pytest.raises(IntegrityFailure):
        opener.open(c1, final=True)
    for attempt in ((c1, False), (c1, True), (c0, True)):
        with pytest.raises(IntegrityFailure):
            hpke.ChunkOpener(key, b"ad").open(attempt[0], final=attempt[1])
    with pytest.raises(IntegrityFailure):
        hpke.ChunkOpener(key, b"other ad").open(c0, final=False)


def test_refusals_keep_code_and_message_through_pickling() -> None:
    import pickle

    from sylcollect.errors import SylError
    from sylcollect.sync.bundle_errors import BundleRefused, PackageRefused

    for cls in (BundleRefused, PackageRefused):
        exc = cls("bad_chunk", "chunk 3 failed")
        again = pickle.loads(pickle.dumps(exc))
        assert isinstance(again, cls) and isinstance(again, SylError)
        assert (again.code, again.message, str(again)) == (
            "bad_chunk",
            "chunk 3 failed",
            "chunk 3 failed",
        )
