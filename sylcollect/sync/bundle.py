"""`.sylb` bundles: written on a laptop, verified without a key, opened with the study key.

Layout (docs/sync-format.md): magic, version, then frames `H` header (canonical JSON),
`K` content key sealed with HPKE to the study key (`info` binds the header hash), `C`* full
chunks and one `F` final chunk (AES-256-GCM, counter+final-flag nonces, header hash as
associated data), `S` the device's Ed25519 signature over everything before it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sylcollect.crypto import hpke, signing
from sylcollect.errors import IntegrityFailure, InvalidInput, StorageError
from sylcollect.storage.files import fsync_dir
from sylcollect.sync import bundle_framing as fr
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.bundle_header import FORMAT_VERSION, BundleHeader

MAGIC = b"\x89SYLB\r\n\x1a\n"
CHUNK_BYTES = 64 * 1024
MAX_HEADER_BYTES = 64 * 1024
_FULL_CT = CHUNK_BYTES + hpke.TAG_BYTES
SIGNATURE_LABEL = b"sylcollect/bundle-signature/v1\x00"
KEY_INFO_LABEL = b"sylcollect/bundle-key/v1\x00"
CHUNK_AD_LABEL = b"sylcollect/bundle-chunk/v1\x00"
_H, _K, _C, _F, _S = b"H", b"K", b"C", b"F", b"S"


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose framing and device signature checked out; not decrypted. Immutable.

    `bundle_hash` is the SHA-256 (hex) of the whole file, `header_hash` of the header bytes.
    The signature proves only that the holder of `header.device_public_key` made the file:
    call `check_device_key` with the key registered for `header.device_id`.
    """

    header: BundleHeader
    bundle_hash: str
    path: Path
    header_hash: str
    size: int


# ---------------------------------------------------------------------------- writing


def write_bundle(
    path: Path | str,
    header: BundleHeader,
    payload_chunks: Iterable[bytes],
    study_public_key: bytes,
    device_private_key: bytes,
) -> str:
    """Seals `payload_chunks` (any sizes, streamed) into `path` atomically; returns its SHA-256.

    A failure at any point (including an exception from `payload_chunks`) leaves neither the
    bundle nor a temp file. The writer cannot read the bundle back: it never has the study
    private key, and the content key is dropped when this returns.
    """
    path = Path(path)
    if signing.public_key(device_private_key) != header.device_public_key:
        raise InvalidInput("the device key does not match the device public key in the header")
    header_bytes = header.encode()
    header_hash = hashlib.sha256(header_bytes).digest()
    content_key = hpke.new_content_key()
    sealed = hpke.seal_key(study_public_key, content_key, KEY_INFO_LABEL + header_hash)
    sealer = hpke.ChunkSealer(content_key, CHUNK_AD_LABEL + header_hash)
    del content_key
    with _atomic_writer(path) as out:
        out.write(MAGIC + bytes([FORMAT_VERSION]))
        out.frame(_H, header_bytes)
        out.frame(_K, sealed)
        for chunk, final in _rechunk(payload_chunks):
            out.frame(_F if final else _C, sealer.seal(chunk, final=final))
        signature = signing.sign(device_private_key, SIGNATURE_LABEL + out.digest())
        out.frame(_S, signature)
        bundle_hash = out.hexdigest()
    return bundle_hash


def _rechunk(pieces: Iterable[bytes]) -> Iterator[tuple[bytes | memoryview, bool]]:
    """Full CHUNK_BYTES chunks then one final chunk of 0..CHUNK_BYTES (0 only if empty)."""
    pending = bytearray()
    for piece in pieces:
        view = memoryview(piece).cast("B")
        if pending:
            take = CHUNK_BYTES - len(pending)
            pending += view[:take]
            view = view[take:]
            if not view:
                continue
            yield bytes(pending), False
            pending = bytearray()
        while len(view) > CHUNK_BYTES:
            yield view[:CHUNK_BYTES], False
            view = view[CHUNK_BYTES:]
        pending += view
    yield bytes(pending), True


class _Out:
    """Writes frames to one open temp file and hashes every byte. One thread."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._hash = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self._stream.write(data)
        self._hash.update(data)

    def frame(self, kind: bytes, body: bytes) -> None:
        self.write(fr.frame(kind, body))
        self.write(body)

    def digest(self) -> bytes:
        return self._hash.digest()

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


@contextlib.contextmanager
def _atomic_writer(path: Path) -> Iterator[_Out]:
    """A temp file beside `path` (0600), fsynced and renamed over `path` only on success."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except OSError as exc:
        raise StorageError(f"cannot write {path.name}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            yield _Out(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise StorageError(f"cannot write {path.name}: {exc.strerror}") from None
        raise


# ---------------------------------------------------------------------------- reading


def verify_bundle(path: Path | str, *, max_bytes: int) -> VerifiedBundle:
    """Checks size, framing, header and the device signature, without decrypting.

    Raises BundleRefused: too_large, unreadable, bad_magic, unsupported_version, bad_framing,
    bad_header, truncated, trailing_data, bad_signature.
    """
    path = Path(path)
    header: BundleHeader | None = None
    header_hash = signature = b""
    with fr.open_file(path, BundleRefused) as (stream, size):
        if size > max_bytes:
            raise BundleRefused("too_large", f"the bundle is larger than {max_bytes} bytes")
        reader = fr.FrameReader(stream, size, BundleRefused)
        for kind, body in _walk(reader):
            if kind == _H:
                header = BundleHeader.decode(body)
                header_hash = hashlib.sha256(body).digest()
            elif kind == _S:
                signature = body
        signed = SIGNATURE_LABEL + reader.digest_before_head()
    assert header is not None
    try:
        signing.verify(header.device_public_key, signature, signed)
    except signing.BadSignature:
        raise BundleRefused(
            "bad_signature", "the bundle's signature does not match: it was altered or forged"
        ) from None
    return VerifiedBundle(header, reader.hexdigest(), path, header_hash.hex(), reader.position)


def check_device_key(verified: VerifiedBundle, registered_key: bytes) -> None:
    """Refuses ('device_key_mismatch') a bundle not signed by the key registered for its device.

    Anyone can make a well-signed bundle with a key of their own; only this comparison ties
    the bundle to an enrolled laptop.
    """
    if not hmac.compare_digest(verified.header.device_public_key, registered_key):
        raise BundleRefused(
            "device_key_mismatch",
            f"the bundle claims to come from device {verified.header.device_id} but is signed "
            "by a different key than the one registered for that device",
        )


def check_study(verified: VerifiedBundle, expected_study_id: str) -> None:
    """Refuses ('wrong_study') a bundle of another study."""
    if verified.header.study_id != expected_study_id:
        raise BundleRefused(
            "wrong_study",
            f"the bundle belongs to study {verified.header.study_id}, not {expected_study_id}",
        )


def iter_payload(
    verified: VerifiedBundle, study_private_key: bytes, *, max_payload_bytes: int
) -> Iterator[bytes]:
    """Decrypts the payload chunk by chunk (each at most 64 KiB).

    The last piece is yielded only after every check passed and the file was found
    byte-identical to the verified one: act on the data only once iteration ends without
    an exception. Raises BundleRefused: changed, bad_key, bad_chunk, truncated,
    trailing_data, too_large (payload over `max_payload_bytes`), and the framing codes.
    """
    opener: hpke.ChunkOpener | None = None
    total = index = 0
    pending: bytes | None = None
    with fr.open_file(verified.path, BundleRefused) as (stream, size):
        if size != verified.size:
            raise _changed()
        reader = fr.FrameReader(stream, verified.size, BundleRefused)
        for kind, body in _walk(reader):
            if kind == _H:
                header_hash = hashlib.sha256(body).digest()
                if header_hash.hex() != verified.header_hash:
                    raise _changed()
            elif kind == _K:
                opener = _opener(study_private_key, body, header_hash)
            elif kind in (_C, _F):
                assert opener is not None
                plaintext = _open_chunk(opener, body, kind == _F, index)
                index += 1
                total += len(plaintext)
                if total > max_payload_bytes:
                    raise BundleRefused(
                        "too_large",
                        f"the bundle's content is larger than {max_payload_bytes} bytes",
                    )
                if pending is not None:
                    yield pending
                pending = plaintext
        if reader.hexdigest() != verified.bundle_hash:
            raise _changed()
    assert pending is not None
    yield pending


def open_bundle(
    verified: VerifiedBundle, study_private_key: bytes, *, max_payload_bytes: int
) -> bytes:
    """The whole decrypted payload (see `iter_payload` for the checks and codes)."""
    return b"".join(iter_payload(verified, study_private_key, max_payload_bytes=max_payload_bytes))


def _opener(study_private_key: bytes, sealed: bytes, header_hash: bytes) -> hpke.ChunkOpener:
    try:
        content_key = hpke.open_key(study_private_key, sealed, KEY_INFO_LABEL + header_hash)
    except hpke.BadStudyKey:
        raise BundleRefused("bad_key", "the study private key given is not a valid key") from None
    except hpke.SealedKeyError:
        raise BundleRefused(
            "bad_key",
            "the bundle's content key does not open with this study key: the bundle was "
            "made for another study key",
        ) from None
    return hpke.ChunkOpener(content_key, CHUNK_AD_LABEL + header_hash)


def _open_chunk(opener: hpke.ChunkOpener, body: bytes, final: bool, index: int) -> bytes:
    try:
        return opener.open(body, final=final)
    except IntegrityFailure:
        if opener.would_open(body, final=not final):
            if final:
                raise BundleRefused(
                    "truncated", "the bundle was cut short: its last chunk is not the real end"
                ) from None
            raise BundleRefused(
                "trailing_data", "data was added after the real end of the bundle"
            ) from None
        raise BundleRefused(
            "bad_chunk",
            f"chunk {index} of the bundle failed its integrity check (altered, moved or repeated)",
        ) from None


def _changed() -> BundleRefused:
    return BundleRefused("changed", "the bundle file changed after it was verified")


def _walk(reader: fr.FrameReader) -> Iterator[tuple[bytes, bytes]]:
    """Yields (kind, body) for each frame in strict order; raises BundleRefused on any flaw."""
    reader.check_magic(MAGIC, FORMAT_VERSION, "bundle")
    kind, length = reader.read_head()
    if kind != _H or not 0 < length <= MAX_HEADER_BYTES:
        raise _bad_framing("the header frame is missing or has an impossible length")
    yield _H, reader.read_exact(length, "the header")
    kind, length = reader.read_head()
    if kind != _K or length != hpke.SEALED_KEY_BYTES:
        raise _bad_framing("the sealed-key frame is missing or has the wrong length")
    yield _K, reader.read_exact(length, "the sealed key")
    index = 0
    while kind != _F:
        kind, length = reader.read_head()
        if kind == _C:
            ok = length == _FULL_CT
        elif kind == _F:
            ok = hpke.TAG_BYTES < length <= _FULL_CT or (length == hpke.TAG_BYTES and index == 0)
        elif kind == _S:
            raise BundleRefused("truncated", "the bundle ends before its last chunk")
        else:
            raise _bad_framing(f"unexpected frame where chunk {index} should be")
        if not ok:
            raise _bad_framing(f"chunk {index} has an impossible length")
        yield kind, reader.read_exact(length, f"chunk {index}")
        index += 1
    kind, length = reader.read_head()
    if kind in (_C, _F):
        raise BundleRefused("trailing_data", "there are chunks after the bundle's last chunk")
    if kind != _S or length != signing.SIGNATURE_BYTES:
        raise _bad_framing("the signature frame is missing or has the wrong length")
    yield _S, reader.read_exact(length, "the signature")
    reader.expect_end("bundle")


def _bad_framing(message: str) -> BundleRefused:
    return BundleRefused("bad_framing", f"the bundle is damaged: {message}")
