#pragma once
// Shared by the end-to-end tests: a scenario written in the line language, parsed and run on
// a fresh simulated Vault (a parse error fails the test with its `file:line:col` message), with
// the invariant checker on: a broken invariant fails the test with its step and its name.

#include "language/parser.hpp"
#include "runner/runner.hpp"

#include <catch2/catch.hpp>

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

} // namespace tokenlab::test
