#include "runner/fields.hpp"

#include "clock/duration.hpp"
#include "language/lexer.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

std::optional<field_value> auth_field(const auth_block& a, const std::string& f) {
  if (f == "client_token" || f == "token")
    return a.client_token;
  if (f == "accessor" || f == "token_accessor")
    return a.accessor;
  if (f == "lease_duration" || f == "token_duration" || f == "ttl")
    return a.lease_duration;
  if (f == "renewable" || f == "token_renewable")
    return a.renewable;
  if (f == "policies")
    return a.policies;
  if (f == "token_policies")
    return a.token_policies;
  if (f == "identity_policies")
    return a.identity_policies;
  if (f == "metadata")
    return a.metadata.empty() ? field_value{} : field_value{a.metadata};
  if (f == "entity_id")
    return a.entity_id;
  if (f == "token_type" || f == "type")
    return a.token_type;
  if (f == "orphan")
    return a.orphan;
  if (f == "num_uses")
    return a.num_uses;
  return std::nullopt;
}

// A data key, or `KEY.SUB` for the entry SUB of a map-valued key (a `vault auth list` row:
// `token/.default_ttl`; a token's meta: `meta.team`).
std::optional<field_value> data_field(const data_map& d, const std::string& f) {
  if (auto it = d.find(f); it != d.end())
    return it->second;
  for (auto dot = f.find('.'); dot != std::string::npos; dot = f.find('.', dot + 1)) {
    auto it = d.find(f.substr(0, dot));
    if (it == d.end())
      continue;
    if (const auto* m = std::get_if<std::map<std::string, std::string>>(&it->second))
      if (auto sub = m->find(f.substr(dot + 1)); sub != m->end())
        return sub->second;
  }
  return std::nullopt;
}

std::optional<field_value> response_field(const api_response& r, const std::string& f) {
  if (f == "status")
    return static_cast<std::int64_t>(r.status);
  if (f == "error")
    return std::string{};
  if (f == "warnings") // null when there are none, as the API's JSON says
    return r.warnings.empty() ? field_value{} : field_value{r.warnings};
  if (f == "request_id")
    return r.request_id;
  if (f.rfind("auth.", 0) == 0)
    return r.auth ? auth_field(*r.auth, f.substr(5)) : std::nullopt;
  if (f.rfind("data.", 0) == 0)
    return r.data ? data_field(*r.data, f.substr(5)) : std::nullopt;
  bool secret = !r.lease_id.empty();
  if (f == "lease_id")
    return r.lease_id;
  if (secret && (f == "lease_duration" || f == "ttl"))
    return r.lease_duration;
  if (secret && (f == "renewable" || f == "lease_renewable"))
    return r.renewable;
  if (r.auth)
    if (auto v = auth_field(*r.auth, f))
      return v;
  if (r.data)
    if (auto v = data_field(*r.data, f))
      return v;
  if (f == "lease_duration")
    return r.lease_duration;
  if (f == "renewable")
    return r.renewable;
  return std::nullopt;
}

} // namespace

bool duration_key(const std::string& field) {
  auto key = field.substr(field.rfind('.') == std::string::npos ? 0 : field.rfind('.') + 1);
  auto ends = [&](std::string_view suffix) {
    return key.size() >= suffix.size() &&
           key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return key == "period" || key == "ttl" || key == "duration" || key == "lease_max" ||
         key == "ttl_max" || ends("_period") || ends("_ttl") || ends("_duration");
}

namespace {

bool text_contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

bool contains(const field_value& v, const std::string& needle) {
  if (auto s = std::get_if<std::string>(&v))
    return text_contains(*s, needle);
  if (auto xs = std::get_if<std::vector<std::string>>(&v))
    return std::any_of(xs->begin(), xs->end(),
                       [&](const auto& x) { return text_contains(x, needle); });
  if (auto m = std::get_if<std::map<std::string, std::string>>(&v))
    return m->count(needle) > 0;
  return false;
}

template <class T>
bool ordered(expect_op op, const T& a, const T& b) {
  switch (op) {
    case expect_op::eq: return a == b;
    case expect_op::ne: return a != b;
    case expect_op::lt: return a < b;
    case expect_op::le: return a <= b;
    case expect_op::gt: return a > b;
    case expect_op::ge: return a >= b;
    default: return false;
  }
}

} // namespace

std::optional<field_value> result_field(const named_result& r, const std::string& field,
                                        std::string& why) {
  if (field == "storage.writes" && r.storage_writes)
    return *r.storage_writes;
  if (field == "storage.deletes" && r.storage_deletes)
    return *r.storage_deletes;
  if (field == "node" && !r.node.empty())
    return r.node;
  if (field == "served" && !r.node.empty())
    return r.served;
  if (auto e = std::get_if<vault_error>(&r.result)) {
    if (field == "error")
      return e->message();
    if (field == "errors")
      return e->messages;
    if (field == "status")
      return static_cast<std::int64_t>(e->status);
    why = "the step failed (" + e->message() + "), so it has no field \"" + field + "\"";
    return std::nullopt;
  }
  auto v = response_field(std::get<api_response>(r.result), field);
  if (!v)
    why = "the result has no field \"" + field + "\"";
  return v;
}

std::optional<std::string> main_value(const named_result& r, std::string& why) {
  if (auto e = std::get_if<vault_error>(&r.result)) {
    why = "the step failed (" + e->message() + ")";
    return std::nullopt;
  }
  const auto& resp = std::get<api_response>(r.result);
  if (resp.auth && !resp.auth->client_token.empty())
    return resp.auth->client_token;
  if (!resp.lease_id.empty())
    return resp.lease_id;
  if (resp.data)
    if (auto id = resp.data->find("id"); id != resp.data->end())
      if (auto s = std::get_if<std::string>(&id->second); s && !s->empty())
        return *s;
  why = "the result holds no token or lease ID; name a field, e.g. $name.accessor";
  return std::nullopt;
}

std::string show_value(const field_value& v) {
  struct visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(const std::string& s) const { return detail::quote_string(s); }
    std::string operator()(const std::vector<std::string>& xs) const {
      std::string out = "[";
      for (size_t i = 0; i < xs.size(); ++i)
        out += (i ? ", " : "") + detail::quote_string(xs[i]);
      return out + "]";
    }
    std::string operator()(const std::map<std::string, std::string>& m) const {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, x] : m) {
        out += (first ? "" : ", ") + k + ": " + detail::quote_string(x);
        first = false;
      }
      return out + "}";
    }
  };
  return std::visit(visitor{}, v);
}

bool evaluate_compare(const expect_compare& e, const named_result& r, std::string& actual) {
  std::string why;
  auto v = result_field(r, e.field, why);
  if (!v) {
    actual = why;
    return false;
  }
  actual = show_value(*v);
  const auto& lit = e.value;
  if (auto n = std::get_if<std::int64_t>(&*v); n && duration_key(e.field))
    actual += " (" + format_duration(secs(*n)) + ")";
  if (std::holds_alternative<std::vector<std::string>>(*v) && e.op != expect_op::contains &&
      e.op != expect_op::lacks) {
    actual += " (a list: compare its items with contains or lacks)";
    return false;
  }
  if (e.op == expect_op::contains || e.op == expect_op::lacks) {
    bool has = contains(*v, lit.text);
    return e.op == expect_op::contains ? has : !has;
  }
  switch (lit.k) {
    case expect_literal::kind::number:
    case expect_literal::kind::duration:
      if (auto n = std::get_if<std::int64_t>(&*v))
        return ordered(e.op, secs(*n), lit.duration);
      return e.op == expect_op::ne;
    case expect_literal::kind::string:
      if (auto s = std::get_if<std::string>(&*v))
        return ordered(e.op, *s, lit.text);
      return e.op == expect_op::ne;
    case expect_literal::kind::boolean:
      if (auto b = std::get_if<bool>(&*v))
        return ordered(e.op, *b, lit.boolean);
      return e.op == expect_op::ne;
    case expect_literal::kind::null: {
      bool is_null = std::holds_alternative<std::monostate>(*v);
      return e.op == expect_op::eq ? is_null : !is_null;
    }
  }
  return false;
}

} // namespace tokenlab
