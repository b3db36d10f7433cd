// The course's documents as a learner meets them: every command in a lesson's `sh` blocks
// runs, and every line of the `text` block after it is a line of its output; and no link in
// the repository's Markdown points outside the repository or at nothing.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path source_root{TOKENLAB_SOURCE_DIR};

std::string slurp(const fs::path& path) {
  std::ifstream in{path};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos)
    return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

struct fenced_block {
  std::string lang;
  std::vector<std::string> lines;
  int line = 0; // where it starts in its file
};

std::vector<fenced_block> blocks_of(const std::string& md) {
  std::vector<fenced_block> out;
  std::istringstream in{md};
  std::optional<fenced_block> open;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.rfind("```", 0) == 0) {
      if (open) {
        out.push_back(std::move(*open));
        open.reset();
      } else {
        open = fenced_block{line.substr(3), {}, number};
      }
      continue;
    }
    if (open)
      open->lines.push_back(line);
  }
  return out;
}

// A learner's working directory: the course and the library where a clone has them, and a
// progress file of its own.
struct workdir {
  fs::path dir;
  workdir() {
    char tmpl[] = "/tmp/tokenlab-readme-XXXXXX";
    dir = mkdtemp(tmpl);
    fs::create_directory_symlink(source_root / "tutorials", dir / "tutorials");
    fs::create_directory_symlink(source_root / "scenarios", dir / "scenarios");
  }
  ~workdir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // Runs a README's `./lab …` line as the tokenlab command it ends in.
  std::pair<int, std::string> run(std::string command) const {
    if (auto hash = command.find(" #"); hash != std::string::npos)
      command = command.substr(0, hash);
    command = trim(command);
    REQUIRE(command.rfind("./lab ", 0) == 0);
    std::string args = command.substr(6);
    if (args == "run")
      args = "library";
    else if (args.rfind("run --all", 0) == 0)
      args = "library " + args.substr(4);
    const std::string out = (dir / "stdout").string();
    const std::string line = "cd '" + dir.string() + "' && env -u TOKENLAB_PROGRESS " +
                             TOKENLAB_BINARY + " " + args + " >'" + out + "' 2>&1";
    const int status = std::system(line.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out)};
  }
};

std::vector<fs::path> course_documents() {
  std::vector<fs::path> out{source_root / "tutorials" / "README.md"};
  for (const auto& entry : fs::directory_iterator(source_root / "tutorials"))
    if (entry.is_directory() && fs::exists(entry.path() / "lesson.json"))
      out.push_back(entry.path() / "README.md");
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

SCENARIO("every command a lesson shows runs, and prints the lines the lesson quotes") {
  int commands = 0;
  for (const auto& doc : course_documents()) {
    CAPTURE(doc.string());
    workdir w;
    const auto blocks = blocks_of(slurp(doc));
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      if (blocks[b].lang != "sh")
        continue;
      std::string last_output;
      for (const auto& line : blocks[b].lines) {
        if (trim(line).empty())
          continue;
        CAPTURE(line);
        const auto [code, output] = w.run(line);
        ++commands;
        // A run of a lesson or a solution passes; an exercise as shipped is "not solved yet".
        CHECK((code == 0 || (code == 1 && line.find("./lab check") != std::string::npos)));
        last_output = output;
      }
      if (b + 1 >= blocks.size() || blocks[b + 1].lang != "text")
        continue;
      std::set<std::string> printed;
      std::istringstream in{last_output};
      for (std::string l; std::getline(in, l);)
        printed.insert(trim(l));
      for (const auto& quoted : blocks[b + 1].lines) {
        if (trim(quoted).empty() || trim(quoted) == "...")
          continue;
        CAPTURE(quoted);
        CHECK(printed.count(trim(quoted)) == 1);
      }
    }
  }
  CHECK(commands >= 17);
}

SCENARIO("no Markdown link in the repository points outside it or at nothing") {
  const std::regex link{R"(\]\(([^)\s]+)\))"};
  int checked = 0;
  for (auto it = fs::recursive_directory_iterator(source_root);
       it != fs::recursive_directory_iterator(); ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && (name == ".git" || name.rfind("build", 0) == 0)) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() != ".md")
      continue;
    const std::string text = slurp(it->path());
    for (std::sregex_iterator m{text.begin(), text.end(), link}, end; m != end; ++m) {
      std::string target = (*m)[1].str();
      CAPTURE(it->path().string(), target);
      CHECK(target.find("://") == std::string::npos); // no link leaves the repository
      if (target.rfind('#', 0) == 0)
        continue;
      target = target.substr(0, target.find('#'));
      const fs::path resolved = fs::weakly_canonical(it->path().parent_path() / target);
      const auto rel = resolved.lexically_relative(fs::weakly_canonical(source_root)).string();
      CHECK(rel.rfind("..", 0) != 0);
      CHECK(fs::exists(resolved));
      ++checked;
    }
  }
  CHECK(checked > 20);
}
