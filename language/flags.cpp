#include "language/flags.hpp"

#include "model/go_text.hpp"

#include "clock/duration.hpp"
#include "model/fields.hpp"
#include "model/texts.hpp"

#include <algorithm>
#include <limits>

namespace tokenlab::detail {

namespace {

// The HTTP flags every Vault command has (command/base.go FlagSetHTTP); none is modelled.
constexpr std::string_view http_flags[] = {
  "address",
  "agent-address",
  "ca-cert",
  "ca-path",
  "client-cert",
  "client-key",
  "namespace",
  "ns",
  "tls-server-name",
  "tls-skip-verify",
  "disable-redirects",
  "wrap-ttl",
  "policy-override",
  "mfa",
  "header",
  "output-curl-string",
  "output-policy",
  "unlock-key",
  "non-interactive",
};

const flag_def* find_flag(const command_spec& spec, std::string_view name) {
  for (const auto& def : spec.flags)
    if (def.name == name || (!def.alias.empty() && def.alias == name))
      return &def;
  return nullptr;
}

bool not_modelled(const command_spec& spec, std::string_view name) {
  const auto known = [name](std::string_view n) { return n == name; };
  return std::any_of(std::begin(http_flags), std::end(http_flags), known) ||
         std::any_of(spec.not_modelled.begin(), spec.not_modelled.end(), known);
}

line_error unknown_flag(const command_spec& spec, std::string_view name, int col) {
  const std::string flag = "-" + std::string(name);
  if (not_modelled(spec, name))
    return {col, "flag " + flag + " is not modelled by tokenlab yet"};
  std::vector<std::string_view> names;
  for (const auto& def : spec.flags)
    names.push_back(def.name);
  const std::string near = closest(name, names);
  return {col, "flag provided but not defined: " + flag +
                 (near.empty() ? "" : " (did you mean -" + near + "?)")};
}

std::optional<std::int64_t> parse_int(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size())
    return std::nullopt;
  const bool negative = s[0] == '-';
  std::int64_t v = 0;
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9')
      return std::nullopt;
    const int digit = s[i] - '0';
    if (v > (max - digit) / 10)
      return std::nullopt;
    v = v * 10 + digit;
  }
  return negative ? -v : v;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t comma = std::min(s.find(',', start), s.size());
    std::string_view part = s.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ')
      part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ')
      part.remove_suffix(1);
    if (!part.empty())
      parts.emplace_back(part);
    start = comma + 1;
  }
  return parts;
}

maybe_error check_format(std::string_view v, int col, flag_use& use) {
  // command/format.go Formatters: yml is yaml's other name.
  if (v == "table" || v == "json" || v == "yaml" || v == "yml") {
    use.boolean = v != "table";
    use.yaml = v == "yaml" || v == "yml";
    return std::nullopt;
  }
  if (v == "pretty" || v == "raw")
    return line_error{col, "-format=" + std::string(v) +
                             " is not modelled by tokenlab yet: use table, json or yaml"};
  return line_error{col,
                    "invalid format " + in_quotes(v) + " for -format: use table, json or yaml"};
}

// Checks the value that starts at byte `start` of `w` and stores it typed in `use`.
maybe_error check_value(const flag_def& def, const word& w, std::size_t start, flag_use& use) {
  const std::string value = w.text.substr(start);
  const std::string flag = "-" + std::string(def.name);
  const int col = w.col_at(start);
  use.text = value;
  use.value_col = col;
  use.source = &w;
  use.value_at = start;
  switch (def.type) {
    case flag_type::boolean:
      if (const auto b = parse_go_bool(value)) {
        use.boolean = *b;
        return std::nullopt;
      }
      return line_error{col, "invalid boolean " + in_quotes(value) + " for " + flag + ": write " +
                               flag + ", " + flag + "=true or " + flag + "=false"};
    case flag_type::text:
      if (w.ref_at(start))
        return line_error{col, flag +
                                 " takes a plain value, not a reference: references ($name) "
                                 "work in token arguments, lease ids, write and login values and "
                                 "VAULT_TOKEN"};
      return std::nullopt;
    case flag_type::value: return std::nullopt;
    case flag_type::tune_duration:
      // command/base_flags.go durationValue.Set: `system` is read as -1 (which the tune
      // commands then send as "system").
      if (value == "system") {
        use.duration = secs(-1);
        return std::nullopt;
      }
      return parse_duration_word(w, start, "for " + flag, use.duration);
    case flag_type::duration: return parse_duration_word(w, start, "for " + flag, use.duration);
    case flag_type::integer:
      if (const auto n = parse_int(value)) {
        use.integer = *n;
        return std::nullopt;
      }
      return line_error{col, "invalid integer " + in_quotes(value) + " for " + flag +
                               ": write a whole number such as 2"};
    case flag_type::list: use.list = split_list(value); return std::nullopt;
    case flag_type::key_value: {
      const auto eq = value.find('=');
      if (eq == std::string::npos)
        return line_error{col, "invalid value " + in_quotes(value) + " for flag " + flag +
                                 ": missing = in KV pair: " + in_quotes(value)};
      use.key_value = {value.substr(0, eq), value.substr(eq + 1)};
      return std::nullopt;
    }
    case flag_type::format: return check_format(value, col, use);
  }
  return std::nullopt;
}

bool looks_like_flag(const word& w) {
  return w.text.size() >= 2 && w.text[0] == '-';
}

} // namespace

std::string in_quotes(std::string_view s) {
  return quote_input(s);
}

maybe_error parse_duration_word(const word& w, std::size_t start, std::string_view what,
                                sim_duration& out) {
  const std::string text = w.text.substr(start);
  duration_error err;
  if (const auto d = parse_duration(text, &err)) {
    out = *d;
    return std::nullopt;
  }
  // parse_duration says `invalid duration "6x": unknown unit "x"`; keep only the reason.
  const std::string head = "invalid duration " + in_quotes(text) + ": ";
  std::string reason = err.message;
  if (reason.compare(0, head.size(), head) == 0)
    reason.erase(0, head.size());
  return line_error{w.col_at(start), "invalid duration " + in_quotes(text) + " " +
                                       std::string(what) + ": " + reason};
}

const flag_use* command_args::last(std::string_view name) const {
  for (auto it = flags.rbegin(); it != flags.rend(); ++it)
    if (it->name == name)
      return &*it;
  return nullptr;
}

maybe_error split_command(const std::vector<word>& words, std::size_t first,
                          const command_spec& spec, command_args& out) {
  // Go's flag.Parse: flags end at the first argument that is not one, or after `--`.
  bool flags_done = false;
  for (std::size_t i = first; i < words.size(); ++i) {
    const word& w = words[i];
    if (!flags_done && w.text == "--") {
      flags_done = true;
      out.dashdash = true;
      continue;
    }
    if (flags_done || !looks_like_flag(w)) {
      flags_done = true;
      out.positionals.push_back(&w);
      continue;
    }
    const std::size_t dashes = w.text[1] == '-' ? 2 : 1;
    const std::string_view body = std::string_view(w.text).substr(dashes);
    if (body.empty() || body[0] == '-' || body[0] == '=')
      return line_error{w.col, "bad flag syntax: " + w.text};
    const std::size_t eq = body.find('=');
    const std::string_view name = body.substr(0, eq);
    const flag_def* def = find_flag(spec, name);
    if (def == nullptr)
      return unknown_flag(spec, name, w.col);
    flag_use use;
    use.name = def->name;
    use.col = w.col;
    maybe_error err;
    if (eq != std::string_view::npos) {
      err = check_value(*def, w, dashes + eq + 1, use);
    } else if (def->type == flag_type::boolean) {
      use.boolean = true;
      use.text = "true";
      use.value_col = w.col;
    } else if (i + 1 < words.size()) {
      err = check_value(*def, words[++i], 0, use);
    } else {
      err = line_error{w.col, "flag needs an argument: -" + std::string(name)};
    }
    if (err)
      return err;
    if (def->type == flag_type::format) {
      out.json = use.boolean;
      out.yaml = use.yaml;
      out.format_given = true;
      out.format_col = use.value_col;
    }
    out.flags.push_back(std::move(use));
  }
  return std::nullopt;
}

namespace {

// The flags Vault's CLI reads before the command parses its own (command/main.go
// globalFlags and setupEnv): wherever they are on the line, up to a `--`.
constexpr std::string_view global_flags[] = {"output-curl-string", "output-policy", "format",
                                             "detailed"};

bool is_global(std::string_view arg) {
  arg.remove_prefix(std::min(arg.find_first_not_of('-'), arg.size()));
  const std::string_view name = arg.substr(0, arg.find('='));
  return std::find(std::begin(global_flags), std::end(global_flags), name) !=
         std::end(global_flags);
}

// `-NAME` or `--NAME`, and with `value`, `-NAME=…` or `--NAME=…`.
bool spells(std::string_view arg, std::string_view name, bool value) {
  const std::size_t dashes = arg.compare(0, 2, "--") == 0 ? 2 : arg.compare(0, 1, "-") == 0 ? 1 : 0;
  if (dashes == 0 || arg.compare(dashes, name.size(), name) != 0)
    return false;
  const std::string_view rest = arg.substr(dashes + name.size());
  return value ? !rest.empty() && rest[0] == '=' : rest.empty();
}

} // namespace

maybe_error read_global_flags(command_args& out) {
  std::vector<std::string> warned;
  for (const word* w : out.positionals) // generateFlagWarnings(f.Args())
    if (w->text.size() > 1 && w->text[0] == '-' && !is_global(w->text))
      warned.push_back(w->text);
  if (!warned.empty())
    out.flag_warning = texts::flags_after_arguments(warned);
  if (out.dashdash) // setupEnv stops at the `--` that ended the flags
    return std::nullopt;
  const auto& pos = out.positionals;
  for (std::size_t i = 0; i < pos.size() && pos[i]->text != "--"; ++i) {
    const word& w = *pos[i];
    for (const std::string_view name : {"output-curl-string", "output-policy", "detailed"})
      if (spells(w.text, name, false) || spells(w.text, name, true))
        return line_error{w.col, "-" + std::string(name) + " after an argument is still read "
                                 "by Vault's CLI (a global flag), and tokenlab does not model "
                                 "it there: put it before the arguments"};
    flag_use use;
    int col = 0;
    if (spells(w.text, "format", true)) {
      const std::size_t eq = w.text.find('=');
      col = w.col_at(eq + 1);
      if (auto err = check_format(w.text.substr(eq + 1), col, use))
        return err;
    } else if (spells(w.text, "format", false) && i + 1 < pos.size()) {
      col = pos[i + 1]->col;
      if (auto err = check_format(pos[i + 1]->text, col, use))
        return err;
    } else {
      continue;
    }
    out.json = use.boolean;
    out.yaml = use.yaml;
    out.format_given = true;
    out.format_col = col;
  }
  return std::nullopt;
}

} // namespace tokenlab::detail
