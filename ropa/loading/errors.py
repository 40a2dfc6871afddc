"""The one exception the loader raises: the source cannot be read at all."""


class SourceError(Exception):
    """The register cannot be read at all (exit code 2). The message is for the user."""
