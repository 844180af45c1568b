# SPDX-License-Identifier: Apache-2.0
"""python -m xlite ...: the CLI."""
import sys

from ._cli import main

sys.exit(main())
