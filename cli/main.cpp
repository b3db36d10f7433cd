// tokenlab: replay HashiCorp Vault's token and lease behaviour on a virtual clock.
// This file only parses the command line (Boost.Program_options); cli/commands.cpp does the work.

#include "cli/commands.hpp"

#include <boost/program_options.hpp>

#include <iostream>
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
  "  tokenlab run FILE... [--format text|md|json] [--output PATH]\n"
  "      Replay the scenarios and print their reports (exit 1 if an expectation fails).\n"
  "  tokenlab check FILE...\n"
  "      Replay the scenarios and print only the expectations (last line: N passed, M failed).\n"
  "  tokenlab help [COMMAND]\n"
  "\n"
  "Examples:\n"
  "  tokenlab run scenarios/renew-capped-by-max-ttl-6h-9h.vlab\n"
  "  tokenlab run scenarios/*.vlab --format md --output handout.md\n"
  "  tokenlab check scenarios/*.vlab\n"
  "\n"
  "The scenario language is described in scenarios/FORMAT.md.\n"
  "Exit codes: 0 all expectations held, 1 an expectation failed, 2 bad input.\n";

int usage_error(const std::string& what) {
  std::cerr << "tokenlab: " << what << "\nRun 'tokenlab help' for usage.\n";
  return cli::exit_bad_input;
}

po::options_description run_flags() {
  po::options_description d{"tokenlab run options"};
  d.add_options()("format,f", po::value<std::string>()->default_value("text"),
                  "report format: text (terminal), md (Markdown handout) or json")(
    "output,o", po::value<std::string>(),
    "write the report to PATH instead of standard output")("help,h", "show this help");
  return d;
}

po::options_description check_flags() {
  po::options_description d{"tokenlab check options"};
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

int help(const std::string& topic) {
  if (topic == "run")
    std::cout << "Usage: tokenlab run FILE... [options]\n\n" << run_flags();
  else if (topic == "check")
    std::cout << "Usage: tokenlab check FILE...\n\n" << check_flags();
  else
    std::cout << overview;
  return cli::exit_ok;
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
    if (command == "run") {
      auto vm = parse(args, run_flags());
      if (vm.count("help"))
        return help("run");
      cli::run_options opts;
      opts.files = files_of(vm);
      auto format = vm["format"].as<std::string>();
      if (format == "text")
        opts.format = report_format::text;
      else if (format == "md" || format == "markdown")
        opts.format = report_format::markdown;
      else if (format == "json")
        opts.format = report_format::json;
      else
        return usage_error("unknown report format '" + format + "' (use text, md or json)");
      if (vm.count("output"))
        opts.output = vm["output"].as<std::string>();
      if (opts.files.empty())
        return usage_error("run needs at least one scenario file");
      return cli::run(opts);
    }
    if (command == "check") {
      auto vm = parse(args, check_flags());
      if (vm.count("help"))
        return help("check");
      auto files = files_of(vm);
      if (files.empty())
        return usage_error("check needs at least one scenario file");
      return cli::check(files);
    }
  } catch (const po::error& e) {
    return usage_error(e.what());
  }
  return usage_error("unknown command '" + command + "'");
}
