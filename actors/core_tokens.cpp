// The token store's lookup, renew, revoke and tidy endpoints, however they are reached: by
// the `vault token …` commands (typed requests) or as paths with `vault write` and `vault
// read` (model/token_endpoints.hpp). Either way the caller is checked on the path the
// request names, then the token store answers.

#include "actors/core_internal.hpp"

namespace tokenlab::core_detail {

void token_endpoint(self_ptr self, const resolved_token& who, std::string_view acl_path,
                    capability c, const token_api_request& op, const reply& done) {
  if (!allows(self, who, acl_path, c))
    return done(denied());
  auto& st = self->state;
  std::visit(
    [&](const auto& r) {
      using op_t = std::decay_t<decltype(r)>;
      if constexpr (std::is_same_v<op_t, token_lookup_request>) {
        forward(self, st.store, with_lookup_identity(self, done), lookup_atom::value, who, r);
      } else if constexpr (std::is_same_v<op_t, token_renew_request>) {
        forward(self, st.store, done, renew_atom::value, who, r);
      } else if constexpr (std::is_same_v<op_t, token_revoke_request>) {
        // revoke-orphan checks sudo on its own path (handleRevokeOrphan's SudoPrivilege).
        forward(self, st.store, done, revoke_atom::value, who,
                allows(self, who, acl_path, capability::sudo), r);
      } else {
        // handleTidy starts a goroutine and answers 202. The lab's store keeps no leaked
        // accessor or parent entries, so there is nothing for it to clean.
        api_response started;
        started.status = 202;
        started.warnings.emplace_back(texts::tidy_started);
        done(std::move(started));
      }
    },
    op);
}

bool token_api(self_ptr self, const resolved_token& who, const std::string& path,
               const field_map& fields, bool read, const reply& done) {
  auto call = token_request_from_fields(path, fields, read);
  if (!call)
    return false;
  // The ACL comes first (request_handling.go), then the backend's 405 or field validation.
  const auto cap = read ? capability::read : capability::update;
  if (!allows(self, who, path, cap)) {
    done(denied());
    return true;
  }
  if (!*call) {
    done(call->error());
    return true;
  }
  token_endpoint(self, who, path, cap, (*call)->op, warn_ignored(done, fields, (*call)->schema));
  return true;
}

} // namespace tokenlab::core_detail
