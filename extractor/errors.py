"""One exception family, so the CLI can turn any of ours into a clean one-line exit."""


class ExtractorError(Exception):
    """Base of every error the tool raises on purpose; the message is shown to the user as is."""

    exit_code = 1


class InputError(ExtractorError):
    """A document cannot be read: names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ConfigError(ExtractorError):
    """Missing or contradictory configuration (an endpoint, a model, a flag)."""

    exit_code = 2


class BackendError(ExtractorError):
    """A backend failed in a way retries could not mend."""


class GoldError(ExtractorError):
    """A gold file breaks the annotation contract."""


class EndpointError(BackendError):
    """The LLM endpoint is down or refuses for longer than a run can wait: every document would fail
    alike, so the run stops at once instead of paying the retries for each one."""
