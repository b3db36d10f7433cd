// References to earlier results: `$name` and `$name.field`, checked against the names that
// earlier steps defined with `=> name` (and the predefined `root`).

#include "language/parse_context.hpp"

namespace tokenlab::detail {

namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

// A field: `[A-Za-z_][A-Za-z0-9_.]*`.
bool is_field(std::string_view s) {
  if (s.empty() || !is_name_start(s[0]))
    return false;
  // '/' and '-' for a mount table's rows: $auths.auths.userpass/.accessor
  for (const char c : s)
    if (!is_name_char(c) && c != '.' && c != '/' && c != '-')
      return false;
  return true;
}

} // namespace

bool is_name(std::string_view s) {
  if (s.empty() || !is_name_start(s[0]))
    return false;
  for (const char c : s)
    if (!is_name_char(c))
      return false;
  return true;
}

maybe_error check_name(std::string_view name, int col, const line_context& ctx) {
  if (ctx.names.count(std::string(name)) != 0)
    return std::nullopt;
  const std::string n(name);
  return line_error{col, "unknown name \"" + n +
                           "\": no earlier step is named so (name a result "
                           "with \"=> " +
                           n + "\")"};
}

maybe_error check_field(const std::string& name, std::string_view field, int col,
                        const line_context& ctx) {
  if (name == "root") // the dev server's root token: an ID the lab knows, not a step's result
    return line_error{col, "root is the root token's ID, not a step's result, so it has no field " +
                             in_quotes(field) + ": look it up first (vault token lookup $root "
                             "=> r) and use r." +
                             std::string{field}};
  if (name == "unseal_key") // the dev server's unseal key: a text the lab knows
    return line_error{col, "unseal_key is the dev server's unseal key, not a step's result, so "
                           "it has no field " + in_quotes(field)};
  const auto it = ctx.names.find(name);
  std::string suggestion;
  std::string fields;
  if (it == ctx.names.end() || known_field(it->second.kind, field, suggestion, fields))
    return std::nullopt;
  return line_error{col, "unknown field " + in_quotes(field) + " of " + name + " (" +
                           it->second.what + "): " +
                           (suggestion.empty() ? "its fields are " + fields
                                               : "did you mean " + in_quotes(suggestion) + "?")};
}

maybe_error make_arg(const word& w, std::size_t start, const line_context& ctx, arg& out) {
  out = arg{};
  const int col = w.col_at(start);
  out.loc = ctx.where(col);
  const std::string_view text = std::string_view(w.text).substr(start);
  if (!w.ref_at(start)) {
    out.literal = std::string(text);
    return std::nullopt;
  }
  const std::string_view body = text.substr(1);
  const std::size_t dot = body.find('.');
  const std::string_view name = body.substr(0, dot);
  const std::string_view field =
    dot == std::string_view::npos ? std::string_view{} : body.substr(dot + 1);
  if (!is_name(name) || (dot != std::string_view::npos && !is_field(field)))
    return line_error{col, "\"" + std::string(text) +
                             "\" is not a reference: write $name or "
                             "$name.field, e.g. $t1 or $t1.accessor (use '...' for a literal $)"};
  if (auto err = check_name(name, col, ctx))
    return err;
  out.ref_name = std::string(name);
  out.ref_field = std::string(field);
  if (!field.empty())
    if (auto err = check_field(out.ref_name, field, w.col_at(start + 1 + name.size() + 1), ctx))
      return err;
  if (ctx.refs != nullptr)
    ctx.refs->push_back(ref_use{col, w.cols.back(), out});
  return std::nullopt;
}

} // namespace tokenlab::detail
