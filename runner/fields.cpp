#include "runner/fields.hpp"

#include "clock/duration.hpp"
#include "language/lexer.hpp"
#include "language/result_fields.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

std::optional<field_value> list_item(const field_list& l, const std::string& f);

// A data key, or `KEY.SUB` for the entry SUB of a map-valued key (a `vault auth list` row:
// `token/.default_ttl`; a token's meta: `meta.team`; a KV v2 read's `metadata.version`).
std::optional<field_value> nested_field(const data_map& d, const std::string& f) {
  if (auto it = d.find(f); it != d.end())
    return it->second;
  for (auto dot = f.find('.'); dot != std::string::npos; dot = f.find('.', dot + 1)) {
    auto it = d.find(f.substr(0, dot));
    if (it == d.end())
      continue;
    if (const auto* m = std::get_if<std::map<std::string, std::string>>(&it->second))
      if (auto sub = m->find(f.substr(dot + 1)); sub != m->end())
        return sub->second;
    if (const auto* o = std::get_if<field_object>(&it->second))
      if (auto sub = nested_field(o->get(), f.substr(dot + 1)))
        return sub;
    if (const auto* l = std::get_if<field_list>(&it->second))
      if (auto sub = list_item(*l, f.substr(dot + 1)))
        return sub;
  }
  return std::nullopt;
}

// `N` or `N.KEY` of a list: its item N (from 0), or that item's KEY (an entity's
// `aliases.0.name`).
std::optional<field_value> list_item(const field_list& l, const std::string& f) {
  auto dot = f.find('.');
  auto index = f.substr(0, dot);
  if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos ||
      index.size() > 6)
    return std::nullopt;
  auto i = static_cast<std::size_t>(std::stoul(index));
  if (i >= l.get().size())
    return std::nullopt;
  const auto& item = l.get()[i];
  if (dot == std::string::npos)
    return item;
  if (const auto* o = std::get_if<field_object>(&item))
    return nested_field(o->get(), f.substr(dot + 1));
  return std::nullopt;
}

// nested_field, and then the secret's own keys of a KV v2 read (data.data.KEY), which its
// table shows under `Data` as KEY.
std::optional<field_value> data_field(const data_map& d, const std::string& f) {
  if (auto v = nested_field(d, f))
    return v;
  if (auto it = d.find("data"); it != d.end())
    if (const auto* o = std::get_if<field_object>(&it->second))
      return nested_field(o->get(), f);
  return std::nullopt;
}

// A field of a successful response, in the order that makes each name mean what the CLI's
// table shows for it: the common fields, `auth.KEY`, `data.KEY`, a secret's lease, the auth
// block's fields, the data's keys, then the API JSON's top-level lease_duration and
// renewable (which a token response has too: 0 and false).
std::optional<field_value> response_field(const api_response& r, const std::string& f,
                                          std::optional<common_field> common) {
  if (common == common_field::status)
    return static_cast<std::int64_t>(r.status);
  if (common == common_field::error)
    return std::string{};
  if (common == common_field::warnings) // null when there are none, as the API's JSON says
    return r.warnings.empty() ? field_value{} : field_value{r.warnings};
  if (common == common_field::request_id)
    return r.request_id;
  if (f.rfind("auth.", 0) == 0)
    return r.auth ? auth_field_value(*r.auth, std::string_view(f).substr(5), true) : std::nullopt;
  if (f.rfind("data.", 0) == 0)
    return r.data ? data_field(*r.data, f.substr(5)) : std::nullopt;
  const bool secret = !r.lease_id.empty();
  if (common == common_field::lease_id)
    return r.lease_id;
  if (secret && (common == common_field::lease_duration || f == "ttl"))
    return r.lease_duration;
  if (secret && (common == common_field::renewable || f == "lease_renewable"))
    return r.renewable;
  if (r.auth)
    if (auto v = auth_field_value(*r.auth, f, false))
      return v;
  if (r.data)
    if (auto v = data_field(*r.data, f))
      return v;
  if (common == common_field::lease_duration)
    return r.lease_duration;
  if (common == common_field::renewable)
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
  if (auto o = std::get_if<field_object>(&v))
    return o->get().count(needle) > 0;
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
  if (const auto target = length_target(field)) {
    const std::string of(*target);
    auto v = result_field(r, of, why);
    if (!v)
      return std::nullopt;
    if (const auto n = value_length(*v))
      return *n;
    why = "\"" + of + "\" is " + show_value(*v) + ", which has no length";
    return std::nullopt;
  }
  const auto common = find_common_field(field);
  if (common == common_field::storage_writes && r.storage_writes)
    return *r.storage_writes;
  if (common == common_field::storage_deletes && r.storage_deletes)
    return *r.storage_deletes;
  if (common == common_field::node && !r.node.empty())
    return r.node;
  if (common == common_field::served && !r.node.empty())
    return r.served;
  if (auto e = std::get_if<vault_error>(&r.result)) {
    if (common == common_field::error)
      return e->message();
    if (common == common_field::errors)
      return e->messages;
    if (common == common_field::status)
      return static_cast<std::int64_t>(e->status);
    why = "the step failed (" + e->message() + "), so it has no field \"" + field + "\"";
    return std::nullopt;
  }
  auto v = response_field(std::get<api_response>(r.result), field, common);
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
  if (resp.auth && !resp.auth->client_token().empty())
    return std::string{resp.auth->client_token()};
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
    std::string operator()(const field_object& o) const {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, x] : o.get()) {
        out += (first ? "" : ", ") + k + ": " + std::visit(*this, x);
        first = false;
      }
      return out + "}";
    }
    std::string operator()(const field_list& l) const {
      std::string out = "[";
      bool first = true;
      for (const auto& x : l.get()) {
        out += (first ? "" : ", ") + std::visit(*this, x);
        first = false;
      }
      return out + "]";
    }
  };
  return std::visit(visitor{}, v);
}

namespace {

// `==`, `!=` and the orderings between two values read from results.
bool compare_values(expect_op op, const field_value& a, const field_value& b) {
  const auto* x = std::get_if<std::int64_t>(&a);
  const auto* y = std::get_if<std::int64_t>(&b);
  if (x && y)
    return ordered(op, *x, *y);
  if (op == expect_op::eq)
    return a == b;
  if (op == expect_op::ne)
    return a != b;
  return false; // the orderings compare numbers (and durations) only
}

} // namespace

bool evaluate_compare(const expect_compare& e, const named_result& r,
                      const std::optional<field_value>& other, std::string& actual) {
  std::string why;
  auto v = result_field(r, e.field, why);
  if (e.op == expect_op::absent || e.op == expect_op::present) {
    actual = v ? show_value(*v) : "absent";
    return v.has_value() == (e.op == expect_op::present);
  }
  if (!v) {
    actual = why;
    return false;
  }
  actual = show_value(*v);
  if (auto n = std::get_if<std::int64_t>(&*v); n && duration_key(e.field))
    actual += " (" + format_duration(secs(*n)) + ")";
  if (other) {
    actual += "; " + e.other->text() + " is " + show_value(*other);
    if (e.op == expect_op::contains || e.op == expect_op::lacks) {
      const auto* needle = std::get_if<std::string>(&*other);
      if (!needle) {
        actual += " (contains and lacks look for a text)";
        return false;
      }
      return contains(*v, *needle) == (e.op == expect_op::contains);
    }
    return compare_values(e.op, *v, *other);
  }
  const auto& lit = e.value;
  if (std::holds_alternative<std::vector<std::string>>(*v) && e.op != expect_op::contains &&
      e.op != expect_op::lacks) {
    actual += " (a list: compare its items with contains or lacks, or its .length)";
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
