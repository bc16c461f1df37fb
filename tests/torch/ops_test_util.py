# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""Loads libelu_torch_ops.so for the Python tests; CTest passes its path in ELU_TORCH_OPS."""
import os

import torch


def load_ops():
    path = os.environ.get("ELU_TORCH_OPS")
    if not path:
        raise RuntimeError("set ELU_TORCH_OPS to the path of libelu_torch_ops.so (CTest does)")
    torch.ops.load_library(path)
    return torch.ops.elu
