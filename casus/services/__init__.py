"""Services: the only way the CLI and the interface change the vault.

Each public method is one unit of work: it validates its input (raising ValidationError before
anything is written), applies the change, and records an audit event in the same transaction.
"""
