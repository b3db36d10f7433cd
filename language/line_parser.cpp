#include "language/line_parser.hpp"
#include "language/vocabulary.hpp"

#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace tokenlab::detail {

namespace {

const std::vector<std::string_view> header_words = {"title",  "source",  "seed",  "epoch",
                                                    "config", "cluster", "github"};
const std::vector<std::string_view> step_words = {"advance", "at",    "note", "expect",
                                                  "vault",   "fleet", "rm"};
const std::vector<std::string_view> vault_words = {
  "login",        "token",        "auth",        "secrets",      "write",
  "read",         "lease",        "list",        "delete",       "policy",
  "token-create", "token-lookup", "token-renew", "token-revoke", "mount-tune", "operator"};

bool one_of(const std::string& s, const std::vector<std::string_view>& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Checks that the line has exactly `n` words; `example` shows the directive's form.
maybe_error exactly(const lexed_line& l, std::size_t n, std::string_view example) {
  const auto& words = l.words;
  if (words.size() < n)
    return line_error{words.back().end_col,
                      in_quotes(words[0].text) + " needs a value, e.g. " + std::string(example)};
  if (words.size() > n)
    return line_error{words[n].col, "unexpected " + in_quotes(words[n].text) + ": write " +
                                      std::string(example) +
                                      " (quote a value that contains spaces)"};
  return std::nullopt;
}

line_error unknown_directive(const lexed_line& l) {
  const word& w = l.words[0];
  if (l.words.size() > 1 && l.words[1].text == "vault" && w.text.find('=') != std::string::npos)
    return {w.col, "only VAULT_ADDR=..., VAULT_TOKEN=... and VAULT_FORMAT=... may come before \"vault\"; " +
                     w.text.substr(0, w.text.find('=')) + " is not modelled by tokenlab"};
  if (one_of(w.text, vault_words))
    return {w.col, "unknown directive " + in_quotes(w.text) +
                     ": Vault commands start with \"vault\", e.g. vault " + w.text};
  std::vector<std::string_view> known = header_words;
  known.insert(known.end(), step_words.begin(), step_words.end());
  const std::string near = closest(w.text, known);
  if (!near.empty())
    return {w.col,
            "unknown directive " + in_quotes(w.text) + " (did you mean " + in_quotes(near) + "?)"};
  return {w.col,
          "unknown directive " + in_quotes(w.text) +
            ": a line starts with title, source, "
            "seed, epoch, config, cluster, github, advance, at, note, expect, fleet, rm or vault"};
}

// Removes a trailing `=> NAME` (or `=>NAME`) from `words` into `name`; `at_col` gets the
// column of its `=>`.
maybe_error take_name(std::vector<word>& words, std::string& name, int& at_col) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const word& w = words[i];
    if (w.quoted || !starts_with(w.text, "=>"))
      continue;
    const bool joined = w.text.size() > 2;
    if (!joined && i + 1 >= words.size())
      return line_error{w.end_col, "\"=>\" needs a name after it, e.g. => t1"};
    const std::size_t last = joined ? i : i + 1;
    const int col = joined ? w.col_at(2) : words[last].col;
    name = joined ? w.text.substr(2) : words[last].text;
    if (last + 1 != words.size())
      return line_error{words[last + 1].col, "\"=> NAME\" must end the line; move " +
                                               in_quotes(words[last + 1].text) + " before the =>"};
    if (!is_name(name))
      return line_error{col, in_quotes(name) + " is not a valid name: use letters, digits and _, "
                                               "starting with a letter or _"};
    if (name == "root")
      return line_error{col, "the name \"root\" is taken: $root is the dev server's root token; "
                             "pick another name"};
    if (name == "unseal_key")
      return line_error{col, "the name \"unseal_key\" is taken: $unseal_key is the dev "
                             "server's unseal key; pick another name"};
    at_col = w.col;
    words.erase(words.begin() + static_cast<std::ptrdiff_t>(i), words.end());
    return std::nullopt;
  }
  return std::nullopt;
}

maybe_error refuse_names(const lexed_line& l) {
  for (const word& w : l.words)
    if (!w.quoted && starts_with(w.text, "=>"))
      return line_error{w.col, "only vault steps have results to name with \"=>\""};
  return std::nullopt;
}

} // namespace

line_parser::line_parser(std::string file, bool heredoc_lines)
  : heredoc_lines_(heredoc_lines) {
  const std::size_t slash = file.rfind('/');
  dir_ = slash == std::string::npos ? "" : file.substr(0, slash + 1);
  scenario_.file = std::move(file);
}

maybe_error line_parser::once(const word& directive, const line_context& ctx) {
  const auto [it, fresh] = given_.emplace(directive.text, ctx.where(directive.col));
  if (fresh)
    return std::nullopt;
  return line_error{directive.col, in_quotes(directive.text) + " is given twice (first on line " +
                                     std::to_string(it->second.line) + ")"};
}

maybe_error line_parser::config(const lexed_line& l, system_config& cfg) {
  if (l.words.size() < 2)
    return exactly(l, 2, "config default_lease_ttl=1h max_lease_ttl=10h");
  for (std::size_t i = 1; i < l.words.size(); ++i) {
    const word& w = l.words[i];
    const std::size_t eq = w.text.find('=');
    if (eq == std::string::npos)
      return line_error{w.col, "config takes key=value pairs, e.g. config max_lease_ttl=10h; "
                               "got " +
                                 in_quotes(w.text)};
    const std::string key = w.text.substr(0, eq);
    sim_duration* target = key == "default_lease_ttl" ? &cfg.default_lease_ttl
                           : key == "max_lease_ttl"   ? &cfg.max_lease_ttl
                                                      : nullptr;
    if (target == nullptr) {
      const std::string near = closest(key, {"default_lease_ttl", "max_lease_ttl"});
      return line_error{w.col, "unknown config key " + in_quotes(key) +
                                 (near.empty() ? "" : " (did you mean " + in_quotes(near) + "?)") +
                                 ": tokenlab models default_lease_ttl and max_lease_ttl"};
    }
    sim_duration d{0};
    if (auto err = parse_duration_word(w, eq + 1, "for " + key, d))
      return err;
    if (d < sim_duration::zero())
      return line_error{w.col_at(eq + 1), key + " cannot be negative"};
    // Vault's server config: zero (unset) means the 768h default.
    *target = d == sim_duration::zero() ? std::chrono::hours{768} : d;
  }
  return std::nullopt;
}

// The default-above-max check of Vault's startup, for the config `cfg`.
static std::string config_refusal(const system_config& cfg) {
  return std::string(texts::default_above_max_config) + ": default_lease_ttl is " +
         format_duration(cfg.default_lease_ttl) + " but max_lease_ttl is " +
         format_duration(cfg.max_lease_ttl) +
         ", so Vault would not start (lower default_lease_ttl too)";
}

maybe_error line_parser::restart(const lexed_line& l, step_body& body) {
  if (scenario_.cluster.standbys > 0 || scenario_.cluster.secondary)
    return line_error{l.words[0].col, "restarting the nodes of a cluster (config after the first "
                                      "step) is not modelled by tokenlab yet"};
  if (fleet_loc_)
    return line_error{l.words[0].col, "a restart while a fleet runs (config after a fleet step) "
                                      "is not modelled by tokenlab yet"};
  restart_step r{running_config_};
  if (auto err = config(l, r.config))
    return err;
  if (r.config.default_lease_ttl > r.config.max_lease_ttl)
    return line_error{l.words[0].col, config_refusal(r.config)};
  running_config_ = r.config;
  body = r;
  return std::nullopt;
}

maybe_error line_parser::cluster(const lexed_line& l, const line_context& ctx) {
  const std::string example = "cluster standbys=2 secondary=true";
  if (l.words.size() < 2)
    return line_error{l.words[0].end_col, "cluster needs its nodes, e.g. " + example};
  auto& c = scenario_.cluster;
  for (std::size_t i = 1; i < l.words.size(); ++i) {
    const word& w = l.words[i];
    const auto eq = w.text.find('=');
    const std::string key = eq == std::string::npos ? w.text : w.text.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : w.text.substr(eq + 1);
    if (key == "standbys") {
      int n = -1;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc{} || end != value.data() + value.size() || n < 0 || n > 16)
        return line_error{w.col_at(eq + 1),
                          "standbys needs a whole number from 0 to 16, got " + in_quotes(value)};
      c.standbys = n;
    } else if (key == "secondary") {
      if (value != "true" && value != "false")
        return line_error{w.col_at(eq + 1), "secondary is true or false, got " + in_quotes(value)};
      c.secondary = value == "true";
    } else {
      return line_error{w.col, "unknown cluster setting " + in_quotes(key) +
                                 ": cluster takes standbys=N and secondary=true|false, e.g. " +
                                 example};
    }
  }
  return once(l.words[0], ctx);
}

maybe_error line_parser::header(const lexed_line& l, const line_context& ctx) {
  const word& d = l.words[0];
  if (d.text == "config") {
    config_loc_ = ctx.where(d.col);
    return config(l, scenario_.config);
  }
  if (d.text == "cluster")
    return cluster(l, ctx);
  if (d.text == "github")
    return parse_github(l.words, scenario_.github);
  if (d.text == "source" || d.text == "title") {
    if (auto err = exactly(l, 2, d.text + " \"...\""))
      return err;
    if (d.text == "source") {
      scenario_.sources.push_back(l.words[1].text);
      return std::nullopt;
    }
    scenario_.title = l.words[1].text;
    return once(d, ctx);
  }
  if (d.text == "seed") {
    if (auto err = exactly(l, 2, "seed 7"))
      return err;
    const std::string& v = l.words[1].text;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), scenario_.seed);
    if (ec != std::errc{} || end != v.data() + v.size() || v.empty())
      return line_error{l.words[1].col, "the seed must be a whole number from 0 to "
                                        "18446744073709551615, got " +
                                          in_quotes(v)};
    return once(d, ctx);
  }
  if (auto err = exactly(l, 2, "epoch 2024-01-01T00:00:00Z"))
    return err;
  const auto epoch = parse_rfc3339_utc(l.words[1].text);
  if (!epoch)
    return line_error{l.words[1].col, "the epoch must be a UTC time like 2024-01-01T00:00:00Z, "
                                      "got " +
                                        in_quotes(l.words[1].text)};
  scenario_.epoch_unix = *epoch;
  return once(d, ctx);
}

std::string line_parser::past_sim_end(const std::string& what) const {
  return what + " goes past " + format_offset(sim_end) + ", where tokenlab's clock ends (" +
         format_offset(sim_time{now_}) + " now)";
}

maybe_error line_parser::time(const lexed_line& l, bool absolute, step_body& body) {
  const std::string directive = absolute ? "at" : "advance";
  if (auto err = exactly(l, 2, directive + " 6h"))
    return err;
  const word& w = l.words[1];
  sim_duration d{0};
  if (auto err = parse_duration_word(w, 0, "for " + directive, d))
    return err;
  if (!absolute && d <= sim_duration::zero())
    return line_error{w.col,
                      "advance needs a duration greater than zero, got " + in_quotes(w.text)};
  if (absolute && d < now_)
    return line_error{w.col, "at " + w.text + " is before the current time " +
                               format_offset(sim_time{now_})};
  if (d > sim_end.time_since_epoch() || (!absolute && d > sim_end.time_since_epoch() - now_))
    return line_error{w.col, past_sim_end(directive + " " + w.text)};
  now_ = absolute ? d : now_ + d;
  body = time_step{absolute, d};
  return std::nullopt;
}

maybe_error line_parser::vault(const lexed_line& l, const line_context& ctx, step_body& body) {
  std::vector<word> words = l.words;
  std::string name;
  int name_col = 0;
  if (auto err = take_name(words, name, name_col))
    return err;
  vault_step step;
  std::vector<ref_use> uses;
  const line_context noted{ctx.where, ctx.names, ctx.dir, &uses};
  // The environment prefixes, each at most once, in either order.
  std::size_t first = 0;
  bool addr = false;
  bool token = false;
  std::optional<env_format> format;
  for (; first < words.size(); ++first) {
    const word& w = words[first];
    if (!format && starts_with(w.text, "VAULT_FORMAT=")) {
      const std::string v = w.text.substr(13);
      const bool yaml = v == "yaml" || v == "yml";
      if (v != "table" && v != "json" && !yaml) {
        const bool known = v == "pretty" || v == "raw";
        return line_error{w.col_at(13), known ? "VAULT_FORMAT=" + v +
                                                  " is not modelled by tokenlab yet: use table, "
                                                  "json or yaml"
                                              : "invalid format " + in_quotes(v) +
                                                  " for VAULT_FORMAT: use table, json or yaml"};
      }
      format = env_format{v != "table", yaml, w.col_at(13)};
    } else if (!addr && starts_with(w.text, "VAULT_ADDR=")) {
      addr = true;
      step.node = w.text.substr(11);
      if (!node_exists(step.node))
        return line_error{w.col_at(11), "VAULT_ADDR names a node of the scenario's cluster: " +
                                          node_names() + "; got " + in_quotes(step.node)};
    } else if (!token && starts_with(w.text, "VAULT_TOKEN=")) {
      token = true;
      // An empty VAULT_TOKEN is no token for the API client, so the CLI takes the token
      // helper's (command/base.go Client): the CLI's current token, as without the prefix.
      if (w.text.size() == 12)
        continue;
      step.vault_token.emplace();
      if (auto err = make_arg(w, 12, noted, *step.vault_token))
        return err;
    } else {
      break;
    }
  }
  if (first > 0 && (first == words.size() || words[first].text != "vault")) {
    const std::string& last = words[first - 1].text;
    const std::string var = last.substr(0, last.find('='));
    return line_error{first == words.size() ? words[first - 1].end_col : words[first].col,
                      var + "=... is followed by a vault command, e.g. " + var + "=" +
                        (var == "VAULT_TOKEN"   ? "$t1"
                         : var == "VAULT_ADDR" ? "standby-1"
                                               : "json") +
                        " vault token lookup"};
  }
  const auto stdin_col = l.heredoc ? std::optional<int>{l.heredoc->col} : std::nullopt;
  if (auto err = parse_vault_command(words, first, noted, stdin_col, format, step))
    return err;
  for (auto& use : uses) {
    const auto at = static_cast<std::size_t>(use.col - l.first_col);
    step.refs.push_back(
      text_ref{at, static_cast<std::size_t>(use.last_col - use.col + 1), std::move(use.ref)});
  }
  // In the order of the text (a builder may read flag values in an order of its own).
  std::stable_sort(step.refs.begin(), step.refs.end(),
                   [](const text_ref& a, const text_ref& b) { return a.at < b.at; });
  if (!name.empty()) {
    step.name = name;
    step.name_at = static_cast<std::size_t>(name_col - l.first_col);
    names_[name] = result_info{result_kind_of(step.cmd), "a " + step.spelling + " result"};
  }
  body = std::move(step);
  return std::nullopt;
}

// `rm ~/.vault-token` (or `rm -f …`): the token helper's file, the one file a scenario may remove.
maybe_error line_parser::token_helper(const lexed_line& l, step_body& body) {
  const auto& words = l.words;
  std::size_t at = 1;
  if (at < words.size() && words[at].text == "-f")
    ++at;
  if (at >= words.size())
    return line_error{words.back().end_col, "rm needs the file, e.g. rm ~/.vault-token"};
  const word& file = words[at];
  if (file.text != "~/.vault-token" && file.text != "$HOME/.vault-token")
    return line_error{file.col, "tokenlab's rm removes only the token helper's ~/.vault-token "
                                "(the CLI's stored token); got " + in_quotes(file.text)};
  if (at + 1 < words.size())
    return line_error{words[at + 1].col, "unexpected " + in_quotes(words[at + 1].text) +
                                           ": write rm ~/.vault-token"};
  body = token_helper_step{};
  return std::nullopt;
}

bool line_parser::node_exists(const std::string& node) const {
  const auto& c = scenario_.cluster;
  if (node == "active" || (node == "secondary" && c.secondary))
    return true;
  for (int i = 1; i <= c.standbys; ++i)
    if (node == "standby-" + std::to_string(i))
      return true;
  return false;
}

std::string line_parser::node_names() const {
  const auto& c = scenario_.cluster;
  std::string out = "active";
  for (int i = 1; i <= c.standbys; ++i)
    out += ", standby-" + std::to_string(i);
  if (c.secondary)
    out += ", secondary";
  return out + (c.standbys == 0 && !c.secondary ? " (declare more with cluster)" : "");
}

maybe_error line_parser::fleet(const lexed_line& l, const source_loc& at, step_body& body) {
  if (fleet_loc_)
    return line_error{l.words[0].col, "a scenario runs one fleet, and the fleet of line " +
                                        std::to_string(fleet_loc_->line) +
                                        " runs to the end; put this one in a scenario of its own"};
  std::vector<word> words = l.words;
  fleet_step step;
  int name_col = 0;
  if (auto err = take_name(words, step.name, name_col))
    return err;
  if (auto err = parse_fleet(words, step))
    return err;
  if (step.params.until > sim_end.time_since_epoch() - now_)
    for (const auto& w : words)
      if (starts_with(w.text, "until="))
        return line_error{w.col_at(6), past_sim_end(w.text)};
  for (std::size_t i = 1; i < words.size(); ++i)
    if (starts_with(words[i].text, "nodes="))
      for (const auto& node : step.params.nodes)
        if (!node_exists(node))
          return line_error{words[i].col_at(6), "nodes names the scenario's cluster nodes: " +
                                                  node_names() + "; got " + in_quotes(node)};
  if (!step.name.empty())
    names_[step.name] = result_info{result_kind::open, "a fleet"};
  fleet_loc_ = at;
  body = std::move(step);
  return std::nullopt;
}

std::optional<parse_error> line_parser::end_header() {
  if (in_steps_)
    return std::nullopt;
  in_steps_ = true;
  const auto& cfg = scenario_.config;
  running_config_ = cfg;
  if (!config_loc_ || cfg.default_lease_ttl <= cfg.max_lease_ttl)
    return std::nullopt;
  return parse_error{*config_loc_, config_refusal(cfg)};
}

std::optional<parse_error> line_parser::finish() {
  if (heredoc_) {
    const std::string& d = heredoc_->delimiter;
    return parse_error{heredoc_->marker, "the heredoc <<" + d +
                                           " has no end: its text runs to the end of the file; "
                                           "end it with a line that is exactly " +
                                           d};
  }
  return end_header();
}

// A line of an open heredoc: its text, or the delimiter that closes it and adds its step.
void line_parser::heredoc_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') // a CRLF file: the CR ends the line, as LF does
    line.remove_suffix(1);
  if (line != heredoc_->delimiter) {
    heredoc_->text.append(line).append("\n");
    return;
  }
  step s = std::move(heredoc_->pending);
  give_stdin(std::get<vault_step>(s.body).cmd, std::move(heredoc_->text));
  scenario_.steps.push_back(std::move(s));
  heredoc_.reset();
}

std::optional<parse_error> line_parser::feed(std::string_view line, const col_mapper& where,
                                             const std::optional<source_loc>& step_loc,
                                             const std::string* stdin_text) {
  if (heredoc_) {
    heredoc_line(line);
    return std::nullopt;
  }
  line_error lex_error;
  const auto lexed = lex_line(line, lex_error);
  if (!lexed)
    return parse_error{where(lex_error.col), lex_error.message};
  const auto& heredoc = lexed->heredoc;
  if (stdin_text != nullptr && !heredoc)
    return parse_error{where(lexed->first_col > 0 ? lexed->first_col : 1),
                       "the step's \"stdin\" is not read: a # comment in the command hides it; "
                       "remove the comment"};
  if (heredoc && stdin_text == nullptr && !heredoc_lines_)
    return parse_error{where(heredoc->col),
                       "a JSON step is one line, so it cannot have a heredoc (<<" +
                         heredoc->delimiter +
                         "): give the text as \"stdin\" in a step object, e.g. "
                         "{\"vault\": \"policy write NAME -\", \"stdin\": \"...\"}"};
  if (lexed->words.empty()) {
    if (heredoc)
      return parse_error{where(heredoc->col),
                         "a heredoc ends a vault step's line, e.g. vault policy write NAME - <<" +
                           heredoc->delimiter};
    return std::nullopt;
  }
  const line_context ctx{where, names_, dir_};
  const word& first = lexed->words[0];
  const auto located = [&](maybe_error err) -> std::optional<parse_error> {
    if (!err)
      return std::nullopt;
    return parse_error{where(err->col), err->message};
  };
  const bool is_vault = first.text == "vault" || starts_with(first.text, "VAULT_TOKEN=") ||
                        starts_with(first.text, "VAULT_ADDR=") ||
                        starts_with(first.text, "VAULT_FORMAT=");
  if (heredoc && !is_vault)
    return parse_error{where(heredoc->col),
                       "only vault steps read standard input: remove <<" + heredoc->delimiter};
  if (one_of(first.text, header_words)) {
    if (in_steps_ && first.text != "config")
      return parse_error{where(first.col),
                         in_quotes(first.text) + " must come before the first step"};
    if (!in_steps_)
      return located(header(*lexed, ctx));
  }
  if (!is_vault && !one_of(first.text, step_words) && first.text != "config")
    return located(unknown_directive(*lexed));
  if (auto err = end_header())
    return err;
  step s;
  s.loc = step_loc ? *step_loc : where(lexed->first_col);
  s.text = lexed->text;
  maybe_error err;
  if (is_vault) {
    err = vault(*lexed, ctx, s.body);
  } else if (first.text == "note") {
    err = exactly(*lexed, 2, "note \"...\"");
    s.body = note_step{lexed->words.size() > 1 ? lexed->words[1].text : ""};
  } else if (first.text == "fleet") {
    err = fleet(*lexed, s.loc, s.body);
  } else if (first.text == "rm") {
    err = token_helper(*lexed, s.body);
  } else if (first.text == "config") {
    err = restart(*lexed, s.body);
  } else if (auto names = refuse_names(*lexed)) {
    err = names;
  } else if (first.text == "advance" || first.text == "at") {
    err = time(*lexed, first.text == "at", s.body);
  } else {
    expect_step e;
    err = parse_expect(lexed->words, ctx, e);
    s.body = std::move(e);
  }
  if (err)
    return located(err);
  if (heredoc && stdin_text != nullptr) {
    give_stdin(std::get<vault_step>(s.body).cmd, *stdin_text);
  } else if (heredoc) {
    heredoc_ = open_heredoc{std::move(s), heredoc->delimiter, where(heredoc->col), ""};
    return std::nullopt;
  }
  scenario_.steps.push_back(std::move(s));
  return std::nullopt;
}

} // namespace tokenlab::detail

namespace tokenlab {

std::vector<std::string> directive_words() {
  std::vector<std::string> out(detail::header_words.begin(), detail::header_words.end());
  out.insert(out.end(), detail::step_words.begin(), detail::step_words.end());
  return out;
}

} // namespace tokenlab
