#include "reports/run_record.hpp"

#include "clock/calendar.hpp"

namespace tokenlab {

std::string invariant_violation::render() const {
  const std::string where = loc.line > 0 ? loc.file + ":" + std::to_string(loc.line) + ": step " +
                                             std::to_string(step + 1)
                                         : loc.file + ": the dev server's start";
  return where + " at " + format_offset(at) + ": invariant " + invariant + " broken: " + detail;
}

} // namespace tokenlab
