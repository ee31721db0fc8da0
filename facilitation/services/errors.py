"""DomainError(code, message) and its kinds: the one error type the services raise."""

from __future__ import annotations

from facilitation.services.shapes import ErrorView


class DomainError(Exception):
    """A refused use case; `code` is stable for clients, `message` is for people."""

    status = 400

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> ErrorView:
        return {"code": self.code, "message": self.message}


class InvalidInputError(DomainError):
    status = 400


class NotAuthenticatedError(DomainError):
    status = 401

    def __init__(self, message: str = "Sign in first.") -> None:
        super().__init__("unauthenticated", message)


class ForbiddenError(DomainError):
    status = 403

    def __init__(self, message: str = "You may not do that here.") -> None:
        super().__init__("forbidden", message)


class NotFoundError(DomainError):
    status = 404

    def __init__(self, what: str) -> None:
        super().__init__("not_found", f"No such {what}.")


class ConflictError(DomainError):
    status = 409


class RateLimitedError(DomainError):
    """Too many attempts from one client; `retry_after` says in how many seconds to try again."""

    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__("rate_limited", message)
        self.retry_after = retry_after

    def as_dict(self) -> ErrorView:
        shown = super().as_dict()
        shown["retry_after"] = self.retry_after
        return shown
