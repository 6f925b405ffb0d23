"""Casus core: vault, domain model, services and command line. Never imports Qt or `ui`."""

__version__ = "0.1.0"
