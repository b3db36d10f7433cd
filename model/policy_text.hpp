#pragma once
// The text layer of Vault's policy language: HashiCorp HCL v1 as Vault 1.14 vendors it
// (github.com/hashicorp/hcl v1.0.1-vault-5). The scanner and parser are ported from
// hcl/scanner and hcl/parser so that a policy is accepted or rejected exactly as Vault does it,
// with the same texts and line:column positions (`At 3:17: literal not terminated`). The helpers
// below reproduce the messages of hcl's decoder and of the Go libraries ParseACLPolicy relies on
// (go-multierror's list, parseutil.ParseDurationSecond). model/acl.hpp gives the text meaning.
//
// Not modelled: HCL's JSON mode (chosen by Vault when the first non-space character is `{`);
// Unicode letters outside ASCII count as letters in identifiers (Go asks unicode.IsLetter).

#include "model/vault_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::hcl {

/// A source position; line 0 is "no position" (printed `-`), as token.Pos.
struct pos {
  int offset = 0;
  int line = 0;
  int column = 0;
  /// Formats as `line:column` (or `-`), as token.Pos.String.
  std::string str() const;
};

/// The lexical token types of hcl/token.
enum class tok {
  illegal,
  eof,
  comment,
  ident,
  number,
  floating,
  boolean,
  string,
  heredoc,
  lbrack,
  lbrace,
  comma,
  period,
  rbrack,
  rbrace,
  assign,
  add,
  sub,
};

/// Names a token type as hcl/token does (`RBRACE`, `EOF`, ...).
const char* tok_name(tok t);

/// A scanned token: its type, position and source text.
struct token {
  tok type = tok::illegal;
  pos at;
  std::string text;
  /// Returns the token's value as a string: an identifier or number as written, a string
  /// unquoted (hcl/strconv), a heredoc's body (unindentHeredoc).
  std::string value() const;
};

struct item;

/// A value: a literal, a list `[...]` or an object `{...}` (ast.LiteralType/ListType/ObjectType).
struct node {
  enum class kind { literal, list, object };
  kind type = kind::literal;
  /// The literal itself, or the opening `[` / `{`.
  token tok;
  std::vector<node> elems;
  std::vector<item> items;
};

/// One `keys... = value` or `keys... { ... }` (ast.ObjectItem); `assign` is the `=` (line 0 for
/// a block).
struct item {
  std::vector<token> keys;
  pos assign;
  node val;
};

/// How deep lists and objects may nest in a policy; deeper input is a parse error.
inline constexpr int max_nesting = 1000;

/// Parses `src` into its top-level items. Errors carry HCL's text (`At 2:5: ...`), status 400.
outcome<std::vector<item>> parse(std::string_view src);

/// True when hcl.Parse would read `src` as JSON (first non-space character `{`).
bool is_json(std::string_view src);

/// Returns the items whose first key equals `key` (ignoring case), that key stripped
/// (ast.ObjectList.Filter).
std::vector<item> filter(const std::vector<item>& items, std::string_view key);

/// Names a node's Go type for %T (`*ast.LiteralType`, `*ast.ListType`, `*ast.ObjectType`).
const char* go_type(const node& n);

/// Formats a decode error as hcl's parser.PosError: `At <pos>: <msg>`.
std::string pos_error(const pos& at, const std::string& msg);

/// Decodes the values of field `name` from `matches` (a filter result) into a Go string, as
/// hcl's decodeString; returns the error text if a value has no string form.
std::optional<std::string> decode_string(const std::vector<item>& matches, const std::string& name,
                                         std::string& out);

/// Decodes into a Go []string, appending, as hcl's decodeSlice of strings.
std::optional<std::string> decode_strings(const std::vector<item>& matches, const std::string& name,
                                          std::vector<std::string>& out);

/// Formats errors as go-multierror's ListFormatFunc (`1 error occurred:\n\t* ...\n\n`).
std::string multi_error(const std::vector<std::string>& errors);

/// Parses a duration as parseutil.ParseDurationSecond does with what hcl decodes into an
/// interface{}: a number (seconds), a string (`"300"`, `"2d"`, `"1h30m"`); anything else fails.
/// Returns nanoseconds, or the Go error text.
std::optional<std::int64_t> duration_second(const node& n, std::string& error);

} // namespace tokenlab::hcl
