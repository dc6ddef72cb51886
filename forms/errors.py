"""Where a definition problem is: the file, the JSON path in it, and what is wrong."""

from __future__ import annotations


class DefinitionError(Exception):
    """A problem in a definition or value list file: which file, where in it (JSON path), what."""

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message.rstrip(".")
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.file}, at {self.path}: {self.message}."

    def __repr__(self) -> str:
        return f"DefinitionError({self.file!r}, {self.path!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DefinitionError) and (self.file, self.path, self.message) == (
            other.file,
            other.path,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.file, self.path, self.message))


class Origin:
    """Where a part of a resolved form was written: its file and JSON path."""

    __slots__ = ("file", "path")

    def __init__(self, file: str, path: str) -> None:
        self.file = file
        self.path = path
