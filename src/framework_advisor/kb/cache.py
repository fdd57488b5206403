"""A compact msgpack copy of the validated knowledge base, keyed by the bytes of every knowledge
file and the tool version. A stale, corrupt or unreadable cache is ignored and rebuilt."""

from __future__ import annotations

from framework_advisor._version import __version__
from framework_advisor.domain.knowledge import KnowledgeBase
from framework_advisor.kb.files import SourceFiles, blake2b
from framework_advisor.paths import ENV_CACHE_DIR, cache_dir

__all__ = ["ENV_CACHE_DIR", "cache_dir"]

CACHE_FORMAT = "7"  # 7: the pay homes' sentences are the catalogue's (pay.home.*), kb.* words


def cache_key(sources: list[SourceFiles]) -> str:
    """A key naming these exact sources (every file's content and the tool version): any
    change gives a new key."""
    sha = blake2b(f"{__version__}\0{CACHE_FORMAT}\0".encode(), digest_size=32)
    for source in sources:
        sha.update(b"pack\0" if source.is_pack else b"embedded\0")
        sha.update(source.digest().encode())
    return sha.hexdigest()[:32]


def read_cached(key: str) -> KnowledgeBase | None:
    """The knowledge base cached under ``key``, or None if there is none or it cannot be
    read (a broken cache is rebuilt, never an error)."""
    import msgspec

    path = cache_dir() / f"kb-{key}.msgpack"
    try:
        data = path.read_bytes()
        return msgspec.msgpack.decode(data, type=KnowledgeBase)
    except (OSError, msgspec.DecodeError, ValueError, TypeError):
        return None


def write_cached(key: str, kb: KnowledgeBase) -> None:
    """Best effort: a cache that cannot be written only costs speed next time."""
    import msgspec

    from framework_advisor.errors import OutputError
    from framework_advisor.sources.atomic import atomic_write

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"kb-{key}.msgpack"
        atomic_write(target, msgspec.msgpack.encode(kb), force=True)
        for old in directory.glob("kb-*.msgpack"):
            if old != target and old.stat().st_mtime < target.stat().st_mtime - 86400 * 30:
                old.unlink(missing_ok=True)
    except (OSError, OutputError):
        return
