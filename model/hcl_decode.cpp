// HCL v1's decoder (hcl/decoder.go) as ParseACLPolicy uses it: ObjectList.Filter, decoding
// into a Go string or []string with hcl's error texts, and what Vault does with the values:
// go-multierror's list format and parseutil.ParseDurationSecond (over Go's strconv.ParseInt and
// time.ParseDuration).

#include "model/policy_text.hpp"

#include "model/fields.hpp"
#include "model/go_text.hpp"
#include "model/hcl_internal.hpp"

#include <cctype>
#include <cstdlib>
#include <limits>
#include <utility>

namespace tokenlab::hcl {

using namespace detail;

namespace {

pos where(const node& n) {
  return n.tok.at;
}

} // namespace

std::vector<item> filter(const std::vector<item>& items, std::string_view key) {
  auto fold_equal = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) !=
          std::tolower(static_cast<unsigned char>(b[i])))
        return false;
    return true;
  };
  std::vector<item> out;
  for (const auto& it : items)
    if (!it.keys.empty() && fold_equal(it.keys[0].value(), key)) {
      out.push_back(it);
      out.back().keys.erase(out.back().keys.begin());
    }
  return out;
}

const char* go_type(const node& n) {
  switch (n.type) {
    case node::kind::literal: return "*ast.LiteralType";
    case node::kind::list: return "*ast.ListType";
    default: return "*ast.ObjectType";
  }
}

std::optional<std::string> decode_string(const std::vector<item>& matches, const std::string& name,
                                         std::string& out) {
  auto unknown = [&](const pos& at, const char* type) {
    return pos_error(at, name + ": unknown type for string " + type);
  };
  for (const auto& m : matches) // prefix matches (`policy "x" {...}`) come first, as an ObjectList
    if (!m.keys.empty())
      return unknown(m.keys[0].at, "*ast.ObjectList");
  for (const auto& m : matches) {
    const node& v = m.val;
    if (v.type == node::kind::object)
      return unknown(v.items.empty() ? pos{} : v.items[0].keys[0].at, "*ast.ObjectList");
    if (v.type == node::kind::list || v.tok.type == tok::boolean || v.tok.type == tok::floating)
      return unknown(where(v), go_type(v));
    out = v.tok.value();
  }
  return std::nullopt;
}

std::optional<std::string> decode_strings(const std::vector<item>& matches, const std::string& name,
                                          std::vector<std::string>& out) {
  auto unknown = [&](const pos& at, size_t i, const char* type) {
    return pos_error(at, name + "[" + std::to_string(i) + "]: unknown type for string " + type);
  };
  for (const auto& m : matches)
    if (!m.keys.empty())
      return unknown(m.keys[0].at, 0, "*ast.ObjectItem");
  for (const auto& m : matches) {
    const node& v = m.val;
    if (v.type == node::kind::object) {
      if (!v.items.empty())
        return unknown(v.items[0].keys[0].at, 0, "*ast.ObjectItem");
    } else if (v.type == node::kind::literal) {
      return pos_error(where(v), "unknown slice type: *ast.LiteralType");
    }
    for (size_t i = 0; i < v.elems.size(); ++i) {
      const node& e = v.elems[i];
      if (e.type != node::kind::literal || e.tok.type == tok::boolean ||
          e.tok.type == tok::floating)
        return unknown(where(e), i, go_type(e));
      out.push_back(e.tok.value());
    }
  }
  return std::nullopt;
}

std::string multi_error(const std::vector<std::string>& errors) {
  if (errors.size() == 1)
    return "1 error occurred:\n\t* " + errors[0] + "\n\n";
  std::string points;
  for (const auto& e : errors)
    points += (points.empty() ? "* " : "\n\t* ") + e;
  return std::to_string(errors.size()) + " errors occurred:\n\t" + points + "\n\n";
}

std::optional<std::int64_t> duration_second(const node& n, std::string& error) {
  constexpr std::int64_t second = 1000000000;
  if (n.type == node::kind::literal && n.tok.type == tok::number) {
    auto v = parse_go_int(n.tok.text, 0, &error);
    return v ? std::optional<std::int64_t>{*v * second} : std::nullopt;
  }
  if (n.type == node::kind::literal && n.tok.type == tok::floating) // Duration(f) truncates
    return static_cast<std::int64_t>(std::strtod(n.tok.text.c_str(), nullptr)) * second;
  if (n.type != node::kind::literal || n.tok.type == tok::boolean) {
    error = "could not parse duration from input";
    return std::nullopt;
  }
  // A string: parseutil.ParseDurationSecond (model/fields.hpp).
  return parse_duration_second_ns(n.tok.value(), &error);
}

} // namespace tokenlab::hcl
