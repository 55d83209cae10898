"""Use cases, one module per area. No Qt here; every change names its user and is audited."""
