"""Errors that reach the user as one clear line (exit code 2), never a traceback."""


class BetareaderError(Exception):
    """Base class for every error betareader reports to the user."""


class InputError(BetareaderError):
    """The input cannot be read: missing, binary, corrupt, too large, unsafe ..."""


class ConfigError(BetareaderError):
    """betareader.toml (or an option) is invalid."""
