"""Editable starter templates (`framework-advisor templates`): templates are knowledge
(`knowledge/templates/<id>.yaml`, typed by `domain.template`), filled from an organisation's example OKRs and KPIs (`fill`), and written as Excel
(`xlsx`), CSV for Google Sheets (`csv`), Markdown for Notion (`md`) or Word (`docx`).

Importing this package loads nothing heavy: openpyxl and python-docx are imported only by the
writers that need them."""
