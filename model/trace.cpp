#include "model/trace.hpp"

namespace tokenlab {

// Spelled out by hand (no reflection in C++17); the names are part of the report format,
// so texts.test.cpp pins every one.
const char* to_string(trace_kind k) {
  switch (k) {
    case trace_kind::token_created: return "token_created";
    case trace_kind::token_renewed: return "token_renewed";
    case trace_kind::token_expired: return "token_expired";
    case trace_kind::token_revoked: return "token_revoked";
    case trace_kind::token_orphaned: return "token_orphaned";
    case trace_kind::lease_created: return "lease_created";
    case trace_kind::lease_renewed: return "lease_renewed";
    case trace_kind::lease_expired: return "lease_expired";
    case trace_kind::lease_revoked: return "lease_revoked";
    case trace_kind::credential_created: return "credential_created";
    case trace_kind::credential_deleted: return "credential_deleted";
    case trace_kind::storage_put: return "storage_put";
    case trace_kind::storage_delete: return "storage_delete";
    case trace_kind::timer_fired: return "timer_fired";
    case trace_kind::mount_tuned: return "mount_tuned";
    case trace_kind::engine_enabled: return "engine_enabled";
    case trace_kind::engine_disabled: return "engine_disabled";
    case trace_kind::config_written: return "config_written";
    case trace_kind::token_used: return "token_used";
    case trace_kind::cubbyhole_destroyed: return "cubbyhole_destroyed";
  }
  return "unknown";
}

const char* to_string(trace_cause c) {
  switch (c) {
    case trace_cause::none: return "none";
    case trace_cause::request: return "request";
    case trace_cause::ttl_expired: return "ttl_expired";
    case trace_cause::parent_revoked: return "parent_revoked";
    case trace_cause::owner_revoked: return "owner_revoked";
    case trace_cause::last_use: return "last_use";
  }
  return "unknown";
}

} // namespace tokenlab
