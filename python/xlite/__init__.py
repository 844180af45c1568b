# SPDX-License-Identifier: Apache-2.0
"""xlite: a compiler and runtime for TensorFlow Lite models.

    from xlite import Interpreter          # instead of
    # from ai_edge_litert.interpreter import Interpreter

The `xlite` command (inspect, run, compile, bench, ...) comes with the
package.
"""
from ._xlite import __version__
from .interpreter import Interpreter, InterpreterError, OpResolverType, SignatureRunner
from .jax_bridge import to_jax

__all__ = ["Interpreter", "InterpreterError", "OpResolverType", "SignatureRunner", "__version__", "to_jax"]
