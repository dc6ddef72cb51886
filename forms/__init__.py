"""Form definitions, validation and export mapping. Pure Python + pydantic: no Qt, no I/O beyond
reading the shipped definition files."""
