// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
// Second half of the TorchScript round trip (jit_roundtrip_save.py): loads a model that uses
// torch.ops.elu.* with torch::jit::load, runs it on the saved input and compares with the output
// Python computed, bit for bit. Linking elu::torch is all it does to get the ops registered.
#include <torch/script.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: torch_jit_load MODEL.pt DATA.pt\n";
    return 2;
  }
  try {
    torch::jit::Module model = torch::jit::load(argv[1]);
    torch::jit::Module data = torch::jit::load(argv[2]);
    const at::Tensor x = data.attr("x").toTensor();
    const at::Tensor want = data.attr("y").toTensor();
    torch::NoGradGuard no_grad;
    const at::Tensor got = model.forward({x}).toTensor();
    if (!got.equal(want)) {
      std::cerr << "torch_jit_load: C++ output differs from Python's; max |difference| = "
                << (got - want).abs().max().item<double>() << "\n";
      return 1;
    }
    std::cout << "torch_jit_load: " << got.numel() << " outputs match Python bit for bit\n";
  } catch (const std::exception& e) {
    std::cerr << "torch_jit_load: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
