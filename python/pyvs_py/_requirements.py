"""What a document's blocks import and this interpreter lacks, for
`pyvs snippets --install`: run with the environment's own python, reading a
JSON list of block sources (and extra names) from the file in argv[1];
prints JSON: the distributions to install, and the modules pyvs cannot map
to a distribution."""
import ast
import importlib.util
import json
import re
import sys

from pyvs_py.snippet.classify import DISTRIBUTIONS

IMPORT_LINE = re.compile(r"^\s*(?:from\s+([A-Za-z_][\w]*)[\w.]*\s+import|import\s+([A-Za-z_][\w]*))", re.M)


def imported(source):
    """Top-level modules a block imports (absolute imports only)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a fragment or a session: the import lines still say it
        return {a or b for a, b in IMPORT_LINE.findall(source.replace(">>> ", "").replace("... ", ""))}
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    wanted = set(job.get("requires", []))
    for source in job["sources"]:
        wanted |= imported(source)
    stdlib = set(getattr(sys, "stdlib_module_names", ()))
    install, unknown = {}, []
    for name in sorted(wanted - stdlib):
        if importable(name):
            continue
        if name in DISTRIBUTIONS:
            install[name] = DISTRIBUTIONS[name]
        else:
            unknown.append(name)
    print(json.dumps({"install": sorted(set(install.values())), "unknown": unknown}))


if __name__ == "__main__":
    main()
