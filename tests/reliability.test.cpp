// Inputs at the edges of what the lab can hold: they run right or are refused, never
// answered wrongly in silence.

#include "language/parser.hpp"
#include "reports/render.hpp"
#include "runner/runner.hpp"
#include "tests/run_text.test.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using tokenlab::test::run_text;

namespace {

std::size_t failed(const run_record& r) {
  std::size_t n = 0;
  for (const auto& s : r.steps)
    for (const auto& e : s.expectations)
      n += e.passed ? 0 : 1;
  return n;
}

} // namespace

SCENARIO("a TTL that ends past the lab's clock never fires, however the clock gets there") {
  // Go's largest Duration is 2562047h47m16.854775807s; from t+1h its end is past what CAF's
  // nanosecond clock holds. The token must stay valid to the end of the lab's time, not wrap
  // around and expire at once.
  auto r = run_text("config default_lease_ttl=768h max_lease_ttl=2562047h\n"
                    "vault auth tune -max-lease-ttl=2562047h token/\n"
                    "advance 1h\n"
                    "vault token create -ttl=2562047h => t\n"
                    "expect t.ttl == 2562047h\n"
                    "expect token $t valid\n"
                    "at 2499999h\n"
                    "expect token $t valid\n"
                    "at 2500000h\n"
                    "expect token $t valid\n");
  CHECK(failed(r) == 0);
}

SCENARIO("a TTL that ends just inside the lab's clock fires at its instant") {
  auto r = run_text("config default_lease_ttl=768h max_lease_ttl=2562047h\n"
                    "vault auth tune -max-lease-ttl=2562047h token/\n"
                    "at 2000000h\n"
                    "vault token create -ttl=499999h => t\n"
                    "at 2499998h\n"
                    "expect token $t valid\n"
                    "at 2499999h\n"
                    "expect token $t expired\n");
  CHECK(failed(r) == 0);
}

SCENARIO("a report keeps the scenario's text from driving the terminal or breaking a table") {
  const auto r = run_text("note \"clear \x1b[2J now\"\n"
                          "vault secrets enable -path='aws|2' aws\n"
                          "vault write aws|2/roles/r credential_type=iam_user\n"
                          "vault read aws|2/creds/r\n");
  const std::string text = render_reports({r}, report_format::text);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("clear \\x1b[2J now") != std::string::npos);
  const std::string md = render_reports({r}, report_format::markdown);
  CHECK(md.find("| leases of `aws\\|2/` (1 live) | 1 | 0 | 0 | 0 |\n") != std::string::npos);
}
