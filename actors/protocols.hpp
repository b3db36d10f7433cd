#pragma once
// The typed interfaces of the lab's actors (CAF 0.17 `typed_actor`): what each one accepts
// and what it answers, checked by the compiler at every send and in every behaviour.
// Here the trace sink and the storage backend, the two every component talks to; next to
// their actors: the secrets engines' (actors/engine_protocol.hpp), the auth methods'
// (auth_method.hpp), the identity store's (identity_store.hpp), a revoking token's
// (token.hpp) and lease's (lease.hpp), what those tell their authority (record_keeper,
// messages.hpp), the token store's (token_authority, token_store.hpp) and the core's
// (vault_core, core.hpp), the fleet's (fleet.hpp); and here the alarm's, which delivers
// every expiry timer.

#include "model/trace.hpp"

#include <caf/actor_addr.hpp>
#include <caf/actor_clock.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <string>
#include <vector>

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::trace_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<tokenlab::trace_event>)

namespace tokenlab {

using put_atom = caf::atom_constant<caf::atom("put")>;
using delete_atom = caf::atom_constant<caf::atom("delete")>;
using take_atom = caf::atom_constant<caf::atom("take")>;
using expire_atom = caf::atom_constant<caf::atom("expire")>;

/// The trace sink (actors/storage.hpp tracer_actor): a trace event is numbered and kept in
/// arrival order; `take` answers the events kept so far and forgets them.
using trace_sink = caf::typed_actor<caf::reacts_to<trace_event>,
                                    caf::replies_to<take_atom>::with<std::vector<trace_event>>>;

/// The storage backend (actors/storage.hpp storage_actor): a key written or deleted (and
/// traced); `take` answers the keys present, sorted.
using storage_backend =
  caf::typed_actor<caf::reacts_to<put_atom, std::string>, caf::reacts_to<delete_atom, std::string>,
                   caf::replies_to<take_atom>::with<std::vector<std::string>>>;

/// The alarm (actors/alarm.hpp start_alarm): the wake-up of an instant of its table (clock
/// ticks), whose timers it delivers; and a timer due at once, `(expire_atom, number)` to its
/// actor if that still lives. What it delivers is `(expire_atom, uint64 number)`.
using alarm_clock =
  caf::typed_actor<caf::reacts_to<expire_atom, caf::actor_clock::duration_type::rep>,
                   caf::reacts_to<expire_atom, caf::actor_addr, std::uint64_t>>;

} // namespace tokenlab
