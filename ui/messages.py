"""Dutch text for any error that reaches the interface; never a traceback, never data."""

from __future__ import annotations

from casus.errors import CasusError


def describe(error: BaseException) -> str:
    if isinstance(error, CasusError):
        return str(error)
    return (
        "Er ging iets onverwachts mis. Er is niets half opgeslagen. "
        f"(Technische code: {type(error).__name__})"
    )
