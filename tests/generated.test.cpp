// Generated scenarios: a seeded grammar of valid steps (token create with its flags, child
// tokens, renewals with increments, the revoke modes, time steps, tunes of the token mount,
// token roles, periodic and batch tokens, userpass logins, AWS reads with leases, lease
// renewals and revocations) makes a few hundred scenarios. Each must parse, run without
// breaking an invariant (runner/invariants.hpp), and give the same report byte for byte when
// run again. Expectations in them may fail: what Vault answers is not the point here.

#include "language/parser.hpp"
#include "reports/render.hpp"
#include "runner/runner.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace tokenlab;

namespace {

// splitmix64: the same numbers on every platform (std's distributions are not specified).
class draws {
public:
  explicit draws(std::uint64_t seed)
    : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// 0 .. n-1
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <class T>
  const T& pick(const std::vector<T>& xs) {
    return xs[below(xs.size())];
  }

private:
  std::uint64_t state_;
};

const std::vector<std::string> durations = {"1s",  "30s", "59s", "1m",  "10m", "30m", "1h",
                                            "90m", "2h",  "3h",  "6h",  "10h", "24h", "768h"};

std::string duration(draws& d) {
  return d.chance(20) ? std::to_string(1 + d.below(20000)) + "s" : d.pick(durations);
}

// One scenario of the grammar, from `seed`.
class generator {
public:
  explicit generator(std::uint64_t seed)
    : d_(seed) {}

  std::string scenario() {
    line("seed " + std::to_string(d_.below(1000)));
    if (d_.chance(30))
      line("config default_lease_ttl=" + d_.pick(std::vector<std::string>{"1h", "2h", "10h"}) +
           " max_lease_ttl=" + d_.pick(std::vector<std::string>{"10h", "24h", "768h"}));
    line("vault policy write app - <<EOF\npath \"aws/creds/app\" {\n  capabilities = [\"read\"]\n}\n"
         "path \"auth/token/*\" {\n  capabilities = [\"create\", \"update\", \"read\"]\n}\nEOF");
    line("vault secrets enable aws");
    line("vault write aws/config/root access_key=A secret_key=S region=us-east-1");
    line("vault write aws/roles/app credential_type=iam_user policy_arns=x");
    if (d_.chance(40))
      line("vault secrets tune -default-lease-ttl=" + duration(d_) + " -max-lease-ttl=" +
           duration(d_) + " aws");
    if (d_.chance(30))
      line("vault write aws/config/lease lease=" + duration(d_) + " lease_max=" + duration(d_));
    if (d_.chance(40))
      role();
    if (d_.chance(40)) {
      line("vault auth enable userpass");
      line("vault write auth/userpass/users/u password=pw policies=app token_ttl=" +
           duration(d_) + " token_max_ttl=" + duration(d_) +
           (d_.chance(30) ? " token_period=" + duration(d_) : std::string{}));
      userpass_ = true;
    }
    const std::size_t steps = 5 + d_.below(30);
    for (std::size_t i = 0; i < steps; ++i)
      step();
    return text_;
  }

private:
  void line(const std::string& l) { text_ += l + "\n"; }

  std::string token() { return "$t" + std::to_string(d_.below(tokens_)); }

  void role() {
    std::string r = "vault write auth/token/roles/r allowed_policies=app,default";
    if (d_.chance(40))
      r += " token_period=" + duration(d_);
    if (d_.chance(40))
      r += " token_explicit_max_ttl=" + duration(d_);
    if (d_.chance(30))
      r += " orphan=true";
    if (d_.chance(20))
      r += " renewable=false";
    if (d_.chance(20))
      r += " token_type=default-batch";
    line(r);
    role_ = true;
  }

  void create() {
    std::string s;
    if (tokens_ > 0 && d_.chance(40))
      s += "VAULT_TOKEN=" + token() + " ";
    s += "vault token create";
    if (d_.chance(60))
      s += " -ttl=" + duration(d_);
    if (d_.chance(20))
      s += " -explicit-max-ttl=" + duration(d_);
    if (d_.chance(15))
      s += " -period=" + duration(d_);
    if (d_.chance(15))
      s += " -orphan";
    if (d_.chance(10))
      s += " -use-limit=" + std::to_string(1 + d_.below(4));
    if (d_.chance(10))
      s += " -type=batch";
    if (d_.chance(10))
      s += " -renewable=false";
    if (role_ && d_.chance(25))
      s += " -role=r";
    if (d_.chance(50))
      s += " -policy=app";
    line(s + " => t" + std::to_string(tokens_++));
  }

  void step() {
    if (tokens_ == 0)
      return create();
    switch (d_.below(17)) {
      case 0:
      case 1:
      case 2: return create();
      case 3:
      case 4:
        return line("vault token renew" +
                    (d_.chance(60) ? " -increment=" + duration(d_) : std::string{}) + " " + token());
      case 5: return line("vault token revoke " + token());
      case 6: return line("vault token revoke -mode=orphan " + token());
      case 7: return line("vault token revoke -accessor " + token() + ".accessor");
      case 8: return line("VAULT_TOKEN=" + token() + " vault token revoke -self");
      case 9:
      case 10: return line("advance " + duration(d_));
      case 11:
        if (d_.chance(20)) // the API takes what the CLI would not send: -1 is stored as -1s
          return line("vault write sys/" +
                      d_.pick(std::vector<std::string>{"auth/token", "mounts/aws"}) +
                      "/tune default_lease_ttl=" +
                      (d_.chance(30) ? std::string{"-1"} : duration(d_)));
        return line("vault auth tune -max-lease-ttl=" + duration(d_) + " -default-lease-ttl=" +
                    (d_.chance(50) ? duration(d_) : std::string{"system"}) + " token/");
      case 12:
        return line("VAULT_TOKEN=" + token() + " vault read aws/creds/app => c" +
                    std::to_string(leases_++));
      case 13:
        if (leases_ == 0)
          return line("advance " + duration(d_));
        return line("vault lease renew" +
                    (d_.chance(60) ? " -increment=" + duration(d_) : std::string{}) + " $c" +
                    std::to_string(d_.below(leases_)) + ".lease_id");
      case 14:
        if (leases_ == 0 || d_.chance(30))
          return line("vault lease revoke -prefix aws/creds/app");
        return line("vault lease revoke $c" + std::to_string(d_.below(leases_)) + ".lease_id");
      case 15:
        if (userpass_)
          return line("vault write auth/userpass/login/u password=pw => t" +
                      std::to_string(tokens_++));
        return line("VAULT_TOKEN=" + token() + " vault token lookup");
      default: return line("expect token " + token() + " valid");
    }
  }

  draws d_;
  std::string text_;
  std::size_t tokens_ = 0;
  std::size_t leases_ = 0;
  bool role_ = false;
  bool userpass_ = false;
};

#if defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t scenarios = 200; // the sanitizer build is about ten times slower
#else
constexpr std::uint64_t scenarios = 600;
#endif

} // namespace

TEST_CASE("generated scenarios keep every invariant and run the same twice") {
  std::size_t steps = 0;
  for (std::uint64_t seed = 1; seed <= scenarios; ++seed) {
    const std::string text = generator{seed}.scenario();
    INFO("generated scenario " << seed << ":\n" << text);
    auto parsed = parse_scenario_text(text, "generated-" + std::to_string(seed) + ".vlab");
    if (auto err = std::get_if<parse_error>(&parsed))
      FAIL(err->render());
    const auto& sc = std::get<scenario>(parsed);
    const run_record first = run_scenario(sc);
    for (const auto& v : first.violations)
      FAIL_CHECK(v.render());
    const run_record second = run_scenario(sc);
    REQUIRE(render_text({first}) == render_text({second}));
    steps += sc.steps.size();
  }
  CHECK(steps > scenarios * 10);
}
