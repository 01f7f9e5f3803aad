"""A small package used by import_local.py."""
from .shapes import Square
VERSION = "1.0"
