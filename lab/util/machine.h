// What a measured figure needs to name: the machine and the software it ran on.
#pragma once

#include <string>

namespace elu::lab {

/// e.g. "Intel(R) Xeon(R) ... (2 hardware threads), LibTorch 1.13.0, 2 LibTorch threads".
std::string describe_machine();

/// UTC date and time, "YYYY-MM-DD HH:MM UTC".
std::string utc_now();

}  // namespace elu::lab
