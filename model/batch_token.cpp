// Batch tokens: pb.TokenEntry wire format, the barrier's AES-GCM framing, base64 RawURL.
// Sources (Vault 1.14, commit 6460fee1af): vault/token_store.go create() and
// lookupBatchTokenInternal, vault/barrier_aes_gcm.go encrypt/decrypt/Decrypt,
// sdk/plugin/pb/backend.proto message TokenEntry, google.golang.org/protobuf's map coder.
#include "model/batch_token.hpp"

#include "model/go_base64.hpp"

#include <openssl/evp.h>

#include <climits>
#include <memory>
#include <stdexcept>

namespace tokenlab {

bool batch_entry::operator==(const batch_entry& other) const {
  return parent == other.parent && policies == other.policies && path == other.path &&
         meta == other.meta && display_name == other.display_name &&
         creation_time_s == other.creation_time_s && ttl_ns == other.ttl_ns && role == other.role &&
         entity_id == other.entity_id && namespace_id == other.namespace_id;
}

bool is_batch_token_string(std::string_view token) {
  return token.substr(0, 4) == "hvb." || token.substr(0, 2) == "b.";
}

namespace {

// pb.TokenEntry field numbers (sdk/plugin/pb/backend.proto). Only these are written; the
// others a batch token may hold (bound_cidrs 15, internal_meta 19, inline_policy 20,
// no_identity_policies 21) are skipped when read.
constexpr std::uint32_t f_parent = 3, f_policies = 4, f_path = 5, f_meta = 6, f_display_name = 7,
                        f_creation_time = 9, f_ttl = 10, f_role = 12, f_entity_id = 14,
                        f_namespace_id = 16, f_type = 18;

enum wire_type : std::uint32_t { wt_varint = 0, wt_fixed64 = 1, wt_len = 2, wt_fixed32 = 5 };

// --- protobuf writer -------------------------------------------------------------------------

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_tag(std::string& out, std::uint32_t num, wire_type wt) {
  put_varint(out, (static_cast<std::uint64_t>(num) << 3) | wt);
}

// A length-delimited field, written even when empty (repeated elements, map entry halves).
void put_bytes(std::string& out, std::uint32_t num, std::string_view s) {
  put_tag(out, num, wt_len);
  put_varint(out, s.size());
  out.append(s.data(), s.size());
}

// proto3 singular fields: the zero value is not written.
void put_string(std::string& out, std::uint32_t num, std::string_view s) {
  if (!s.empty())
    put_bytes(out, num, s);
}

void put_int(std::string& out, std::uint32_t num, std::uint64_t v) {
  if (v == 0)
    return;
  put_tag(out, num, wt_varint);
  put_varint(out, v); // int64: negative values take ten bytes (two's complement), as Go's
}

// --- protobuf reader -------------------------------------------------------------------------

class reader {
public:
  explicit reader(std::string_view buf)
    : buf_(buf) {}
  bool done() const { return pos_ == buf_.size(); }

  // protowire.ConsumeVarint: at most ten bytes, the tenth may only hold the top bit.
  bool varint(std::uint64_t& v) {
    v = 0;
    for (int i = 0; i < 10; ++i) {
      if (pos_ == buf_.size())
        return false;
      auto b = static_cast<std::uint8_t>(buf_[pos_++]);
      if (i == 9 && b > 1)
        return false;
      v |= static_cast<std::uint64_t>(b & 0x7F) << (7 * i);
      if (b < 0x80)
        return true;
    }
    return false;
  }

  bool bytes(std::string_view& s) {
    std::uint64_t n = 0;
    if (!varint(n) || n > buf_.size() - pos_)
      return false;
    s = buf_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return true;
  }

  // protowire.ConsumeTag: field numbers 1 .. 2^29-1.
  bool tag(std::uint32_t& num, std::uint32_t& wt) {
    std::uint64_t v = 0;
    if (!varint(v) || (v >> 3) == 0 || (v >> 3) > 0x1FFFFFFF)
      return false;
    num = static_cast<std::uint32_t>(v >> 3);
    wt = static_cast<std::uint32_t>(v & 7);
    return true;
  }

  // Skips the value of an unknown field (or a known one with an unexpected wire type, which
  // Go's unmarshaler also treats as unknown). Groups (3, 4) never occur in Vault's messages
  // and are refused as malformed.
  bool skip(std::uint32_t wt) {
    std::uint64_t v = 0;
    std::string_view s;
    switch (wt) {
      case wt_varint: return varint(v);
      case wt_len: return bytes(s);
      case wt_fixed64: return advance(8);
      case wt_fixed32: return advance(4);
      default: return false;
    }
  }

private:
  bool advance(std::size_t n) {
    if (n > buf_.size() - pos_)
      return false;
    pos_ += n;
    return true;
  }
  std::string_view buf_;
  std::size_t pos_ = 0;
};

// Go's utf8.Valid: proto3 strings must be valid UTF-8 or proto.Unmarshal fails.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<std::uint8_t>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;                 // continuation bytes
    std::uint8_t lo = 0x80, hi = 0xBF; // the second byte's range (RFC 3629's table)
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      lo = c == 0xE0 ? 0xA0 : lo; // no overlong forms
      hi = c == 0xED ? 0x9F : hi; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      lo = c == 0xF0 ? 0x90 : lo;
      hi = c == 0xF4 ? 0x8F : hi; // nothing above U+10FFFF
    } else {
      return false;
    }
    if (n >= s.size() - i)
      return false;
    for (std::size_t k = 1; k <= n; ++k) {
      auto b = static_cast<std::uint8_t>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
        return false;
    }
    i += n + 1;
  }
  return true;
}

bool read_string(reader& r, std::string& out) {
  std::string_view s;
  if (!r.bytes(s) || !valid_utf8(s))
    return false;
  out.assign(s.data(), s.size());
  return true;
}

// A map<string,string> entry: key = 1, value = 2, either may be missing (then "").
bool read_meta_entry(reader& r, std::map<std::string, std::string>& meta) {
  std::string_view body;
  if (!r.bytes(body))
    return false;
  reader entry{body};
  std::string key, value;
  while (!entry.done()) {
    std::uint32_t num = 0, wt = 0;
    if (!entry.tag(num, wt))
      return false;
    bool ok = (num == 1 || num == 2) && wt == wt_len ? read_string(entry, num == 1 ? key : value)
                                                     : entry.skip(wt);
    if (!ok)
      return false;
  }
  meta[key] = value;
  return true;
}

// --- base64 RawURL (Go's base64.RawURLEncoding) ----------------------------------------------

std::string b64url_encode(std::string_view in) {
  return go_base64::encode(in, go_base64::url_alphabet, false);
}

// DecodeString of the non-strict RawURLEncoding: '\r' and '\n' are skipped, no '=' allowed, a
// lone last character is an error, the unused low bits of the last character are ignored.
std::optional<std::string> b64url_decode(std::string_view in) {
  auto d = go_base64::decode(in, go_base64::url_alphabet, false);
  if (d.bad_at)
    return std::nullopt;
  return std::move(d.bytes);
}

// --- AES-256-GCM over OpenSSL's EVP API ------------------------------------------------------

struct cipher_ctx_free {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_free>;

constexpr std::size_t term_size = 4, nonce_size = 12, tag_size = 16;
constexpr std::size_t header_size = term_size + 1 + nonce_size;

const unsigned char* u8(const char* p) {
  return reinterpret_cast<const unsigned char*>(p);
}
unsigned char* u8(char* p) {
  return reinterpret_cast<unsigned char*>(p);
}

// Appends ciphertext and tag of `plain` to `out`. No AAD: Vault passes the path "" and
// version 2 only uses the path as AAD when it is non-empty. False when OpenSSL fails.
bool gcm_seal(std::string& out, std::string_view plain, const barrier_key& key,
              const gcm_nonce& nonce) {
  cipher_ctx ctx{EVP_CIPHER_CTX_new()};
  if (!ctx || plain.size() > static_cast<std::size_t>(INT_MAX - 32))
    return false;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, nonce_size, nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) != 1)
    return false;
  std::size_t start = out.size();
  out.resize(start + plain.size() + tag_size);
  int len = 0, final_len = 0;
  if (EVP_EncryptUpdate(ctx.get(), u8(&out[start]), &len, u8(plain.data()),
                        static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), u8(&out[start]) + len, &final_len) != 1 ||
      static_cast<std::size_t>(len + final_len) != plain.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, tag_size, &out[start + plain.size()]) !=
        1)
    return false;
  return true;
}

// Decrypts ciphertext||tag; nullopt when the tag does not verify (or OpenSSL fails).
std::optional<std::string> gcm_open(std::string_view sealed, const barrier_key& key,
                                    std::string_view nonce) {
  if (sealed.size() < tag_size || sealed.size() > static_cast<std::size_t>(INT_MAX))
    return std::nullopt;
  cipher_ctx ctx{EVP_CIPHER_CTX_new()};
  if (!ctx)
    return std::nullopt;
  std::size_t n = sealed.size() - tag_size;
  std::string tag{sealed.substr(n)};
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, nonce_size, nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), u8(nonce.data())) != 1)
    return std::nullopt;
  std::string plain(n, '\0');
  int len = 0, final_len = 0;
  if (n > 0 && EVP_DecryptUpdate(ctx.get(), u8(&plain[0]), &len, u8(sealed.data()),
                                 static_cast<int>(n)) != 1)
    return std::nullopt;
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, tag_size, &tag[0]) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), u8(&plain[0]) + len, &final_len) != 1)
    return std::nullopt;
  return plain;
}

} // namespace

std::string encode_batch_entry(const batch_entry& e) {
  std::string out;
  put_string(out, f_parent, e.parent);
  for (const auto& p : e.policies)
    put_bytes(out, f_policies, p);
  put_string(out, f_path, e.path);
  // Go writes both halves of a map entry, even empty ones. Its own order is random unless
  // Deterministic is set; the lab sorts by key (std::map) so reports are reproducible.
  for (const auto& [k, v] : e.meta) {
    std::string entry;
    put_bytes(entry, 1, k);
    put_bytes(entry, 2, v);
    put_bytes(out, f_meta, entry);
  }
  put_string(out, f_display_name, e.display_name);
  put_int(out, f_creation_time, static_cast<std::uint64_t>(e.creation_time_s));
  put_int(out, f_ttl, static_cast<std::uint64_t>(e.ttl_ns));
  put_string(out, f_role, e.role);
  put_string(out, f_entity_id, e.entity_id);
  put_string(out, f_namespace_id, e.namespace_id);
  put_int(out, f_type, batch_token_type);
  return out;
}

std::optional<batch_entry> decode_batch_entry(std::string_view bytes) {
  batch_entry e;
  e.namespace_id.clear(); // absent on the wire means ""
  reader r{bytes};
  while (!r.done()) {
    std::uint32_t num = 0, wt = 0;
    if (!r.tag(num, wt))
      return std::nullopt;
    std::uint64_t v = 0;
    std::string s;
    bool ok = true;
    if (wt == wt_len &&
        (num == f_parent || num == f_policies || num == f_path || num == f_display_name ||
         num == f_role || num == f_entity_id || num == f_namespace_id)) {
      ok = read_string(r, s);
      switch (num) {
        case f_parent: e.parent = std::move(s); break;
        case f_policies: e.policies.push_back(std::move(s)); break;
        case f_path: e.path = std::move(s); break;
        case f_display_name: e.display_name = std::move(s); break;
        case f_role: e.role = std::move(s); break;
        case f_entity_id: e.entity_id = std::move(s); break;
        default: e.namespace_id = std::move(s); break;
      }
    } else if (wt == wt_len && num == f_meta) {
      ok = read_meta_entry(r, e.meta);
    } else if (wt == wt_varint && (num == f_creation_time || num == f_ttl || num == f_type)) {
      ok = r.varint(v);
      if (num == f_creation_time)
        e.creation_time_s = static_cast<std::int64_t>(v);
      else if (num == f_ttl)
        e.ttl_ns = static_cast<std::int64_t>(v);
      // type: Vault copies it into the entry without checking it; the lab has no use for it.
    } else {
      ok = r.skip(wt);
    }
    if (!ok)
      return std::nullopt;
  }
  return e;
}

std::string seal_batch_token(const batch_entry& e, const barrier_key& key, const gcm_nonce& nonce) {
  std::string blob;
  for (int shift = 24; shift >= 0; shift -= 8)
    blob.push_back(static_cast<char>((batch_key_term >> shift) & 0xFF));
  blob.push_back(static_cast<char>(aes_gcm_version2));
  blob.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
  if (!gcm_seal(blob, encode_batch_entry(e), key, nonce))
    throw std::runtime_error("AES-256-GCM encryption failed in OpenSSL");
  return "hvb." + b64url_encode(blob);
}

std::optional<batch_entry> open_batch_token(std::string_view token, const barrier_key& key) {
  try {
    // stripBatchPrefix. A ".<namespace id>" suffix (Enterprise) is not modelled: the '.'
    // makes the body bad base64.
    std::string_view body;
    if (token.substr(0, 2) == "b.")
      body = token.substr(2);
    else if (token.substr(0, 4) == "hvb.")
      body = token.substr(4);
    else
      return std::nullopt;
    auto blob = b64url_decode(body);
    if (!blob || blob->size() < header_size + tag_size)
      return std::nullopt;
    std::uint32_t term = 0;
    for (std::size_t i = 0; i < term_size; ++i)
      term = (term << 8) | static_cast<std::uint8_t>((*blob)[i]);
    // The keyring holds one key, term 1; Vault: "no decryption key available for term".
    // decrypt() accepts version 1 and 2, both without AAD for the path "" (the version byte
    // is outside the GCM tag, so Vault opens a token whose 2 was rewritten to 1).
    auto version = static_cast<std::uint8_t>((*blob)[term_size]);
    if (term != batch_key_term || (version != 0x1 && version != aes_gcm_version2))
      return std::nullopt;
    std::string_view rest{*blob};
    auto plain = gcm_open(rest.substr(header_size), key, rest.substr(term_size + 1, nonce_size));
    if (!plain)
      return std::nullopt;
    return decode_batch_entry(*plain);
  } catch (...) { // std::bad_alloc: a token the lab cannot open is not a token
    return std::nullopt;
  }
}

} // namespace tokenlab
