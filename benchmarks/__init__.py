"""Benchmarks of the course: `make bench` (or `python -m benchmarks [name ...]`) prints figures."""
