"""Key derivation: passphrase to the 256-bit SQLCipher key, with Argon2id.

SQLCipher's own KDF is PBKDF2, which GPUs attack cheaply; Argon2id is memory-hard. We derive
the key ourselves and hand SQLCipher a *raw* key together with the salt (`x'<key><salt>'`), so
SQLCipher skips PBKDF2 and writes our salt into the first 16 bytes of the file. The vault stays
one file: those 16 bytes are everything needed besides the passphrase.

The first salt byte names the KDF profile (its Argon2 parameters), so parameters can be raised
later without breaking old vaults; the other 15 bytes (120 bits) are random. Changing the byte
in a stolen file gains an attacker nothing: the key is derived through the profile, so another
profile yields another key, which does not open the file.

Production parameters (profile 1): Argon2id, 256 MiB, 2 passes, 4 lanes; about 0.55 s on the
2-core reference machine (see benchmarks/vault_bench.py). Anchors: KeePassXC uses Argon2 with
64 MiB calibrated to about 1 s, GlobaLeaks Argon2id with about 128 MB; we take twice the larger
memory at half the time, because memory is what makes GPU and ASIC guessing expensive.
"""

from __future__ import annotations

import os
import secrets
import unicodedata
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from casus.errors import NotAVaultError

SALT_BYTES = 16
KEY_BYTES = 32

# Test suites may ask for a cheap profile through this variable. It is named so that nobody sets
# it by accident; it changes only how *new* vaults are made.
INSECURE_TEST_KDF_ENV = "CASUS_INSECURE_TEST_KDF"


@dataclass(frozen=True)
class KdfProfile:
    profile_id: int
    memory_kib: int
    iterations: int
    lanes: int
    for_tests_only: bool = False


PRODUCTION = KdfProfile(profile_id=0x01, memory_kib=256 * 1024, iterations=2, lanes=4)
INSECURE_TEST = KdfProfile(profile_id=0x7E, memory_kib=64, iterations=1, lanes=1, for_tests_only=True)

PROFILES: dict[int, KdfProfile] = {p.profile_id: p for p in (PRODUCTION, INSECURE_TEST)}


def profile_for_new_vault() -> KdfProfile:
    """The production profile, unless the explicit test-only setting is present."""
    if os.environ.get(INSECURE_TEST_KDF_ENV) == "1":
        return INSECURE_TEST
    return PRODUCTION


def new_salt(profile: KdfProfile) -> bytes:
    return bytes([profile.profile_id]) + secrets.token_bytes(SALT_BYTES - 1)


def profile_of_salt(salt: bytes) -> KdfProfile:
    if len(salt) != SALT_BYTES or salt[0] not in PROFILES:
        raise NotAVaultError()
    return PROFILES[salt[0]]


def normalise_passphrase(passphrase: str) -> bytes:
    """NFKC, as NIST SP 800-63B advises, so the same phrase typed on another keyboard or OS
    (composed or decomposed accents) opens the vault."""
    return unicodedata.normalize("NFKC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes) -> bytes:
    profile = profile_of_salt(salt)
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=profile.iterations,
        lanes=profile.lanes,
        memory_cost=profile.memory_kib,
    )
    return kdf.derive(normalise_passphrase(passphrase))


def sqlcipher_key_spec(key: bytes, salt: bytes) -> str:
    """The value for `PRAGMA key`: a raw key with explicit salt, so SQLCipher skips its KDF."""
    return f"x'{key.hex()}{salt.hex()}'"
