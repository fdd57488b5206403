"""How the room's server tells a participant's app whose session it holds (by environment:
never on the command line, where other users of the machine could read it in `ps`)."""

ENV_ROOM = "FRAMEWORK_ADVISOR_ROOM"  # the room's folder
ENV_PARTICIPANT = "FRAMEWORK_ADVISOR_PARTICIPANT"  # the name they typed
ENV_SESSION = "FRAMEWORK_ADVISOR_SESSION"  # their session file's stem in the folder
