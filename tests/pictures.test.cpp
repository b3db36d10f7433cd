// The pictures of a run (lifetimes, the Chrome trace, the Markdown report's Mermaid charts,
// the HTML page) checked by their structure on the defining examples: the right lives, ended
// the right way, a trace that Perfetto can load (complete events nest on every track), and a
// well-formed page that loads nothing, escapes everything and draws a bar per life.

#include "language/parser.hpp"
#include "reports/lifetimes.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"
#include "runner/runner.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <vector>

using namespace tokenlab;

namespace {

run_record run_file(const std::string& relative) {
  auto parsed = load_scenario(std::string{TOKENLAB_SOURCE_DIR} + "/scenarios/" + relative);
  if (auto err = std::get_if<parse_error>(&parsed))
    FAIL(err->render());
  return run_scenario(std::get<scenario>(parsed));
}

run_record run_text(const std::string& text, const std::string& name) {
  auto parsed = parse_scenario_text(text, name);
  if (auto err = std::get_if<parse_error>(&parsed))
    FAIL(err->render());
  return run_scenario(std::get<scenario>(parsed));
}

std::string lives_text(const run_record& run) {
  std::string out;
  for (const auto& l : lifetimes(run))
    out += l.label + " " + format_offset(l.start) + " " + ending(l) +
           (l.end ? " " + format_offset(*l.end) : "") + " family " + std::to_string(l.family) +
           "\n";
  return out;
}

} // namespace

SCENARIO("a parent's revocation ends its child and both leases and the batch job's token expires") {
  const auto run = run_file("leases/parent-revocation-kills-aws-leases.vlab");
  CHECK(lives_text(run) == "parent t+0s revoked t+30m family 0\n"
                           "child t+0s revoked (parent revoked) t+30m family 0\n"
                           "parent_creds t+0s revoked (owner token revoked) t+30m family 0\n"
                           "child_creds t+0s revoked (owner token revoked) t+30m family 0\n"
                           "short t+30m expired t+1h30m family 4\n"
                           "short_creds t+30m revoked (owner token revoked) t+1h30m family 4\n");
}

SCENARIO("the trace has a complete event per life, nested on every track, in microseconds") {
  const auto run = run_file("leases/parent-revocation-kills-aws-leases.vlab");
  const auto doc = nlohmann::json::parse(render_trace({run}));
  CHECK(doc["displayTimeUnit"] == "ms");
  std::map<int, std::vector<std::pair<std::int64_t, std::int64_t>>> by_track;
  std::map<int, std::string> track_names;
  for (const auto& e : doc["traceEvents"]) {
    if (e["ph"] == "X")
      by_track[e["tid"].get<int>()].emplace_back(e["ts"].get<std::int64_t>(),
                                                  e["ts"].get<std::int64_t>() +
                                                    e["dur"].get<std::int64_t>());
    if (e["ph"] == "M" && e["name"] == "thread_name")
      track_names[e["tid"].get<int>()] = e["args"]["name"].get<std::string>();
  }
  std::size_t complete = 0;
  for (const auto& [tid, spans] : by_track) {
    complete += spans.size();
    // In start order, each span either starts after the innermost open one ends or lies in it.
    std::vector<std::int64_t> open;
    for (const auto& [start, end] : spans) {
      while (!open.empty() && open.back() <= start)
        open.pop_back();
      CHECK((open.empty() || end <= open.back()));
      open.push_back(end);
    }
  }
  CHECK(complete == 6);
  // Everything of the parent's family ends with it at t+30m, so it nests on one track.
  CHECK(track_names == std::map<int, std::string>{{1, "family of parent"}, {2, "family of short"}});
  CHECK(by_track.at(2) == std::vector<std::pair<std::int64_t, std::int64_t>>{
                            {1800000000, 5400000000}, {1800000000, 5400000000}});
}

SCENARIO("siblings whose lives overlap without nesting take a second track of their family") {
  auto parsed = parse_scenario_text("vault token create -ttl=4h => p\n"
                                    "VAULT_TOKEN=$p vault token create -ttl=1h => a\n"
                                    "advance 30m\n"
                                    "VAULT_TOKEN=$p vault token create -ttl=1h => b\n"
                                    "advance 4h\n",
                                    "siblings.vlab");
  REQUIRE(std::holds_alternative<scenario>(parsed));
  const auto doc =
    nlohmann::json::parse(render_trace({run_scenario(std::get<scenario>(parsed))}));
  std::vector<std::string> placed;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "X")
      placed.push_back(e["name"].get<std::string>() + " on " + std::to_string(e["tid"].get<int>()));
  CHECK(placed == std::vector<std::string>{"token p on 1", "token a on 1", "token b on 2"});
}

SCENARIO("the renewal example's trace marks the renewal and the max-TTL deadline") {
  const auto run = run_file("renewal/renew-capped-by-max-ttl-6h-9h.vlab");
  const auto doc = nlohmann::json::parse(render_trace({run}));
  std::vector<std::string> instants;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "i")
      instants.push_back(e["name"].get<std::string>() + " " + std::to_string(e["ts"].get<std::int64_t>()));
  CHECK(instants == std::vector<std::string>{"renewed t1 21600000000", "renewed t1 32400000000",
                                             "max TTL deadline of t1 36000000000"});
}

SCENARIO("the Markdown report draws the lives and the tree as Mermaid charts") {
  const auto run = run_file("leases/parent-revocation-kills-aws-leases.vlab");
  const std::string md = render_reports({run}, report_format::markdown);
  CHECK(md.find("## Pictures\n\n```mermaid\ngantt\n") != std::string::npos);
  CHECK(md.find("  token child t+0s to t+30m revoked (parent revoked) :crit, 0, 1800000\n") !=
        std::string::npos);
  CHECK(md.find("```mermaid\ngraph TD\n") != std::string::npos);
  CHECK(md.find("  n1 --> n2\n") != std::string::npos);  // parent -> child
  CHECK(md.find("  n1 -.-> n3\n") != std::string::npos); // parent -.-> its lease
}

namespace {

// A small checker of the HTML page's markup: tags closed in order (void elements and
// self-closed SVG elements aside), every attribute value in double quotes, no raw `<` or `>`
// in text or values and no `&` that does not start an entity, and nothing fetched from outside
// the page (no src=, no href but #anchors, no http:// or https:// in a tag, no url( or @import
// in the style sheet). Counts the timelines and the bars of lives.
struct page_check {
  std::string problem; ///< the first one found; "" when the page is well formed
  std::size_t timelines = 0;
  std::size_t lives = 0;
  std::size_t aggregates = 0;
};

bool entity_at(const std::string& s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#')
    ++j;
  const std::size_t first = j;
  while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j])))
    ++j;
  return j > first && j < s.size() && s[j] == ';';
}

std::string text_problem(const std::string& s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (s[i] == '>' || s[i] == '<')
      return "raw '" + std::string(1, s[i]) + "' at byte " + std::to_string(i);
    if (s[i] == '&' && !entity_at(s, i))
      return "bare '&' at byte " + std::to_string(i);
  }
  return {};
}

page_check check_page(const std::string& s) {
  page_check c;
  std::vector<std::string> open;
  const auto fail = [&](const std::string& why) {
    if (c.problem.empty())
      c.problem = why;
  };
  const auto name_char = [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == ':';
  };
  std::size_t i = 0;
  while (i < s.size() && c.problem.empty()) {
    const std::size_t lt = s.find('<', i);
    fail(text_problem(s, i, lt == std::string::npos ? s.size() : lt));
    if (lt == std::string::npos)
      break;
    if (s.compare(lt, 4, "<!--") == 0) {
      const auto end = s.find("-->", lt);
      i = end == std::string::npos ? (fail("an unclosed comment"), s.size()) : end + 3;
      continue;
    }
    if (s.compare(lt, 9, "<!DOCTYPE") == 0) {
      i = s.find('>', lt) + 1;
      continue;
    }
    std::size_t j = lt + 1;
    const bool closing = j < s.size() && s[j] == '/';
    if (closing)
      ++j;
    const std::size_t name_start = j;
    while (j < s.size() && name_char(s[j]))
      ++j;
    const std::string name = s.substr(name_start, j - name_start);
    if (name.empty()) {
      fail("a '<' that opens no tag at byte " + std::to_string(lt));
      break;
    }
    if (closing) {
      if (j >= s.size() || s[j] != '>')
        fail("a malformed </" + name + ">");
      else if (open.empty() || open.back() != name)
        fail("</" + name + "> closes " +
             (open.empty() ? std::string{"nothing"} : "<" + open.back() + ">"));
      else
        open.pop_back();
      i = j + 1;
      continue;
    }
    std::map<std::string, std::string> attributes;
    bool self_closed = false;
    while (c.problem.empty()) {
      while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j])))
        ++j;
      if (j >= s.size()) {
        fail("an unclosed <" + name + ">");
        break;
      }
      if (s[j] == '>') {
        ++j;
        break;
      }
      if (s.compare(j, 2, "/>") == 0) {
        self_closed = true;
        j += 2;
        break;
      }
      const std::size_t a = j;
      while (j < s.size() && name_char(s[j]))
        ++j;
      const std::string attribute = s.substr(a, j - a);
      if (attribute.empty() || s.compare(j, 2, "=\"") != 0) {
        fail("attribute '" + attribute + "' of <" + name + "> has no quoted value");
        break;
      }
      const std::size_t end = s.find('"', j + 2);
      if (end == std::string::npos) {
        fail("an unclosed attribute value");
        break;
      }
      const std::string value = s.substr(j + 2, end - j - 2);
      fail(text_problem(s, j + 2, end));
      if (attribute == "src" || (attribute == "href" && value.rfind('#', 0) != 0) ||
          value.find("http://") != std::string::npos ||
          value.find("https://") != std::string::npos || value.find("url(") != std::string::npos)
        fail("<" + name + " " + attribute + "=\"" + value + "\"> reaches outside the page");
      attributes[attribute] = value;
      j = end + 1;
    }
    if (name == "svg" && attributes["class"] == "timeline")
      ++c.timelines;
    if (name == "svg" && attributes["class"] == "aggregate")
      ++c.aggregates;
    if (attributes.count("class") && attributes["class"] == "life")
      ++c.lives;
    if (name == "link" || name == "iframe" || name == "img" || name == "object" || name == "embed")
      fail("<" + name + "> in a page that must not load anything");
    i = j;
    if (name == "script" || name == "style") {
      const auto end = s.find("</" + name + ">", i);
      if (end == std::string::npos) {
        fail("an unclosed <" + name + ">");
        break;
      }
      const std::string body = s.substr(i, end - i);
      for (const char* bad : {"http://", "https://", "src=", "url(", "@import", "<", "&"})
        if (body.find(bad) != std::string::npos)
          fail("<" + name + "> holds '" + bad + "'");
      i = end + name.size() + 3;
      continue;
    }
    if (!self_closed && name != "meta" && name != "br" && name != "hr" && name != "input")
      open.push_back(name);
  }
  if (c.problem.empty() && !open.empty())
    fail("<" + open.back() + "> is never closed");
  return c;
}

} // namespace

SCENARIO("the structure checker of HTML pages finds what it is meant to find") {
  const std::string head = "<!DOCTYPE html>\n<html><body>";
  CHECK(check_page(head + "<p>a &amp; b</p></body></html>").problem.empty());
  CHECK(check_page(head + "<p><b>x</p></b></body></html>").problem == "</p> closes <b>");
  CHECK_FALSE(check_page(head + "<p>a & b</p></body></html>").problem.empty());
  CHECK_FALSE(check_page(head + "<p>a > b</p></body></html>").problem.empty());
  CHECK_FALSE(check_page(head + "<p class=x>a</p></body></html>").problem.empty());
  CHECK_FALSE(check_page(head + "<script src=\"#x\"></script></body></html>").problem.empty());
  CHECK_FALSE(
    check_page(head + "<a href=\"https://example.com\">x</a></body></html>").problem.empty());
  CHECK_FALSE(check_page(head + "<p>open</body></html>").problem.empty());
  CHECK(
    check_page(head + "<svg class=\"timeline\"><rect class=\"life\"/></svg></body></html>").lives ==
    1);
}

SCENARIO("the HTML page of each defining example is well formed, with one bar per life") {
  for (const char* example : {"renewal/renew-capped-by-max-ttl-6h-9h.vlab",
                              "max-ttl/mount-tune-shrinks-max-ttl-7157.vlab",
                              "leases/parent-revocation-kills-aws-leases.vlab"}) {
    const auto run = run_file(example);
    const std::string page = render_reports({run}, report_format::html);
    const page_check c = check_page(page);
    INFO(example);
    CHECK(c.problem == "");
    CHECK(c.timelines == 1);
    CHECK(c.aggregates == 0);
    CHECK(c.lives == lifetimes(run).size());
    CHECK(page == render_reports({run}, report_format::html));
    for (auto d : {report_detail::story, report_detail::brief}) {
      const page_check other = check_page(render_reports({run}, report_format::html, d));
      CHECK(other.problem == "");
      CHECK(other.lives == c.lives);
    }
  }
}

SCENARIO("the HTML page escapes every piece of the scenario's text") {
  const auto run = run_text("title \"<script>alert('t')</script> & \\\"q\\\"\"\n"
                            "note <img src=x onerror=alert(1)> & <b>bold</b>\n"
                            "vault token create -ttl=1h -display-name=x => t\n"
                            "expect t.ttl == 1h\n",
                            "hostile <&>.vlab");
  const std::string page = render_reports({run}, report_format::html);
  const page_check c = check_page(page);
  CHECK(c.problem == "");
  CHECK(c.lives == 1);
  CHECK(page.find("<script>alert") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &quot;q&quot;") !=
        std::string::npos);
  CHECK(page.find("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;") !=
        std::string::npos);
  CHECK(page.find("hostile &lt;&amp;&gt;.vlab") != std::string::npos);
}

SCENARIO("the HTML page shows the token tree as it stood after each step") {
  const auto run = run_file("leases/parent-revocation-kills-aws-leases.vlab");
  const std::string page = render_reports({run}, report_format::html);
  // The tree of a step is one line of the page, found by the step's number.
  const auto tree_of = [&](int step) {
    const std::string head = "<div class=\"tree-group\" data-steps=\"";
    std::size_t at = 0;
    while ((at = page.find(head, at)) != std::string::npos) {
      const std::size_t end = page.find('\n', at);
      const std::string line = page.substr(at, end - at);
      const std::size_t n = head.size();
      const std::string steps = " " + line.substr(n, line.find('"', n) - n) + " ";
      if (steps.find(" " + std::to_string(step) + " ") != std::string::npos)
        return line;
      at = end;
    }
    return std::string{};
  };
  // Step 13 read the child's credentials; step 24 revoked the parent at t+30m.
  const std::string before = tree_of(13);
  const std::string after = tree_of(24);
  CHECK(
    before.find(">token child <span class=\"state\">alive</span><ul><li class=\"lease alive\"") !=
    std::string::npos);
  CHECK(after.find(">token child <span class=\"state\">revoked (parent revoked) at t+30m</span>") !=
        std::string::npos);
  CHECK(after.find(">lease child_creds <span class=\"state\">revoked (owner token revoked) at "
                   "t+30m</span>") != std::string::npos);
  CHECK(tree_of(1) == "<div class=\"tree-group\" data-steps=\"1 2 3 4\"><details><summary>After "
                      "steps 1–4 (t+0s)</summary><p>No token or lease yet.</p></details></div>");
}

SCENARIO("an orphaned token leaves its parent's tree at the step that orphaned it") {
  const auto run = run_text("vault token create -ttl=4h => p\n"
                            "VAULT_TOKEN=$p vault token create -ttl=1h => c\n"
                            "vault token revoke -mode=orphan $p\n",
                            "orphan.vlab");
  const std::string page = render_reports({run}, report_format::html);
  CHECK(check_page(page).problem == "");
  CHECK(page.find("data-steps=\"2\"><details><summary>After step 2 (t+0s)</summary><ul "
                  "class=\"tree\"><li><span class=\"group\">token root (not created in this "
                  "run)</span><ul><li class=\"token alive\"") != std::string::npos);
  CHECK(page.find("<span class=\"group\">no parent (orphans)</span><ul><li class=\"token alive\" "
                  "title=\"") != std::string::npos);
}

SCENARIO("a run with more lives than the page draws one by one gets a chart of live counts") {
  std::string text;
  for (int i = 0; i < 301; ++i)
    text += "vault token create -ttl=" + std::to_string(1 + i % 5) + "h\n";
  text += "advance 6h\n";
  const auto run = run_text(text, "many.vlab");
  const std::string page = render_reports({run}, report_format::html);
  const page_check c = check_page(page);
  CHECK(c.problem == "");
  CHECK(c.lives == 0);
  CHECK(c.timelines == 0);
  CHECK(c.aggregates == 1);
  CHECK(page.find("301 tokens and leases were traced") != std::string::npos);
  CHECK(page.find("<text x=\"242\" y=\"46\" text-anchor=\"end\">301 live</text>") !=
        std::string::npos);
}

SCENARIO("a fleet's page counts what became of its tokens and leases instead of drawing them") {
  const auto run = run_text("vault auth enable userpass\n"
                            "vault write auth/userpass/users/pod password=pw\n"
                            "fleet clients=20 until=2h login=auth/userpass/login/pod "
                            "login.password=pw\n"
                            "advance 2h\n",
                            "fleet.vlab");
  const std::string page = render_reports({run}, report_format::html);
  const page_check c = check_page(page);
  CHECK(c.problem == "");
  CHECK(c.lives == 0);
  CHECK(c.timelines == 0);
  CHECK(c.aggregates == 1);
  const std::string created = ">created</text><rect x=\"250\" y=\"31\" width=\"";
  CHECK(page.find(created) != std::string::npos);
  CHECK(page.find("\"/><text x=\"", page.find(created)) != std::string::npos);
  const auto s = summarize(run);
  CHECK(s.tokens_created > 0);
  CHECK(page.find(">" + std::to_string(s.tokens_created) + "</text>") != std::string::npos);
  CHECK(page.find("<h3>Fleet <code>") != std::string::npos);
}

SCENARIO("a life made and ended at one instant is still a visible bar, inside the plot") {
  const auto run = run_text("advance 1h\nvault token create => a\nvault token revoke $a\n",
                            "instant.vlab");
  const std::string page = render_reports({run}, report_format::html);
  CHECK(check_page(page).lives == 1);
  // The plot ends at x=960; the bar is 6 px wide and ends there.
  CHECK(page.find("data-end=\"revoked\" x=\"954\" y=\"72\" width=\"6\" height=\"14\"") !=
        std::string::npos);
}
