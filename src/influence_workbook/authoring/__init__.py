"""Authoring tools: generate exercises from solutions, execute notebooks and store outputs."""
