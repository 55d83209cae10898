"""Group sessions: attendance and notes (the timeline contribution first)."""
