// Generating a root token from unseal keys: the HTTP handlers of sys/generate-root/attempt and
// sys/generate-root/update (Vault 1.14 http/sys_generate_root.go, over vault/generate_root.go)
// and the system backend's sys/decode-token (vault/logical_system.go). All three need no token.
// The rules live in model/root_generation.hpp; the new root token comes from the token store
// (TokenStore.rootToken: policy root, path auth/token/root, no TTL, no lease).

#include "actors/core_internal.hpp"

namespace tokenlab::core_detail {

namespace {

// handleSysGenerateRootAttemptGet: the status, with a generated OTP shown only to the
// request that generated it.
api_response attempt_status(const core_state& st, const std::string& otp) {
  const auto& current = st.generation.current;
  api_response r;
  r.data = data_map{
    {"nonce", current ? current->nonce : std::string{}},
    {"started", current.has_value()},
    {"progress", static_cast<std::int64_t>(current ? current->progress.size() : 0)},
    {"required", std::int64_t{rootgen::required_shares}},
    {"complete", false},
    {"encoded_token", std::string{}},
    {"encoded_root_token", std::string{}},
    {"pgp_fingerprint", std::string{}},
    {"otp", otp},
    {"otp_length", static_cast<std::int64_t>(rootgen::otp_length)},
  };
  return r;
}

std::string field(const std::map<std::string, std::string>& fields, const char* key) {
  auto it = fields.find(key);
  return it == fields.end() ? std::string{} : it->second;
}

void init_attempt(self_ptr self, const logical_write_request& w, const reply& done) {
  auto& st = self->state;
  auto otp = field(w.fields, "otp");
  const auto pgp = field(w.fields, "pgp_key");
  if (!pgp.empty())
    return done(vault_error::invalid(texts::not_modelled("a PGP-encrypted root token (pgp_key)")));
  // Neither given: the handler generates the OTP (base62, TokenLength + TokenPrefixLength).
  const bool generated = otp.empty();
  if (generated)
    otp = st.generation_ids.base62(rootgen::otp_length);
  auto nonce = [&st] { return st.generation_ids.uuid(); };
  if (auto err = rootgen::init(st.generation, otp, pgp, nonce))
    return done(vault_error::invalid(*err));
  done(attempt_status(st, generated ? otp : std::string{}));
}

// handleSysGenerateRootUpdate: decode the share, make progress; on completion the token store
// makes the root token, which is returned XORed with the attempt's OTP.
void update_attempt(self_ptr self, const logical_write_request& w, const reply& done) {
  auto& st = self->state;
  const auto text = field(w.fields, "key");
  const auto nonce = field(w.fields, "nonce");
  if (text.empty())
    return done(vault_error::invalid(std::string{texts::key_share_required}));
  auto key = rootgen::decode_key_share(text);
  if (!key)
    return done(vault_error::invalid(std::string{texts::key_share_not_hex_or_base64}));
  auto result = rootgen::update(st.generation, *key, nonce, st.unseal_key);
  if (!result)
    return done(result.error());
  auto status = [r = *result, nonce](const std::string& encoded) {
    api_response resp;
    resp.data = data_map{
      {"nonce", nonce},
      {"started", true},
      {"progress", std::int64_t{r.progress}},
      {"required", std::int64_t{r.required}},
      {"complete", r.progress == r.required},
      {"encoded_token", encoded},
      {"encoded_root_token", encoded},
      {"pgp_fingerprint", std::string{}},
      {"otp", std::string{}},
      {"otp_length", std::int64_t{0}},
    };
    return resp;
  };
  if (!result->complete)
    return done(status(std::string{}));
  auto otp = result->otp;
  self->request(st.store, caf::infinite, entry_atom::value, create_atom::value)
    .then(
      [=](std::string& token) {
        auto encoded = rootgen::encode_token(token, otp);
        if (!encoded)
          return done(encoded.error());
        done(status(*encoded));
      },
      [=](caf::error&) { done(vault_error::internal("internal error")); });
}

// handleGenerateRootDecodeTokenUpdate: DecodeToken with the OTP's own length. Its errors are
// plain errors of an unauthenticated (login) path: 500, bare.
void decode_token(const logical_write_request& w, const reply& done) {
  const auto otp = field(w.fields, "otp");
  auto token = rootgen::decode_token(field(w.fields, "encoded_token"), otp, otp.size());
  if (!token)
    return done(token.error());
  api_response r;
  r.data = data_map{{"token", *token}};
  done(std::move(r));
}

} // namespace

bool generate_root_api(self_ptr self, const vault_request& req, const reply& done) {
  static const std::string attempt = "sys/generate-root/attempt";
  auto& st = self->state;
  if (auto r = std::get_if<logical_read_request>(&req.op); r && r->path == attempt) {
    done(attempt_status(st, {}));
    return true;
  }
  if (auto d = std::get_if<logical_delete_request>(&req.op); d && d->path == attempt) {
    st.generation.current.reset(); // GenerateRootCancel: whether one was started or not
    done(no_content());
    return true;
  }
  auto w = std::get_if<logical_write_request>(&req.op);
  if (!w)
    return false;
  if (w->path == attempt)
    init_attempt(self, *w, done);
  else if (w->path == "sys/generate-root/update")
    update_attempt(self, *w, done);
  else if (w->path == "sys/decode-token")
    decode_token(*w, done);
  else
    return false;
  return true;
}

} // namespace tokenlab::core_detail
