// libFuzzer target: tokenlab::fuzz::parse_and_run (tests/fuzz/entry_points.hpp).
#include "tests/fuzz/entry_points.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::parse_and_run(std::string_view{reinterpret_cast<const char*>(data), size});
  return 0;
}
