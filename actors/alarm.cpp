#include "actors/alarm.hpp"

#include "actors/context.hpp"
#include "actors/messages.hpp"

#include <caf/actor_cast.hpp>
#include <caf/mailbox_element.hpp>
#include <caf/message_id.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <utility>

namespace tokenlab {

alarm_table::alarm_table(caf::actor_system& sys)
  : any_clock_(sys.clock())
  , clock_(dynamic_cast<caf::detail::test_actor_clock*>(&any_clock_)) {}

alarm_table::handle alarm_table::arm(const caf::actor& alarm, caf::actor_clock::time_point due,
                                     caf::actor_addr who, std::uint64_t number) {
  if (closed_)
    return {};
  auto seq = next_seq_++;
  ++armed_;
  // A due instant after now shares the wake-up already in CAF's clock for it. A timer due
  // now gets a wake-up of its own, as its own delayed message would have: the instant's
  // wake-up may be shipped already, and a timer joining it would fire too early.
  const bool future = clock_ && due > clock_->now();
  auto key = due.time_since_epoch().count();
  if (future) {
    auto j = joinable_.find(key);
    if (j != joinable_.end()) {
      wake_ups_.at(j->second).timers.push_back({seq, std::move(who), number});
      return {j->second, seq};
    }
  }
  auto id = next_wake_up_++;
  auto content = caf::make_mailbox_element(nullptr, caf::make_message_id(), {},
                                           expire_atom::value, id);
  auto receiver = caf::actor_cast<caf::strong_actor_ptr>(alarm);
  wake_up w{due, {}, {}};
  if (clock_)
    w.entry = schedule_withdrawable(*clock_, due, std::move(receiver), std::move(content));
  else
    any_clock_.schedule_message(due, std::move(receiver), std::move(content));
  w.timers.push_back({seq, std::move(who), number});
  wake_ups_.emplace(id, std::move(w));
  if (future)
    joinable_.emplace(key, id);
  return {id, seq};
}

void alarm_table::cancel(handle h) {
  if (h.wake_up == 0)
    return;
  auto i = wake_ups_.find(h.wake_up);
  if (i == wake_ups_.end())
    return; // fired already
  auto& ts = i->second.timers;
  auto t = std::find_if(ts.begin(), ts.end(), [&](const timer& x) { return x.seq == h.seq; });
  if (t == ts.end())
    return;
  ts.erase(t);
  --armed_;
  // The instant's last timer takes its wake-up along, unless that is due (maybe shipped).
  if (ts.empty() && clock_ && i->second.due > clock_->now()) {
    withdraw(*clock_, i->second.entry);
    joinable_.erase(i->second.due.time_since_epoch().count());
    wake_ups_.erase(i);
  }
}

void alarm_table::fire(caf::event_based_actor* alarm, std::uint64_t id) {
  auto i = wake_ups_.find(id);
  if (i == wake_ups_.end())
    return;
  auto w = std::move(i->second);
  wake_ups_.erase(i);
  auto j = joinable_.find(w.due.time_since_epoch().count());
  if (j != joinable_.end() && j->second == id)
    joinable_.erase(j);
  armed_ -= w.timers.size();
  for (auto& t : w.timers)
    if (auto target = caf::actor_cast<caf::actor>(t.who))
      alarm->send(target, expire_atom::value, t.number);
}

void alarm_table::close() {
  closed_ = true;
  wake_ups_.clear();
  joinable_.clear();
  armed_ = 0;
}

void expiry_timer::arm(caf::event_based_actor* self, const sim_context& ctx, sim_duration delay,
                       std::uint64_t number) {
  cancel();
  delay = std::max(delay, sim_duration::zero());
  if (delay > sim_end - sim_now(self, ctx))
    return; // past the end of the lab's time: no step can reach it (clock/sim_time.hpp)
  if (!ctx.alarm || !ctx.alarms)
    return self->delayed_send(self, delay, expire_atom::value, number);
  table_ = ctx.alarms;
  handle_ = table_->arm(ctx.alarm, self->clock().now() + delay,
                        caf::actor_cast<caf::actor_addr>(self), number);
}

void expiry_timer::cancel() {
  if (table_)
    table_->cancel(std::exchange(handle_, {}));
}

caf::actor start_alarm(caf::actor_system& sys, sim_context& ctx) {
  auto table = std::make_shared<alarm_table>(sys);
  ctx.alarms = table;
  ctx.alarm = sys.spawn([table](caf::event_based_actor* self) -> caf::behavior {
    self->attach_functor([table] { table->close(); });
    return {
      [=](expire_atom, std::uint64_t id) { table->fire(self, id); },
    };
  });
  return ctx.alarm;
}

} // namespace tokenlab
