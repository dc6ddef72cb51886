"""``python -m desk`` / ``signaal-desk``."""

from __future__ import annotations

import sys

from desk.app import main

if __name__ == "__main__":
    sys.exit(main())
