"""The Residents area: the list, the record and the dialogs that change it."""
