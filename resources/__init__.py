"""Data files shipped with Casus (installed as the package `casus.resources`)."""
