#include "actors/alarm.hpp"

#include "actors/context.hpp"
#include "actors/messages.hpp"

#include <caf/actor_cast.hpp>
#include <caf/mailbox_element.hpp>
#include <caf/message_id.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace tokenlab {

alarm_table::alarm_table(caf::actor_system& sys)
  : clock_(dynamic_cast<caf::detail::test_actor_clock*>(&sys.clock())) {}

bool alarm_table::takes(caf::actor_clock::time_point due) const {
  return clock_ && !closed_ && due > clock_->now();
}

alarm_table::handle alarm_table::arm(const caf::actor& alarm, caf::actor_clock::time_point due,
                                     caf::actor_addr who, std::uint64_t number) {
  if (!takes(due))
    return {};
  auto key = due.time_since_epoch().count();
  auto seq = next_seq_++;
  ++armed_;
  auto [i, fresh] = wake_ups_.try_emplace(key);
  auto& w = i->second;
  if (fresh) {
    // The instant's first timer: its wake-up takes the place in CAF's clock that the timer's
    // own delayed message would have had.
    auto content = caf::make_mailbox_element(nullptr, caf::make_message_id(), {},
                                             expire_atom::value, key);
    w.entry = schedule_withdrawable(*clock_, due, caf::actor_cast<caf::strong_actor_ptr>(alarm),
                                    std::move(content));
  }
  timer t{seq, std::move(who), number};
  ++w.live;
  if (fresh) {
    w.first = std::move(t);
    return {key, seq, 0};
  }
  w.more.push_back(std::move(t));
  return {key, seq, w.more.size()};
}

void alarm_table::cancel(handle h) {
  if (h.seq == 0)
    return;
  auto i = wake_ups_.find(h.due);
  if (i == wake_ups_.end())
    return; // fired already
  auto& w = i->second;
  auto& t = h.slot == 0 ? w.first : w.more.at(h.slot - 1);
  if (t.seq != h.seq)
    return;
  t = {};
  --w.live;
  --armed_;
  // The instant's last timer takes its wake-up along, unless that is due (maybe shipped).
  if (w.live == 0 && h.due > clock_->now().time_since_epoch().count()) {
    withdraw(*clock_, w.entry);
    wake_ups_.erase(i);
  }
}

void alarm_table::fire(caf::event_based_actor* alarm, caf::actor_clock::duration_type::rep due) {
  auto i = wake_ups_.find(due);
  if (i == wake_ups_.end())
    return;
  auto w = std::move(i->second);
  wake_ups_.erase(i);
  auto send = [&](const timer& t) {
    if (t.seq == 0)
      return; // cancelled
    --armed_;
    if (auto target = caf::actor_cast<caf::actor>(t.who))
      alarm->send(target, expire_atom::value, t.number);
  };
  send(w.first);
  for (const auto& t : w.more)
    send(t);
}

void alarm_table::close() {
  closed_ = true;
  wake_ups_.clear();
  armed_ = 0;
}

void expiry_timer::arm(caf::event_based_actor* self, const sim_context& ctx, sim_duration delay,
                       std::uint64_t number) {
  cancel();
  delay = std::max(delay, sim_duration::zero());
  if (delay > sim_end - sim_now(self, ctx))
    return; // past the end of the lab's time: no step can reach it (clock/sim_time.hpp)
  if (!ctx.alarm)
    return self->delayed_send(self, delay, expire_atom::value, number);
  auto due = self->clock().now() + delay;
  if (!ctx.alarms || !ctx.alarms->takes(due))
    return self->delayed_send(ctx.alarm, delay, expire_atom::value,
                              caf::actor_cast<caf::actor_addr>(self), number);
  table_ = ctx.alarms;
  handle_ = table_->arm(ctx.alarm, due, caf::actor_cast<caf::actor_addr>(self), number);
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
      [=](expire_atom, caf::actor_clock::duration_type::rep due) { table->fire(self, due); },
      [=](expire_atom, const caf::actor_addr& who, std::uint64_t number) {
        if (auto target = caf::actor_cast<caf::actor>(who))
          self->send(target, expire_atom::value, number);
      },
    };
  });
  return ctx.alarm;
}

} // namespace tokenlab
