"""shapes — a tiny package for the quick-start example.

Importing it compiles each module once and keeps the bytecode in
examples/shapes/__pycache__/, exactly as CPython does with its own caches.
"""
from .polygon import Rectangle, Square
from .circle import Circle

__all__ = ["Rectangle", "Square", "Circle"]
