#include "course/grade.hpp"

#include "clock/calendar.hpp"
#include "course/exercise_file.hpp"
#include "language/parser.hpp"
#include "language/result_fields.hpp"
#include "reports/narrate.hpp"
#include "runner/fields.hpp"
#include "runner/runner.hpp"

#include <cstring>
#include <filesystem>

namespace tokenlab::course {

namespace {

std::string place(const std::string& path, int line, int col = 1) {
  return path + ":" + std::to_string(line) + ":" + std::to_string(col);
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What kind of value a `?` asks for, in the words of FORMAT.md's value table.
std::string value_advice(const expect_step& e) {
  if (const auto* s = std::get_if<expect_state>(&e.what))
    return s->kind == object_kind::credential ? "a state: active or deleted"
                                              : "a state: valid, revoked or expired";
  const auto& c = std::get<expect_compare>(e.what);
  if (c.op == expect_op::absent || c.op == expect_op::present)
    return "absent or present (whether the result has the field at all)";
  if (c.op == expect_op::contains || c.op == expect_op::lacks)
    return "a \"quoted text\" to look for";
  if (length_target(c.field))
    return "a whole number: how many items (0 for none)";
  if (c.field == "status")
    return "an HTTP status such as 200, 400 or 403";
  if (c.field == "error")
    return "the error message in \"quotes\" (\"\" for no error)";
  if (duration_key(c.field))
    return "a duration such as 1h30m (or whole seconds)";
  return "a value: a number, a duration (4h), \"quoted text\", true or false";
}

bool ends_something(trace_kind k) {
  return k == trace_kind::token_expired || k == trace_kind::token_revoked ||
         k == trace_kind::lease_expired || k == trace_kind::lease_revoked ||
         k == trace_kind::credential_deleted;
}

// The last TTL decision about `subject` in steps [0, upto], as "why …" with when it was made
// and the expiry it set.
std::optional<std::string> last_decision(const run_record& run, std::size_t upto,
                                         const std::string& subject) {
  std::optional<std::string> out;
  for (std::size_t i = 0; i <= upto && i < run.steps.size(); ++i)
    for (const auto& e : run.steps[i].effects)
      if (e.ttl && e.subject == subject) {
        // A batch token's lease ends with the token, whatever TTL the response showed.
        const sim_time expiry = e.ttl->token_cap ? e.ttl->token_cap->expiry : e.at + e.ttl->ttl;
        out = explain_ttl(*e.ttl, e.kind) + " (" + to_string(e.kind) + " at " + format_offset(e.at) +
              ", so it expires at " + format_offset(expiry) + ")";
      }
  return out;
}

// The token or lease a result is about: the token of an auth result, the lease of a
// secret, the token a lookup shows.
std::string result_subject(const step_record& s) {
  if (!s.call)
    return {};
  const auto* r = std::get_if<api_response>(&s.call->result);
  if (!r)
    return {};
  if (r->auth)
    return std::string{r->auth->client_token()};
  if (!r->lease_id.empty())
    return r->lease_id;
  if (r->data)
    for (const char* key : {"id", "lease_id"})
      if (auto it = r->data->find(key); it != r->data->end())
        if (const auto* v = std::get_if<std::string>(&it->second); v && !v->empty())
          return *v;
  return {};
}

// The lab's reasons behind what an expectation read: the TTL arithmetic, or what ended the
// token or lease it checks.
std::vector<std::string> reasons(const run_record& run, std::size_t at,
                                 const expectation_record& x) {
  std::vector<std::string> out;
  if (x.result_step) {
    const step_record& s = run.steps[*x.result_step];
    for (const auto& e : s.effects)
      if (e.ttl)
        out.push_back(explain_ttl(*e.ttl, e.kind));
    if (out.empty())
      if (auto d = last_decision(run, *x.result_step, result_subject(s)))
        out.push_back(*d);
    return out;
  }
  if (x.subject.empty())
    return out;
  for (std::size_t i = 0; i <= at; ++i)
    for (const auto& e : run.steps[i].effects)
      if (e.subject == x.subject && ends_something(e.kind))
        return {describe_effect(e, run.names, false)};
  if (auto d = last_decision(run, at, x.subject))
    out.push_back(*d);
  return out;
}

void append_indented(std::string& out, const std::vector<std::string>& lines) {
  for (const auto& l : lines)
    out += "    " + l + "\n";
}

class grader {
public:
  grader(const lesson& l, const exercise_spec& spec, std::string path)
      : lesson_(l), spec_(spec), path_(std::move(path)) {}

  grade_result run() {
    std::string text;
    if (const int error_number = detail::read_whole_file(path_, text); error_number != 0)
      return {grade_status::bad_input,
              path_ + ": cannot read file: " + detail::read_error_text(error_number) + "\n"};
    exercise_text parts;
    if (spec_.kind == exercise_kind::make_it_so) {
      parts = split_exercise(text);
      if (auto broken = check_locked(parts))
        return *broken;
    }
    auto parsed = parse_scenario_text(text, path_);
    if (auto err = std::get_if<parse_error>(&parsed)) {
      std::string out = heading(path_) + err->render() + "\n";
      if (parts.graded > 0 && err->loc.line > parts.graded)
        out += "    your steps stop the graded part (from line " + std::to_string(parts.graded) +
               ") from running: keep the clock before its first time step, as the exercise's "
               "comments say\n";
      return {grade_status::bad_input, out};
    }
    const scenario& sc = std::get<scenario>(parsed);
    out_ = heading(sc.title.empty() ? path_ : sc.title);
    if (spec_.kind == exercise_kind::make_it_so && forbidden(sc, parts))
      return finish(false, "not solved yet: reach the goal without the command above\n", false);
    const run_record record = run_scenario(sc);
    if (!record.violations.empty()) {
      std::string out = heading(path_);
      for (const auto& v : record.violations)
        out += "internal error: " + v.render() + "\n";
      return {grade_status::internal_error, out};
    }
    return spec_.kind == exercise_kind::predict ? predictions(sc, record)
                                                : graded(sc, record, parts);
  }

private:
  std::string heading(const std::string& what) const {
    std::size_t n = 1;
    while (n <= lesson_.exercises.size() && &lesson_.exercises[n - 1] != &spec_)
      ++n;
    return "lesson " + std::to_string(lesson_.number) + ", exercise " + std::to_string(n) + " (" +
           kind_words(spec_.kind) + "): " + what + "\n";
  }

  // The setup and the graded part must be the exercise's own.
  std::optional<grade_result> check_locked(const exercise_text& parts) {
    const std::string marks = "\"" + std::string{yours_marker} + "\" and then \"" +
                              std::string{graded_marker} + "\"";
    if (parts.yours == 0 || parts.graded == 0 || parts.yours > parts.graded)
      return grade_result{grade_status::not_solved,
                          heading(path_) + path_ + ": the exercise's marker lines are gone; it needs " +
                            marks + ", with your steps between them (restore the file as it was)\n"};
    std::string solution_text;
    const std::string solution = lesson_.solution_path(spec_);
    if (const int error_number = detail::read_whole_file(solution, solution_text); error_number != 0)
      return grade_result{grade_status::bad_input,
                          solution + ": cannot read file: " + detail::read_error_text(error_number) + "\n"};
    const exercise_text reference = split_exercise(solution_text);
    const auto change = changed_locked_line(parts, reference);
    if (!change)
      return std::nullopt;
    std::string out = heading(path_) + place(path_, change->line) + ": ";
    if (change->found.empty() && !change->expected.empty())
      out += "a line of the exercise is missing here; it is:\n    " + change->expected + "\n";
    else if (change->expected.empty())
      out += "this line was added to a part of the exercise you may not change\n";
    else
      out += "this line is part of the exercise and was changed; it is:\n    " +
             change->expected + "\n";
    out += "edit only the lines between the two marker lines (" + marks + ")\n";
    return grade_result{grade_status::not_solved, out};
  }

  // Reports each of the learner's steps that uses a forbidden command.
  bool forbidden(const scenario& sc, const exercise_text& parts) {
    bool any = false;
    for (const auto& s : sc.steps) {
      const auto* v = std::get_if<vault_step>(&s.body);
      if (!v || !parts.learners(s.loc.line))
        continue;
      const std::string words = command_words(*v);
      for (const auto& f : spec_.forbid)
        if (words == f || (words.compare(0, f.size(), f) == 0 &&
                           (words[f.size()] == ' ' || words[f.size()] == '/'))) {
          out_ += "  ✗ " + place(s.loc.file, s.loc.line, s.loc.col) + ": this exercise is to be "
                  "solved without `vault " + f + "`\n";
          any = true;
          break;
        }
    }
    return any;
  }

  // "auth tune", "token create", and for read/write/list/delete the path too.
  static std::string command_words(const vault_step& v) {
    std::string path;
    if (const auto* w = std::get_if<cmd_write>(&v.cmd))
      path = w->path;
    else if (const auto* r = std::get_if<cmd_read>(&v.cmd))
      path = r->path;
    else if (const auto* l = std::get_if<cmd_list>(&v.cmd))
      path = l->path;
    else if (const auto* d = std::get_if<cmd_delete>(&v.cmd))
      path = d->path;
    return path.empty() ? v.spelling : v.spelling + " " + path;
  }

  grade_result predictions(const scenario& sc, const run_record& run) {
    std::size_t open = 0;
    std::size_t wrong = 0;
    std::size_t right = 0;
    for (std::size_t i = 0; i < run.steps.size(); ++i) {
      const auto* e = std::get_if<expect_step>(&sc.steps[i].body);
      if (!e)
        continue;
      const step_record& s = run.steps[i];
      for (const auto& x : s.expectations) {
        if (x.open) {
          ++open;
          out_ += "  ? " + place(s.loc.file, s.loc.line, *e->open_at) +
                  ": not answered yet: " + x.text + "\n    write " + value_advice(*e) +
                  " in place of ?\n";
          continue;
        }
        ++(x.passed ? right : wrong);
        out_ += std::string{x.passed ? "  ✓ " : "  ✗ "} + place(s.loc.file, s.loc.line) + ": " +
                x.text + (x.passed ? ": right" : ": Vault says " + x.actual) + "\n";
        append_indented(out_, reasons(run, i, x));
      }
    }
    const std::size_t all = open + wrong + right;
    if (all == 0)
      return finish(false, "this exercise has no prediction to make (its `expect` lines are "
                           "gone); restore the file as it was\n", false);
    if (open == 0 && wrong == 0)
      return finish(true, "✓ solved: " +
                            (all == 1 ? std::string{"the prediction is"}
                                      : "all " + std::to_string(all) + " predictions are") +
                            " right\n");
    std::string verdict = "not solved yet:";
    if (open > 0)
      verdict += " " + plural(open, "prediction", "predictions") + " to make";
    if (wrong > 0)
      verdict += std::string{open > 0 ? "," : ""} + " " + plural(wrong, "answer", "answers") +
                 " to change (read the reason under each)";
    return finish(false, verdict + "\n", open == 0);
  }

  // What the learner's own steps did, with the lab's arithmetic for each.
  void your_steps(const scenario& sc, const run_record& run, const exercise_text& parts) {
    std::string lines;
    for (std::size_t i = 0; i < run.steps.size(); ++i) {
      const step_record& s = run.steps[i];
      if (!parts.learners(sc.steps[i].loc.line) || (!s.call && s.kind != step_kind::time))
        continue;
      lines += "    " + format_offset(s.at) + "  " + s.text +
               (s.call ? "  → " + call_outcome(*s.call) : std::string{}) + "\n";
      for (const auto& e : s.effects)
        if (e.ttl)
          lines += "      " + explain_ttl(*e.ttl, e.kind) + "\n";
    }
    out_ += lines.empty() ? "  your steps: none yet (write them between the marker lines)\n"
                          : "  your steps:\n" + lines;
  }

  grade_result graded(const scenario& sc, const run_record& run, const exercise_text& parts) {
    your_steps(sc, run, parts);
    std::size_t held = 0;
    std::size_t failed = 0;
    for (std::size_t i = 0; i < run.steps.size(); ++i) {
      const step_record& s = run.steps[i];
      const bool graded_step = sc.steps[i].loc.line > parts.graded;
      for (const auto& x : s.expectations) {
        if (!graded_step) {
          // The learner's own expectations: worth a word only when they fail.
          if (!x.passed)
            out_ += "  · " + place(s.loc.file, s.loc.line) + ": your own expectation " +
                    expectation_verdict(x) + "\n";
          continue;
        }
        ++(x.passed ? held : failed);
        out_ += std::string{x.passed ? "  ✓ " : "  ✗ "} + place(s.loc.file, s.loc.line) + ": " +
                x.text + (x.passed ? "" : " (actual: " + x.actual + ")") + "\n";
        if (!x.passed)
          append_indented(out_, reasons(run, i, x));
      }
    }
    if (held + failed == 0)
      return finish(false, "the graded part has no expectation left; restore the file as it was\n",
                    false);
    if (failed == 0)
      return finish(true, "✓ solved: " + std::string{held == 1 ? "the graded expectation holds"
                                                              : "all " + std::to_string(held) +
                                                                  " graded expectations hold"} +
                            "\n");
    return finish(false, "not solved yet: " + std::to_string(failed) + " of " +
                           plural(held + failed, "graded expectation fails",
                                  "graded expectations fail") +
                           "\n");
  }

  // The closing lines: the verdict, then the reason (once everything is answered) or the
  // way to a hint.
  grade_result finish(bool solved, const std::string& verdict, bool answered = true) {
    out_ += verdict;
    if (!spec_.explain.empty() && answered && (solved || spec_.kind == exercise_kind::predict))
      out_ += "why: " + spec_.explain + "\n";
    if (!solved)
      out_ += "stuck? ./lab hint " + path_ + "\n";
    return {solved ? grade_status::solved : grade_status::not_solved, out_};
  }

  const lesson& lesson_;
  const exercise_spec& spec_;
  std::string path_;
  std::string out_;
};

} // namespace

grade_result grade_exercise(const lesson& l, const exercise_spec& spec, const std::string& path) {
  return grader(l, spec, path).run();
}

} // namespace tokenlab::course
