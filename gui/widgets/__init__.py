"""Reusable widgets: charts, the log console, the in-page message banner."""
