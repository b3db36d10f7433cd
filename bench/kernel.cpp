// The bare event-heap kernel of the reference capacity workload (../shared/bench/capacity-
// workload.md; scenarios/capacity/): one thread, one binary heap of events, plain arrays of
// tokens and leases, no actors, no strings. It is the baseline tokenlab's fleet is timed
// against (./bench/run prints tokenlab's time as a ratio to it, measured in the same run), and
// it prints the workload's COUNTS and DETAIL lines, which must equal the reference lines and
// tokenlab's. Usage: tokenlab_bench_kernel N [H_HOURS] [SEED]

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <vector>

namespace {

using ms = std::int64_t;

constexpr ms token_ttl = 1'800'000;
constexpr ms token_max_ttl = 7'200'000;
constexpr ms lease_ttl = 3'600'000;
constexpr ms renew_every = 1'200'000;
constexpr ms renew_increment = 1'800'000;
constexpr std::uint64_t gamma = 0x9E3779B97F4A7C15ULL;

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double u53(std::uint64_t x) {
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

enum class kind : std::uint8_t { start, tick, exit, token_expiry, lease_expiry };

struct event {
  ms at;
  std::uint64_t seq;
  kind what;
  std::uint32_t id; // the slot (start, tick, exit), the token or the lease
  bool operator>(const event& o) const { return at != o.at ? at > o.at : seq > o.seq; }
};

struct token {
  ms issue;
  ms expire;
  std::uint32_t lease;
  bool live;
};

struct lease {
  ms expire;
  bool live;
};

struct slot {
  std::uint64_t stream;
  ms start;
  ms exit;
  std::uint32_t current; // its container's token
};

struct counts {
  std::int64_t logins = 0, renewals = 0, capped = 0, storage_writes = 0, starts = 0, ticks = 0,
               exits = 0, relogins = 0, tok_expired = 0, lease_expired = 0, tok_revoked = 0,
               lease_revoked = 0, live_tokens = 0, live_leases = 0, peak_tokens = 0,
               peak_leases = 0;
};

class kernel {
public:
  kernel(std::uint32_t n, ms horizon, std::uint64_t seed) : horizon_{horizon}, slots_(n) {
    for (std::uint32_t i = 0; i < n; ++i) {
      slots_[i].stream = mix64(seed + (static_cast<std::uint64_t>(i) + 1) * gamma);
      const ms arrival = static_cast<ms>(u53(next(i)) * 3600000.0);
      push(arrival, kind::start, i);
    }
  }

  counts run() {
    ms now = -1;
    while (!queue_.empty()) {
      const event e = queue_.top();
      queue_.pop();
      if (e.at >= horizon_)
        continue;
      if (e.at != now) { // the live counts after every event of the previous instant
        c_.peak_tokens = std::max(c_.peak_tokens, c_.live_tokens);
        c_.peak_leases = std::max(c_.peak_leases, c_.live_leases);
        now = e.at;
      }
      switch (e.what) {
        case kind::start: start(e.id, e.at); break;
        case kind::tick: tick(e.id, e.at); break;
        case kind::exit: exit(e.id, e.at); break;
        case kind::token_expiry: token_expiry(e.id, e.at); break;
        case kind::lease_expiry: lease_expiry(e.id, e.at); break;
      }
    }
    c_.peak_tokens = std::max(c_.peak_tokens, c_.live_tokens);
    c_.peak_leases = std::max(c_.peak_leases, c_.live_leases);
    return c_;
  }

private:
  std::uint64_t next(std::uint32_t i) {
    slots_[i].stream += gamma;
    return mix64(slots_[i].stream);
  }

  void push(ms at, kind what, std::uint32_t id) {
    if (at < horizon_)
      queue_.push({at, seq_++, what, id});
  }

  // A login and its secret read: a token and a lease it owns.
  std::uint32_t login(ms t) {
    const auto l = static_cast<std::uint32_t>(leases_.size());
    leases_.push_back({t + lease_ttl, true});
    const auto k = static_cast<std::uint32_t>(tokens_.size());
    tokens_.push_back({t, t + token_ttl, l, true});
    ++c_.logins;
    ++c_.live_tokens;
    ++c_.live_leases;
    c_.storage_writes += 3 + 2;
    push(t + token_ttl, kind::token_expiry, k);
    push(t + lease_ttl, kind::lease_expiry, l);
    return k;
  }

  void arm(std::uint32_t i, ms after) {
    const slot& s = slots_[i];
    const ms tick = s.start + ((after - s.start) / renew_every + 1) * renew_every;
    if (tick < s.exit)
      push(tick, kind::tick, i);
    else
      push(s.exit, kind::exit, i);
  }

  void start(std::uint32_t i, ms t) {
    ++c_.starts;
    slot& s = slots_[i];
    const ms life = std::max<ms>(
      1, static_cast<ms>(-std::log(1.0 - u53(next(i))) * 3600000.0));
    s.start = t;
    s.exit = t + life;
    s.current = login(t);
    arm(i, t);
  }

  // Removes a lease at t: expired when its time has come (the access rule), else revoked.
  void remove_lease(std::uint32_t l, ms t) {
    lease& x = leases_[l];
    if (!x.live)
      return;
    x.live = false;
    --c_.live_leases;
    ++c_.storage_writes;
    ++(x.expire <= t ? c_.lease_expired : c_.lease_revoked);
  }

  // Removes a token and its lease; `expired` says how the token ended.
  void remove_token(std::uint32_t k, ms t, bool expired) {
    token& x = tokens_[k];
    remove_lease(x.lease, t);
    x.live = false;
    --c_.live_tokens;
    ++c_.storage_writes;
    ++(expired ? c_.tok_expired : c_.tok_revoked);
  }

  // The access rule: a live token whose time has come expires now.
  void touch(std::uint32_t k, ms t) {
    if (tokens_[k].live && tokens_[k].expire <= t)
      remove_token(k, t, true);
  }

  void tick(std::uint32_t i, ms t) {
    ++c_.ticks;
    slot& s = slots_[i];
    touch(s.current, t);
    token& x = tokens_[s.current];
    const ms ttl = std::min(renew_increment, x.issue + token_max_ttl - t);
    if (!x.live || ttl <= 0) {
      ++c_.relogins;
      s.current = login(t);
    } else {
      x.expire = t + ttl; // its expiry event, when reached, re-arms (lazy cancellation)
      ++c_.renewals;
      ++c_.storage_writes;
      if (ttl < renew_increment)
        ++c_.capped;
    }
    arm(i, t);
  }

  void exit(std::uint32_t i, ms t) {
    ++c_.exits;
    const std::uint32_t k = slots_[i].current;
    touch(k, t);
    if (tokens_[k].live)
      remove_token(k, t, false);
    push(t, kind::start, i); // the replacement, a separate start at the same instant
  }

  void token_expiry(std::uint32_t k, ms t) {
    const token& x = tokens_[k];
    if (!x.live)
      return;
    if (x.expire > t)
      return push(x.expire, kind::token_expiry, k); // renewed since: wake up later
    remove_token(k, t, true);
  }

  void lease_expiry(std::uint32_t l, ms t) {
    if (leases_[l].live && leases_[l].expire <= t)
      remove_lease(l, t);
  }

  ms horizon_;
  std::vector<slot> slots_;
  std::vector<token> tokens_;
  std::vector<lease> leases_;
  std::priority_queue<event, std::vector<event>, std::greater<>> queue_;
  std::uint64_t seq_ = 0;
  counts c_;
};

} // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::fprintf(stderr, "usage: %s N [H_HOURS] [SEED]\n", argv[0]);
    return 2;
  }
  const auto n = static_cast<std::uint32_t>(std::strtoul(argv[1], nullptr, 10));
  const double hours = argc > 2 ? std::strtod(argv[2], nullptr) : 15.0;
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  const ms horizon = static_cast<ms>(hours * 3600000.0);
  const counts c = kernel{n, horizon, seed}.run();
  const auto ll = [](std::int64_t v) { return static_cast<long long>(v); };
  std::printf("COUNTS N=%u H_ms=%lld seed=%llu logins=%lld renewals=%lld capped_renewals=%lld "
              "expiries=%lld revocations=%lld storage_writes=%lld peak_live_tokens=%lld "
              "events=%lld\n",
              n, ll(horizon), static_cast<unsigned long long>(seed), ll(c.logins), ll(c.renewals),
              ll(c.capped), ll(c.tok_expired + c.lease_expired),
              ll(c.tok_revoked + c.lease_revoked), ll(c.storage_writes), ll(c.peak_tokens),
              ll(c.starts + c.ticks + c.exits + c.tok_expired + c.lease_expired));
  std::printf("DETAIL starts=%lld ticks=%lld exits=%lld relogins=%lld tok_expired=%lld "
              "lease_expired=%lld tok_revoked=%lld lease_revoked=%lld live_tokens_end=%lld "
              "live_leases_end=%lld peak_live_leases=%lld\n",
              ll(c.starts), ll(c.ticks), ll(c.exits), ll(c.relogins), ll(c.tok_expired),
              ll(c.lease_expired), ll(c.tok_revoked), ll(c.lease_revoked), ll(c.live_tokens),
              ll(c.live_leases), ll(c.peak_leases));
  return 0;
}
