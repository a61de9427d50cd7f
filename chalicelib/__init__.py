"""Sonod Sheba: the code Lambda receives besides app.py.

Layers: api (Chalice blueprints) -> services (use cases) -> domain (pure rules)
and adapters (the only code that touches AWS).
"""
