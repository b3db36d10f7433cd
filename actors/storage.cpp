#include "actors/storage.hpp"

#include "actors/messages.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

// The storage backend's trace of an operation. No operation reaches it while events are
// counted (storage_put and storage_delete count them where they happen), so it always sends.
void trace_op(storage_backend::stateful_pointer<storage_state> self, trace_kind kind,
              std::string key) {
  trace_event ev;
  ev.kind = kind;
  ev.subject = std::move(key);
  ev.at = sim_now(self, self->state.ctx);
  self->send(self->state.ctx.tracer, std::move(ev));
}

} // namespace

storage_backend::behavior_type storage_actor(storage_backend::stateful_pointer<storage_state> self,
                                             sim_context ctx) {
  self->state.ctx = std::move(ctx);
  return {
    [=](put_atom, std::string& key) {
      self->state.keys.insert(key);
      trace_op(self, trace_kind::storage_put, std::move(key));
    },
    [=](delete_atom, std::string& key) {
      self->state.keys.erase(key);
      trace_op(self, trace_kind::storage_delete, std::move(key));
    },
    [=](take_atom) {
      std::vector<std::string> out(self->state.keys.begin(), self->state.keys.end());
      std::sort(out.begin(), out.end());
      return out;
    },
  };
}

trace_sink::behavior_type tracer_actor(trace_sink::stateful_pointer<tracer_state> self) {
  return {
    [=](trace_event& ev) {
      ev.seq = ++self->state.seq;
      self->state.pending.push_back(std::move(ev));
    },
    [=](take_atom) {
      std::vector<trace_event> out;
      out.swap(self->state.pending);
      return out;
    },
  };
}

} // namespace tokenlab
