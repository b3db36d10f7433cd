// The Chrome trace (Trace Event Format, JSON), which Perfetto UI and chrome://tracing load:
// each run is a process, each token family a track, each token and lease a complete event
// ("X") from its creation to its end, renewals and max-TTL deadlines instant events on its
// track. Complete events on one thread must nest, so a family whose lives overlap without
// nesting (two children of one parent, say) spreads over as many tracks as it needs, named
// after the family. Written line by line: a run with a million lives stays a stream.

#include "clock/calendar.hpp"
#include "reports/lifetimes.hpp"
#include "reports/render.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace tokenlab {

namespace {

std::string quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string micros(sim_time t) {
  return std::to_string(millis(t) * 1000);
}

// Tracks of one family: each keeps the ends of the lives open on it, innermost last.
struct lane {
  std::vector<sim_time> open;
};

class trace_writer {
public:
  void line(const std::string& event) {
    out_ += first_ ? "\n" : ",\n";
    out_ += event;
    first_ = false;
  }
  std::string finish() { return "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[" + out_ + "\n]}\n"; }

private:
  std::string out_;
  bool first_ = true;
};

void write_run(trace_writer& w, const run_record& run, int pid) {
  const std::string p = std::to_string(pid);
  const std::string title = run.title.empty() ? run.file : run.title + " (" + run.file + ")";
  w.line("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" + p + ",\"args\":{\"name\":" +
         quoted(title) + "}}");
  const auto lives = lifetimes(run);
  const sim_time last = run_end(run);
  std::map<std::size_t, std::vector<lane>> families; // family -> its tracks
  std::map<std::pair<std::size_t, std::size_t>, int> tids; // (family, lane) -> tid
  for (const auto& l : lives) {
    const sim_time end = l.end ? *l.end : std::max(last, l.start);
    auto& lanes = families[l.family];
    std::size_t k = 0;
    for (; k < lanes.size(); ++k) {
      auto& open = lanes[k].open;
      while (!open.empty() && open.back() <= l.start)
        open.pop_back();
      if (open.empty() || end <= open.back())
        break;
    }
    if (k == lanes.size())
      lanes.emplace_back();
    lanes[k].open.push_back(end);
    auto [it, fresh] = tids.emplace(std::make_pair(l.family, k), static_cast<int>(tids.size()) + 1);
    const std::string tid = std::to_string(it->second);
    if (fresh) {
      const std::string head = lives[l.family].label;
      const std::string name = "family of " + head + (k == 0 ? "" : " (" + std::to_string(k + 1) + ")");
      w.line("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":" + p + ",\"tid\":" + tid +
             ",\"args\":{\"name\":" + quoted(name) + "}}");
      w.line("{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":" + p + ",\"tid\":" + tid +
             ",\"args\":{\"sort_index\":" + tid + "}}");
    }
    const bool token = l.what == lifetime::kind::token;
    std::string args = "\"id\":" + quoted(l.id) + ",\"ended\":" + quoted(ending(l));
    if (!l.parent.empty())
      args += std::string{",\""} + (token ? "parent" : "owner") + "\":" + quoted(l.parent);
    if (l.expires)
      args += ",\"expires\":" + quoted(format_offset(*l.expires));
    if (l.deadline)
      args += ",\"deadline\":" + quoted(format_offset(*l.deadline));
    args += ",\"renewals\":" + std::to_string(l.renewals.size());
    const std::string name = (token ? "token " : "lease ") + l.label;
    w.line("{\"name\":" + quoted(name) + ",\"cat\":\"" + (token ? "token" : "lease") +
           "\",\"ph\":\"X\",\"pid\":" + p + ",\"tid\":" + tid + ",\"ts\":" + micros(l.start) +
           ",\"dur\":" + std::to_string((end - l.start).count() * 1000) + ",\"args\":{" + args +
           "}}");
    for (const auto& at : l.renewals)
      w.line("{\"name\":" + quoted("renewed " + l.label) + ",\"cat\":\"renewal\",\"ph\":\"i\"," +
             "\"s\":\"t\",\"pid\":" + p + ",\"tid\":" + tid + ",\"ts\":" + micros(at) + "}");
    if (l.deadline && *l.deadline <= end)
      w.line("{\"name\":" + quoted("max TTL deadline of " + l.label) +
             ",\"cat\":\"deadline\",\"ph\":\"i\",\"s\":\"t\",\"pid\":" + p + ",\"tid\":" + tid +
             ",\"ts\":" + micros(*l.deadline) + "}");
  }
}

} // namespace

std::string render_trace(const std::vector<run_record>& runs) {
  trace_writer w;
  int pid = 0;
  for (const auto& run : runs)
    write_run(w, run, ++pid);
  return w.finish();
}

} // namespace tokenlab
