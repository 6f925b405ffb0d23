"""A new vault as people get it: the schema and the municipality's default organisation units.

Creating the file is storage (casus.vault); what a new vault holds is a use case, so it lives
here and the vault layer never reaches up into the services to fill itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casus.services.org_units import OrgUnitService
from casus.vault import Vault


def create_vault(path: Path | str, passphrase: str, **options: Any) -> Vault:
    """A new, open vault holding the default units. Loading them is part of creating it: when
    that fails the file is removed, as for any failed create (casus.vault.store.Vault.create)."""
    return Vault.create(path, passphrase, initialise=_load_default_units, **options)


def _load_default_units(vault: Vault) -> None:
    OrgUnitService(vault).load_defaults()
