"""Alumni: the roster, mentoring and follow-ups (mentoring first, used by the residents view)."""
