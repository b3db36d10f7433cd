// What the commands do when the simulated Vault breaks an invariant: no run yields one (the
// lab has no such bug known), so the path is driven here with a record that has one, in a
// child process, as the tokenlab process would meet it.

#include "cli/commands.hpp"
#include "cli/shared.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

using namespace tokenlab;

namespace {

struct child_outcome {
  int code = -1;
  std::string err;
};

// Runs `body` in a child process with stderr captured; its exit code and what it wrote.
template <class F>
child_outcome in_child(F body) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    ::dup2(fds[1], STDERR_FILENO);
    body();
    std::_Exit(0);
  }
  ::close(fds[1]);
  child_outcome out;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
    out.err.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

} // namespace

TEST_CASE("a broken invariant stops tokenlab with exit 3, its message and no report") {
  run_record run;
  run.file = "s.vlab";
  invariant_violation v;
  v.loc = source_loc{"s.vlab", 7, 1};
  v.step = 2;
  v.at = sim_time{std::chrono::hours{2}};
  v.invariant = "lease-dies-with-token";
  v.detail = "lease aws/creds/app/x is live after its token t was revoked";
  run.violations.push_back(v);
  const auto r = in_child([&] { cli::stop_on_violation(run); });
  CHECK(r.code == cli::exit_internal);
  CHECK(r.err ==
        "tokenlab: internal error: s.vlab:7: step 3 at t+2h: invariant lease-dies-with-token "
        "broken: lease aws/creds/app/x is live after its token t was revoked\n"
        "tokenlab: the simulated Vault broke an invariant, so this run's report cannot be "
        "trusted and is not printed; please report it with the scenario\n");
  run.violations.clear();
  const auto fine = in_child([&] { cli::stop_on_violation(run); });
  CHECK(fine.code == 0);
  CHECK(fine.err.empty());
}
