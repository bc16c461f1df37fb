# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Finds and loads libelu_torch_ops.so, which registers the ops torch.ops.elu.*."""
import os

import torch

from . import _config

_loaded_path = None


def _ops_registered():
    try:
        torch.ops.elu.pelu  # noqa: B018  (raises RuntimeError when no such op exists)
    except (RuntimeError, AttributeError):
        return False
    return True


def library_path():
    """The ops library this process loaded, or None when the ops were registered already (by a
    program or extension that links elu::torch, or an earlier torch.ops.load_library)."""
    return _loaded_path


def load_ops_library():
    """Loads the ops library once: the file in ELU_TORCH_LIBRARY if set, else the one recorded at
    build time (beside the package's install prefix, or in the build tree)."""
    global _loaded_path
    if _ops_registered():
        return
    path = os.environ.get("ELU_TORCH_LIBRARY")
    origin = "ELU_TORCH_LIBRARY"
    if not path:
        path = os.path.normpath(os.path.join(os.path.dirname(__file__), _config.OPS_LIBRARY))
        origin = "the path recorded at build time"
    if not os.path.isfile(path):
        raise ImportError(
            f"elu_torch: the ops library {path} ({origin}) does not exist; install elu with "
            "`cmake --install`, or set ELU_TORCH_LIBRARY to the path of libelu_torch_ops.so")
    torch.ops.load_library(path)
    _loaded_path = path
