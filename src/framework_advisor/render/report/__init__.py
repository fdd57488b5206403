"""The recommendation report: one typed ReportData (``data``) rendered to Markdown and HTML by one
set of Jinja templates (``templated``), to PDF from that HTML (``pdf``), to Word (``docx``) and to
JSON (``jsonreport``). Nothing here is imported by `recommend` or `whatif`: the registry in
``render.formats`` imports a renderer only when it is used."""
