#include "model/policy.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tokenlab;
using list = std::vector<std::string>;

TEST_CASE("policy names are lower-cased, trimmed, de-duplicated and sorted") {
  CHECK(sanitize_policies({" Dev", "ops ", "dev", "", "  ", "ADMIN"}, false) ==
        list{"admin", "dev", "ops"});
  CHECK(sanitize_policies({}, false) == list{});
  CHECK(sanitize_policies({"\tdev\n"}, false) == list{"dev"});
  // A list that is sanitized already stays as it is; one that is nearly so does not.
  CHECK(sanitize_policies({"default", "dev", "ops"}, false) == list{"default", "dev", "ops"});
  CHECK(sanitize_policies({"dev", "default"}, false) == list{"default", "dev"});
  CHECK(sanitize_policies({"dev", "dev"}, false) == list{"dev"});
  CHECK(sanitize_policies({"default", "Dev"}, false) == list{"default", "dev"});
  CHECK(sanitize_policies({"default", "dev "}, false) == list{"default", "dev"});
  CHECK(sanitize_policies({"default", "root"}, false) == list{"root"});
  CHECK(sanitize_policies({"default", "\tdev"}, false) == list{"default", "dev"});
}

TEST_CASE("a list is known sanitized when sanitizing would give it back unchanged") {
  // Every list that is, sanitizes to itself.
  for (const auto& l : {list{}, list{"app"}, list{"app", "default"}, list{"a-b", "c_d", "e.f"}}) {
    CHECK(policies_sanitized(l));
    CHECK(sanitize_policies(l, false) == l);
  }
  // Unsorted, repeated, upper-case, padded, empty, and root lists are not.
  CHECK_FALSE(policies_sanitized({"default", "app"}));
  CHECK_FALSE(policies_sanitized({"app", "app"}));
  CHECK_FALSE(policies_sanitized({"App"}));
  CHECK_FALSE(policies_sanitized({"app "}));
  CHECK_FALSE(policies_sanitized({""}));
  CHECK_FALSE(policies_sanitized({"app", "root"}));
  CHECK_FALSE(policies_sanitized({"root"}));
}

TEST_CASE("default is added when asked and not already present") {
  CHECK(sanitize_policies({"dev"}, true) == list{"default", "dev"});
  CHECK(sanitize_policies({"Default", "dev"}, true) == list{"default", "dev"});
  CHECK(sanitize_policies({}, true) == list{"default"});
  CHECK(sanitize_policies({"dev"}, false) == list{"dev"});
}

TEST_CASE("a policy list containing root is exactly root, without default") {
  CHECK(sanitize_policies({"dev", "root", "ops"}, true) == list{"root"});
  CHECK(sanitize_policies({" ROOT "}, false) == list{"root"});
  CHECK(sanitize_policies({"default", "root"}, true) == list{"root"});
}

TEST_CASE("a token is a root token when its policies are exactly root") {
  CHECK(is_root_policy_set({"root"}));
  CHECK_FALSE(is_root_policy_set({"root", "default"}));
  CHECK_FALSE(is_root_policy_set({"default"}));
  CHECK_FALSE(is_root_policy_set({}));
}

TEST_CASE("child policies must be a subset of the parent's") {
  CHECK(policy_subset({"default", "dev"}, {"dev"}));
  CHECK(policy_subset({"default", "dev"}, {}));
  CHECK(policy_subset({"default", "dev"}, {"dev", "default", "dev"}));
  CHECK_FALSE(policy_subset({"default", "dev"}, {"ops"}));
  CHECK_FALSE(policy_subset({}, {"default"}));
}
