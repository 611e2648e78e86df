"""How a block's run can end short of the block's own code: its session
printed other than the document shows, or a setup block failed first.
(A module of their own: the block runner and the session runner both
raise or catch them, and neither imports the other.)"""


class TranscriptMismatch(Exception):
    """A >>> session printed something other than the document shows."""


class SetupFailed(Exception):
    """A setup block raised before the block it prepares could run."""
