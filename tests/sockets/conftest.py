"""Socket.IO tests share their rooms with the HTTP tests: see tests/rooms.py."""

from tests.rooms import make_room, other_room, room  # noqa: F401 (fixtures, found by pytest here)
