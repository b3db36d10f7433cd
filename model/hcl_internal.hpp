#pragma once
// Pieces shared by the files of the HCL v1 port (private to model/): Go's UTF-8 decoding and
// hcl/strconv's Unquote (policy_text.cpp), hcl/scanner's Scanner (hcl_scan.cpp), which
// hcl_parse.cpp drives and hcl_decode.cpp borrows from. model/policy_text.hpp is the public side.

#include "model/policy_text.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tokenlab::hcl::detail {

inline constexpr char32_t eof_rune = 0;
inline constexpr char32_t rune_error = 0xFFFD;

// Decodes one UTF-8 rune as Go's ReadRune: size 0 at the end, (U+FFFD, 1) when invalid.
std::pair<char32_t, int> decode_rune(std::string_view s);
/// True for an identifier's first character: ASCII letters, `_` and any valid non-ASCII rune.
bool is_letter(char32_t c);
/// True for an ASCII decimal digit.
bool is_decimal(char32_t c);
/// The value of a hex digit (either case), 16 for anything else.
int digit_val(char32_t c);

// hcl/strconv.Unquote of a scanned string literal (quotes included); `${...}` passes verbatim.
std::optional<std::string> unquote(std::string_view s);

// hcl/scanner, statement for statement: positions and error texts must match Vault's.
class scanner {
public:
  explicit scanner(std::string_view src);

  token scan();

  /// The last error reported (Vault's Parse keeps the last one), if any.
  std::optional<std::pair<pos, std::string>> error;

private:
  char32_t next();
  void unread();
  char32_t peek() const;
  void err(const char* msg);

  void scan_comment(char32_t ch);
  tok scan_number(char32_t ch);
  char32_t scan_mantissa(char32_t ch);
  char32_t scan_fraction(char32_t ch);
  char32_t scan_exponent(char32_t ch);
  void scan_heredoc();
  void scan_string();
  void scan_escape();
  void scan_digits(char32_t ch, int base, int n);
  std::string scan_identifier();

  std::string_view src_;
  size_t rd_ = 0;
  int last_read_ = 0;
  pos src_pos_;
  pos prev_pos_;
  int last_char_len_ = 0;
  int last_line_len_ = 0;
  int tok_start_ = 0;
  pos tok_pos_;
};

} // namespace tokenlab::hcl::detail
