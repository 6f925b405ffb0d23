"""Outputs that leave the vault (minutes, reports): built from pseudonymised content only,
passed through the disclosure gate, written in one atomic step."""
