#pragma once
// Vault's `-format=yaml` (and `yml`): command/format.go YamlFormatter marshals the value it
// would print as JSON through sigs.k8s.io/yaml (github.com/ghodss/yaml in Vault 1.14's tree,
// the same code): json.Marshal, yaml.Unmarshal of that JSON into Go values, then
// gopkg.in/yaml.v2 (v2.4.0) Marshal. go_yaml_marshal is that last step for a JSON value:
//
// * mapping keys in yaml.v2's order (sorter.go keyList.Less: a "natural" order in which runs
//   of digits compare as numbers and a non-letter sorts before a letter);
// * each string in the style yaml.v2 picks (encode.go stringv, resolve.go, emitterc.go
//   yaml_emitter_analyze_scalar and yaml_emitter_select_scalar_style): plain when it would
//   read back as the same string; double-quoted when it would read as a bool, a number, a
//   null or a timestamp ("true", "1", "1e3", "", "null", "~", "2023-06-19T11:40:09Z");
//   single-quoted when an indicator forbids plain (": ", a leading "- ", "#", …); literal
//   (`|`, `|-`) when it has a line break;
// * block layout with an indent of 2, a mapping's sequence not indented (`key:\n- item`),
//   `{}` and `[]` for empty collections, `null` for null;
// * the emitter's folding of plain and quoted scalars past column 80 (best_width), which
//   v2.4.0 keeps by default.
//
// yaml.v2 tells letters from other runes with Go's unicode tables; here a non-ASCII rune
// counts as a letter (a difference only for keys that differ first at a non-ASCII symbol).

#include <nlohmann/json.hpp>

#include <string>

namespace tokenlab {

/// Returns what yaml.Marshal writes for the Go value that yaml.Unmarshal makes of `j`'s JSON
/// (ends with '\n'). Invalid UTF-8 in strings is first replaced by U+FFFD, as json.Marshal
/// replaces it.
std::string go_yaml_marshal(const nlohmann::ordered_json& j);

/// Tells whether yaml.v2 sorts mapping key `a` before `b` (sorter.go keyList.Less on strings).
bool go_yaml_key_less(const std::string& a, const std::string& b);

} // namespace tokenlab
