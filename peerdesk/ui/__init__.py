"""Qt widgets. Never imports sqlalchemy or peerdesk.models: services hand over plain dataclasses."""
