#include "model/ids.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

constexpr std::string_view base62_alphabet =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view hex_digits = "0123456789abcdef";

/// Bits needed to number `k` symbols (0 for a single symbol).
unsigned bits_for(std::size_t k) {
  unsigned bits = 0;
  while (bits < 64 && (std::uint64_t{1} << bits) < k)
    ++bits;
  return bits;
}

} // namespace

std::uint64_t splitmix64::mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t splitmix64::next() {
  state_ += gamma;
  return mix64(state_);
}

// Mixing the seed with the stream number (rather than adding it) keeps the streams of
// neighbouring seeds from being shifted copies of one another.
id_source::id_source(std::uint64_t seed, id_stream stream)
  : rng_(splitmix64::mix64(seed ^ (static_cast<std::uint64_t>(stream) * splitmix64::gamma))) {}

std::string id_source::chars(std::size_t n, std::string_view alphabet) {
  if (alphabet.empty())
    return {};
  std::string out(n, '\0');
  fill(out.data(), n, alphabet);
  return out;
}

void id_source::fill(char* out, std::size_t n, std::string_view alphabet) {
  // Rejection sampling on the smallest bit chunk that can number the alphabet: unbiased
  // (a modulo would favour the first symbols) and deterministic for a given stream.
  const unsigned bits = bits_for(alphabet.size());
  if (bits == 0) {
    std::fill_n(out, n, alphabet.front());
    return;
  }
  const std::uint64_t mask = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
  const unsigned per_word = 64 / bits;
  std::size_t filled = 0;
  while (filled < n) {
    std::uint64_t word = rng_.next();
    for (unsigned i = 0; i < per_word && filled < n; ++i) {
      const std::uint64_t v = word & mask;
      word = bits == 64 ? 0 : word >> bits;
      if (v < alphabet.size())
        out[filled++] = alphabet[static_cast<std::size_t>(v)];
    }
  }
}

std::string id_source::base62(std::size_t n) {
  return chars(n, base62_alphabet);
}

std::string id_source::uuid() {
  unsigned char bytes[16];
  for (int half = 0; half < 2; ++half) {
    std::uint64_t word = rng_.next();
    for (int i = 0; i < 8; ++i) {
      bytes[half * 8 + i] = static_cast<unsigned char>(word & 0xFF);
      word >>= 8;
    }
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40); // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80); // variant 10
  std::string out(36, '-');
  std::size_t at = 0;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      ++at; // the dash already there
    out[at++] = hex_digits[bytes[i] >> 4];
    out[at++] = hex_digits[bytes[i] & 0x0F];
  }
  return out;
}

id_source mount_ids(std::uint64_t seed, const std::string& mount) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : mount)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return id_source{seed ^ h, id_stream::secrets};
}

std::string make_service_token_id(id_source& ids) {
  std::string id = "hvs.";
  id.resize(4 + 24);
  ids.fill(id.data() + 4, 24, base62_alphabet);
  return id;
}

std::string make_accessor(id_source& ids) {
  return ids.base62(24);
}

} // namespace tokenlab
