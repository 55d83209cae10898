"""PeerDesk: offline-first records for residential peer-based recovery programs."""

__version__ = "0.1.0"
