"""Documents as blocks (``blocks``), built once from facts and the knowledge base's words, and
thin writers that draw blocks in one format each: ``markdown``, ``html``, ``typst`` (the PDF)
and ``word``. A writer knows nothing of the report: a new section, column or sentence changes
the document's data, never a writer."""
