"""Runners start, stop and find the trainer process; local.py (subprocess) and docker.py."""
