"""The experiential activity schedule (the timeline contribution first)."""
