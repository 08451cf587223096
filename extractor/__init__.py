"""extractor: find, ground, check and compare the commitments in policy documents."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
