"""Receivers of the network app (connected in `apps.py`)."""
