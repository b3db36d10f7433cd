// The HTML report: one self-contained page per invocation (no network: inline CSS, a little
// inline JavaScript, no external scripts, fonts or images). Per run:
//
//   * the header (file, seed, epoch, config, sources) and the steps as the text report tells
//     them (the command and what the CLI printed, the effects with their TTL arithmetic, the
//     storage line, the verdicts), at the detail asked for;
//   * an SVG timeline of every token and lease (reports/lifetimes.hpp): a bar from creation
//     to its end, coloured by how it ended, renewals as ticks, the max-TTL deadline as a
//     diamond, one lane per life, lanes grouped by token family so a cascade shows as bars
//     ending together; a time axis in virtual time and a marker per instant steps ran at.
//     Each bar has an SVG <title> (a tooltip without JavaScript) with its "why" lines, the
//     narrated effects that concern it (reports/narrate.hpp); with JavaScript, hovering or
//     clicking a bar shows them beside the timeline;
//   * the token tree after each step (its tokens, their children and leases, orphans),
//     one collapsible tree per different state: with JavaScript a step selector shows one
//     (and `#r1-step-5` in the address picks step 5 of the first run);
//   * the summary.
//
// A run with more lives than a picture can show one by one, or with a fleet, gets an area
// chart of how many tokens and leases were alive over time instead of bars and trees; a
// fleet's run, whose clients are counted rather than traced, a chart of its summary counts.
// Every piece of text from the run is escaped (html()); the output depends on the runs alone.

#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/go_text.hpp"
#include "reports/cli_output.hpp"
#include "reports/lifetimes.hpp"
#include "reports/markup.hpp"
#include "reports/narrate.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace tokenlab {

namespace {

// Text for the page: terminal-safe as in the text report, then every markup byte escaped (and
// invalid UTF-8 replaced: the page says it is UTF-8).
std::string html(std::string_view s) {
  return xml_escape(printable(s));
}

// At most `most` bytes of `s`, cut at a UTF-8 boundary, with `…` when cut.
std::string shortened(const std::string& s, std::size_t most) {
  if (s.size() <= most)
    return s;
  std::size_t cut = most;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
    --cut;
  return s.substr(0, cut) + "…";
}

// ---------------------------------------------------------------------------------------
// The page around the runs.

constexpr const char* style = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;background:#fff;margin:0 auto;max-width:1040px;padding:16px 24px}
h1{font-size:24px;margin:24px 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #dee2e6}
h3{font-size:15px;margin:18px 0 4px}
code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
pre{background:#f8f9fa;border:1px solid #e9ecef;border-radius:4px;padding:8px 10px;overflow-x:auto;margin:6px 0}
.facts{color:#495057}.sources{color:#495057;font-size:13px;margin:4px 0}
.step{border-left:3px solid #dee2e6;padding:2px 0 2px 12px;margin:12px 0}
.step h3 .num{color:#868e96}.place{color:#868e96;font-size:12px}
.note{font-style:italic;color:#343a40;margin:4px 0}
ul.effects{margin:4px 0;padding-left:20px}ul.effects .why{color:#5c3d99;font-size:13px}
.storage{color:#868e96;font-size:13px;margin:2px 0}
ul.verdicts{list-style:none;padding:0;margin:4px 0}
.pass{color:#2b8a3e}.fail{color:#c92a2a;font-weight:bold}.open{color:#e67700}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;margin:6px 0}
.sw{display:inline-block;width:26px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:5px}
.sw.lease{height:7px;vertical-align:1px}
svg.timeline,svg.aggregate{display:block;background:#fff;border:1px solid #e9ecef;border-radius:4px}
svg text{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px;fill:#343a40}
svg .axis{font-size:11px;fill:#495057}svg .family{font-weight:bold;fill:#212529}
svg .life{cursor:pointer}svg .life:hover,svg .life.picked{stroke:#212529;stroke-width:2}
.why-panel{min-height:3em;margin:8px 0;padding:8px 10px;border:1px solid #d0bfff;background:#f8f5ff;border-radius:4px;font-size:13px}
.why-panel ul{margin:2px 0;padding-left:20px}li.why{list-style:none;margin-left:18px;color:#5c3d99}
ol.lives{font-size:13px;padding-left:24px}ol.lives ul{padding-left:18px;color:#495057}
ul.tree,ul.tree ul{list-style:none;padding-left:20px;margin:2px 0}
ul.tree{padding-left:4px}ul.tree ul{border-left:1px dashed #ced4da}
ul.tree li{margin:2px 0}ul.tree .token::before{content:"\25CF  ";color:#1c7ed6}
ul.tree .lease::before{content:"\25C6  ";color:#e8590c}
ul.tree .ended{color:#868e96;text-decoration:line-through}ul.tree .state{text-decoration:none;display:inline-block;margin-left:6px;font-size:12px;color:#868e96}
ul.tree .alive .state{color:#2b8a3e}.group{color:#495057;font-weight:bold}
table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{border:1px solid #dee2e6;padding:2px 10px;text-align:right}
td:first-child,th:first-child{text-align:left}
.totals{font-weight:bold;margin:24px 0}
.js .tree-group{display:none}.js .tree-group.shown{display:block}.nojs .needs-js{display:none}
.nojs .cursor{display:none}
)";

// Shows the why lines of a bar on hover or click; picks the token tree of a step; reads
// `#rN-step-M` from the address. Written without `<` and `&` so the page stays XML-clean.
constexpr const char* script = R"(
document.documentElement.className = 'js';
function pick(sel) {
  var run = sel.getAttribute('data-run'), step = sel.value;
  var groups = document.querySelectorAll('#' + run + ' .tree-group');
  for (var i = 0; i !== groups.length; i++) {
    var on = (' ' + groups[i].getAttribute('data-steps') + ' ').indexOf(' ' + step + ' ') !== -1;
    groups[i].classList.toggle('shown', on);
    if (on) groups[i].querySelector('details').open = true;
  }
  var cursor = document.getElementById(run + '-cursor');
  if (cursor) {
    var x = sel.options[sel.selectedIndex].getAttribute('data-x');
    cursor.setAttribute('x1', x); cursor.setAttribute('x2', x);
  }
}
var wanted = /^#(r[0-9]+)-step-([0-9]+)$/.exec(location.hash);
var selects = document.querySelectorAll('select.step-select');
for (var i = 0; i !== selects.length; i++) {
  if (wanted) if (selects[i].getAttribute('data-run') === wanted[1]) selects[i].value = wanted[2];
  selects[i].addEventListener('change', function (e) { pick(e.target); });
  pick(selects[i]);
}
function explain(bar) {
  var run = bar.getAttribute('data-run');
  var panel = document.getElementById(run + '-why');
  var source = document.getElementById(bar.getAttribute('data-life'));
  if (panel) if (source) panel.innerHTML = source.innerHTML;
  var bars = document.querySelectorAll('#' + run + ' .life');
  for (var i = 0; i !== bars.length; i++) bars[i].classList.toggle('picked', bars[i] === bar);
}
var lives = document.querySelectorAll('.life');
for (var i = 0; i !== lives.length; i++) {
  lives[i].addEventListener('mouseenter', function (e) { explain(e.target); });
  lives[i].addEventListener('click', function (e) { explain(e.target); });
}
)";

// ---------------------------------------------------------------------------------------
// The steps, as the text report tells them.

void write_verdicts(std::string& out, const step_record& s) {
  if (s.expectations.empty())
    return;
  out += "<ul class=\"verdicts\">\n";
  for (const auto& x : s.expectations) {
    const char* cls = x.open ? "open" : x.passed ? "pass" : "fail";
    out += std::string{"<li class=\""} + cls + "\"><code>" + html(expectation_verdict(x)) +
           "</code></li>\n";
  }
  out += "</ul>\n";
}

void write_step(std::string& out, const run_record& run, const step_record& s, std::size_t n,
                bool full) {
  out += "<div class=\"step\">\n";
  if (full || s.kind != step_kind::note) {
    out += "<h3>";
    if (full)
      out += "<span class=\"num\">[" + std::to_string(n) + "]</span> ";
    out += html(step_time(s));
    if (s.kind != step_kind::note && !s.text.empty())
      out += " <code>" + html(s.text) + "</code>";
    if (full)
      out += " <span class=\"place\">" + html(step_place(run, s)) + "</span>";
    out += "</h3>\n";
  }
  if (s.kind == step_kind::note)
    out += "<p class=\"note\">" + html(s.note.empty() ? s.text : s.note) + "</p>\n";
  if (s.kind == step_kind::fleet || s.kind == step_kind::restart)
    out += "<pre>" + html(s.note) + "</pre>\n";
  if (s.call) {
    if (!s.call->served.empty())
      out += "<p>on <code>" + html(s.call->node) + "</code>: " + html(s.call->served) + "</p>\n";
    out += "<pre class=\"cli\">$ " + html(s.call->resolved) + "\n" +
           html(render_cli_output(*s.call)) + "</pre>\n";
  }
  const auto effects = listed_effects(run, s, full);
  if (!effects.empty())
    out += "<ul class=\"effects\">\n";
  for (const auto& e : effects) {
    out += "<li><code>" + html(e.text) + "</code>";
    if (!e.why.empty())
      out += "<div class=\"why\">" + html(e.why) + "</div>";
    out += "</li>\n";
  }
  if (!effects.empty())
    out += "</ul>\n";
  const std::string storage = full ? storage_line(s.effects) : std::string{};
  if (!storage.empty())
    out += "<p class=\"storage\">" + html(storage) + "</p>\n";
  write_verdicts(out, s);
  out += "</div>\n";
}

void write_summary(std::string& out, const run_record& run) {
  const run_summary s = summarize(run);
  auto n = [](std::int64_t v) { return std::to_string(v); };
  out += "<h2>Summary</h2>\n<table>\n<tr><th></th><th>created</th><th>renewed</th>"
         "<th>revoked</th><th>expired</th></tr>\n";
  out += "<tr><td>tokens</td><td>" + n(s.tokens_created) + "</td><td>" + n(s.tokens_renewed) +
         "</td><td>" + n(s.tokens_revoked) + "</td><td>" + n(s.tokens_expired) + "</td></tr>\n";
  out += "<tr><td>leases</td><td>" + n(s.leases_created) + "</td><td>" + n(s.leases_renewed) +
         "</td><td>" + n(s.leases_revoked) + "</td><td>" + n(s.leases_expired) + "</td></tr>\n";
  out += "</table>\n<p>credentials: " + n(s.credentials_created) + " created, " +
         n(s.credentials_deleted) +
         " deleted · storage: " + html(count_of(s.storage_writes, "write", "writes")) + ", " +
         html(count_of(s.storage_deletes, "delete", "deletes")) + "</p>\n";
  out += "<p>Expectations: " +
         html(verdict_counts(s.expectations_passed, s.expectations_failed, s.expectations_open)) +
         ".</p>\n";
}

// ---------------------------------------------------------------------------------------
// The timeline's geometry: virtual time to x, in tenths of a pixel (integers: the same bytes
// on every machine).

constexpr std::int64_t page_width = 980;
constexpr std::int64_t plot_left = 250;
constexpr std::int64_t plot_right = 960;
constexpr std::int64_t axis_height = 46;
constexpr std::int64_t family_height = 22;
constexpr std::int64_t row_height = 22;

struct time_scale {
  std::int64_t span_ms = 1;
  std::int64_t x10(sim_time t) const {
    const std::int64_t ms = std::clamp<std::int64_t>(millis(t), 0, span_ms);
    return plot_left * 10 + ms * (plot_right - plot_left) * 10 / span_ms;
  }
  std::string x(sim_time t) const { return tenths(x10(t)); }
  static std::string tenths(std::int64_t v) {
    return std::to_string(v / 10) + (v % 10 != 0 ? "." + std::to_string(v % 10) : "");
  }
};

// The step between labelled ticks of the time axis: the smallest of Vault-like round
// durations that gives at most 8 intervals.
std::int64_t tick_step(std::int64_t span_ms) {
  constexpr std::int64_t s = 1000;
  constexpr std::int64_t m = 60 * s;
  constexpr std::int64_t h = 60 * m;
  constexpr std::array<std::int64_t, 27> steps{
    1,     10,     100,    s,      2 * s,   5 * s,   10 * s,   15 * s,   30 * s,
    m,     2 * m,  5 * m,  10 * m, 15 * m,  30 * m,  h,        2 * h,    3 * h,
    6 * h, 12 * h, 24 * h, 48 * h, 168 * h, 720 * h, 2160 * h, 8760 * h, 87600 * h};
  for (auto step : steps)
    if (span_ms / step <= 8)
      return step;
  std::int64_t step = steps.back();
  while (span_ms / step > 8)
    step *= 10;
  return step;
}

// The axis: ticks with labels (`0s`, `1h`, …) and a marker per instant at which steps ran,
// labelled with their numbers where there is room; each marker's tooltip lists its steps.
void write_axis(std::string& out, const run_record& run, const time_scale& sc,
                std::int64_t height) {
  const std::int64_t step = tick_step(sc.span_ms);
  const std::string bottom = std::to_string(height - 4);
  out += "<g class=\"ticks\">\n";
  for (std::int64_t t = 0; t <= sc.span_ms; t += step) {
    const std::string x = sc.x(sim_time{sim_duration{t}});
    out += "<line x1=\"" + x + "\" y1=\"30\" x2=\"" + x + "\" y2=\"" + bottom +
           "\" stroke=\"#e9ecef\"/><text class=\"axis\" x=\"" + x +
           "\" y=\"42\" text-anchor=\"middle\">" + html(format_duration(sim_duration{t})) +
           "</text>\n";
  }
  out += "</g>\n<g class=\"step-marks\">\n";
  // Steps by the instant they ended at, in order.
  std::vector<std::pair<sim_time, std::vector<std::size_t>>> instants;
  for (std::size_t i = 0; i < run.steps.size(); ++i) {
    const auto& s = run.steps[i];
    if (s.kind == step_kind::note)
      continue;
    if (instants.empty() || instants.back().first != s.at)
      instants.push_back({s.at, {}});
    instants.back().second.push_back(i);
  }
  std::int64_t last_label = -1000000;
  for (const auto& [at, steps] : instants) {
    const std::int64_t x10 = sc.x10(at);
    const std::string x = time_scale::tenths(x10);
    const std::string first = std::to_string(steps.front() + 1);
    const std::string last = std::to_string(steps.back() + 1);
    const std::string numbers = first == last ? first : first + "–" + last;
    std::string tip = "steps at " + format_offset(at) + ":";
    for (auto i : steps)
      tip += "\n[" + std::to_string(i + 1) + "] " + shortened(run.steps[i].text, 90);
    out +=
      "<path d=\"M" + x + " 22l-4 -6h8z\" fill=\"#868e96\"><title>" + html(tip) + "</title></path>";
    out += "<line x1=\"" + x + "\" y1=\"24\" x2=\"" + x + "\" y2=\"" + bottom +
           "\" stroke=\"#adb5bd\" stroke-dasharray=\"2 4\"/>";
    // A label needs about 7 px a character and a gap.
    const std::int64_t width10 = static_cast<std::int64_t>(numbers.size() + 2) * 70;
    if (x10 - last_label >= width10) {
      out += "<text class=\"axis\" x=\"" + x + "\" y=\"13\" text-anchor=\"middle\">" +
             html(numbers) + "</text>";
      last_label = x10;
    }
    out += "\n";
  }
  out += "</g>\n";
}

// ---------------------------------------------------------------------------------------
// Lives: colours, words, why lines.

struct ending_style {
  const char* key;
  const char* colour;
  const char* words;
};

constexpr std::array<ending_style, 5> endings{{
  {"alive", "#2f9e44", "still alive at the end"},
  {"expired", "#f59f00", "expired (its TTL ran out)"},
  {"revoked", "#e03131", "revoked by a request"},
  {"cascade", "#7048e8", "revoked with its parent or owner token (cascade)"},
  {"last-use", "#1c7ed6", "revoked after its last use"},
}};

const ending_style& style_of(const lifetime& l) {
  if (!l.end)
    return endings[0];
  switch (l.cause) {
    case trace_cause::ttl_expired: return endings[1];
    case trace_cause::parent_revoked:
    case trace_cause::owner_revoked: return endings[3];
    case trace_cause::last_use: return endings[4];
    default: return endings[2];
  }
}

void write_legend(std::string& out) {
  out += "<div class=\"legend\">\n";
  for (const auto& e : endings)
    out += std::string{"<span><span class=\"sw\" style=\"background:"} + e.colour + "\"></span>" +
           e.words + "</span>\n";
  out +=
    "<span><span class=\"sw\" style=\"background:#adb5bd\"></span>token</span>\n"
    "<span><span class=\"sw lease\" style=\"background:#adb5bd\"></span>lease (thinner)</span>\n"
    "<span><svg width=\"26\" height=\"14\"><line x1=\"8\" y1=\"1\" x2=\"8\" y2=\"13\" "
    "stroke=\"#212529\" stroke-width=\"2\"/></svg>renewal</span>\n"
    "<span><svg width=\"26\" height=\"14\"><path d=\"M13 1l6 6 -6 6 -6 -6z\" "
    "fill=\"#212529\"/></svg>max-TTL deadline</span>\n"
    "<span><svg width=\"26\" height=\"14\"><path d=\"M13 12l-4 -6h8z\" "
    "fill=\"#868e96\"/></svg>steps (numbers as in the steps below)</span>\n";
  out += "</div>\n";
}

std::string kind_word(const lifetime& l) {
  return l.what == lifetime::kind::token ? "token" : "lease";
}

// The narrated effects about each traced ID: what made it, renewed it, ended it, and why.
std::map<std::string, std::vector<std::string>> why_lines(const run_record& run) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& s : run.steps)
    for (const auto& e : s.effects) {
      if (is_storage_event(e) || e.kind == trace_kind::timer_fired)
        continue;
      auto& lines = out[e.subject];
      lines.push_back(describe_effect(e, run.names, true));
      if (e.ttl)
        lines.push_back("   " + explain_ttl(*e.ttl, e.kind));
    }
  return out;
}

std::string life_span_text(const lifetime& l) {
  return format_offset(l.start) + " → " + (l.end ? format_offset(*l.end) : "the end") + ": " +
         ending(l);
}

// The tooltip of a bar: what it is, how long it lived, its deadline and renewals, and why.
std::string life_tooltip(const lifetime& l, const std::vector<std::string>& why) {
  std::string tip = kind_word(l) + " " + l.label + " (" + l.id + ")\n" + life_span_text(l);
  if (!l.end && l.expires)
    tip += "\nexpires at " + format_offset(*l.expires);
  if (l.deadline)
    tip += "\nmax-TTL deadline " + format_offset(*l.deadline);
  if (!l.renewals.empty()) {
    tip += "\nrenewed at";
    for (std::size_t i = 0; i < l.renewals.size(); ++i)
      tip += (i == 0 ? " " : ", ") + format_offset(l.renewals[i]);
  }
  for (const auto& w : why)
    tip += "\n" + w;
  return tip;
}

// How deep each life sits under its family's first token (a lease one below its token).
std::vector<std::size_t> depths(const std::vector<lifetime>& lives) {
  std::map<std::string, std::size_t> depth_of;
  std::vector<std::size_t> out;
  for (const auto& l : lives) {
    auto up = depth_of.find(l.parent);
    const std::size_t d = up == depth_of.end() ? 0 : up->second + 1;
    depth_of[l.id] = d;
    out.push_back(d);
  }
  return out;
}

// Lives in lane order: by family (in the order families began), and within a family as in
// its tree (each token followed by its children and leases, depth first), so that a lane's
// indentation reads as the tree.
std::vector<std::size_t> lane_order(const std::vector<lifetime>& lives) {
  std::map<std::string, std::size_t> index;
  std::map<std::size_t, std::vector<std::size_t>> below; // life -> its children and leases
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < lives.size(); ++i) {
    auto up = index.find(lives[i].parent);
    if (up == index.end())
      roots.push_back(i);
    else
      below[up->second].push_back(i);
    index[lives[i].id] = i;
  }
  std::vector<std::size_t> position(lives.size());
  std::size_t next = 0;
  std::vector<std::size_t> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    const std::size_t i = stack.back();
    stack.pop_back();
    position[i] = next++;
    auto kids = below.find(i);
    if (kids != below.end())
      stack.insert(stack.end(), kids->second.rbegin(), kids->second.rend());
  }
  std::vector<std::size_t> order(lives.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::make_pair(lives[a].family, position[a]) <
           std::make_pair(lives[b].family, position[b]);
  });
  return order;
}

void write_timeline(std::string& out, const run_record& run, const std::string& rid,
                    const std::vector<lifetime>& lives, const time_scale& sc,
                    const std::map<std::string, std::vector<std::string>>& why) {
  const auto order = lane_order(lives);
  const auto depth = depths(lives);
  std::size_t families = 0;
  for (std::size_t k = 0; k < order.size(); ++k)
    if (k == 0 || lives[order[k]].family != lives[order[k - 1]].family)
      ++families;
  const std::int64_t height = axis_height + static_cast<std::int64_t>(families) * family_height +
                              static_cast<std::int64_t>(lives.size()) * row_height + 8;
  out += "<svg class=\"timeline\" width=\"" + std::to_string(page_width) + "\" height=\"" +
         std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(page_width) + " " +
         std::to_string(height) + "\" role=\"img\" aria-label=\"timeline of tokens and leases\">\n";
  write_axis(out, run, sc, height);
  std::int64_t y = axis_height;
  std::size_t family_count = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const lifetime& l = lives[order[k]];
    if (k == 0 || l.family != lives[order[k - 1]].family) {
      // A band behind each family, alternately shaded, headed by its first token's name.
      std::int64_t rows = 0;
      for (std::size_t j = k; j < order.size() && lives[order[j]].family == l.family; ++j)
        ++rows;
      out += "<rect x=\"0\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(page_width) +
             "\" height=\"" + std::to_string(family_height + rows * row_height) + "\" fill=\"" +
             (family_count++ % 2 == 0 ? "#f8f9fa" : "#ffffff") + "\"/>\n";
      out += "<text class=\"family\" x=\"6\" y=\"" + std::to_string(y + 15) + "\">family of " +
             html(shortened(lives[l.family].label, 24)) + "</text>\n";
      y += family_height;
    }
    const std::int64_t mid = y + row_height / 2;
    const std::size_t indent = std::min<std::size_t>(depth[order[k]], 6);
    const std::string name = shortened(kind_word(l) + " " + l.label, 30 - 2 * indent);
    out += "<text x=\"" + std::to_string(14 + 12 * static_cast<std::int64_t>(indent)) + "\" y=\"" +
           std::to_string(mid + 4) + "\">" + html(name) + "</text>\n";
    const bool token = l.what == lifetime::kind::token;
    const std::int64_t bar = token ? 14 : 8;
    const std::int64_t top = mid - bar / 2;
    const sim_time end = l.end ? *l.end : sim_time{sim_duration{sc.span_ms}};
    // A life of no visible length (made and ended at one instant) is still a 6 px bar,
    // kept inside the plot.
    const std::int64_t width = std::max<std::int64_t>(sc.x10(end) - sc.x10(l.start), 60);
    const std::int64_t x0 = std::min(sc.x10(l.start), plot_right * 10 - width);
    const auto& st = style_of(l);
    const auto w = why.find(l.id);
    const std::string life_id = rid + "-l" + std::to_string(order[k] + 1);
    out += "<rect class=\"life\" data-run=\"" + rid + "\" data-life=\"" + life_id +
           "\" data-end=\"" + st.key + "\" x=\"" + time_scale::tenths(x0) + "\" y=\"" +
           std::to_string(top) + "\" width=\"" + time_scale::tenths(width) + "\" height=\"" +
           std::to_string(bar) + "\" rx=\"2\" fill=\"" + st.colour + "\"><title>" +
           html(life_tooltip(l, w == why.end() ? std::vector<std::string>{} : w->second)) +
           "</title></rect>\n";
    for (const auto& at : l.renewals) {
      const std::string x = sc.x(at);
      out += "<line class=\"renewal\" x1=\"" + x + "\" y1=\"" + std::to_string(top - 3) +
             "\" x2=\"" + x + "\" y2=\"" + std::to_string(top + bar + 3) +
             "\" stroke=\"#212529\" stroke-width=\"2\"><title>" +
             html(l.label + " renewed at " + format_offset(at)) + "</title></line>\n";
    }
    if (l.deadline && millis(*l.deadline) <= sc.span_ms) {
      const std::string x = sc.x(*l.deadline);
      out += "<path class=\"deadline\" d=\"M" + x + " " + std::to_string(mid - 7) +
             "l6 7 -6 7 -6 -7z\" fill=\"#212529\" stroke=\"#fff\"><title>" +
             html("max-TTL deadline of " + l.label + ": " + format_offset(*l.deadline)) +
             "</title></path>\n";
    }
    y += row_height;
  }
  const std::string x = sc.x(run_end(run));
  // The time of the step picked in the tree below (the run's end until one is picked).
  out += "<line class=\"cursor\" id=\"" + rid + "-cursor\" x1=\"" + x + "\" y1=\"" +
         std::to_string(axis_height) + "\" x2=\"" + x + "\" y2=\"" + std::to_string(height - 4) +
         "\" stroke=\"#1c7ed6\" stroke-width=\"2\" stroke-opacity=\"0.6\"/>\n</svg>\n";
}

// The lives one by one, with their why lines: what the tooltips and the panel show.
void write_lives(std::string& out, const std::string& rid, const std::vector<lifetime>& lives,
                 const std::map<std::string, std::vector<std::string>>& why) {
  out += "<details><summary>Every token and lease, and why it lived as long as it did</summary>\n"
         "<ol class=\"lives\">\n";
  for (std::size_t i = 0; i < lives.size(); ++i) {
    const lifetime& l = lives[i];
    out += "<li id=\"" + rid + "-l" + std::to_string(i + 1) + "\"><b>" +
           html(kind_word(l) + " " + l.label) + "</b> <code>" + html(l.id) + "</code> " +
           html(life_span_text(l));
    if (l.deadline)
      out += html("; max-TTL deadline " + format_offset(*l.deadline));
    auto w = why.find(l.id);
    if (w != why.end()) {
      out += "\n<ul>";
      for (const auto& line : w->second) {
        // A why line, indented under its effect in the tooltip, is set apart here by colour.
        const bool why_line = line.rfind("   ", 0) == 0;
        out += std::string{why_line ? "<li class=\"why\">" : "<li>"} + "<code>" +
               html(why_line ? line.substr(3) : line) + "</code></li>";
      }
      out += "</ul>";
    }
    out += "</li>\n";
  }
  out += "</ol>\n</details>\n";
}

// ---------------------------------------------------------------------------------------
// The token tree after a step, from the lives.

std::string tree_after(const run_record& run, const std::vector<lifetime>& lives,
                       std::size_t step) {
  std::map<std::string, std::size_t> present; // ID -> life, for lives born by `step`
  for (std::size_t i = 0; i < lives.size(); ++i)
    if (lives[i].born_step <= step)
      present[lives[i].id] = i;
  if (present.empty())
    return "<p>No token or lease yet.</p>";
  const auto parent_of = [&](const lifetime& l) {
    if (l.orphaned_step)
      return *l.orphaned_step <= step ? std::string{} : l.former_parent;
    return l.parent;
  };
  std::map<std::string, std::vector<std::size_t>> children; // parent ID -> lives, in order
  std::vector<std::string> tops; // parents not drawn as lives ("" for orphans), first seen first
  for (std::size_t i = 0; i < lives.size(); ++i) {
    if (lives[i].born_step > step)
      continue;
    const std::string up = parent_of(lives[i]);
    children[up].push_back(i);
    if (present.count(up) == 0 && std::find(tops.begin(), tops.end(), up) == tops.end())
      tops.push_back(up);
  }
  std::string out;
  // Depth-first, with an explicit stack of (life, closing) so deep trees cannot overflow.
  const auto write_node = [&](std::size_t root) {
    std::vector<std::pair<std::size_t, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [i, closing] = stack.back();
      stack.pop_back();
      if (closing) {
        out += "</ul></li>";
        continue;
      }
      const lifetime& l = lives[i];
      const bool alive = !l.end_step || *l.end_step > step;
      out += "<li class=\"" + kind_word(l) + (alive ? " alive" : " ended") + "\" title=\"" +
             html(l.id) + "\">" + html(kind_word(l) + " " + l.label) + " <span class=\"state\">" +
             html(alive ? std::string{"alive"} : ending(l) + " at " + format_offset(*l.end)) +
             "</span>";
      auto kids = children.find(l.id);
      if (kids == children.end()) {
        out += "</li>";
        continue;
      }
      out += "<ul>";
      stack.push_back({i, true});
      for (auto k = kids->second.rbegin(); k != kids->second.rend(); ++k)
        stack.push_back({*k, false});
    }
  };
  out += "<ul class=\"tree\">";
  for (const auto& top : tops) {
    std::string name = "no parent (orphans)";
    if (!top.empty()) {
      auto named = run.names.find(top);
      name = "token " + (named != run.names.end() ? named->second : shortened(top, 8)) +
             " (not created in this run)";
    }
    out += "<li><span class=\"group\">" + html(name) + "</span><ul>";
    for (auto i : children[top])
      write_node(i);
    out += "</ul></li>";
  }
  out += "</ul>";
  return out;
}

std::string steps_text(const std::vector<std::size_t>& steps) {
  const std::string first = std::to_string(steps.front() + 1);
  const std::string last = std::to_string(steps.back() + 1);
  return steps.size() == 1 ? "step " + first : "steps " + first + "–" + last;
}

// One tree per run of steps after which the tree looked the same; a selector (with
// JavaScript) shows the tree after any step. Without JavaScript each tree is a collapsible
// section, the last one open.
void write_trees(std::string& out, const run_record& run, const std::string& rid,
                 const std::vector<lifetime>& lives, const time_scale& sc) {
  if (run.steps.empty())
    return;
  out += "<h2>Token tree</h2>\n<p>Tokens under their parents, leases under the token that "
         "holds them; ended ones struck through.</p>\n";
  out += "<p class=\"needs-js\"><label>After step <select class=\"step-select\" id=\"" + rid +
         "-step\" data-run=\"" + rid + "\">\n";
  for (std::size_t i = 0; i < run.steps.size(); ++i) {
    const auto& s = run.steps[i];
    const bool last = i + 1 == run.steps.size();
    out += "<option value=\"" + std::to_string(i + 1) + "\" data-x=\"" + sc.x(s.at) + "\"" +
           (last ? " selected=\"selected\"" : "") + ">" +
           html("[" + std::to_string(i + 1) + "] " + format_offset(s.at) + "  " +
                shortened(s.kind == step_kind::note ? "note" : s.text, 70)) +
           "</option>\n";
  }
  out += "</select></label> (the blue line on the timeline marks its time)</p>\n";
  std::vector<std::pair<std::string, std::vector<std::size_t>>> groups;
  for (std::size_t i = 0; i < run.steps.size(); ++i) {
    std::string tree = tree_after(run, lives, i);
    if (groups.empty() || groups.back().first != tree)
      groups.push_back({std::move(tree), {}});
    groups.back().second.push_back(i);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& [tree, steps] = groups[g];
    std::string numbers;
    for (auto i : steps)
      numbers += (numbers.empty() ? "" : " ") + std::to_string(i + 1);
    const auto& first = run.steps[steps.front()];
    const auto& last = run.steps[steps.back()];
    const std::string when = first.at == last.at
                               ? format_offset(first.at)
                               : format_offset(first.at) + " to " + format_offset(last.at);
    // One line per tree: a tree is found by its line in the page.
    out += "<div class=\"tree-group\" data-steps=\"" + numbers + "\"><details" +
           (g + 1 == groups.size() ? " open=\"open\"" : "") + "><summary>After " +
           steps_text(steps) + " (" + html(when) + ")</summary>" + tree + "</details></div>\n";
  }
}

// ---------------------------------------------------------------------------------------
// Many lives: how many tokens and leases were alive over time.

void write_aggregate(std::string& out, const run_record& run, const std::vector<lifetime>& lives,
                     const time_scale& sc) {
  out += "<p>" + std::to_string(lives.size()) + " tokens and leases were traced" +
         (run.fleets.empty() ? ": too many for a bar each, so the chart" : " besides; the chart") +
         " counts how many of each kind were alive over time.</p>\n";
  // Changes of the counts: +1 at a start, -1 at an end, per kind.
  std::map<std::int64_t, std::array<std::int64_t, 2>> change;
  for (const auto& l : lives) {
    const int k = l.what == lifetime::kind::token ? 0 : 1;
    change[millis(l.start)][k] += 1;
    if (l.end)
      change[millis(*l.end)][k] -= 1;
  }
  std::array<std::vector<std::pair<std::int64_t, std::int64_t>>, 2> counts; // (ms, live)
  std::array<std::int64_t, 2> live{0, 0};
  std::int64_t most = 1;
  for (const auto& [ms, d] : change)
    for (int k = 0; k < 2; ++k) {
      live[k] += d[k];
      counts[k].push_back({ms, live[k]});
      most = std::max(most, live[k]);
    }
  constexpr std::int64_t chart = 180;
  const std::int64_t height = axis_height + chart + 12;
  const std::int64_t base = axis_height + chart;
  out += "<div class=\"legend\"><span><span class=\"sw\" style=\"background:#1c7ed6\"></span>"
         "live tokens</span><span><span class=\"sw\" style=\"background:#e8590c\"></span>"
         "live leases</span></div>\n";
  out += "<svg class=\"aggregate\" width=\"" + std::to_string(page_width) + "\" height=\"" +
         std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(page_width) + " " +
         std::to_string(height) +
         "\" role=\"img\" aria-label=\"live tokens and leases over time\">\n";
  write_axis(out, run, sc, height);
  for (std::int64_t v : {most, most / 2, std::int64_t{0}}) {
    const std::string y = std::to_string(base - v * chart / most);
    out += "<line x1=\"" + std::to_string(plot_left) + "\" y1=\"" + y + "\" x2=\"" +
           std::to_string(plot_right) + "\" y2=\"" + y + "\" stroke=\"#dee2e6\"/><text x=\"" +
           std::to_string(plot_left - 8) + "\" y=\"" + y + "\" text-anchor=\"end\">" +
           std::to_string(v) + " live</text>\n";
  }
  const std::array<const char*, 2> colours{"#1c7ed6", "#e8590c"};
  const std::array<const char*, 2> kinds{"tokens", "leases"};
  for (int k = 0; k < 2; ++k) {
    std::string d = "M" + std::to_string(plot_left) + " " + std::to_string(base);
    std::int64_t level = 0;
    for (const auto& [ms, n] : counts[k]) {
      d += "H" + sc.x(sim_time{sim_duration{ms}}) + "V" + std::to_string(base - n * chart / most);
      level = n;
    }
    d += "H" + std::to_string(plot_right) + "V" + std::to_string(base) + "Z";
    out += std::string{"<path class=\"area\" d=\""} + d + "\" fill=\"" + colours[k] +
           "\" fill-opacity=\"0.35\" stroke=\"" + colours[k] + "\"><title>live " + kinds[k] +
           " over time (" + std::to_string(level) + " at the end)</title></path>\n";
  }
  out += "</svg>\n";
}

// A fleet's objects are counted, not traced: what became of its tokens and leases, as bars
// of the run's summary counts.
void write_counts(std::string& out, const run_record& run) {
  const run_summary s = summarize(run);
  out += "<p>A fleet's clients are counted, not traced one by one: the chart shows what became "
         "of the run's tokens and leases; the fleet's own numbers are below the steps.</p>\n";
  const std::array<std::pair<const char*, std::array<std::int64_t, 4>>, 2> rows{{
    {"tokens", {s.tokens_created, s.tokens_renewed, s.tokens_revoked, s.tokens_expired}},
    {"leases", {s.leases_created, s.leases_renewed, s.leases_revoked, s.leases_expired}},
  }};
  const std::array<const char*, 4> what{"created", "renewed", "revoked", "expired"};
  const std::array<const char*, 4> colours{"#1c7ed6", "#212529", "#e03131", "#f59f00"};
  std::int64_t most = 1;
  for (const auto& row : rows)
    for (auto n : row.second)
      most = std::max(most, n);
  constexpr std::int64_t bar_row = 20;
  const std::int64_t height = 2 * (4 * bar_row + 24) + 8;
  out += "<svg class=\"aggregate\" width=\"" + std::to_string(page_width) + "\" height=\"" +
         std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(page_width) + " " +
         std::to_string(height) + "\" role=\"img\" aria-label=\"tokens and leases by fate\">\n";
  std::int64_t y = 4;
  for (const auto& [kind, counts] : rows) {
    out +=
      "<text class=\"family\" x=\"6\" y=\"" + std::to_string(y + 16) + "\">" + kind + "</text>\n";
    y += 24;
    for (std::size_t k = 0; k < 4; ++k) {
      const std::int64_t width = counts[k] * (plot_right - plot_left - 80) / most;
      out += "<text x=\"" + std::to_string(plot_left - 8) + "\" y=\"" + std::to_string(y + 14) +
             "\" text-anchor=\"end\">" + what[k] + "</text><rect x=\"" + std::to_string(plot_left) +
             "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
             std::to_string(std::max<std::int64_t>(width, 1)) + "\" height=\"14\" fill=\"" +
             colours[k] + "\"/><text x=\"" + std::to_string(plot_left + width + 6) + "\" y=\"" +
             std::to_string(y + 14) + "\">" + std::to_string(counts[k]) + "</text>\n";
      y += bar_row;
    }
  }
  out += "</svg>\n";
}

// The most lives drawn one by one; more are counted instead.
constexpr std::size_t most_drawn = 300;

void write_pictures(std::string& out, const run_record& run, const std::string& rid) {
  const auto lives = lifetimes(run);
  out += "<h2>Lives of tokens and leases</h2>\n";
  if (!run.fleets.empty())
    write_counts(out, run);
  if (lives.empty()) {
    if (!run.fleets.empty())
      return;
    out += "<p>This run traced no token or lease.</p>\n";
    return;
  }
  time_scale sc;
  sc.span_ms = std::max<std::int64_t>(millis(run_end(run)), 1000);
  for (const auto& l : lives)
    sc.span_ms = std::max(sc.span_ms, millis(l.end ? *l.end : l.start));
  if (lives.size() > most_drawn || !run.fleets.empty()) {
    write_aggregate(out, run, lives, sc);
    return;
  }
  out += "<p>Each bar is a token or a lease, from its creation to its end; lanes are grouped by "
         "token family, so a revocation cascade shows as bars ending together. Point at a bar "
         "(or click it) to see why it lived as long as it did.</p>\n";
  write_legend(out);
  const auto why = why_lines(run);
  write_timeline(out, run, rid, lives, sc, why);
  out += "<div class=\"why-panel\" id=\"" + rid +
         "-why\"><span class=\"needs-js\">Point at a bar to see its story here.</span>"
         "<noscript>Each bar's tooltip tells its story; all of them are listed below.</noscript>"
         "</div>\n";
  write_lives(out, rid, lives, why);
  write_trees(out, run, rid, lives, sc);
}

void write_run(std::string& out, const run_record& run, std::size_t index, report_detail d) {
  const std::string rid = "r" + std::to_string(index);
  out += "<section class=\"run\" id=\"" + rid + "\">\n<h1>" +
         html(run.title.empty() ? run.file : run.title) + "</h1>\n";
  out += "<p class=\"facts\"><code>" + html(run.file) + "</code> · seed " +
         std::to_string(run.seed) + " · epoch " + html(format_rfc3339(sim_time{}, run.epoch_unix)) +
         " · " + html(config_text(run.config)) + "</p>\n";
  if (!run.sources.empty()) {
    out += "<ul class=\"sources\">\n";
    for (const auto& s : run.sources)
      out += "<li>source: " + html(s) + "</li>\n";
    out += "</ul>\n";
  }
  write_pictures(out, run, rid);
  out += "<h2>Steps</h2>\n";
  if (d == report_detail::brief) {
    out += "<pre>" + html(render_brief(run)) + "</pre>\n";
  } else {
    const bool full = d == report_detail::full;
    for (std::size_t i = 0; i < run.steps.size(); ++i) {
      const step_record& s = run.steps[i];
      if (folded_into_previous(s, full))
        write_verdicts(out, s);
      else
        write_step(out, run, s, i + 1, full);
    }
  }
  write_summary(out, run);
  for (const auto& f : run.fleets) {
    std::string lines;
    for (const auto& l : f.lines)
      lines += l + "\n";
    out += "<h3>Fleet <code>" + html(f.name) + "</code></h3>\n<pre>" + html(lines) + "</pre>\n";
  }
  out += "</section>\n";
}

} // namespace

std::string render_html(const std::vector<run_record>& runs, report_detail d) {
  std::string title = "tokenlab report";
  if (runs.size() == 1)
    title += ": " + (runs.front().title.empty() ? runs.front().file : runs.front().title);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\" class=\"nojs\">\n<head>\n"
                    "<meta charset=\"utf-8\"/>\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                    "<title>" +
                    html(shortened(title, 200)) + "</title>\n<style>" + style +
                    "</style>\n</head>\n<body>\n";
  for (std::size_t i = 0; i < runs.size(); ++i)
    write_run(out, runs[i], i + 1, d);
  out += "<p class=\"totals\">" + html(totals_line(total(runs))) + "</p>\n<script>" + script +
         "</script>\n</body>\n</html>\n";
  return out;
}

} // namespace tokenlab
