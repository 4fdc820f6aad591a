"""The main pages served through the production topology, beside the same pages in-process.

Run: make bench-http   (or: .venv/bin/python bench/http.py --help)

The bench itself is bench/served.py; this file is its command.
"""

import importlib
import sys
from pathlib import Path

_BENCH = Path(__file__).resolve().parent
# This file shares its name with the standard library's http package, and Python
# puts a script's folder first on the path: any script run from bench/
# (`python bench/pages.py`) would find this file for `import http`. So bench/ is
# taken off the path, and if this file was imported as `http`, the real package
# takes its place.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _BENCH]

if __name__ == "__main__":
    sys.path.insert(0, str(_BENCH.parent))
    from bench.served import main

    main()
elif __name__ == "http":
    del sys.modules[__name__]
    sys.modules[__name__] = importlib.import_module(__name__)
