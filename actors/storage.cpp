#include "actors/storage.hpp"

#include "actors/messages.hpp"

#include <algorithm>

namespace tokenlab {

storage_backend::behavior_type storage_actor(storage_backend::stateful_pointer<storage_state> self,
                                             sim_context ctx) {
  self->state.ctx = std::move(ctx);
  return {
    [=](put_atom, std::string& key) {
      trace_event ev;
      ev.kind = trace_kind::storage_put;
      self->state.keys.insert(ev.subject = key);
      emit(self, self->state.ctx, std::move(ev));
    },
    [=](delete_atom, std::string& key) {
      self->state.keys.erase(key);
      trace_event ev;
      ev.kind = trace_kind::storage_delete;
      ev.subject = std::move(key);
      emit(self, self->state.ctx, std::move(ev));
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
