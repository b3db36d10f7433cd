// The shell's session without a terminal: entries replayed, undone, completed.

#include "cli/session.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using tokenlab::cli::shell_session;

namespace {

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

} // namespace

TEST_CASE("a session shows only the new steps, and its prompt counts steps and time") {
  shell_session s;
  CHECK(s.prompt() == "[1] t+0s> ");
  auto r = s.enter("vault token create -ttl=1h => t\n");
  CHECK(r.err.empty());
  CHECK(r.out.rfind("\nt+0s  vault token create -ttl=1h => t\n", 0) == 0);
  r = s.enter("advance 2h");
  CHECK(r.out.rfind("\nt+0s → t+2h  advance 2h\n", 0) == 0);
  CHECK(r.out.find("t+1h token_expired") != std::string::npos);
  CHECK(r.out.find("vault token create") == std::string::npos); // the first step is not shown again
  CHECK(s.prompt() == "[3] t+2h> ");
  r = s.enter("expect token $t expired");
  CHECK(r.out == "  ✓ PASS expect token $t expired (actual: expired)\n");
  CHECK(s.script() == "vault token create -ttl=1h => t\nadvance 2h\nexpect token $t expired\n");
}

TEST_CASE("a refused entry is shown under its line with a caret, and changes nothing") {
  shell_session s;
  s.enter("vault token create => t");
  const auto r = s.enter("vault token renew -incremnt=1h $t");
  CHECK(r.out.empty());
  CHECK(r.err == "  vault token renew -incremnt=1h $t\n"
                 "                    ^ flag provided but not defined: -incremnt "
                 "(did you mean -increment?)\n");
  CHECK(s.script() == "vault token create => t\n");
  CHECK(s.prompt() == "[2] t+0s> ");
}

TEST_CASE("undo and back forget entries, and the next replay is the run without them") {
  shell_session s;
  CHECK(s.enter("undo").err == "nothing to undo\n");
  s.enter("vault token create -ttl=1h => t");
  s.enter("advance 30m");
  s.enter("vault token revoke $t");
  CHECK(s.enter("undo").out == "  undone: vault token revoke $t\n  back at step 2, t+30m\n");
  CHECK(s.enter("expect token $t valid").out ==
        "  ✓ PASS expect token $t valid (actual: valid)\n");
  CHECK(s.enter("back 7").err == "back 7: there are steps 0 to 3 to go back to\n");
  CHECK(s.enter("back x").err ==
        "back takes a step number: back 2 returns to the state after step 2\n");
  CHECK(s.enter("back 1").out == "  2 entries undone\n  back at step 1, t+0s\n");
  CHECK(s.script() == "vault token create -ttl=1h => t\n");
}

TEST_CASE("a heredoc entry is one step with its text") {
  CHECK(shell_session::heredoc_of("vault policy write p - <<EOF") == std::optional<std::string>{"EOF"});
  CHECK(shell_session::heredoc_of("vault policy write p - << 'END' # x") ==
        std::optional<std::string>{"END"});
  CHECK_FALSE(shell_session::heredoc_of("vault token create"));
  shell_session s;
  const auto r = s.enter("vault policy write p - <<EOF\npath \"a/*\" {\n  capabilities = [\"read\"]\n}\nEOF\n");
  CHECK(r.err.empty());
  CHECK(r.out.find("Success! Uploaded policy: p") != std::string::npos);
  CHECK(s.prompt() == "[2] t+0s> ");
}

TEST_CASE("completion offers what would parse: directives, vault commands, flags, names") {
  shell_session s;
  const auto first = s.complete("");
  CHECK(has(first, "help"));
  CHECK(has(first, "vault"));
  CHECK(has(first, "advance"));
  CHECK(s.complete("adv") == std::vector<std::string>{"advance"});
  CHECK(s.complete("vault tok") == std::vector<std::string>{"token"}); // not the 0.x token-create
  const auto token = s.complete("vault token c");
  CHECK(token == std::vector<std::string>{"create", "capabilities"});
  const auto flags = s.complete("vault token create -t");
  CHECK(has(flags, "-ttl="));
  CHECK(has(flags, "-type="));
  CHECK_FALSE(has(flags, "-policy="));
  CHECK(has(s.complete("vault token create -o"), "-orphan"));
  CHECK(s.complete("vault token create -z").empty());
  CHECK(s.complete("vault kv metadata ") == std::vector<std::string>{"get", "put", "delete"});
  CHECK(s.complete("vault token renew $") == std::vector<std::string>{"$root"});
  s.enter("vault token create => web");
  CHECK(s.complete("vault token renew $") == std::vector<std::string>{"$root", "$web"});
  CHECK(s.complete("VAULT_TOKEN=$web vault st") == std::vector<std::string>{"status"});
  CHECK(s.complete("expect ") == std::vector<std::string>{"token", "lease", "web."});
}
