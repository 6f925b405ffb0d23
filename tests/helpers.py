"""Small helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from casus.pseudonymise import Pseudonymiser
from casus.services.review import ReviewService
from casus.vault import Vault


def release(vault: Vault, case_id: int, engine: Pseudonymiser) -> None:
    """Release a case the way an owner does: propose, accept every span, release."""
    review = ReviewService(vault, engine)
    review.propose(case_id)
    review.accept_all(case_id)
    review.release(case_id)
