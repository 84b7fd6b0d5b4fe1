"""Argon2id password hashing with an enforced floor and calibration."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from sylcollect.errors import WeakKeySlot


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost: iterations (t), lanes (p), memory in KiB (m)."""

    iterations: int
    lanes: int
    memory_kib: int

    def to_json(self) -> dict[str, int]:
        return {"t": self.iterations, "p": self.lanes, "m": self.memory_kib}

    @classmethod
    def from_json(cls, data: dict[str, int]) -> Argon2Params:
        return cls(int(data["t"]), int(data["p"]), int(data["m"]))

    def at_least(self, other: Argon2Params) -> bool:
        return (
            self.iterations >= other.iterations
            and self.lanes >= other.lanes
            and self.memory_kib >= other.memory_kib
        )


# RFC 9106 second recommended option, the floor DESIGN.md fixes: t=3, p=4, m=64 MiB.
FLOOR = Argon2Params(iterations=3, lanes=4, memory_kib=64 * 1024)
TARGET_SECONDS = 0.5
SALT_BYTES = 16
KEY_BYTES = 32


class _Policy:
    """Process-wide floor. Only `sylcollect.crypto.testing` lowers it, for tests."""

    floor: Argon2Params = FLOOR
    default: Argon2Params | None = None  # None: calibrate


policy = _Policy()


def check_params(params: Argon2Params) -> None:
    """Refuses parameters under the floor."""
    if not params.at_least(policy.floor):
        raise WeakKeySlot(
            "this key slot uses Argon2id parameters below the minimum "
            f"(t={params.iterations}, p={params.lanes}, m={params.memory_kib} KiB); "
            "it is refused"
        )


def derive_key(password: bytes, salt: bytes, params: Argon2Params) -> bytes:
    """Derives a 256-bit key-encryption key; refuses weak parameters."""
    check_params(params)
    return _argon2(salt, params).derive(password)


def _argon2(salt: bytes, params: Argon2Params) -> Argon2id:
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def calibrate(
    target_seconds: float = TARGET_SECONDS, *, ceiling_kib: int = 1024 * 1024
) -> Argon2Params:
    """Chooses parameters at or above the floor that take about `target_seconds` here.

    Memory doubles first (the costlier dimension for an attacker), up to `ceiling_kib`;
    then iterations rise.
    """
    if policy.default is not None:
        return policy.default
    params = policy.floor
    salt = new_salt()
    elapsed = _time(params, salt)
    while elapsed * 2 <= target_seconds * 1.2 and params.memory_kib * 2 <= ceiling_kib:
        params = Argon2Params(params.iterations, params.lanes, params.memory_kib * 2)
        elapsed = _time(params, salt)
    while elapsed < target_seconds * 0.75:
        per_iteration = elapsed / params.iterations
        extra = max(1, int((target_seconds - elapsed) / per_iteration))
        params = Argon2Params(params.iterations + extra, params.lanes, params.memory_kib)
        elapsed = _time(params, salt)
    return params


def _time(params: Argon2Params, salt: bytes) -> float:
    start = time.perf_counter()
    _argon2(salt, params).derive(b"calibration")
    return time.perf_counter() - start
