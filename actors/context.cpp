#include "actors/context.hpp"

#include "actors/messages.hpp"

#include <caf/send.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace tokenlab {

sim_time sim_now(caf::local_actor* self, const sim_context& ctx) {
  return ctx.epoch.to_sim(self->clock().now());
}

namespace {

// HMAC-SHA256 with its key's inner and outer pads hashed once (RFC 2104): every salting
// then copies the two prepared digests instead of setting up a MAC from scratch.
class hmac_sha256 {
public:
  explicit hmac_sha256(const std::string& key)
    : key_(key) {
    unsigned char block[64] = {};
    if (key.size() > sizeof block) {
      unsigned int n = 0;
      EVP_Digest(key.data(), key.size(), block, &n, EVP_sha256(), nullptr);
    } else {
      std::copy(key.begin(), key.end(), block);
    }
    unsigned char pad[64];
    for (std::size_t i = 0; i < sizeof pad; ++i)
      pad[i] = block[i] ^ 0x36;
    start(inner_.get(), pad);
    for (std::size_t i = 0; i < sizeof pad; ++i)
      pad[i] = block[i] ^ 0x5c;
    start(outer_.get(), pad);
  }

  const std::string& key() const { return key_; }

  /// Writes the 32-byte MAC of `data` to `mac`.
  void mac(std::string_view data, unsigned char* mac) {
    unsigned char inner_hash[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_MD_CTX_copy_ex(work_.get(), inner_.get());
    EVP_DigestUpdate(work_.get(), data.data(), data.size());
    EVP_DigestFinal_ex(work_.get(), inner_hash, &n);
    EVP_MD_CTX_copy_ex(work_.get(), outer_.get());
    EVP_DigestUpdate(work_.get(), inner_hash, n);
    EVP_DigestFinal_ex(work_.get(), mac, &n);
  }

private:
  struct ctx_free {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  using ctx_ptr = std::unique_ptr<EVP_MD_CTX, ctx_free>;

  static void start(EVP_MD_CTX* c, const unsigned char* pad) {
    EVP_DigestInit_ex(c, EVP_sha256(), nullptr);
    EVP_DigestUpdate(c, pad, 64);
  }

  std::string key_;
  ctx_ptr inner_{EVP_MD_CTX_new()};
  ctx_ptr outer_{EVP_MD_CTX_new()};
  ctx_ptr work_{EVP_MD_CTX_new()};
};

} // namespace

std::string salted(const sim_context& ctx, std::string_view id) {
  // While events are counted no key is kept, only its prefix: the salt is not worked out.
  if (ctx.counting())
    return "h";
  // One simulation runs on one thread; its salt rarely changes (a new scenario).
  thread_local std::unique_ptr<hmac_sha256> hmac;
  if (!hmac || hmac->key() != ctx.salt_key)
    hmac = std::make_unique<hmac_sha256>(ctx.salt_key);
  unsigned char mac[32];
  hmac->mac(id, mac);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(65, 'h');
  for (std::size_t i = 0; i < sizeof mac; ++i) {
    out[1 + 2 * i] = hex[mac[i] >> 4];
    out[2 + 2 * i] = hex[mac[i] & 0xF];
  }
  return out;
}

std::string token_store_salted(const sim_context& ctx, std::string_view id) {
  if (ctx.counting() || id.find('.') != std::string_view::npos)
    return salted(ctx, id);
  // TokenStore.SaltID: an ID without a dot (an accessor, a lease ID, a custom token ID) is
  // salted with the store's configured hash, hex(SHA1(salt + ID)), with no "h".
  std::string in = ctx.salt_key;
  in.append(id);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(in.data(), in.size(), digest, &n, EVP_sha1(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xF];
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
