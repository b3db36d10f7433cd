#include "course/progress.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace tokenlab::course {

namespace {

using json = nlohmann::json;

constexpr const char* format_name = "tokenlab-progress";

} // namespace

std::string exercise_key(const lesson& l, const exercise_spec& e) { return l.id + "/" + e.file; }

bool progress::is_solved(const lesson& l, const exercise_spec& e) const {
  return solved.count(exercise_key(l, e)) > 0;
}

std::size_t progress::solved_in(const lesson& l) const {
  std::size_t n = 0;
  for (const auto& e : l.exercises)
    n += is_solved(l, e) ? 1 : 0;
  return n;
}

std::string progress_path() {
  const char* env = std::getenv("TOKENLAB_PROGRESS");
  return env != nullptr && *env != '\0' ? std::string{env} : std::string{".tokenlab-progress"};
}

std::optional<progress> parse_progress(const std::string& text, const std::string& file,
                                       std::string& error) {
  progress p;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return p;
  const json doc = json::parse(text, nullptr, false);
  const auto bad = [&](const std::string& what) {
    error = file + ": not a tokenlab progress file (" + what +
            "); move it away to start afresh";
    return std::nullopt;
  };
  if (doc.is_discarded() || !doc.is_object())
    return bad("invalid JSON");
  if (doc.value("format", "") != format_name)
    return bad("no \"format\": \"tokenlab-progress\"");
  try {
    if (doc.contains("solved"))
      p.solved = doc.at("solved").get<std::set<std::string>>();
    if (doc.contains("hints"))
      p.hints = doc.at("hints").get<std::map<std::string, int>>();
    if (doc.contains("opened"))
      p.opened = doc.at("opened").get<std::set<std::string>>();
  } catch (const json::exception&) {
    return bad("a value of the wrong type");
  }
  return p;
}

std::string progress_text(const progress& p) {
  json doc = json::object();
  doc["format"] = format_name;
  doc["version"] = 1;
  doc["solved"] = p.solved;
  doc["hints"] = p.hints;
  doc["opened"] = p.opened;
  return doc.dump(2) + "\n";
}

std::optional<course_position> next_exercise(const std::vector<lesson>& course,
                                             const progress& p) {
  for (const auto& l : course)
    for (const auto& e : l.exercises)
      if (!p.is_solved(l, e))
        return course_position{&l, &e};
  return std::nullopt;
}

} // namespace tokenlab::course
