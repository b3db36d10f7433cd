#include "actors/storage.hpp"

#include "actors/messages.hpp"

namespace tokenlab {

caf::behavior storage_actor(caf::stateful_actor<storage_state>* self, sim_context ctx) {
  self->state.ctx = std::move(ctx);
  return {
    [=](put_atom, std::string& key) {
      trace_event ev;
      ev.kind = trace_kind::storage_put;
      ev.subject = key;
      emit(self, self->state.ctx, std::move(ev));
      self->state.keys.insert(std::move(key));
    },
    [=](delete_atom, std::string& key) {
      trace_event ev;
      ev.kind = trace_kind::storage_delete;
      ev.subject = key;
      emit(self, self->state.ctx, std::move(ev));
      self->state.keys.erase(key);
    },
    [=](take_atom) {
      return std::vector<std::string>(self->state.keys.begin(), self->state.keys.end());
    },
  };
}

caf::behavior tracer_actor(caf::stateful_actor<tracer_state>* self) {
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
