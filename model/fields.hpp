#pragma once
// The logical framework's request fields (sdk/framework/field_data.go getPrimitive and
// FieldData.Validate, sdk/framework/backend.go HandleRequest), shared by every path the lab
// serves: the token store, the system backend's tune and lease writes, the secrets engines
// and the auth methods. A request's fields arrive as text (the CLI's `vault write k=v` sends
// strings); each path declares a schema, and every field the schema knows is converted by its
// type before the handler runs, with Go's error texts.
//
//  * A field that does not convert is refused before the handler runs: on a path with an
//    existence check (roles, users) the core answers 400 with the bare `error converting input
//    <v> for field "<k>": <reason>` (request_handling.go, a UserError); elsewhere the framework
//    answers 400 `Field validation failed: error converting input …`.
//  * Go's map order is random, so Vault reports whichever bad field it meets first; the lab
//    reports the first in key order.
//  * Fields the schema does not know are ignored. The framework's warning about them
//    (`Endpoint ignored these unrecognized parameters: [a b]`) only reaches the client when the
//    handler answers with a response; a 204 carries no warnings.
//  * TypeString fields never fail here: handlers that read durations from them (token create's
//    ttl, the tune's TTLs) parse them with parseutil.ParseDurationSecond, which takes negatives.

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/vault_error.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// A request's fields as sent: name -> text.
using field_map = std::map<std::string, std::string>;

/// The framework's field types the lab's paths use.
enum class field_kind {
  string,             ///< TypeString: never fails
  boolean,            ///< TypeBool: mapstructure.WeakDecode ("" is false)
  integer,            ///< TypeInt: mapstructure.WeakDecode, strconv.ParseInt(s, 0, 64)
  duration,           ///< TypeDurationSecond: parseutil.ParseDurationSecond, no negatives
  comma_string_slice, ///< TypeCommaStringSlice: split on ',', each trimmed, empties kept
  string_slice,       ///< TypeStringSlice: a string is one element (no splitting), trimmed
  kv_pairs,           ///< TypeKVPairs: a string is one `k=v` pair, split at its first '='
  map,                ///< TypeMap: only a JSON object converts, never a string
};
using field_schema = std::map<std::string, field_kind>;

/// The Go error text of converting `value` as `kind`, or nullopt when it converts.
std::optional<std::string> conversion_error(field_kind kind, std::string_view value);

/// FieldData.Validate over the fields the schema knows, in key order: the first
/// `error converting input <v> for field "<k>": …`.
std::optional<std::string> validate_fields(const field_map& raw, const field_schema& schema);

/// validate_fields as the client sees it: a 400 with the bare text on a path with an
/// existence check, else `Field validation failed: …`.
std::optional<vault_error> check_fields(const field_map& raw, const field_schema& schema,
                                        bool existence_check);

/// The fields the schema does not know, sorted (for the ignored-parameters warning).
std::vector<std::string> unknown_fields(const field_map& raw, const field_schema& schema);

/// A write handler's answer: 204 without warnings; with warnings a 200 that also carries the
/// framework's warning about unrecognized parameters.
api_response write_response(std::vector<std::string> warnings, const field_map& raw,
                            const field_schema& schema);

/// parseutil.ParseDurationSecond then TypeDurationSecond's whole seconds (truncated) and its
/// refusal of negatives. On failure returns nullopt and sets `err` to Go's text.
std::optional<std::int64_t> parse_duration_second(std::string_view text, std::string* err);

/// parseutil.ParseDurationSecond alone, as a handler calls it on a TypeString field: negatives
/// parse, "" is 0, fractions of a second are kept (to the lab's millisecond).
std::optional<sim_duration> parse_duration_text(std::string_view text, std::string* err);

/// parseutil.ParseDurationSecond in Go's nanoseconds (negatives parse, "" is 0), with Go's
/// error texts; the HCL policy decoder uses it too.
std::optional<std::int64_t> parse_duration_second_ns(std::string_view text, std::string* err);

/// strconv.ParseBool: 1, t, T, TRUE, true, True and their false forms.
std::optional<bool> parse_go_bool(std::string_view text);

/// strconv.ParseInt(s, base, 64) for base 10 or 0 (0x, 0o, 0b and 0 prefixes, underscores),
/// with Go's error text.
std::optional<std::int64_t> parse_go_int(std::string_view text, int base, std::string* err);

/// Go's time.ParseDuration (no bare integers, no days), as a few handlers call it; fractions
/// kept to the lab's millisecond.
std::optional<sim_duration> parse_go_duration(std::string_view text, std::string* err);

/// mapstructure's refusal to decode a string into a map: `'<name>' expected a map, got
/// 'string'` (`name` is "" for a field the framework converts on its own).
std::string map_from_string_error(std::string_view name);

/// TypeCommaStringSlice (parseutil.ParseCommaStringSlice): "" is an empty list.
std::vector<std::string> parse_comma_slice(std::string_view text);

/// TypeStringSlice from a string: "" is an empty list, anything else one trimmed element.
std::vector<std::string> parse_string_slice(std::string_view text);

/// TypeKVPairs from a string: one `key=value` pair (value may hold '=' and ','). Fails with
/// `invalid key pair "<s>"` when there is no '=' or the key is empty.
std::optional<std::map<std::string, std::string>> parse_kv_pairs(std::string_view text,
                                                                 std::string* err);

/// The text of field `key` as sent, "" when it was not sent (Go's zero value).
std::string field_text(const field_map& fields, std::string_view key);

/// The value of a field that passed validate_fields.
bool field_bool(std::string_view text);
std::int64_t field_int(std::string_view text);
sim_duration field_duration(std::string_view text);

} // namespace tokenlab
