"""MIMIS — Mikromeriter i Skåne."""

__version__ = "0.1.0"
