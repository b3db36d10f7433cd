// `github org=NAME [id=N]` and `github user=LOGIN token=TOKEN [orgs=A,B] [teams=ORG/NAME,…]`:
// the GitHub that the github auth method asks (model/github.hpp). Header lines; repeatable.

#include "language/parse_context.hpp"

#include <algorithm>
#include <charconv>

namespace tokenlab::detail {

namespace {

constexpr std::string_view github_example =
  "github org=acme id=1001, or github user=alice token=ghp_alice orgs=acme teams=acme/dev";

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos)
      comma = s.size();
    out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

maybe_error org_line(const std::vector<word>& words, github_world& gh) {
  github_org org;
  bool id_given = false;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const word& w = words[i];
    const auto eq = w.text.find('=');
    const std::string key = w.text.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : w.text.substr(eq + 1);
    if (key == "org") {
      org.login = value;
    } else if (key == "id") {
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), org.id);
      if (ec != std::errc{} || end != value.data() + value.size() || org.id <= 0)
        return line_error{w.col_at(eq + 1),
                          "id needs a whole number greater than zero, got " + in_quotes(value)};
      id_given = true;
    } else {
      return line_error{w.col, "unknown github org setting " + in_quotes(key) +
                                 ": write github org=NAME [id=N]"};
    }
  }
  if (org.login.empty())
    return line_error{words[0].end_col,
                      "github org needs a name, e.g. " + std::string(github_example)};
  if (gh.org_named(org.login))
    return line_error{words[1].col,
                      "the organization " + in_quotes(org.login) + " is declared twice"};
  // GitHub's IDs are its own; without one, the lab numbers organizations 1001, 1002, …
  if (!id_given)
    org.id = 1001 + static_cast<std::int64_t>(gh.orgs.size());
  if (gh.org_with_id(org.id))
    return line_error{words[0].col, "two organizations have the id " + std::to_string(org.id)};
  gh.orgs.push_back(std::move(org));
  return std::nullopt;
}

maybe_error user_line(const std::vector<word>& words, github_world& gh) {
  github_user user;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const word& w = words[i];
    const auto eq = w.text.find('=');
    const std::string key = w.text.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : w.text.substr(eq + 1);
    const int col = w.col_at(eq == std::string::npos ? 0 : eq + 1);
    if (key == "user") {
      user.login = value;
    } else if (key == "token") {
      user.token = value;
    } else if (key == "orgs") {
      for (auto& name : split_commas(value)) {
        const auto* org = gh.org_named(name);
        if (!org)
          return line_error{col, "unknown organization " + in_quotes(name) +
                                   ": declare it first, e.g. github org=" + name};
        user.orgs.push_back(org->login);
      }
    } else if (key == "teams") {
      for (auto& team : split_commas(value)) {
        const auto slash = team.find('/');
        if (slash == std::string::npos || slash == 0 || slash + 1 == team.size())
          return line_error{col, "a team is ORG/NAME, e.g. teams=acme/dev, got " + in_quotes(team)};
        const auto* org = gh.org_named(team.substr(0, slash));
        if (!org || std::find(user.orgs.begin(), user.orgs.end(), org->login) == user.orgs.end())
          return line_error{col, "the team " + in_quotes(team) +
                                   " belongs to an organization the user is not in: list it in "
                                   "orgs= first"};
        const auto name = team.substr(slash + 1);
        user.teams.push_back({org->login, name, github_slug(name)});
      }
    } else {
      return line_error{w.col, "unknown github user setting " + in_quotes(key) +
                                 ": write github user=LOGIN token=TOKEN [orgs=A,B] "
                                 "[teams=ORG/NAME,...]"};
    }
  }
  if (user.login.empty() || user.token.empty())
    return line_error{words[0].end_col,
                      "github user needs user= and token=, e.g. " + std::string(github_example)};
  if (gh.user_with_token(user.token))
    return line_error{words[0].col, "two GitHub users have the token " + in_quotes(user.token)};
  gh.users.push_back(std::move(user));
  return std::nullopt;
}

} // namespace

maybe_error parse_github(const std::vector<word>& words, github_world& gh) {
  if (words.size() < 2)
    return line_error{words[0].end_col,
                      "github declares GitHub's side, e.g. " + std::string(github_example)};
  const auto& first = words[1].text;
  if (first.rfind("org=", 0) == 0)
    return org_line(words, gh);
  if (first.rfind("user=", 0) == 0)
    return user_line(words, gh);
  return line_error{words[1].col,
                    "a github line starts with org= or user=, e.g. " + std::string(github_example)};
}

} // namespace tokenlab::detail
