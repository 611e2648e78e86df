"""pytest for pyvs's Python side: the scenario modules and the snippet
runner, imported from python/ as the worker imports them."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
