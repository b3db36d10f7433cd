#include "model/github.hpp"

#include <cctype>

namespace tokenlab {

namespace {

bool same_login(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

} // namespace

const github_org* github_world::org_named(std::string_view login) const {
  for (const auto& o : orgs)
    if (same_login(o.login, login))
      return &o;
  return nullptr;
}

const github_org* github_world::org_with_id(std::int64_t id) const {
  for (const auto& o : orgs)
    if (o.id == id)
      return &o;
  return nullptr;
}

const github_user* github_world::user_with_token(std::string_view token) const {
  for (const auto& u : users)
    if (!token.empty() && u.token == token)
      return &u;
  return nullptr;
}

std::string github_slug(std::string_view name) {
  std::string out;
  bool dash = false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_' || c == '-') {
      if (dash && !out.empty())
        out += '-';
      dash = false;
      out += static_cast<char>(std::tolower(u));
    } else {
      dash = true;
    }
  }
  return out;
}

std::string github_api_error(std::string_view method, std::string_view path, int status,
                             std::string_view message) {
  return std::string{method} + " https://api.github.com/" + std::string{path} + ": " +
         std::to_string(status) + " " + std::string{message} + " []";
}

} // namespace tokenlab
