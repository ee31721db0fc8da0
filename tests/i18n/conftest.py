"""Language tests reuse the HTTP tests' roundtable and staff fixtures."""

from tests.rooms import make_room  # noqa: F401
from tests.web.conftest import facilitator, make_roundtable, roundtable  # noqa: F401
