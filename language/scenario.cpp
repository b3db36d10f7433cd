#include "language/scenario.hpp"

namespace tokenlab {

const char* to_string(expect_op op) {
  switch (op) {
    case expect_op::eq: return "==";
    case expect_op::ne: return "!=";
    case expect_op::lt: return "<";
    case expect_op::le: return "<=";
    case expect_op::gt: return ">";
    case expect_op::ge: return ">=";
    case expect_op::contains: return "contains";
    case expect_op::lacks: return "lacks";
    case expect_op::absent: return "absent";
    case expect_op::present: return "present";
  }
  return "?";
}

const char* to_string(object_kind k) {
  switch (k) {
    case object_kind::token: return "token";
    case object_kind::lease: return "lease";
    case object_kind::credential: return "credential";
  }
  return "?";
}

const char* to_string(object_state s) {
  switch (s) {
    case object_state::valid: return "valid";
    case object_state::revoked: return "revoked";
    case object_state::expired: return "expired";
    case object_state::active: return "active";
    case object_state::deleted: return "deleted";
  }
  return "?";
}

} // namespace tokenlab
