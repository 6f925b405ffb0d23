"""Alembic migrations of the vault schema; run on open by casus.vault.schema."""
