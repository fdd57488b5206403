"""A room's state: its join code, the secret that signs its cookies, and who has joined.

Kept in `.room.json` in the room's folder, readable by its owner only (0600), so that `serve
--dir DIR` started again keeps the same code, cookies and participants. Resume codes are stored
as keyed hashes, never in the clear."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path

from msgspec import Struct

from framework_advisor.participants import allocate_stem, normalise
from framework_advisor.sources.reading import read_text
from framework_advisor.tui.serve import codes

STATE_FILE = ".room.json"
SUFFIX = ".yaml"


class Participant(Struct):
    id: str
    name: str
    stem: str  # the session file is `<stem>.yaml` in the room's folder
    resume_hash: str


class Room:
    def __init__(
        self,
        folder: Path,
        join_code: str,
        secret: bytes,
        participants: list[Participant],
        withdrawn: int = 0,
    ) -> None:
        self.folder = folder
        self.join_code = join_code
        self.secret = secret
        self.participants = {p.id: p for p in participants}
        self.withdrawn = withdrawn
        """How many participants withdrew (`workshop withdraw`): nothing else of them is kept."""

    @classmethod
    def open(cls, folder: Path) -> Room:
        """The room kept in this folder, or a new one (saved at once)."""
        path = folder / STATE_FILE
        if path.is_file():
            data = json.loads(read_text(path, "room state"))  # within the input limits
            return cls(
                folder,
                data["join_code"],
                bytes.fromhex(data["secret"]),
                [Participant(**p) for p in data["participants"]],
                int(data.get("withdrawn", 0)),
            )
        room = cls(folder, codes.new_code(), secrets.token_bytes(32), [])
        room.save()
        return room

    def save(self) -> None:
        """Written atomically, readable by its owner only (0600)."""
        data: dict[str, object] = {
            "join_code": self.join_code,
            "secret": self.secret.hex(),
            "participants": [
                {"id": p.id, "name": p.name, "stem": p.stem, "resume_hash": p.resume_hash}
                for p in self.participants.values()
            ],
        }
        if self.withdrawn:
            data["withdrawn"] = self.withdrawn
        from framework_advisor.sources.atomic import atomic_write

        state = json.dumps(data, ensure_ascii=False, indent=1)
        atomic_write(self.folder / STATE_FILE, state, force=True, mode=0o600)

    def _hash(self, resume_code: str) -> str:
        return hmac.new(self.secret, resume_code.encode(), hashlib.sha256).hexdigest()

    def join(self, name: str) -> tuple[Participant, str]:
        """A new participant and their resume code (shown to them once). A name already in the
        room, or one that folds to the same file name, gets a file of its own (`sam-2`)."""
        taken = [p.stem for p in self.participants.values()]
        taken += [p.name[: -len(SUFFIX)] for p in self.folder.glob(f"*{SUFFIX}")]
        resume_code = codes.new_code()
        participant = Participant(
            id=secrets.token_hex(8),
            name=normalise(name),
            stem=allocate_stem(name, taken),
            resume_hash=self._hash(resume_code),
        )
        self.participants[participant.id] = participant
        self.save()
        return participant, resume_code

    def by_resume_code(self, typed: str) -> Participant | None:
        code = codes.parse(typed)
        if code is None:
            return None
        wanted = self._hash(code)
        for participant in self.participants.values():
            if hmac.compare_digest(participant.resume_hash, wanted):
                return participant
        return None

    def check(self, participant_id: str, resume_code: str) -> Participant | None:
        """The participant a (verified) cookie names, if its resume code is theirs."""
        participant = self.participants.get(participant_id)
        if participant is None or not hmac.compare_digest(
            participant.resume_hash, self._hash(resume_code)
        ):
            return None
        return participant
