#pragma once
// What the Vault CLI (1.14) prints for one `vault …` call, byte for byte: its error block,
// its warnings, its Key/Value table (command/format.go TableFormatter.OutputSecret), its
// `-format=json` output (JsonFormatter over api.Secret) and its success lines. The text is
// what a terminal shows, in the order the CLI writes it (the warnings, on stderr, just
// before the table; `vault login`'s banner before both).

#include "model/api.hpp"
#include "model/mount_table.hpp"
#include "reports/run_record.hpp"

#include <string>
#include <utility>
#include <vector>

namespace tokenlab {

/// The address the simulated CLI talks to; it appears in error blocks.
inline constexpr const char* cli_vault_addr = "http://127.0.0.1:8200";

/// Renders what the terminal shows for `call`; every line ends in '\n'. With -format=json
/// warnings stay inside the JSON (JsonFormatter prints no warning block), and `vault
/// write` prints nothing for a 204 (its success line is table-only). The CLI's warning
/// about flags after an argument comes first, in the table format only.
std::string render_cli_output(const vault_call_record& call);

/// Renders the stderr warning block (`WARNING! …`, each warning wrapped at 76 columns and
/// indented by 2, each followed by a blank line); empty when there are no warnings.
std::string render_cli_warnings(const std::vector<std::string>& warnings);

/// Returns the rows of TableFormatter.OutputSecret for `r`: lease rows (or
/// refresh_interval), the auth rows, then the sorted data rows.
std::vector<std::pair<std::string, std::string>> cli_table_rows(const api_response& r);

/// Renders the Key/Value table of `r` (empty when it has no rows); lines end in '\n'.
std::string render_cli_table(const api_response& r);

/// Renders `vault … -format=json` output of `r`: api.Secret, indented, with a final '\n'.
std::string render_cli_json(const api_response& r);

/// Renders a mount table (`vault auth list`, `vault secrets list`, with or without -detailed):
/// a row per mount, sorted by path, from data path -> row of cells keyed as `columns` say.
std::string render_mount_rows(const api_response& r, const std::vector<table_column>& columns);

/// Renders the CLI's error block for a failed call (`Error <verb>: Error making API
/// request.`, URL, Code, the messages).
std::string render_cli_error(const vault_call_record& call, const vault_error& err);

} // namespace tokenlab
