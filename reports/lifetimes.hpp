#pragma once
// The lives of a run's tokens and leases, read off its trace: when each began, when it was
// renewed and to what, where its max-TTL deadline lay, and how and when it ended. The
// pictures (the Perfetto trace, the Markdown report's Mermaid charts) draw these; they
// depend on nothing but the run record, so a picture says what the text report says.

#include "model/trace.hpp"
#include "reports/run_record.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tokenlab {

/// One token or lease, from its creation event to its end (or to the end of the run).
struct lifetime {
  enum class kind { token, lease };
  kind what = kind::token;
  std::string id;
  std::string label;  ///< the scenario's name for it ("t1"), else a shortened ID
  std::string parent; ///< a token's parent token ID, a lease's owning token ID ("" for none)
  sim_time start{};
  std::optional<sim_time> expires;  ///< the expiry the last creation or renewal set
  std::optional<sim_time> deadline; ///< the max-TTL deadline, when there is one
  std::vector<sim_time> renewals;
  std::optional<sim_time> end; ///< when it expired or was revoked; none: alive at the run's end
  trace_cause cause = trace_cause::none; ///< why it ended
  /// The index in the run's lifetimes of the family's first token: a child of the root token
  /// (or an orphan) starts a family, its descendants and their leases belong to it.
  std::size_t family = 0;
  /// The steps (indices in the run's steps) that created it, ended it and orphaned it, so a
  /// picture can show the tree as it stood after any step, even between events at one instant.
  std::size_t born_step = 0;
  std::optional<std::size_t> end_step;
  std::optional<std::size_t> orphaned_step;
  std::string former_parent; ///< the parent a token had until it was orphaned
};

/// The lives of every token and lease the run's steps traced, in creation order. A fleet's
/// objects are counted, not traced, so they are not among them.
std::vector<lifetime> lifetimes(const run_record& run);

/// The instant the run ended: the last step's time.
sim_time run_end(const run_record& run);

/// How a lifetime ended, in a few words: `expired`, `revoked (parent revoked)`, `alive`.
std::string ending(const lifetime& l);

} // namespace tokenlab
