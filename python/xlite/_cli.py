# SPDX-License-Identifier: Apache-2.0
"""The `xlite` console command: runs the CLI binary installed in the
package (xlite/_bin/xlite) with the same arguments."""
import os
import pathlib
import sys


def binary():
    return pathlib.Path(__file__).resolve().parent / "_bin" / "xlite"


def main():
    path = binary()
    if not path.is_file():
        sys.stderr.write(f"xlite: the CLI binary is missing from the package ({path}); reinstall xlite\n")
        return 1
    # exec, so signals, exit status and output are the binary's own.
    os.execv(str(path), [str(path), *sys.argv[1:]])
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main())
