# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""torch.onnx.export of elu_torch modules: ELU, SELU and CELU become ONNX Elu, Selu and Celu,
PELU is decomposed into standard ops; onnx.checker accepts the models, and a small evaluator of
the ONNX graph (written here, with torch ops) reproduces the model's output."""
import io
import unittest

import onnx
import onnx.numpy_helper
import torch

import elu_torch
from elu_torch import nn


class General(torch.nn.Module):
    """ELU with scale and input_scale both != 1: no ONNX op of its own."""

    def forward(self, x):
        return torch.ops.elu.elu(x, 0.7, 1.3, 0.5)


def model():
    torch.manual_seed(0)
    m = torch.nn.Sequential(torch.nn.Linear(6, 8), nn.ELU(0.5), nn.SELU(), nn.CELU(2.0),
                            nn.PELU(8), torch.nn.Linear(8, 4), nn.PELU(1), General(),
                            nn.ELU(inplace=True))
    with torch.no_grad():
        m[4].a.uniform_(0.5, 2.0)
        m[4].b.uniform_(0.5, 2.0)
        m[4].a[0] = 0.01  # clamped to 0.1
    return m.eval()


def export(m, x, opset):
    buf = io.BytesIO()
    torch.onnx.export(m, (x,), buf, opset_version=opset, input_names=["x"], output_names=["y"])
    return onnx.load_from_string(buf.getvalue())


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def evaluate(graph, inputs):
    """Runs the ops these exports use, with torch, in the graph's (topological) order."""
    env = {t.name: torch.from_numpy(onnx.numpy_helper.to_array(t).copy())
           for t in graph.initializer}
    env.update(inputs)
    for node in graph.node:
        a, x = attrs(node), [env[i] for i in node.input if i]
        op = node.op_type
        if op == "Constant":
            y = torch.from_numpy(onnx.numpy_helper.to_array(a["value"]).copy())
        elif op == "Gemm":
            w = x[1].t() if a.get("transB", 0) else x[1]
            y = a.get("alpha", 1.0) * (x[0] @ w) + a.get("beta", 1.0) * x[2]
        elif op == "Elu":
            y = torch.where(x[0] > 0, x[0], a["alpha"] * torch.expm1(x[0]))
        elif op == "Selu":
            y = a["gamma"] * torch.where(x[0] > 0, x[0], a["alpha"] * torch.expm1(x[0]))
        elif op == "Celu":
            y = torch.where(x[0] > 0, x[0], a["alpha"] * torch.expm1(x[0] / a["alpha"]))
        elif op in ("Max", "Min"):
            y = (torch.maximum if op == "Max" else torch.minimum)(x[0], x[1])
        elif op in ("Div", "Mul", "Sub", "Add"):
            y = {"Div": torch.div, "Mul": torch.mul, "Sub": torch.sub, "Add": torch.add}[op](*x)
        elif op == "Identity":
            y = x[0]
        elif op == "Exp":
            y = torch.exp(x[0])
        elif op == "Greater":
            y = x[0] > x[1]
        elif op == "Where":
            y = torch.where(*x)
        elif op == "Reshape":
            y = x[0].reshape([int(s) for s in x[1]])
        else:
            raise AssertionError(f"the test's evaluator has no {op}")
        env[node.output[0]] = y
    return env[graph.output[0].name]


class OnnxExport(unittest.TestCase):
    def test_family_maps_to_onnx_ops_and_pelu_is_decomposed(self):
        m, x = model(), torch.randn(10, 6) * 2
        for opset in (12, 14):
            with self.subTest(opset=opset):
                proto = export(m, x, opset)
                onnx.checker.check_model(proto, full_check=True)
                types = [n.op_type for n in proto.graph.node]
                self.assertEqual(types.count("Elu"), 2)  # ELU(0.5) and the in-place ELU
                self.assertEqual(types.count("Selu"), 1)
                self.assertEqual(types.count("Celu"), 1)
                self.assertFalse([n for n in proto.graph.node if n.domain not in ("", "ai.onnx")])
                self.assertIn("Where", types)
                alphas = [attrs(n)["alpha"] for n in proto.graph.node if n.op_type == "Elu"]
                self.assertAlmostEqual(alphas[0], 0.5)
                with torch.no_grad():
                    want = m(x.clone())
                got = evaluate(proto.graph, {"x": x})
                torch.testing.assert_close(got, want, rtol=1e-5, atol=1e-6)

    def test_celu_before_opset_12_is_written_out(self):
        m, x = torch.nn.Sequential(nn.CELU(2.0), nn.SELU()), torch.randn(7, 3) * 3
        proto = export(m, x, 11)
        onnx.checker.check_model(proto, full_check=True)
        types = [n.op_type for n in proto.graph.node]
        self.assertNotIn("Celu", types)
        with torch.no_grad():
            torch.testing.assert_close(evaluate(proto.graph, {"x": x}), m(x), rtol=1e-5,
                                       atol=1e-6)

    def test_pelu_on_images(self):
        m = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 1), nn.PELU(4)).eval()
        x = torch.randn(2, 3, 5, 5)
        proto = export(m, x, 14)
        onnx.checker.check_model(proto, full_check=True)
        reshapes = [n for n in proto.graph.node if n.op_type == "Reshape"]
        self.assertEqual(len(reshapes), 2)  # a and b to (1, C, 1, 1)
        self.assertTrue(elu_torch.__version__)


if __name__ == "__main__":
    unittest.main(verbosity=2)
