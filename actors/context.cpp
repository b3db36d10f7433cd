#include "actors/context.hpp"

#include "actors/messages.hpp"

#include <caf/send.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace tokenlab {

sim_time sim_now(caf::event_based_actor* self, const sim_context& ctx) {
  return ctx.epoch.to_sim(self->clock().now());
}

void emit(caf::event_based_actor* self, const sim_context& ctx, trace_event ev) {
  ev.at = sim_now(self, ctx);
  self->send(ctx.tracer, std::move(ev));
}

void storage_put(caf::event_based_actor* self, const sim_context& ctx, std::string key) {
  self->send(ctx.storage, put_atom::value, std::move(key));
}

void storage_delete(caf::event_based_actor* self, const sim_context& ctx, std::string key) {
  self->send(ctx.storage, delete_atom::value, std::move(key));
}

std::string salted(const sim_context& ctx, const std::string& id) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), ctx.salt_key.data(), static_cast<int>(ctx.salt_key.size()),
       reinterpret_cast<const unsigned char*>(id.data()), id.size(), mac, &len);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "h";
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[mac[i] >> 4];
    out += hex[mac[i] & 0xF];
  }
  return out;
}

const char* to_string(life_state s) {
  switch (s) {
    case life_state::unknown: return "unknown";
    case life_state::valid: return "valid";
    case life_state::revoked: return "revoked";
    case life_state::expired: return "expired";
    case life_state::active: return "active";
    case life_state::deleted: return "deleted";
  }
  return "unknown";
}

} // namespace tokenlab
