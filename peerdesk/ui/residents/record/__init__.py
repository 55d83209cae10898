"""One resident's record: the shell (:mod:`.view`), its header, and one module per tab.

``view.ResidentRecordView`` is what the workspace shows beside the list; each tab module holds
one ``QWidget`` that fills itself from a :class:`~peerdesk.domain.residents.ResidentDetail` and
says what the person asked for by signals, so the shell alone opens forms.
"""
