// `fleet clients=N until=D login=PATH [login.FIELD=V …] [read=PATH] [arrival=D] [lifetime=D]
//        [tick=D] [renew=D|none] => NAME`: the capacity lab's simulated clients.

#include "language/parse_context.hpp"

#include "clock/duration.hpp"

#include <charconv>

namespace tokenlab::detail {

namespace {

constexpr std::string_view fleet_example =
  "fleet clients=1000 until=15h login=auth/userpass/login/pod login.password=pw "
  "read=aws/creds/app => f";

maybe_error duration_value(const word& w, std::size_t at, const std::string& key,
                           sim_duration& out) {
  if (auto err = parse_duration_word(w, at, "for " + key, out))
    return err;
  if (out <= sim_duration::zero())
    return line_error{w.col_at(at), key + " needs a duration greater than zero, got " +
                                      in_quotes(w.text.substr(at))};
  return std::nullopt;
}

maybe_error path_value(const word& w, std::size_t at, const std::string& key, std::string& out) {
  out = w.text.substr(at);
  while (!out.empty() && out.front() == '/')
    out.erase(out.begin());
  if (out.empty())
    return line_error{w.col_at(at), key + " needs a path, e.g. " + key + "=aws/creds/app"};
  return std::nullopt;
}

} // namespace

maybe_error parse_fleet(const std::vector<word>& words, fleet_step& out) {
  bool clients = false;
  bool until = false;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const word& w = words[i];
    const auto eq = w.text.find('=');
    if (eq == std::string::npos || eq == 0)
      return line_error{w.col, "fleet takes key=value settings, got " + in_quotes(w.text) +
                                 "; e.g. " + std::string{fleet_example}};
    const std::string key = w.text.substr(0, eq);
    const std::size_t at = eq + 1;
    const std::string value = w.text.substr(at);
    auto& p = out.params;
    if (key == "clients") {
      std::int64_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc{} || end != value.data() + value.size() || n <= 0 || n > 10000000)
        return line_error{w.col_at(at), "clients needs a whole number from 1 to 10000000, got " +
                                          in_quotes(value)};
      p.clients = n;
      clients = true;
    } else if (key == "until") {
      if (auto err = duration_value(w, at, key, p.until))
        return err;
      until = true;
    } else if (key == "arrival") {
      if (auto err = duration_value(w, at, key, p.arrival))
        return err;
    } else if (key == "lifetime") {
      if (auto err = duration_value(w, at, key, p.lifetime))
        return err;
    } else if (key == "tick") {
      if (auto err = duration_value(w, at, key, p.tick))
        return err;
    } else if (key == "renew") {
      if (value == "none") {
        p.renew.reset();
      } else {
        sim_duration d{0};
        if (auto err = duration_value(w, at, key, d))
          return err;
        p.renew = d;
      }
    } else if (key == "login") {
      if (auto err = path_value(w, at, key, p.login))
        return err;
      if (p.login.rfind("auth/", 0) != 0 || p.login.find("/login", 5) == std::string::npos)
        return line_error{w.col_at(at), "login needs an auth method's login path, e.g. "
                                        "login=auth/userpass/login/pod, got " +
                                          in_quotes(value)};
    } else if (key.rfind("login.", 0) == 0 && key.size() > 6) {
      p.login_fields[key.substr(6)] = value;
    } else if (key == "nodes") {
      p.nodes.clear();
      for (std::size_t start = 0; start <= value.size();) {
        auto comma = value.find(',', start);
        auto node =
          value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (node.empty() || node == "secondary")
          return line_error{w.col_at(at + start),
                            "nodes lists the primary cluster's nodes a fleet's clients use, "
                            "e.g. nodes=active,standby-1; got " +
                              in_quotes(value)};
        p.nodes.push_back(node);
        if (comma == std::string::npos)
          break;
        start = comma + 1;
      }
    } else if (key == "read") {
      if (auto err = path_value(w, at, key, p.read))
        return err;
    } else {
      return line_error{w.col, "unknown fleet setting " + in_quotes(key) +
                                 "; fleet takes clients, until, login, login.FIELD, read, "
                                 "arrival, lifetime, tick, renew and nodes"};
    }
  }
  const int end = words.back().end_col;
  if (!clients)
    return line_error{end, "fleet needs clients=N, e.g. " + std::string{fleet_example}};
  if (!until)
    return line_error{end, "fleet needs until=D (its horizon), e.g. " + std::string{fleet_example}};
  if (out.params.login.empty())
    return line_error{end, "fleet needs login=PATH, e.g. " + std::string{fleet_example}};
  return std::nullopt;
}

} // namespace tokenlab::detail
