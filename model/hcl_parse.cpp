// HCL v1's parser (hcl/parser, as Vault 1.14 vendors it): recursive descent over the tokens of
// hcl_scan.cpp into the items of model/policy_text.hpp, accepting or rejecting a policy exactly
// as Vault does, with hcl's error texts and positions (`At 3:17: ...`, parser.PosError).

#include "model/policy_text.hpp"

#include "model/hcl_internal.hpp"

#include <utility>

namespace tokenlab::hcl {

using namespace detail;

namespace {

// hcl/parser: recursive descent with one token of look-back (scan/unscan), comments skipped.
class parser {
public:
  explicit parser(std::string_view src)
    : sc_(src) {}

  enum class status { ok, eof, error };
  std::string error; // set when a step returns status::error

  // objectList: items up to `}` (obj) or the end; a comma after an item is allowed.
  status object_list(bool obj, std::vector<item>& out) {
    for (;;) {
      if (obj) {
        token t = scan();
        unscan();
        if (t.type == tok::rbrace)
          break;
      }
      item it;
      status s = object_item(it);
      if (s == status::eof)
        break;
      if (s == status::error)
        return s;
      out.push_back(std::move(it));
      if (scan().type != tok::comma)
        unscan();
    }
    return status::ok;
  }

  scanner& source() { return sc_; }

private:
  token scan() {
    if (buffered_) {
      buffered_ = false;
      return tok_;
    }
    do
      tok_ = sc_.scan();
    while (tok_.type == tok::comment);
    return tok_;
  }
  void unscan() { buffered_ = true; }
  status fail(const pos& at, const std::string& msg) {
    error = pos_error(at, msg);
    return status::error;
  }

  // Go's stack grows to a gigabyte, so hcl nests as deep as the input goes; ours is a thread's
  // few megabytes. A value nested deeper than max_nesting is refused (docs/decisions.md), with
  // one error, not one "within list" wrapping per level.
  class nesting {
  public:
    explicit nesting(parser& p)
      : p_(p) { ++p_.depth_; }
    ~nesting() { --p_.depth_; }
    nesting(const nesting&) = delete;
    nesting& operator=(const nesting&) = delete;
    bool too_deep() const { return p_.depth_ > max_nesting; }

  private:
    parser& p_;
  };
  status too_deep(const pos& at) {
    too_deep_ = true;
    return fail(at, "a list or object nested deeper than " + std::to_string(max_nesting) +
                      " levels (tokenlab's limit)");
  }

  status object_item(item& o) {
    status s = object_key(o.keys);
    if (!o.keys.empty() && s == status::eof)
      s = status::ok;
    if (!o.keys.empty() && s == status::error && tok_.type == tok::rbrace) {
      // Keys without a value inside an object: report the missing value below instead.
      s = status::ok;
      tok_.type = tok::eof;
    }
    if (s != status::ok)
      return s;
    if (tok_.type == tok::assign) {
      o.assign = tok_.at;
      s = object(o.val);
    } else if (tok_.type == tok::lbrace) {
      s = object_type(o.val);
    } else {
      std::string keys;
      for (const auto& k : o.keys)
        keys += (keys.empty() ? "" : " ") + k.text;
      return fail(tok_.at, "key '" + keys + "' expected start of object ('{') or assignment ('=')");
    }
    if (s != status::ok)
      return s;
    scan(); // hcl looks ahead for a line comment here; the scan can report scanner errors
    unscan();
    return status::ok;
  }

  status object_key(std::vector<token>& keys) {
    for (;;) {
      token t = scan();
      switch (t.type) {
        case tok::eof: return status::eof;
        case tok::assign:
          if (keys.size() > 1 || keys.empty()) {
            bool nested = keys.size() > 1;
            keys.clear();
            return fail(tok_.at, nested ? std::string{"nested object expected: LBRACE got: "} +
                                            tok_name(tok_.type)
                                        : std::string{"no object keys found!"});
          }
          return status::ok;
        case tok::lbrace:
          if (keys.empty())
            return fail(tok_.at, "expected: IDENT | STRING got: LBRACE");
          return status::ok;
        case tok::ident:
        case tok::string: keys.push_back(t); break;
        case tok::illegal: return fail(tok_.at, "illegal character");
        default:
          return fail(tok_.at, std::string{"expected: IDENT | STRING | ASSIGN | LBRACE got: "} +
                                 tok_name(tok_.type));
      }
    }
  }

  status object(node& out) {
    token t = scan();
    switch (t.type) {
      case tok::number:
      case tok::floating:
      case tok::boolean:
      case tok::string:
      case tok::heredoc: out.tok = tok_; return status::ok;
      case tok::lbrace: return object_type(out);
      case tok::lbrack: return list_type(out);
      case tok::eof: return status::eof;
      default:
        // Go prints the token with %+v, i.e. its String(): `<pos> <type> <text>`.
        return fail(t.at, "Unknown token: " + t.at.str() + " " + tok_name(t.type) + " " + t.text);
    }
  }

  status object_type(node& out) {
    nesting level{*this};
    if (level.too_deep())
      return too_deep(tok_.at);
    out.type = node::kind::object;
    out.tok = tok_;
    status s = object_list(true, out.items);
    if (s == status::error && tok_.type != tok::rbrace)
      return s;
    token t = scan();
    if (t.type != tok::rbrace)
      return fail(t.at, std::string{"object expected closing RBRACE got: "} + tok_name(t.type));
    return status::ok;
  }

  status list_type(node& out) {
    nesting level{*this};
    if (level.too_deep())
      return too_deep(tok_.at);
    out.type = node::kind::list;
    out.tok = tok_;
    bool need_comma = false;
    for (;;) {
      token t = scan();
      if (need_comma && t.type != tok::comma && t.type != tok::rbrack)
        return fail(t.at, std::string{"error parsing list, expected comma or list end, got: "} +
                            tok_name(t.type));
      switch (t.type) {
        case tok::boolean:
        case tok::number:
        case tok::floating:
        case tok::string:
        case tok::heredoc:
          out.elems.emplace_back().tok = tok_;
          need_comma = true;
          break;
        case tok::comma:
          scan();
          unscan();
          need_comma = false;
          break;
        case tok::lbrace:
        case tok::lbrack: {
          bool obj = t.type == tok::lbrace;
          node n;
          if ((obj ? object_type(n) : list_type(n)) != status::ok) {
            if (too_deep_)
              return status::error;
            return fail(t.at, std::string{"error while trying to parse "} +
                                (obj ? "object" : "list") + " within list: " + error);
          }
          out.elems.push_back(std::move(n));
          need_comma = obj; // hcl forgets the comma after a nested list
          break;
        }
        case tok::rbrack: return status::ok;
        default:
          return fail(t.at,
                      std::string{"unexpected token while parsing list: "} + tok_name(t.type));
      }
    }
  }

  scanner sc_;
  token tok_;
  bool buffered_ = false;
  int depth_ = 0;
  bool too_deep_ = false;
};

} // namespace

std::string pos_error(const pos& at, const std::string& msg) {
  return "At " + at.str() + ": " + msg;
}

bool is_json(std::string_view src) {
  size_t i = src.find_first_not_of(" \t\n\v\f\r");
  return i != std::string_view::npos && src[i] == '{';
}

outcome<std::vector<item>> parse(std::string_view src) {
  std::string text{src};
  for (size_t i = text.find("\r\n"); i != std::string::npos; i = text.find("\r\n", i))
    text.erase(i, 1);
  parser p{text};
  std::vector<item> items;
  auto s = p.object_list(false, items);
  if (p.source().error)
    return vault_error::invalid(pos_error(p.source().error->first, p.source().error->second));
  if (s == parser::status::error)
    return vault_error::invalid(p.error);
  for (const auto& it : items)
    for (const auto& k : it.keys)
      if (k.type == tok::string && !unquote(k.text))
        return vault_error::invalid("unquote " + k.text + " err: invalid syntax");
  return items;
}

} // namespace tokenlab::hcl
