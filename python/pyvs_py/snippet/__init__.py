"""Running a document's blocks. One module per job: classify (why a block
did what it did), hooks (errors off the main thread), doctests (>>>
sessions), blocks (one block as __main__), session (--session), forkserver
(a child forked per block), sandbox (the same, inside bubblewrap) and reply (what the process reports)."""
from .blocks import run_file
from .classify import DISTRIBUTIONS
from .forkserver import serve
from .sandbox import serve_sandboxed
from .session import run_session

__all__ = ["DISTRIBUTIONS", "run_file", "run_session", "serve", "serve_sandboxed"]
