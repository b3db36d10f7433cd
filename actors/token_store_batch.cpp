#include "actors/token_store_batch.hpp"

#include "model/texts.hpp"
#include "model/token_rules.hpp"

namespace tokenlab::store_detail {

namespace {

outcome<resolved_token> denied() {
  return vault_error{403, {std::string{texts::permission_denied}}};
}

// lookupBatchToken's expiry: creation time + ttl, compared with now (strictly after).
bool batch_expired(const token_entry& e, sim_time now) {
  return e.expire_time && now > *e.expire_time;
}

} // namespace

api_outcome issue_batch(self_ptr self, create_plan plan) {
  auto& st = self->state;
  auto& e = plan.entry;
  e.id = st.barrier.seal(e, st.ctx.epoch_unix);
  trace_event ev;
  ev.kind = trace_kind::token_created;
  ev.subject = e.id;
  ev.related = e.parent;
  ev.ttl = plan.ttl;
  ev.expires = e.expire_time;
  emit(self, st.ctx, std::move(ev));
  api_response resp;
  resp.warnings = std::move(plan.warnings);
  auto made = std::make_shared<const token_entry>(std::move(e));
  resp.auth = make_auth_block(made, true);
  return resp;
}

void resolve_batch(self_ptr self, std::string_view token,
                   std::function<void(outcome<resolved_token>)> done) {
  auto& st = self->state;
  auto e = st.barrier.open(token, st.ctx.epoch_unix);
  auto now = sim_now(self, st.ctx);
  if (!e || batch_expired(*e, now))
    return done(denied());
  if (e->parent.empty())
    return done(resolved_token{std::make_shared<const token_entry>(std::move(*e)), {}});
  // A non-orphan batch token stops working when its parent is gone (spec §5.4).
  auto parent = st.tokens.find(e->parent);
  if (parent == st.tokens.end())
    return done(denied());
  const auto& p = *parent->second.entry;
  if (p.num_uses < 0 || !token_valid_at(p, now))
    return done(denied());
  token_id_string holder = e->parent.view();
  done(resolved_token{std::make_shared<const token_entry>(std::move(*e)),
                      std::move(holder),
                      {},
                      parent->second.counted});
}

life_state batch_state(const token_store_state& st, const std::string& token, sim_time now) {
  auto e = st.barrier.open(token, st.ctx.epoch_unix);
  if (!e)
    return life_state::unknown;
  if (batch_expired(*e, now))
    return life_state::expired;
  if (!e->parent.empty() && st.tokens.count(e->parent) == 0)
    return life_state::revoked;
  return life_state::valid;
}

} // namespace tokenlab::store_detail
