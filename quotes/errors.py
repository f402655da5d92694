"""The errors callers treat differently; each message is one line: `path: problem (what to do)`."""


class QuotesError(Exception):
    """An expected failure the command line reports in one line, without a traceback."""


class SourceError(QuotesError):
    """A source file that cannot be read or decoded."""


class ModelsMissing(QuotesError):
    """The chosen engine cannot run: Stanza models not installed, or the device asked for absent."""


class DatabaseProblem(QuotesError):
    """The database itself cannot be used (full disk, damaged file, read-only): the run stops."""
