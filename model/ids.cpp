#include "model/ids.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

constexpr std::string_view base62_alphabet =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view hex_digits = "0123456789abcdef";

/// Bits needed to number `k` symbols (0 for a single symbol).
unsigned bits_for(std::size_t k) {
  return k <= 1 ? 0 : 64 - static_cast<unsigned>(__builtin_clzll(std::uint64_t{k} - 1));
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
  // (a modulo would favour the first symbols) and deterministic for a given stream. Each
  // word gives 64 / bits chunks, lowest first; a chunk past the alphabet is dropped.
  const std::size_t k = alphabet.size();
  const unsigned bits = bits_for(k);
  if (bits == 0) {
    std::fill_n(out, n, alphabet.front());
    return;
  }
  char* const end = out + n;
  if (bits == 64) { // an alphabet of more than 2^63 symbols: one chunk per word
    while (out != end)
      if (const std::uint64_t v = rng_.next(); v < k)
        *out++ = alphabet[static_cast<std::size_t>(v)];
    return;
  }
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  const unsigned per_word = 64 / bits;
  const char* const symbols = alphabet.data();
  while (out != end) {
    std::uint64_t word = rng_.next();
    for (unsigned i = per_word; i != 0 && out != end; --i, word >>= bits)
      if (const std::uint64_t v = word & mask; v < k)
        *out++ = symbols[v];
  }
}

std::string id_source::base62(std::size_t n) {
  return chars(n, base62_alphabet);
}

void id_source::append_base62(std::string& out, std::size_t n) {
  const auto at = out.size();
  out.resize(at + n);
  fill(out.data() + at, n, base62_alphabet);
}

std::string id_source::uuid() {
  // Sixteen bytes, the first word's low byte first, then the second's; version 4, variant 10.
  const std::uint64_t words[2] = {rng_.next(), rng_.next()};
  // Where each byte's two hex digits go in 8-4-4-4-12.
  static constexpr std::uint8_t place[16] = {0,  2,  4,  6,  9,  11, 14, 16,
                                             19, 21, 24, 26, 28, 30, 32, 34};
  std::string out(36, '-');
  char* const text = out.data();
#pragma GCC unroll 16
  for (unsigned i = 0; i < 16; ++i) {
    auto byte = static_cast<unsigned>(words[i / 8] >> (8 * (i % 8))) & 0xFFu;
    if (i == 6)
      byte = (byte & 0x0Fu) | 0x40u; // version 4
    else if (i == 8)
      byte = (byte & 0x3Fu) | 0x80u; // variant 10
    text[place[i]] = hex_digits[byte >> 4];
    text[place[i] + 1] = hex_digits[byte & 0x0Fu];
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
  ids.append_base62(id, 24);
  return id;
}

std::string make_accessor(id_source& ids) {
  return ids.base62(24);
}

} // namespace tokenlab
