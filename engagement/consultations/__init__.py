"""Consultations: the catalogue of published ones, building them, their text and
translations, sharing and monitoring."""
