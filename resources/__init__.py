"""Data only: installed as ``peerdesk.resources`` (see setup.py); read through peerdesk.paths."""
