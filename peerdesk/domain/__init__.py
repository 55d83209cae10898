"""Enums, frozen dataclasses and pure validation shared by every layer (no Qt, no SQLAlchemy)."""
