#include "runner/invariants.hpp"

#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/batch_token.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

std::string at_text(sim_time t) {
  return format_offset(t);
}

std::string opt_text(std::optional<sim_time> t) {
  return t ? at_text(*t) : std::string{"never"};
}

} // namespace

void invariant_checker::feed(const std::vector<trace_event>& events, sim_time now,
                             const source_loc& loc, std::size_t step,
                             std::vector<invariant_violation>& out) {
  if (stopped_)
    return;
  out_ = &out;
  loc_ = &loc;
  step_ = step;
  for (const auto& e : events)
    on_event(e);
  end_instant();
  instant_ = now;
  // A timer due at or before the step's end has fired, unless its object was created or
  // renewed in this very instant (its timer is then due now and fires with the next step).
  late_before(now, true);
  out_ = nullptr;
  loc_ = nullptr;
}

// The object `id` names, or null when the checker never saw it created (a batch token is
// not tracked).
invariant_checker::object* invariant_checker::find(const std::string& id) {
  auto it = objects_.find(id);
  return it == objects_.end() ? nullptr : &it->second;
}

std::string invariant_checker::name_of(const object& o, const std::string& id) {
  return (o.token ? "token " : "lease ") + id;
}

void invariant_checker::violated(const char* invariant, std::string detail) {
  invariant_violation v;
  v.loc = *loc_;
  v.step = step_;
  v.at = instant_;
  v.invariant = invariant;
  v.detail = std::move(detail);
  out_->push_back(std::move(v));
}

void invariant_checker::late_before(sim_time t, bool inclusive) {
  while (!expiries_.empty()) {
    auto first = expiries_.begin();
    const auto [when, id] = *first;
    if (when > t || (when == t && !inclusive))
      return;
    auto& o = objects_.at(id);
    if (when == t && o.since == t) // created or renewed at its own expiry instant
      return;
    violated("expires-on-time", name_of(o, id) + " is still live at " + at_text(t) +
                                  ", past its expiry at " + at_text(when));
    expiries_.erase(first);
  }
}

void invariant_checker::on_event(const trace_event& e) {
  if (e.at != instant_) {
    end_instant();
    instant_ = e.at;
  }
  // Every timer due before this instant has fired.
  late_before(e.at, false);
  switch (e.kind) {
    case trace_kind::token_created: return created(e, true);
    case trace_kind::lease_created: return created(e, false);
    case trace_kind::token_renewed:
    case trace_kind::lease_renewed: return renewed(e);
    case trace_kind::token_expired:
    case trace_kind::lease_expired: return expired(e);
    case trace_kind::token_revoked:
    case trace_kind::lease_revoked: return ended(e);
    case trace_kind::token_orphaned: {
      object* o = find(e.subject);
      if (o == nullptr)
        return;
      if (auto d = dependants_.find(o->parent); d != dependants_.end())
        d->second.erase(e.subject);
      o->parent.clear();
      return;
    }
    default: return;
  }
}

// When an instant is over, every token that ended in it has taken its children (but the
// orphaned ones) and its leases with it.
void invariant_checker::end_instant() {
  for (const auto& id : ended_now_) {
    auto d = dependants_.find(id);
    if (d == dependants_.end())
      continue;
    for (const auto& left : d->second) {
      const auto& o = objects_.at(left);
      violated(o.token ? "child-dies-with-parent" : "lease-dies-with-token",
               name_of(o, left) + " is still live after its " + (o.token ? "parent" : "owner") +
                 " token " + id + " ended");
    }
    dependants_.erase(d);
  }
  ended_now_.clear();
}

// An expiry at or before the instant the object got it (a negative TTL) is due at once.
std::optional<sim_time> invariant_checker::due(const object& o) {
  if (!o.expires)
    return std::nullopt;
  return std::max(*o.expires, o.since);
}

void invariant_checker::set_expiry(const std::string& id, object& o,
                                   std::optional<sim_time> when) {
  if (auto was = due(o))
    expiries_.erase({*was, id});
  o.expires = when;
  if (auto now_due = due(o); now_due && o.live)
    expiries_.insert({*now_due, id});
}

void invariant_checker::created(const trace_event& e, bool token) {
  // A batch token is never stored and ends without an event: only its TTL is checked.
  if (token && is_batch_token_string(e.subject)) {
    object batch;
    if (e.ttl)
      check_decision(e, batch);
    return;
  }
  if (auto old = objects_.find(e.subject); old != objects_.end()) {
    if (old->second.live)
      violated("expires-on-time", name_of(old->second, e.subject) + " is created again while live");
    set_expiry(e.subject, old->second, std::nullopt);
    if (auto d = dependants_.find(old->second.parent); d != dependants_.end())
      d->second.erase(e.subject);
  }
  object o;
  o.token = token;
  o.parent = e.related;
  o.issued = o.since = e.at;
  if (!o.parent.empty()) {
    auto p = objects_.find(o.parent);
    if (p != objects_.end() && !p->second.live)
      violated(token ? "child-dies-with-parent" : "lease-dies-with-token",
               name_of(o, e.subject) + " is created for token " + o.parent +
                 ", which ended at or before " + at_text(e.at));
    dependants_[o.parent].insert(e.subject);
  }
  if (e.ttl)
    check_decision(e, o);
  auto& stored = objects_[e.subject] = std::move(o);
  set_expiry(e.subject, stored, e.expires);
}

void invariant_checker::renewed(const trace_event& e) {
  object* known = find(e.subject);
  if (known == nullptr)
    return;
  auto& o = *known;
  if (!o.live)
    violated("expires-on-time", name_of(o, e.subject) + " is renewed after it ended");
  if (e.ttl)
    check_decision(e, o);
  set_expiry(e.subject, o, std::nullopt);
  o.since = e.at;
  set_expiry(e.subject, o, e.expires);
}

void invariant_checker::expired(const trace_event& e) {
  object* known = find(e.subject);
  if (known == nullptr)
    return;
  auto& o = *known;
  if (!o.live)
    violated("expires-on-time", name_of(o, e.subject) + " expires after it ended");
  else if (due(o) != e.at)
    violated("expires-on-time", name_of(o, e.subject) + " expires at " + at_text(e.at) +
                                  ", its expiry is " + opt_text(due(o)));
  set_expiry(e.subject, o, std::nullopt);
}

void invariant_checker::ended(const trace_event& e) {
  object* known = find(e.subject);
  if (known == nullptr)
    return;
  auto& o = *known;
  if (!o.live) {
    violated("expires-on-time", name_of(o, e.subject) + " ends twice");
    return;
  }
  set_expiry(e.subject, o, std::nullopt);
  o.live = false;
  if (auto d = dependants_.find(o.parent); d != dependants_.end())
    d->second.erase(e.subject);
  if (o.token)
    ended_now_.push_back(e.subject);
}

void invariant_checker::check_decision(const trace_event& e, const object& o) {
  const ttl_decision& d = *e.ttl;
  const std::string what = name_of(o, e.subject) + " (" + to_string(e.kind) + ")";
  auto broken = [&](const std::string& why) { violated("ttl-within-max", what + ": " + why); };
  const bool renewal =
    e.kind == trace_kind::token_renewed || e.kind == trace_kind::lease_renewed;
  if (d.ttl > d.max_ttl)
    broken("TTL " + format_duration(d.ttl) + " is above its max TTL " +
           format_duration(d.max_ttl));
  if (d.now != truncate_to_second(e.at))
    broken("CalculateTTL's now " + at_text(d.now) + " is not the event's second");
  if (d.basis != ttl_basis::period && (!d.deadline || *d.deadline != d.start + d.max_ttl))
    broken("its deadline " + opt_text(d.deadline) + " is not start " + at_text(d.start) +
           " + max TTL " + format_duration(d.max_ttl));
  if (d.basis == ttl_basis::period && d.max_from == max_basis::explicit_max &&
      (!d.deadline || *d.deadline != d.start + d.max_ttl))
    broken("a periodic TTL's deadline " + opt_text(d.deadline) + " is not start + explicit max " +
           format_duration(d.max_ttl));
  if (d.deadline && d.now + d.ttl > *d.deadline)
    broken("now " + at_text(d.now) + " + TTL " + format_duration(d.ttl) + " is past its deadline " +
           at_text(*d.deadline));
  if (renewal && d.start != truncate_to_second(o.issued))
    broken("the renewal counts from " + at_text(d.start) + ", not from its issue at " +
           at_text(truncate_to_second(o.issued)));
  // The object ends when the decision says: now + TTL, or a batch token's earlier expiry.
  std::optional<sim_time> due;
  if (d.ttl != sim_duration::zero())
    due = e.at + d.ttl;
  if (d.deadline && !e.expires)
    broken("it never expires, though its deadline is " + at_text(*d.deadline));
  if (d.token_cap) {
    if (!due || d.token_cap->expiry >= *due)
      broken("its expiry was cut to the batch token's " + at_text(d.token_cap->expiry) +
             ", which is not earlier than " + opt_text(due));
    due = d.token_cap->expiry;
  }
  if (due != e.expires)
    broken("it ends at " + opt_text(e.expires) + ", the decision says " + opt_text(due));
}

} // namespace tokenlab
