#include "model/aws_sts.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

TEST_CASE("an STS credential lives the asked ttl, else default_sts_ttl, else 3600 s, capped by max_sts_ttl or the mount") {
  aws_role role;
  role.credential_type = "federation_token";
  // | requested | default_sts_ttl | max_sts_ttl | mount max | ttl |
  struct row {
    std::optional<std::int64_t> requested;
    std::int64_t def, max, mount, ttl;
  };
  for (const auto& r : std::vector<row>{{std::nullopt, 0, 0, 2764800, 3600},
                                         {std::nullopt, 1800, 0, 2764800, 1800},
                                         {900, 1800, 0, 2764800, 900},
                                         {10800, 0, 7200, 2764800, 7200},
                                         {std::nullopt, 0, 0, 600, 600},
                                         {7200, 0, 0, 3600, 3600}}) {
    role.default_sts_ttl = r.def;
    role.max_sts_ttl = r.max;
    CHECK(sts_ttl(role, r.requested, r.mount) == r.ttl);
  }
}

TEST_CASE("a role's credential type and its STS fields are checked as awsRoleEntry.validate does") {
  auto ok = aws_role_from_fields({{"credential_type", "assumed_role"},
                                  {"role_arns", "arn:aws:iam::1:role/a,arn:aws:iam::1:role/b"},
                                  {"default_sts_ttl", "30m"}});
  REQUIRE(ok);
  CHECK(ok->sts());
  CHECK(ok->role_arns.size() == 2);
  CHECK(ok->default_sts_ttl == 1800);
  CHECK_FALSE(aws_role_from_fields({})->sts()); // iam_user when not given
  auto bad = aws_role_from_fields({{"credential_type", "iam_user"}, {"max_sts_ttl", "1h"},
                                   {"role_arns", "arn:aws:iam::1:role/a"}});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().status == 400);
  CHECK(bad.error().message() ==
        "error(s) validating supplied role data: \"2 errors occurred:\\n\\t* max_sts_ttl parameter "
        "only valid for assumed_role and federation_token credential types\\n\\t* cannot supply "
        "role_arns when credential_type isn't assumed_role\\n\\n\"");
  CHECK(aws_role_from_fields({{"credential_type", "session_token"}}).error().message() ==
        "error(s) validating supplied role data: \"1 error occurred:\\n\\t* unrecognized "
        "credential type: session_token\\n\\n\"");
  auto order = aws_role_from_fields({{"credential_type", "federation_token"},
                                     {"default_sts_ttl", "2h"}, {"max_sts_ttl", "1h"}});
  REQUIRE_FALSE(order);
  CHECK(order.error().message().find(
          "\\\"default_sts_ttl\\\" value must be less than or equal to \\\"max_sts_ttl\\\" value") !=
        std::string::npos);
}

TEST_CASE("the default username template names IAM users, sessions and federation tokens") {
  const std::string random = "abcdefghijABCDEFGHIJ";
  CHECK(aws_iam_name("token-app", "deploy", 1704067200, random) ==
        "vault-token-app-deploy-1704067200-abcdefghijABCDEFGHIJ");
  // The display name and the role are truncated together to 42, the whole to 64.
  const auto long_name = aws_iam_name(std::string(40, 'd'), "role", 1704067200, random);
  CHECK(long_name == "vault-" + std::string(40, 'd') + "-r-1704067200-abcd");
  CHECK(long_name.size() == 64);
  CHECK(long_name.capacity() == 64); // a lease keeps it: no room left from its making
  CHECK(aws_iam_name("my app", "r", 1, "x") == "vault-my_app-r-1-x");
  CHECK(aws_iam_name("a", "r/x", -5, "x") == "vault-a-r_x--5-x"); // the role normalized too
  // Cut at 42 inside the role; a long random part is cut by the whole's 64.
  CHECK(aws_iam_name(std::string(30, 'd'), std::string(20, 'r'), 1, std::string(30, 'z')) ==
        "vault-" + std::string(30, 'd') + "-" + std::string(11, 'r') + "-1-" +
          std::string(13, 'z'));
  CHECK(aws_sts_name(1704067200, random) == "vault-1704067200-abcdefghijABCDE");
  CHECK(assumed_role_arn("arn:aws:iam::123456789012:role/path/deploy", "s") ==
        "arn:aws:sts::123456789012:assumed-role/deploy/s");
}
