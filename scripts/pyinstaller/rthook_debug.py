"""Runtime hook of the debug build (SIGNAAL_BUILD_DEBUG=1 make build) only.

Turns on faulthandler so a crash in Qt or the SQLCipher extension prints a Python traceback to
the console window, and tells Qt to say which plugins it tries to load (the usual cause of
"could not load the Qt platform plugin").
"""

import faulthandler
import os
import sys

faulthandler.enable(file=sys.stderr, all_threads=True)
os.environ.setdefault("QT_DEBUG_PLUGINS", "1")
