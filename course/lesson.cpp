#include "course/lesson.hpp"

#include "language/json_positions.hpp"
#include "language/parser.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>

namespace tokenlab::course {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

bool is_regular(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// The folder name of a lesson: two digits, a dash, a topic ("03-ttl-and-renewal").
std::optional<int> lesson_number(const std::string& name) {
  if (name.size() < 4 || name[2] != '-' || !std::isdigit(static_cast<unsigned char>(name[0])) ||
      !std::isdigit(static_cast<unsigned char>(name[1])))
    return std::nullopt;
  for (char c : name.substr(3))
    if (!std::islower(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) &&
        c != '-')
      return std::nullopt;
  return (name[0] - '0') * 10 + (name[1] - '0');
}

// Reads one manifest, reporting errors at the place of the value at fault.
class manifest_reader {
public:
  manifest_reader(std::string text, std::string file)
      : text_(std::move(text)), file_(std::move(file)), lines_(text_, file_) {}

  std::optional<course_error> read(lesson& out) {
    json doc = json::parse(text_, nullptr, false);
    if (doc.is_discarded())
      return course_error{file_ + ": invalid JSON (check it with a JSON validator)"};
    const auto root = detail::scan_json_positions(text_, 4);
    if (!doc.is_object())
      return at(root.start, "a lesson manifest is a JSON object");
    if (auto err = known_keys(doc, root, {"title", "minutes", "summary", "exercises"}))
      return err;
    if (auto err = string_of(doc, root, "title", true, out.title))
      return err;
    if (auto err = string_of(doc, root, "summary", false, out.summary))
      return err;
    if (doc.contains("minutes")) {
      const auto& m = doc["minutes"];
      if (!m.is_number_integer() || m.get<int>() < 1 || m.get<int>() > 120)
        return at(root.members.at("minutes").start, "\"minutes\" is a whole number of minutes, 1 to 120");
      out.minutes = m.get<int>();
    }
    if (!doc.contains("exercises") || !doc["exercises"].is_array() || doc["exercises"].empty())
      return at(doc.contains("exercises") ? root.members.at("exercises").start : root.start,
                "\"exercises\" is a non-empty list of exercises");
    const auto& where = root.members.at("exercises");
    for (std::size_t i = 0; i < doc["exercises"].size(); ++i) {
      exercise_spec e;
      if (auto err = exercise(doc["exercises"][i], where.elements.at(i), out.dir, e))
        return err;
      out.exercises.push_back(std::move(e));
    }
    return std::nullopt;
  }

private:
  course_error at(std::size_t offset, const std::string& message) const {
    const source_loc loc = lines_.at(offset);
    return course_error{loc.file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                        ": " + message};
  }

  std::optional<course_error> known_keys(const json& obj, const detail::json_pos& pos,
                                         const std::vector<std::string>& keys) const {
    for (const auto& [key, value] : obj.items()) {
      (void)value;
      if (std::find(keys.begin(), keys.end(), key) != keys.end())
        continue;
      std::string list;
      for (const auto& k : keys)
        list += (list.empty() ? "" : ", ") + k;
      return at(pos.members.at(key).key_start, "unknown key \"" + key + "\" (the keys are " + list + ")");
    }
    return std::nullopt;
  }

  std::optional<course_error> string_of(const json& obj, const detail::json_pos& pos,
                                        const std::string& key, bool required,
                                        std::string& out) const {
    if (!obj.contains(key))
      return required ? std::optional{at(pos.start, "\"" + key + "\" is missing")} : std::nullopt;
    if (!obj[key].is_string() || (required && obj[key].get<std::string>().empty()))
      return at(pos.members.at(key).start, "\"" + key + "\" is a non-empty string");
    out = obj[key].get<std::string>();
    return std::nullopt;
  }

  std::optional<course_error> strings_of(const json& obj, const detail::json_pos& pos,
                                         const std::string& key,
                                         std::vector<std::string>& out) const {
    if (!obj.contains(key))
      return std::nullopt;
    const auto& where = pos.members.at(key);
    if (!obj[key].is_array())
      return at(where.start, "\"" + key + "\" is a list of strings");
    for (std::size_t i = 0; i < obj[key].size(); ++i) {
      const auto& v = obj[key][i];
      if (!v.is_string() || v.get<std::string>().empty())
        return at(where.elements.at(i).start, "each of \"" + key + "\" is a non-empty string");
      out.push_back(v.get<std::string>());
    }
    return std::nullopt;
  }

  std::optional<course_error> exercise(const json& obj, const detail::json_pos& pos,
                                       const std::string& dir, exercise_spec& e) const {
    if (!obj.is_object())
      return at(pos.start, "an exercise is an object with \"file\", \"kind\" and \"hints\"");
    if (auto err = known_keys(obj, pos, {"file", "kind", "hints", "explain", "forbid"}))
      return err;
    if (auto err = string_of(obj, pos, "file", true, e.file))
      return err;
    if (e.file.find('/') != std::string::npos || !is_regular(dir + "/" + e.file))
      return at(pos.members.at("file").start,
                "no exercise file \"" + e.file + "\" in " + dir + " (name a file of the lesson's folder)");
    if (!is_regular(dir + "/solutions/" + e.file))
      return at(pos.members.at("file").start,
                "the exercise has no solution: " + dir + "/solutions/" + e.file + " is missing");
    std::string kind;
    if (auto err = string_of(obj, pos, "kind", true, kind))
      return err;
    if (kind == "predict")
      e.kind = exercise_kind::predict;
    else if (kind == "make-it-so")
      e.kind = exercise_kind::make_it_so;
    else
      return at(pos.members.at("kind").start,
                "unknown kind \"" + kind + "\": use \"predict\" or \"make-it-so\"");
    if (auto err = strings_of(obj, pos, "hints", e.hints))
      return err;
    if (e.hints.empty())
      return at(pos.start, "an exercise needs at least one hint (\"hints\": [\"…\"])");
    if (auto err = string_of(obj, pos, "explain", false, e.explain))
      return err;
    return strings_of(obj, pos, "forbid", e.forbid);
  }

  std::string text_;
  std::string file_;
  detail::line_index lines_;
};

} // namespace

const char* to_string(exercise_kind k) {
  return k == exercise_kind::predict ? "predict" : "make-it-so";
}

const char* kind_words(exercise_kind k) {
  return k == exercise_kind::predict ? "predict" : "make it so";
}

std::variant<lesson, course_error> load_lesson(const std::string& dir) {
  lesson out;
  out.dir = dir;
  while (out.dir.size() > 1 && out.dir.back() == '/')
    out.dir.pop_back();
  out.id = fs::path(out.dir).filename().string();
  const auto number = lesson_number(out.id);
  if (!number)
    return course_error{out.dir + ": a lesson's folder is named NN-topic (two digits, a dash, "
                                  "lower-case words): 03-ttl-and-renewal"};
  out.number = *number;
  const std::string manifest = out.dir + "/lesson.json";
  std::string text;
  if (const int error_number = detail::read_whole_file(manifest, text); error_number != 0)
    return course_error{manifest + ": cannot read file: " + detail::read_error_text(error_number)};
  if (auto err = manifest_reader(std::move(text), manifest).read(out))
    return *err;
  return out;
}

std::variant<std::vector<lesson>, course_error> load_course(const std::string& root) {
  std::error_code ec;
  std::vector<std::string> dirs;
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (entry.is_directory() && lesson_number(entry.path().filename().string()) &&
        is_regular((entry.path() / "lesson.json").string()))
      dirs.push_back(root + "/" + entry.path().filename().string());
  if (ec)
    return course_error{root + ": " + ec.message()};
  std::sort(dirs.begin(), dirs.end());
  std::vector<lesson> out;
  for (const auto& d : dirs) {
    auto l = load_lesson(d);
    if (auto err = std::get_if<course_error>(&l))
      return *err;
    if (!out.empty() && out.back().number == std::get<lesson>(l).number)
      return course_error{d + ": lesson " + std::to_string(out.back().number) +
                          " is also " + out.back().dir + "; number each lesson once"};
    out.push_back(std::move(std::get<lesson>(l)));
  }
  if (out.empty())
    return course_error{root + ": no lessons here (a lesson is a folder NN-topic with a lesson.json)"};
  return out;
}

} // namespace tokenlab::course
