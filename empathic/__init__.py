"""Empathic: an open-source empathy platform for human services, run offline."""

__version__ = "0.1.0"
