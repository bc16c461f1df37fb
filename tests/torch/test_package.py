# Copyright 2026 The elu Authors
# SPDX-License-Identifier: Apache-2.0
"""The package itself: its version, how it finds the ops library (the recorded path, or
ELU_TORCH_LIBRARY), its error when the library is missing, and that it does not load the ops
twice. Each case runs a fresh interpreter."""
import os
import subprocess
import sys
import unittest


def run(code, **env):
    full = dict(os.environ)
    full.pop("ELU_TORCH_LIBRARY", None)
    full.update(env)
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True,
                          timeout=120)


class Package(unittest.TestCase):
    def test_version_is_the_project_version(self):
        r = run("import elu_torch; print(elu_torch.__version__)")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), os.environ["ELU_PROJECT_VERSION"])

    def test_build_tree_package_loads_the_build_library(self):
        r = run("import elu_torch; print(elu_torch.library_path())")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.path.realpath(r.stdout.strip()),
                         os.path.realpath(os.environ["ELU_TORCH_OPS"]))

    def test_environment_variable_overrides_the_path(self):
        library = os.environ["ELU_TORCH_OPS"]
        r = run("import elu_torch; print(elu_torch.library_path())", ELU_TORCH_LIBRARY=library)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), library)
        r = run("import elu_torch", ELU_TORCH_LIBRARY="/nonexistent/libelu_torch_ops.so")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ImportError: elu_torch: the ops library /nonexistent/libelu_torch_ops.so "
                      "(ELU_TORCH_LIBRARY) does not exist", r.stderr)

    def test_ops_registered_already_are_not_loaded_again(self):
        code = ("import os, torch; torch.ops.load_library(os.environ['ELU_TORCH_OPS']); "
                "import elu_torch; print(elu_torch.library_path()); "
                "print(float(elu_torch.nn.ELU()(torch.tensor([-1.0]))))")
        r = run(code)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split(), ["None", "-0.6321205496788025"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
