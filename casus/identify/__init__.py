"""The identifier engine: what counts as a person, a contact detail, a number, a date or a
unit in a text, known once for the pseudonymiser and the disclosure gate alike.

Qt-free and database-free: it works on plain values (a case's people and units, or the whole
vault's), so that what the pseudonymiser replaces the gate finds by construction.
"""
