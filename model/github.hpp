#pragma once
// The GitHub that the github auth method asks (api.github.com through go-github), as a
// scenario declares it with `github` lines (scenarios/FORMAT.md): organizations with their
// IDs, and users with a personal access token, their organizations and their teams. The lab
// makes no network call; this is the whole of GitHub for one run.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

struct github_org {
  std::string login; ///< "acme"
  std::int64_t id = 0;
};

struct github_team {
  std::string org;  ///< the organization's login
  std::string name; ///< "Dev Team"
  std::string slug; ///< "dev-team"
};

struct github_user {
  std::string login; ///< "alice"
  std::string token; ///< the personal access token that authenticates as this user
  std::vector<std::string> orgs;
  std::vector<github_team> teams;
};

struct github_world {
  std::vector<github_org> orgs;
  std::vector<github_user> users;

  /// GET /orgs/<name>: GitHub matches the name without regard to case.
  const github_org* org_named(std::string_view login) const;
  const github_org* org_with_id(std::int64_t id) const;
  /// GET /user with the token.
  const github_user* user_with_token(std::string_view token) const;
};

/// GitHub's slug of a team name: lower case, each run of characters other than letters,
/// digits, '_' and '-' becomes one '-', none at either end ("Dev Team" -> "dev-team").
std::string github_slug(std::string_view name);

/// go-github's error text for a failed API call: `<METHOD> <url>: <status> <message> []`.
std::string github_api_error(std::string_view method, std::string_view path, int status,
                             std::string_view message);

} // namespace tokenlab
