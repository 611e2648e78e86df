"""Python programs that pyvs runs inside its embedded CPython.

One module per scenario; each variant is a plain function taking keyword
arguments and returning an exact result (an int), so every variant of a
scenario can be checked against the others.
"""
