// libFuzzer target: tokenlab::fuzz::json_form (tests/fuzz/entry_points.hpp).
#include "tests/fuzz/entry_points.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::json_form(std::string_view{reinterpret_cast<const char*>(data), size});
  return 0;
}
