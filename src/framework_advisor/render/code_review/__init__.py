"""Findings for code review: SARIF 2.1.0 (GitHub code scanning) and GitLab Code Quality JSON.
Data in (reports and the check book), text out; small writers of their own until the one
document model lands."""
