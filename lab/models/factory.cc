// Copyright 2026 The elu Authors
// SPDX-License-Identifier: Apache-2.0
#include "models/factory.h"

#include <stdexcept>

#include "models/autoencoder.h"
#include "models/cnn.h"
#include "models/mlp.h"
#include "models/rnn.h"

namespace elu::lab {

std::shared_ptr<LabModel> make_model(const RunSpec& spec) {
  if (spec.model == "mlp")
    return std::make_shared<Mlp>(spec.act, spec.alpha, spec.depth, spec.width);
  if (spec.model == "cnn")
    return std::make_shared<Cnn>(spec.act, spec.alpha, spec.width, spec.batchnorm);
  if (spec.model == "rnn") return std::make_shared<Rnn>(spec.act, spec.alpha, spec.width);
  if (spec.model == "autoencoder") return std::make_shared<Autoencoder>(spec.act, spec.alpha);
  throw std::invalid_argument("unknown model '" + spec.model + "'");
}

}  // namespace elu::lab
