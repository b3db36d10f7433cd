// `expect NAME.FIELD OP VALUE`, `expect NAME.FIELD absent|present` and
// `expect token|lease|credential ARG STATE`.

#include "clock/duration.hpp"
#include "language/parse_context.hpp"

#include <utility>

namespace tokenlab::detail {

namespace {

constexpr std::pair<std::string_view, expect_op> operators[] = {
  {"==", expect_op::eq},
  {"!=", expect_op::ne},
  {"<", expect_op::lt},
  {"<=", expect_op::le},
  {">", expect_op::gt},
  {">=", expect_op::ge},
  {"contains", expect_op::contains},
  {"lacks", expect_op::lacks},
};

struct state_word {
  object_kind kind;
  std::string_view text;
  object_state state;
};

constexpr state_word states[] = {
  {object_kind::token, "valid", object_state::valid},
  {object_kind::token, "revoked", object_state::revoked},
  {object_kind::token, "expired", object_state::expired},
  {object_kind::lease, "valid", object_state::valid},
  {object_kind::lease, "revoked", object_state::revoked},
  {object_kind::lease, "expired", object_state::expired},
  {object_kind::credential, "active", object_state::active},
  {object_kind::credential, "deleted", object_state::deleted},
};

// `?`: a value the learner has still to predict (exercises, see FORMAT.md).
bool is_open(const word& w) { return !w.quoted && w.text == "?"; }

std::optional<object_kind> kind_of(const word& w) {
  if (w.quoted)
    return std::nullopt;
  if (w.text == "token")
    return object_kind::token;
  if (w.text == "lease")
    return object_kind::lease;
  if (w.text == "credential")
    return object_kind::credential;
  return std::nullopt;
}

std::string allowed_states(object_kind kind) {
  std::string out;
  for (const auto& s : states)
    if (s.kind == kind)
      out += (out.empty() ? "" : ", ") + std::string(s.text);
  const auto last = out.rfind(", ");
  return out.replace(last, 2, " or ");
}

maybe_error parse_state(const std::vector<word>& words, object_kind kind, const line_context& ctx,
                        expect_step& out) {
  const std::string k = to_string(kind);
  const std::string usage = "expect " + k + " $" +
                            (kind == object_kind::lease ? "c.lease_id" : "t1") + " " +
                            allowed_states(kind);
  if (words.size() != 4)
    return line_error{words.size() > 4 ? words[4].col : words[0].col,
                      "expect " + k + " needs a subject and a state: " + usage};
  expect_state check;
  check.kind = kind;
  if (auto err = make_arg(words[2], 0, ctx, check.subject))
    return err;
  if (is_open(words[3])) {
    out.what = std::move(check);
    out.open_at = words[3].col;
    return std::nullopt;
  }
  for (const auto& s : states)
    if (s.kind == kind && s.text == words[3].text) {
      check.state = s.state;
      out.what = std::move(check);
      return std::nullopt;
    }
  return line_error{words[3].col, "\"" + words[3].text + "\" is not a state of a " + k + ": use " +
                                    allowed_states(kind)};
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
  const std::size_t digits_from = (!s.empty() && s[0] == '-') ? 1 : 0;
  if (digits_from == s.size() || s.size() - digits_from > 18)
    return std::nullopt;
  std::int64_t v = 0;
  for (std::size_t i = digits_from; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9')
      return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return digits_from == 1 ? -v : v;
}

maybe_error parse_literal(const word& w, expect_literal& out) {
  using kind = expect_literal::kind;
  out.text = w.text;
  if (w.quoted) {
    out.k = kind::string;
  } else if (w.text == "true" || w.text == "false") {
    out.k = kind::boolean;
    out.boolean = w.text == "true";
  } else if (w.text == "null") {
    out.k = kind::null;
  } else if (const auto n = parse_integer(w.text)) {
    out.k = kind::number;
    out.number = *n;
    out.duration = secs(*n);
  } else if (const auto d = parse_duration(w.text)) {
    out.k = kind::duration;
    out.duration = *d;
  } else {
    return line_error{w.col, "cannot read the value \"" + w.text +
                               "\": write a \"quoted string\", a number (7157), a duration (4h), "
                               "true, false, null or another result's $name.field"};
  }
  return std::nullopt;
}

bool is_ordering(expect_op op) {
  return op == expect_op::lt || op == expect_op::le || op == expect_op::gt || op == expect_op::ge;
}

const char* kind_name(expect_literal::kind k) {
  switch (k) {
    case expect_literal::kind::string: return "a string";
    case expect_literal::kind::boolean: return "a boolean";
    case expect_literal::kind::null: return "null";
    default: return "a number";
  }
}

// Splits `name.field` (a leading `$` is allowed) at the first dot, and checks that results
// of that name have the field.
maybe_error parse_target(const word& w, const line_context& ctx, expect_compare& out) {
  std::string_view text = w.text;
  const std::size_t skip = w.ref_at(0) ? 1 : 0;
  text.remove_prefix(skip);
  const std::size_t dot = text.find('.');
  const std::string_view name = text.substr(0, dot);
  if (dot == std::string_view::npos || !is_name(name) || dot + 1 == text.size())
    return line_error{w.col, "expect needs NAME.FIELD on the left, e.g. r.ttl or "
                             "t1.auth.lease_duration; got \"" +
                               w.text + "\""};
  if (auto err = check_name(name, w.col_at(skip), ctx))
    return err;
  out.name = std::string(name);
  out.field = std::string(text.substr(dot + 1));
  return check_field(out.name, out.field, w.col_at(skip + dot + 1), ctx);
}

// `expect NAME.FIELD absent|present` (or `?`, a prediction of which).
maybe_error parse_presence(const std::vector<word>& words, expect_compare& check,
                           expect_step& out) {
  const word& w = words[2];
  if (is_open(w)) {
    check.op = expect_op::present; // stands for "absent or present", still to predict
    out.what = std::move(check);
    out.open_at = w.col;
    return std::nullopt;
  }
  if (!w.quoted && (w.text == "absent" || w.text == "present")) {
    check.op = w.text == "absent" ? expect_op::absent : expect_op::present;
    out.what = std::move(check);
    return std::nullopt;
  }
  for (const auto& [text, op] : operators)
    if (!w.quoted && w.text == text)
      return line_error{w.end_col, "the operator " + w.text + " needs a value after it, e.g. "
                                   "expect r.ttl == 4h"};
  return line_error{w.col, "expect " + words[1].text + " needs OP VALUE (e.g. == 4h) or absent "
                           "or present; got \"" + w.text + "\""};
}

maybe_error parse_compare(const std::vector<word>& words, const line_context& ctx,
                          expect_step& out) {
  if (words.size() < 3)
    return line_error{words[0].col, "expect needs NAME.FIELD OP VALUE, e.g. expect r.ttl == 4h, "
                                    "NAME.FIELD absent|present, or expect "
                                    "token|lease|credential ARG STATE"};
  if (words.size() > 4)
    return line_error{words[4].col, "unexpected \"" + words[4].text +
                                      "\" after the value: "
                                      "quote a value that contains spaces"};
  expect_compare check;
  if (auto err = parse_target(words[1], ctx, check))
    return err;
  if (words.size() == 3)
    return parse_presence(words, check, out);
  bool found = false;
  for (const auto& [text, op] : operators)
    if (!words[2].quoted && words[2].text == text) {
      check.op = op;
      found = true;
    }
  if (!found)
    return line_error{words[2].col, "unknown operator \"" + words[2].text +
                                      "\": use ==, !=, <, <=, >, >=, contains or lacks"};
  const word& value = words[3];
  if (is_open(value)) {
    out.what = std::move(check);
    out.open_at = value.col;
    return std::nullopt;
  }
  if (!value.quoted && value.ref_at(0)) { // another result's field, read at run time
    check.other.emplace();
    if (auto err = make_arg(value, 0, ctx, *check.other))
      return err;
    out.what = std::move(check);
    return std::nullopt;
  }
  if (auto err = parse_literal(value, check.value))
    return err;
  const auto k = check.value.k;
  const bool ordered = k == expect_literal::kind::number || k == expect_literal::kind::duration;
  if (is_ordering(check.op) && !ordered)
    return line_error{value.col, "the operator " + words[2].text +
                                   " compares numbers and durations, but \"" + value.text +
                                   "\" is " + kind_name(k)};
  out.what = std::move(check);
  return std::nullopt;
}

} // namespace

maybe_error parse_expect(const std::vector<word>& words, const line_context& ctx,
                         expect_step& out) {
  if (words.size() >= 2)
    if (const auto kind = kind_of(words[1]))
      return parse_state(words, *kind, ctx, out);
  return parse_compare(words, ctx, out);
}

} // namespace tokenlab::detail
