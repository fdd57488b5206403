"""The goal checker (issue 32): goal files read into items, each item classified (key result,
KPI, task, milestone ...) with its reason, and the check book's checks run over them. Pure: data
and a check book in, findings out."""
