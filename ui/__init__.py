"""The PySide6 desktop application. Calls `casus` services only; `casus` never imports this."""
