#pragma once
// Shared by the end-to-end tests: a scenario written in the line language, parsed and run on
// a fresh simulated Vault (a parse error fails the test with its `file:line:col` message), with
// the invariant checker on: a broken invariant fails the test with its step and its name.

#include "language/parser.hpp"
#include "runner/runner.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

namespace tokenlab::test {

/// Fails the test for each invariant `r` broke; returns `r`.
inline run_record checked(run_record r) {
  for (const auto& v : r.violations)
    FAIL_CHECK(v.render());
  return r;
}

inline run_record run_text(const std::string& text) {
  auto parsed = parse_scenario_text(text, "test.vlab");
  if (auto err = std::get_if<parse_error>(&parsed))
    FAIL(err->render());
  return checked(run_scenario(std::get<scenario>(parsed)));
}

/// How many of the run's expectations failed (0: every one held).
inline std::size_t failed(const run_record& r) {
  std::size_t n = 0;
  for (const auto& s : r.steps)
    for (const auto& e : s.expectations)
      n += e.passed ? 0 : 1;
  return n;
}

/// How many expectations the run checked, held or not (a test that counts them cannot pass
/// with one left out).
inline std::size_t expectations(const run_record& r) {
  std::size_t n = 0;
  for (const auto& s : r.steps)
    n += s.expectations.size();
  return n;
}

} // namespace tokenlab::test
