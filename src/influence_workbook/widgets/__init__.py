"""Thin ipywidgets layer over the checks. Each workshop is one function returning a widget."""
