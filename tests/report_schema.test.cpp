// The JSON report against its published schema (docs/report-schema.json): every report of the
// scenario library and of the course's worked scenarios must validate, and reports that break
// the schema must not. The validator covers the JSON Schema keywords the file uses (type, enum,
// properties, required, additionalProperties, items, anyOf, minimum, maximum, $ref into $defs)
// and refuses a schema with any other keyword, so the file cannot drift out of what is checked.

#include "language/parser.hpp"
#include "reports/render.hpp"
#include "runner/runner.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

using namespace tokenlab;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::set<std::string> known_keywords = {
  "$schema", "$id", "title", "description", "$defs", "type", "enum", "properties", "required",
  "additionalProperties", "items", "anyOf", "minimum", "maximum", "$ref"};

bool has_type(const json& v, const std::string& t) {
  if (t == "object")
    return v.is_object();
  if (t == "array")
    return v.is_array();
  if (t == "string")
    return v.is_string();
  if (t == "integer")
    return v.is_number_integer();
  if (t == "number")
    return v.is_number();
  if (t == "boolean")
    return v.is_boolean();
  if (t == "null")
    return v.is_null();
  FAIL("unknown type in the schema: " + t);
  return false;
}

// The first way `v` breaks `schema`, as `path: reason`; empty when it validates.
std::string violation(const json& root, const json& schema, const json& v, const std::string& path) {
  for (const auto& [key, _] : schema.items())
    if (known_keywords.count(key) == 0)
      FAIL("the schema uses a keyword the test does not check: " + key);
  if (schema.contains("$ref")) {
    const auto ref = schema["$ref"].get<std::string>();
    REQUIRE(ref.rfind("#/$defs/", 0) == 0);
    return violation(root, root["$defs"].at(ref.substr(8)), v, path);
  }
  if (schema.contains("type")) {
    const auto& t = schema["type"];
    const auto types = t.is_array() ? t.get<std::vector<std::string>>()
                                    : std::vector<std::string>{t.get<std::string>()};
    if (std::none_of(types.begin(), types.end(), [&](const auto& x) { return has_type(v, x); }))
      return path + ": is " + v.type_name() + ", not " + t.dump();
  }
  if (schema.contains("enum")) {
    const auto& e = schema["enum"];
    if (std::find(e.begin(), e.end(), v) == e.end())
      return path + ": " + v.dump() + " is not one of " + e.dump();
  }
  if (schema.contains("anyOf")) {
    std::string all;
    for (const auto& s : schema["anyOf"]) {
      auto why = violation(root, s, v, path);
      if (why.empty())
        return {};
      all += (all.empty() ? "" : " | ") + why;
    }
    return all;
  }
  if (schema.contains("minimum") && v.is_number() && v.get<double>() < schema["minimum"].get<double>())
    return path + ": " + v.dump() + " is below " + schema["minimum"].dump();
  if (schema.contains("maximum") && v.is_number() && v.get<double>() > schema["maximum"].get<double>())
    return path + ": " + v.dump() + " is above " + schema["maximum"].dump();
  if (v.is_object()) {
    for (const auto& r : schema.value("required", json::array()))
      if (!v.contains(r.get<std::string>()))
        return path + ": lacks " + r.get<std::string>();
    const auto props = schema.value("properties", json::object());
    for (const auto& [key, value] : v.items()) {
      const auto where = path + "." + key;
      if (props.contains(key)) {
        if (auto why = violation(root, props[key], value, where); !why.empty())
          return why;
        continue;
      }
      if (!schema.contains("additionalProperties"))
        continue;
      const auto& extra = schema["additionalProperties"];
      if (extra.is_boolean()) {
        if (!extra.get<bool>())
          return where + ": is not in the schema";
        continue;
      }
      if (auto why = violation(root, extra, value, where); !why.empty())
        return why;
    }
  }
  if (v.is_array() && schema.contains("items"))
    for (std::size_t i = 0; i < v.size(); ++i)
      if (auto why = violation(root, schema["items"], v[i], path + "[" + std::to_string(i) + "]");
          !why.empty())
        return why;
  return {};
}

const json& schema() {
  static const json s = [] {
    std::ifstream in{std::string{TOKENLAB_SOURCE_DIR} + "/docs/report-schema.json"};
    return json::parse(in);
  }();
  return s;
}

std::string violation(const json& report) {
  return violation(schema(), schema(), report, "$");
}

json report_of(const std::string& file) {
  auto parsed = load_scenario(file);
  if (auto err = std::get_if<parse_error>(&parsed))
    FAIL(err->render());
  return json::parse(render_json({run_scenario(std::get<scenario>(parsed))}));
}

std::vector<std::string> reports_to_check() {
  std::vector<std::string> files;
  const fs::path root{TOKENLAB_SOURCE_DIR};
  for (const auto& topic : fs::directory_iterator(root / "scenarios")) {
    if (!topic.is_directory() || topic.path().filename() == "capacity")
      continue;
    for (const auto& f : fs::directory_iterator(topic.path()))
      if (f.path().extension() == ".vlab")
        files.push_back(f.path().string());
  }
  for (const auto& lesson : fs::directory_iterator(root / "tutorials"))
    if (fs::exists(lesson.path() / "lesson.vlab"))
      files.push_back((lesson.path() / "lesson.vlab").string());
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

SCENARIO("every report of the library and the course validates against docs/report-schema.json") {
  const auto files = reports_to_check();
  CHECK(files.size() > 80);
  for (const auto& f : files) {
    INFO(f);
    CHECK(violation(report_of(f)) == "");
  }
}

SCENARIO("a report that breaks the schema is refused, at the place it breaks it") {
  const auto good = report_of(std::string{TOKENLAB_SOURCE_DIR} +
                              "/scenarios/renewal/renew-capped-by-max-ttl-6h-9h.vlab");
  REQUIRE(violation(good) == "");

  auto extra = good;
  extra["runs"][0]["steps"][0]["colour"] = "red";
  CHECK(violation(extra) == "$.runs[0].steps[0].colour: is not in the schema");

  auto missing = good;
  missing["runs"][0]["summary"].erase("storage");
  CHECK(violation(missing) == "$.runs[0].summary: lacks storage");

  auto kind = good;
  kind["runs"][0]["steps"][0]["kind"] = "dream";
  CHECK(violation(kind) ==
        "$.runs[0].steps[0].kind: \"dream\" is not one of "
        "[\"vault\",\"time\",\"note\",\"expect\",\"fleet\",\"restart\"]");

  auto negative = good;
  negative["totals"]["passed"] = -1;
  CHECK(violation(negative) == "$.totals.passed: -1 is below 0");

  auto seconds = good;
  seconds["runs"][0]["config"]["max_lease_ttl"] = "768h";
  CHECK(violation(seconds) == "$.runs[0].config.max_lease_ttl: is string, not \"integer\"");

  auto call = good;
  call["runs"][0]["steps"][1]["call"] = 7;
  CHECK(violation(call) == "$.runs[0].steps[1].call: is number, not \"null\" | "
                           "$.runs[0].steps[1].call: is number, not \"object\"");
}
