// tokenlab: replay HashiCorp Vault's token and lease behaviour on a virtual clock.
// This file only parses the command line (Boost.Program_options); cli/commands.hpp does the
// work.

#include "cli/commands.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace po = boost::program_options;
using namespace tokenlab;

namespace {

constexpr const char* overview =
  "tokenlab: a lab for HashiCorp Vault's tokens and leases.\n"
  "\n"
  "A scenario file is a list of the vault commands you would type, plus lab directives\n"
  "(advance the virtual clock, expect a result). tokenlab replays it on a simulated Vault\n"
  "in milliseconds and prints what happened at every step: the CLI output, the TTL\n"
  "arithmetic, every token and lease revoked, every storage write.\n"
  "\n"
  "Usage:\n"
  "  tokenlab run FILE... [--format text|md|json|trace|html|junit] [--detail full|story|brief]\n"
  "               [--output PATH] [--max-clients N] [--max-events N]\n"
  "      Replay the scenarios and print their reports (exit 1 if an expectation fails).\n"
  "      A FILE of - reads the scenario from standard input.\n"
  "  tokenlab check [FILE...]\n"
  "      Replay the scenarios and print only the expectations (last line: N passed, M failed).\n"
  "      An exercise of the course is graded; with no FILE, your next exercise is.\n"
  "  tokenlab lesson [N]\n"
  "      The course's lessons with your progress; with N, lesson N and its exercises.\n"
  "  tokenlab hint [FILE]\n"
  "      One more hint for an exercise (without FILE: your next exercise).\n"
  "  tokenlab handout N [--solutions] [--output PATH]\n"
  "      Lesson N as one Markdown handout: the lesson, its worked scenario, the exercises.\n"
  "  tokenlab library [--all | --list] [--format ...]\n"
  "      Replay the scenario library: the defining examples and a verdict per topic.\n"
  "      With --all or a --format, every report (--format junit: the library as CI tests).\n"
  "  tokenlab shell [FILE] [--detail story|full]\n"
  "      The interactive lab: type vault commands and lab lines one at a time and see what\n"
  "      each does; undo, back N, save FILE. FILE is a scenario to start from.\n"
  "  tokenlab help [COMMAND]\n"
  "\n"
  "Examples:\n"
  "  tokenlab run scenarios/renewal/renew-capped-by-max-ttl-6h-9h.vlab --detail story\n"
  "  tokenlab run scenarios/renewal/*.vlab --format md --output handout.md\n"
  "  tokenlab run scenarios/leases/*.vlab --format html --output lives.html\n"
  "  tokenlab lesson 1\n"
  "  tokenlab check tutorials/01-first-token/exercise-1.vlab\n"
  "\n"
  "The scenario language is described in scenarios/FORMAT.md, the course in tutorials/.\n"
  "Your course progress is kept in .tokenlab-progress in the working directory\n"
  "(or where TOKENLAB_PROGRESS points).\n"
  "Exit codes: 0 all expectations held (an exercise solved), 1 an expectation failed (an\n"
  "exercise not solved yet), 2 bad input.\n";

int usage_error(const std::string& what) {
  std::cerr << "tokenlab: " << what << "\nRun 'tokenlab help' for usage.\n";
  return cli::exit_bad_input;
}

void add_report_flags(po::options_description& d) {
  d.add_options()("format,f", po::value<std::string>()->default_value("text"),
                  "report format: text (terminal), md (Markdown handout), json, trace (the lives of "
                  "every token and lease as a Chrome trace, for Perfetto UI), html (one "
                  "self-contained page: the steps, a timeline of every token's and lease's life, "
                  "the token tree after each step) or junit (JUnit XML for CI: a test case per "
                  "expectation)")(
    "detail,d", po::value<std::string>()->default_value("full"),
    "how much a report shows: full (every step, event and storage write), story (the steps "
    "and their effects without the machinery: for reading and handouts) or brief (one line "
    "per step that did something)");
}

po::options_description run_flags() {
  po::options_description d{"tokenlab run options"};
  add_report_flags(d);
  d.add_options()("output,o", po::value<std::string>(),
                  "write the report to PATH instead of standard output")(
    "max-clients", po::value<std::int64_t>()->default_value(fleet_budget{}.clients),
    "the most clients a fleet may have (each keeps a token and a lease in memory)")(
    "max-events", po::value<std::int64_t>()->default_value(fleet_budget{}.events),
    "the most events a fleet may make, estimated before the run")("help,h", "show this help");
  return d;
}

po::options_description course_flags(const char* title) {
  po::options_description d{title};
  d.add_options()("course", po::value<std::string>(),
                  "the course's folder (default: tutorials/ here, else the one tokenlab was "
                  "built from)")("help,h", "show this help");
  return d;
}

po::options_description handout_flags() {
  po::options_description d = course_flags("tokenlab handout options");
  d.add_options()("solutions", "add each exercise's solution and its reason (for instructors)")(
    "output,o", po::value<std::string>(), "write the handout to PATH instead of standard output");
  return d;
}

po::options_description shell_flags() {
  po::options_description d{"tokenlab shell options"};
  d.add_options()("detail,d", po::value<std::string>()->default_value("story"),
                  "how much each step shows: story (its output and effects) or full (also the "
                  "step numbers, event numbers and storage writes)")("help,h", "show this help");
  return d;
}

po::options_description library_flags() {
  po::options_description d{"tokenlab library options"};
  d.add_options()("all", "print every report instead of the first screen (as any --format other than "
                  "text does)")(
    "list", "print the library's files")("dir", po::value<std::string>(),
                                         "the library's folder (default: scenarios/)");
  add_report_flags(d);
  d.add_options()("help,h", "show this help");
  return d;
}

// Parses the arguments after the command word; files are the positional arguments.
po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& flags) {
  po::options_description all;
  all.add(flags);
  all.add_options()("file", po::value<std::vector<std::string>>());
  po::positional_options_description pos;
  pos.add("file", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  return vm;
}

std::vector<std::string> files_of(const po::variables_map& vm) {
  return vm.count("file") ? vm["file"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

// Standard input (`-`) holds one scenario: a second `-` would read nothing.
std::optional<std::string> stdin_twice(const std::vector<std::string>& files) {
  if (std::count(files.begin(), files.end(), "-") > 1)
    return "standard input (-) can be given once";
  return std::nullopt;
}

std::optional<std::string> optional_of(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? std::optional{vm[name].as<std::string>()} : std::nullopt;
}

// At most one positional argument (`lesson N`, `hint FILE`); nullopt and `error` for more.
std::optional<std::string> single_of(const po::variables_map& vm, const char* command,
                                     std::string& error) {
  const auto files = files_of(vm);
  if (files.size() > 1)
    error = std::string{command} + " takes one argument, got " + std::to_string(files.size());
  return files.empty() ? std::nullopt : std::optional{files.front()};
}

// Reads --format and --detail; false (and a message) for an unknown value.
bool report_flags(const po::variables_map& vm, report_format& format, report_detail& detail,
                  std::string& error) {
  const auto f = vm["format"].as<std::string>();
  if (f == "text")
    format = report_format::text;
  else if (f == "md" || f == "markdown")
    format = report_format::markdown;
  else if (f == "json")
    format = report_format::json;
  else if (f == "trace")
    format = report_format::trace;
  else if (f == "html")
    format = report_format::html;
  else if (f == "junit")
    format = report_format::junit;
  else
    return error = "unknown report format '" + f + "' (use text, md, json, trace, html or junit)", false;
  const auto d = vm["detail"].as<std::string>();
  if (d == "full")
    detail = report_detail::full;
  else if (d == "story")
    detail = report_detail::story;
  else if (d == "brief")
    detail = report_detail::brief;
  else
    return error = "unknown detail '" + d + "' (use full, story or brief)", false;
  return true;
}

int help(const std::string& topic) {
  if (topic == "run")
    std::cout << "Usage: tokenlab run FILE... [options]\n\n" << run_flags();
  else if (topic == "check")
    std::cout << "Usage: tokenlab check [FILE...] [options]\n\n"
              << course_flags("tokenlab check options");
  else if (topic == "lesson")
    std::cout << "Usage: tokenlab lesson [N] [options]\n\n" << course_flags("tokenlab lesson options");
  else if (topic == "hint")
    std::cout << "Usage: tokenlab hint [FILE] [options]\n\n" << course_flags("tokenlab hint options");
  else if (topic == "handout")
    std::cout << "Usage: tokenlab handout N [options]\n\n" << handout_flags();
  else if (topic == "shell")
    std::cout << "Usage: tokenlab shell [FILE] [options]\n\n" << shell_flags();
  else if (topic == "library")
    std::cout << "Usage: tokenlab library [options]\n\n" << library_flags();
  else
    std::cout << overview;
  return cli::exit_ok;
}

int dispatch(const std::string& command, const std::vector<std::string>& args) {
  std::string error;
  if (command == "run") {
    auto vm = parse(args, run_flags());
    if (vm.count("help"))
      return help("run");
    cli::run_options opts;
    opts.files = files_of(vm);
    if (!report_flags(vm, opts.format, opts.detail, error))
      return usage_error(error);
    opts.output = optional_of(vm, "output");
    opts.budget.clients = vm["max-clients"].as<std::int64_t>();
    opts.budget.events = vm["max-events"].as<std::int64_t>();
    if (opts.budget.clients <= 0 || opts.budget.events <= 0)
      return usage_error("--max-clients and --max-events take a number greater than 0");
    if (opts.files.empty())
      return usage_error("run needs at least one scenario file (- reads standard input)");
    if (auto twice = stdin_twice(opts.files))
      return usage_error(*twice);
    return cli::run(opts);
  }
  if (command == "check") {
    auto vm = parse(args, course_flags("tokenlab check options"));
    if (vm.count("help"))
      return help("check");
    if (auto twice = stdin_twice(files_of(vm)))
      return usage_error(*twice);
    return cli::check(files_of(vm), optional_of(vm, "course"));
  }
  if (command == "lesson" || command == "hint") {
    auto vm = parse(args, course_flags("options"));
    if (vm.count("help"))
      return help(command);
    auto which = single_of(vm, command.c_str(), error);
    if (!error.empty())
      return usage_error(error);
    return command == "lesson" ? cli::lesson(which, optional_of(vm, "course"))
                               : cli::hint(which, optional_of(vm, "course"));
  }
  if (command == "handout") {
    auto vm = parse(args, handout_flags());
    if (vm.count("help"))
      return help("handout");
    cli::handout_options opts;
    auto which = single_of(vm, "handout", error);
    if (!error.empty())
      return usage_error(error);
    if (!which)
      return usage_error("handout needs a lesson: tokenlab handout 3");
    opts.which = *which;
    opts.course = optional_of(vm, "course");
    opts.solutions = vm.count("solutions") > 0;
    opts.output = optional_of(vm, "output");
    return cli::handout(opts);
  }
  if (command == "shell") {
    auto vm = parse(args, shell_flags());
    if (vm.count("help"))
      return help("shell");
    cli::shell_options opts;
    opts.file = single_of(vm, "shell", error);
    if (!error.empty())
      return usage_error(error);
    const auto d = vm["detail"].as<std::string>();
    if (d != "story" && d != "full")
      return usage_error("unknown detail '" + d + "' for the shell (use story or full)");
    opts.detail = d == "full" ? report_detail::full : report_detail::story;
    return cli::shell(opts);
  }
  if (command == "library") {
    auto vm = parse(args, library_flags());
    if (vm.count("help"))
      return help("library");
    if (!files_of(vm).empty())
      return usage_error("library takes no files (tokenlab run FILE... replays files)");
    cli::library_options opts;
    opts.dir = optional_of(vm, "dir");
    opts.all = vm.count("all") > 0;
    opts.list = vm.count("list") > 0;
    if (opts.all && opts.list)
      return usage_error("give --all or --list, not both");
    if (!report_flags(vm, opts.format, opts.detail, error))
      return usage_error(error);
    return cli::library(opts);
  }
  return usage_error("unknown command '" + command + "'");
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty())
    return help(""), cli::exit_bad_input;
  auto command = args.front();
  args.erase(args.begin());
  if (command == "help" || command == "--help" || command == "-h")
    return help(args.empty() ? "" : args.front());
  if (command == "--version")
    return std::cout << "tokenlab 0.1.0\n", cli::exit_ok;
  try {
    return dispatch(command, args);
  } catch (const po::error& e) {
    return usage_error(e.what());
  }
}
