#pragma once
// What the Vault 1.14 CLI prints for the KV v2 commands and the mount tables, byte for byte:
// `vault kv get|put` (command/kv_get.go, kv_put.go: the `Secret Path`, `Metadata` and `Data`
// sections, headed by command/kv_helpers.go's padded `== … ==` lines), `vault kv metadata get`
// (kv_metadata_get.go: `Metadata Path`, `Metadata`, one section per version) and `vault status`
// (format.go OutputSealStatusStruct).

#include "model/api.hpp"
#include "reports/run_record.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace tokenlab {

/// kv_helpers.go padEqualSigns: `header` between runs of '=' that make it about `total`
/// characters wide (at least two '=' a side, an even count).
std::string pad_equal_signs(std::string_view header, std::size_t total);

/// kv_helpers.go getHeaderForMap: the header padded to the width of the map's table (its
/// longest key, four spaces, "Value").
std::string header_for_map(std::string_view header, const data_map& data);

/// The table-format output of a successful kv_secret, kv_metadata or seal status call (lines
/// end in '\n').
std::string render_kv_secret(const vault_call_record& call, const api_response& r);
std::string render_kv_metadata(const vault_call_record& call, const api_response& r);
std::string render_seal_status(const api_response& r);
/// `vault operator generate-root` (command/operator_generate_root.go): printStatus's columns
/// (no header; the OTP's warning first when the server generated one) or, for -generate-otp
/// and -decode, the one value; with -format=json, the status struct in its field order or the
/// map of the value.
std::string render_generate_root(const vault_call_record& call, const api_response& r);

} // namespace tokenlab
