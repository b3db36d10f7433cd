#pragma once
// A place in a scenario file, as the scenario language finds it and the reports show it.

#include <string>

namespace tokenlab {

/// A place in a scenario file; line and col are 1-based.
struct source_loc {
  std::string file;
  int line = 0;
  int col = 0;
};

} // namespace tokenlab
