// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "train/run_spec.h"

#include <sstream>

#include "models/activation_names.h"

namespace elu::lab {

std::string RunSpec::fingerprint() const {
  std::ostringstream s;
  s.precision(17);
  s << "model=" << model << " act=" << act << " alpha=" << alpha << " depth=" << depth
    << " width=" << width << " batchnorm=" << batchnorm << " optimizer=" << optimizer
    << " lr=" << lr << " batch=" << batch << " seed=" << seed << " train_subset=" << train_subset
    << " eval_subset=" << eval_subset;
  if (exact) s << " exact=1";  // absent otherwise: checkpoints from before the option still fit
  return s.str();
}

std::string RunSpec::act_label() const {
  if (!activation_uses_alpha(act) || alpha == 1.0) return act;
  std::ostringstream alpha_text;
  alpha_text << alpha;
  return act + "(alpha=" + alpha_text.str() + ")";
}

}  // namespace elu::lab
