"""Entry script for the frozen app: PyInstaller needs a file, the app's entry is a function.

Kept tiny on purpose: everything the command line does lives in ``desktop.__main__`` so that the
frozen program and ``signaal`` from source behave the same.
"""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
