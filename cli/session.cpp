#include "cli/session.hpp"

#include "cli/files.hpp"
#include "cli/shared.hpp"
#include "clock/calendar.hpp"
#include "language/lexer.hpp"
#include "language/parser.hpp"
#include "language/vocabulary.hpp"
#include "model/go_text.hpp"
#include "runner/runner.hpp"

#include <algorithm>
#include <sstream>

namespace tokenlab::cli {

namespace {

constexpr const char* help_text =
  "Type a line of a scenario and see what it does:\n"
  "  vault token create -ttl=1h => t     a vault command (=> t names its result: $t)\n"
  "  advance 6h    at 2h                 move the virtual clock\n"
  "  expect t.auth.lease_duration == 1h  check a result (== ? asks you to predict)\n"
  "  note ...    title ...    config default_lease_ttl=1h ...   (see scenarios/FORMAT.md)\n"
  "A line ending with <<EOF takes the lines up to EOF as its standard input.\n"
  "Shell commands:\n"
  "  show         the report of the whole session so far\n"
  "  script       the scenario you typed\n"
  "  undo         forget the last entry (the lab replays without it)\n"
  "  back N       return to the state after step N\n"
  "  save FILE    write the scenario to FILE (tokenlab run FILE replays it)\n"
  "  help, quit\n"
  "Tab completes commands, flags and $names.\n";

const std::vector<std::string> shell_commands = {"help", "show", "script", "undo",
                                                 "back", "save", "quit", "exit"};

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in{line};
  std::vector<std::string> out;
  for (std::string w; in >> w;)
    out.push_back(w);
  return out;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

std::size_t lines_in(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string clock_after(const run_record& run) {
  return format_offset(run.steps.empty() ? sim_time{} : run.steps.back().at);
}

// The result names a scenario defines, in order.
std::vector<std::string> names_of(const scenario& sc) {
  std::vector<std::string> out;
  for (const auto& st : sc.steps)
    if (const auto* v = std::get_if<vault_step>(&st.body); v != nullptr && !v->name.empty())
      if (std::find(out.begin(), out.end(), v->name) == out.end())
        out.push_back(v->name);
  return out;
}

} // namespace

shell_session::shell_session(report_detail detail, std::string name)
    : detail_{detail}, name_{std::move(name)} {
  start_.clock = format_offset(sim_time{});
}

std::optional<std::string> shell_session::heredoc_of(const std::string& line) {
  detail::line_error err;
  const auto lexed = detail::lex_line(line, err);
  if (!lexed || !lexed->heredoc)
    return std::nullopt;
  return lexed->heredoc->delimiter;
}

std::string shell_session::script() const {
  std::string out = base_;
  for (const auto& e : entries_)
    out += e.text;
  return out;
}

std::string shell_session::prompt() const {
  const entry_record& now = entries_.empty() ? start_ : entries_.back();
  return "[" + std::to_string(now.steps + 1) + "] " + now.clock + "> ";
}

shell_session::reply shell_session::start(const std::string& text) {
  base_ = text;
  if (!base_.empty() && base_.back() != '\n')
    base_ += '\n';
  auto r = replay("");
  if (r.err.empty()) {
    start_ = entries_.back();
    start_.text.clear();
    entries_.clear();
  } else {
    base_.clear();
  }
  return r;
}

shell_session::reply shell_session::replay(const std::string& added) {
  const std::string before = script();
  auto parsed = parse_scenario_text(before + added, name_);
  if (auto* err = std::get_if<parse_error>(&parsed)) {
    // An error in the new entry is shown under the line it is in, with a caret at its column.
    const auto first = lines_in(before) + 1;
    const auto line = static_cast<std::size_t>(err->loc.line);
    if (line >= first && line < first + lines_in(added) && err->loc.col > 0) {
      std::istringstream in{added};
      std::string text;
      for (std::size_t i = first; i <= line; ++i)
        std::getline(in, text);
      return {{},
              "  " + text + "\n  " + std::string(static_cast<std::size_t>(err->loc.col - 1), ' ') +
                "^ " + err->message + "\n",
              false};
    }
    return {{}, err->render() + "\n", false};
  }
  const auto& sc = std::get<scenario>(parsed);
  if (auto err = check_budget(sc, fleet_budget{}))
    return {{}, err->render() + "\n", false};
  const run_record run = run_scenario(sc, tokenlab::run_options{{}, invariants_on()});
  stop_on_violation(run);
  const std::size_t shown = entries_.empty() ? start_.steps : entries_.back().steps;
  entries_.push_back({added, run.steps.size(), clock_after(run)});
  names_ = names_of(sc);
  std::string out = render_text_steps(run, std::min(shown, run.steps.size()), detail_);
  if (run.steps.size() <= shown && !added.empty())
    out += "  (no new step: a header line applies from t=0; show replays the session with it)\n";
  return {out, {}, false};
}

std::string shell_session::where_now() const {
  const entry_record& now = entries_.empty() ? start_ : entries_.back();
  return "  back at step " + std::to_string(now.steps) + ", " + now.clock + "\n";
}

shell_session::reply shell_session::back_to(std::size_t steps) {
  std::size_t undone = 0;
  while (!entries_.empty() && entries_.back().steps > steps) {
    entries_.pop_back();
    ++undone;
  }
  return {"  " + std::to_string(undone) + (undone == 1 ? " entry" : " entries") + " undone\n" +
            where_now(),
          {},
          false};
}

shell_session::reply shell_session::save(const std::string& file) const {
  if (auto error = check_output(file, {name_}))
    return {{}, "tokenlab: " + *error + "\n", false};
  std::string error;
  const std::string text = script();
  if (!write_file(file, text, error))
    return {{}, "tokenlab: " + error + "\n", false};
  return {"  saved " + std::to_string(lines_in(text)) + " lines to " + file +
            " (tokenlab run " + file + " replays them)\n",
          {},
          false};
}

shell_session::reply shell_session::show() const {
  auto parsed = parse_scenario_text(script(), name_);
  if (auto* err = std::get_if<parse_error>(&parsed)) // it parsed when it was entered
    return {{}, err->render() + "\n", false};
  return {render_text({run_scenario(std::get<scenario>(parsed),
                                    tokenlab::run_options{{}, invariants_on()})},
                      detail_),
          {},
          false};
}

shell_session::reply shell_session::enter(const std::string& entry) {
  const auto words = words_of(first_line(entry));
  if (words.empty() || words[0][0] == '#')
    return {};
  const std::string& w = words[0];
  const auto usage = [](const std::string& text) { return reply{{}, text + "\n", false}; };
  if (w == "help")
    return {help_text, {}, false};
  if (w == "quit" || w == "exit")
    return {{}, {}, true};
  if (w == "show")
    return show();
  if (w == "script")
    return {script(), {}, false};
  if (w == "undo") {
    if (entries_.empty())
      return usage("nothing to undo");
    const std::string what = first_line(entries_.back().text);
    entries_.pop_back();
    return {"  undone: " + what + "\n" + where_now(), {}, false};
  }
  if (w == "back") {
    const std::size_t now = entries_.empty() ? start_.steps : entries_.back().steps;
    if (words.size() != 2 || words[1].find_first_not_of("0123456789") != std::string::npos ||
        words[1].size() > 9)
      return usage("back takes a step number: back 2 returns to the state after step 2");
    const auto n = static_cast<std::size_t>(std::stoul(words[1]));
    if (n < start_.steps || n > now)
      return usage("back " + words[1] + ": there are steps " + std::to_string(start_.steps) +
                   " to " + std::to_string(now) + " to go back to");
    return back_to(n);
  }
  if (w == "save") {
    if (words.size() != 2)
      return usage("save takes a file name: save my-session.vlab");
    return save(words[1]);
  }
  return replay(entry.back() == '\n' ? entry : entry + "\n");
}

std::vector<std::string> shell_session::complete(const std::string& line) const {
  auto before = words_of(line);
  std::string partial;
  if (!line.empty() && line.back() != ' ' && line.back() != '\t' && !before.empty()) {
    partial = before.back();
    before.pop_back();
  }
  std::vector<std::string> candidates;
  const auto offer = [&](const std::string& c) {
    if (starts_with(c, partial) && std::find(candidates.begin(), candidates.end(), c) == candidates.end())
      candidates.push_back(c);
  };
  if (starts_with(partial, "$")) {
    offer("$root");
    for (const auto& n : names_)
      offer("$" + n);
    return candidates;
  }
  std::size_t first = 0; // past VAULT_TOKEN=… and the like
  while (first < before.size() && starts_with(before[first], "VAULT_"))
    ++first;
  if (first == before.size()) {
    if (first == 0)
      for (const auto& c : shell_commands)
        offer(c);
    for (const auto& c : directive_words())
      offer(c);
    for (const char* env : {"VAULT_TOKEN=", "VAULT_ADDR=", "VAULT_FORMAT="})
      offer(env);
    return candidates;
  }
  if (before[first] == "vault") {
    const std::vector<std::string> typed(before.begin() + static_cast<std::ptrdiff_t>(first) + 1,
                                         before.end());
    for (const auto& command : vault_commands()) {
      const auto cw = words_of(command);
      if (typed.size() < cw.size() && std::equal(typed.begin(), typed.end(), cw.begin()))
        offer(cw[typed.size()]);
      if (typed.size() >= cw.size() && std::equal(cw.begin(), cw.end(), typed.begin()) &&
          starts_with(partial, "-"))
        for (const auto& f : vault_command_flags(command))
          offer(f);
    }
    return candidates;
  }
  if (before[first] == "expect" && before.size() == first + 1) {
    offer("token");
    offer("lease");
    for (const auto& n : names_)
      offer(n + ".");
  }
  return candidates;
}

} // namespace tokenlab::cli
