#include "actors/storage.hpp"

#include "actors/messages.hpp"

#include <algorithm>

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
      std::vector<std::string> out(self->state.keys.begin(), self->state.keys.end());
      std::sort(out.begin(), out.end());
      return out;
    },
  };
}

caf::behavior tracer_actor(caf::stateful_actor<tracer_state>* self) {
  return {
    [=](trace_event& ev) {
      auto& st = self->state;
      ev.seq = ++st.seq;
      if (st.tallying)
        st.tally.add(ev);
      else
        st.pending.push_back(std::move(ev));
    },
    [=](tally_atom, std::int64_t horizon_ms) {
      auto& st = self->state;
      st.tallying = true;
      st.tally.until = sim_time{std::chrono::milliseconds{horizon_ms}};
    },
    [=](take_atom, tally_atom) {
      auto out = self->state.tally;
      out.finish();
      return out;
    },
    [=](take_atom) {
      std::vector<trace_event> out;
      out.swap(self->state.pending);
      return out;
    },
  };
}

} // namespace tokenlab
