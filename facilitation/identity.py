"""Signed participant tokens: a participant who comes back with one is the same person."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

SALT = "facilitation.participant"


class ParticipantTokens:
    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeSerializer(secret_key, salt=SALT)

    def issue(self, participant_id: int) -> str:
        return self._serializer.dumps({"p": participant_id})

    def read(self, token: object) -> int | None:
        """The participant id in a valid token, or None for anything else."""
        if not isinstance(token, str) or len(token) > 500:
            return None
        try:
            data = self._serializer.loads(token)
        except BadSignature:
            return None
        participant_id = data.get("p") if isinstance(data, dict) else None
        return participant_id if isinstance(participant_id, int) else None
