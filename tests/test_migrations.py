"""Schema migrations run on open, after an automatic backup, and keep every record."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from casus.errors import VaultFromNewerVersionError
from casus.services.cases import CaseService
from casus.services.vaults import create_vault
from casus.vault import Vault, schema
from casus.vault.connection import make_engine
from casus.vault.kdf import INSECURE_TEST, derive_key, new_salt, sqlcipher_key_spec
from casus.vocabulary.enums import Ground
from tests.conftest import PASSPHRASE

FIRST_REVISION = "0001"


def make_vault_at_revision(path: Path, revision: str, cases: int) -> None:
    """A vault as the first released schema left it, with data in it.

    Written in plain SQL against that schema, not through today's ORM classes: the model
    moves on, the old file does not.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = new_salt(INSECURE_TEST)
    engine = make_engine(path, sqlcipher_key_spec(derive_key(PASSPHRASE, salt), salt))
    now = "2022-01-01 09:00:00.000000"
    with engine.begin() as connection:
        schema.upgrade(connection, revision)
        connection.execute(
            text(
                "INSERT INTO org_unit (id, kind, name, abbreviations, alternative_names) "
                "VALUES (1, 'cluster', 'Oud Cluster', '[]', '[]')"
            )
        )
        for number in range(cases):
            values = {"id": number + 1, "ref": f"OUD-{number}", "facts": f"Feiten {number}", "now": now}
            connection.execute(
                text(
                    "INSERT INTO case_file (id, reference, channel, received, anonymous, category, status, "
                    "org_unit_id, facts, question, prior_advice, created_at, updated_at) VALUES (:id, :ref, "
                    "'hr', '2022-01-01', 0, 'bullying', 'new', 1, :facts, '', '', :now, :now)"
                ),
                values,
            )
            connection.execute(text("INSERT INTO case_ground (case_id, ground) VALUES (:id, 'age')"), values)
            connection.execute(
                text("INSERT INTO person (id, name, created_at) VALUES (:id, :name, :now)"),
                {**values, "name": f"Persoon {number}"},
            )
            connection.execute(
                text(
                    "INSERT INTO involvement (id, case_id, person_id, key, role, notes) "
                    "VALUES (:id, :id, :id, 'p1', 'reporter', '')"
                ),
                values,
            )
    engine.dispose()


def test_head_is_beyond_the_first_revision() -> None:
    assert schema.head_revision() != FIRST_REVISION


def test_open_upgrades_after_a_backup_and_keeps_every_record(vault_path: Path) -> None:
    make_vault_at_revision(vault_path, FIRST_REVISION, cases=25)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        with vault.session() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            tables = set(inspect(session.connection()).get_table_names())
        assert revision == schema.head_revision()
        assert {"review", "review_span"} <= tables
        cases = CaseService(vault).summaries()
        assert {c.reference for c in cases} == {f"OUD-{n}" for n in range(25)}
        first = CaseService(vault).get(cases[0].id)
        assert first.involvements[0].name.startswith("Persoon ")
        assert first.grounds == (Ground.AGE,)
        backups = vault.backups.list()
        assert len(backups) == 1 and "voor-migratie" in backups[0].name
        assert vault.verify().ok
    backup_copy = backups[0].with_name("oude-versie.casus")
    backup_copy.write_bytes(backups[0].read_bytes())
    engine = make_engine(backup_copy, _spec_of(backup_copy))
    with engine.connect() as connection:
        assert schema.current_revision(connection) == FIRST_REVISION
    engine.dispose()


def _spec_of(path: Path) -> str:
    salt = path.read_bytes()[:16]
    return sqlcipher_key_spec(derive_key(PASSPHRASE, salt), salt)


def test_a_vault_from_a_newer_version_is_refused_untouched(vault_path: Path) -> None:
    create_vault(vault_path, PASSPHRASE).close()
    engine = make_engine(vault_path, _spec_of(vault_path))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    before = vault_path.read_bytes()
    with pytest.raises(VaultFromNewerVersionError):
        Vault.open(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == before


def test_the_model_and_the_migrations_agree(vault: Vault) -> None:
    """A column added to the model without a migration would break every existing vault."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from casus.model.entities import Base

    with vault.session() as session:
        context = MigrationContext.configure(session.connection(), opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
