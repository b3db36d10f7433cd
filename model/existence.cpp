#include "model/existence.hpp"

namespace tokenlab {

namespace {

// `<prefix><name>` with a non-empty name and, when `flat`, no further segment.
bool one_below(const std::string& sub, const std::string& prefix, bool flat = true) {
  if (sub.size() <= prefix.size() || sub.compare(0, prefix.size(), prefix) != 0)
    return false;
  return !flat || sub.find('/', prefix.size()) == std::string::npos;
}

} // namespace

std::optional<std::string> existence_probe(backend_kind kind, const std::string& sub) {
  switch (kind) {
    case backend_kind::cubbyhole:
    case backend_kind::kv1:
      if (!sub.empty())
        return sub;
      break;
    case backend_kind::kv2:
      for (const char* prefix : {"data/", "metadata/"})
        if (one_below(sub, prefix, false))
          return "metadata/" + sub.substr(std::string{prefix}.size());
      break;
    case backend_kind::token_store:
      if (one_below(sub, "roles/"))
        return sub;
      break;
    case backend_kind::userpass:
      if (one_below(sub, "users/"))
        return sub;
      break;
    case backend_kind::approle:
    case backend_kind::kubernetes:
      if (one_below(sub, "role/"))
        return sub;
      break;
    case backend_kind::database:
      if (one_below(sub, "roles/") || one_below(sub, "config/"))
        return sub;
      break;
    case backend_kind::other: break;
  }
  return std::nullopt;
}

capability write_capability(std::optional<bool> exists) {
  return exists && !*exists ? capability::create : capability::update;
}

} // namespace tokenlab
