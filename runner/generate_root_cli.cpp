#include "runner/generate_root_cli.hpp"

#include "model/root_generation.hpp"
#include "model/texts.hpp"
#include "reports/go_format.hpp"

namespace tokenlab {

namespace {

const std::string attempt_path = "sys/generate-root/attempt";

vault_request request(decltype(vault_request::op) op) {
  vault_request r;
  r.op = std::move(op);
  return r;
}

// The record of a call, printed as printStatus prints it unless `shape` says otherwise.
vault_call_record record(const std::string& method, const std::string& path,
                         const std::string& verb) {
  vault_call_record rec;
  rec.method = method;
  rec.path = path;
  rec.error_verb = verb;
  rec.shape = output_shape::generate_root;
  return rec;
}

// What the CLI prints without (or after) a call of its own: an error line, exit 1.
vault_call_record refused(vault_call_record rec, std::string text) {
  rec.client_error = std::move(text);
  rec.result = vault_error{0, {rec.client_error}};
  return rec;
}

std::int64_t otp_length_of(const api_response& status) {
  if (!status.data)
    return 0;
  auto it = status.data->find("otp_length");
  const auto* n = it == status.data->end() ? nullptr : std::get_if<std::int64_t>(&it->second);
  return n ? *n : 0;
}

vault_call_record with_result(vault_call_record rec, const api_outcome& out) {
  if (out)
    rec.result = *out;
  else
    rec.result = out.error();
  return rec;
}

bool started(const api_response& status) {
  if (!status.data)
    return false;
  auto it = status.data->find("started");
  const auto* b = it == status.data->end() ? nullptr : std::get_if<bool>(&it->second);
  return b && *b;
}

} // namespace

std::optional<vault_call_record> generate_root_call(const cmd_generate_root& cmd,
                                                    const arg_resolver& resolve,
                                                    const call_fn& call, id_source& cli_random,
                                                    std::string& why) {
  auto text = [&](const std::optional<arg>& a) -> std::optional<std::string> {
    if (!a)
      return std::string{};
    return resolve(*a, why);
  };
  auto otp = text(cmd.otp);
  auto nonce = text(cmd.nonce);
  auto encoded = text(cmd.encoded);
  auto key = text(cmd.key);
  if (!otp || !nonce || !encoded || !key)
    return std::nullopt;

  // The status read that generating an OTP, decoding and providing a key begin with.
  const auto status_record = record("GET", attempt_path, "getting root generation status");
  auto read_status = [&] { return call(request(logical_read_request{attempt_path})); };

  switch (cmd.mode) {
    case generate_root_mode::generate_otp: {
      auto rec = status_record;
      auto status = read_status();
      if (!status)
        return with_result(rec, status);
      // roottoken.GenerateOTP: base62 of the status's OTP length (28: an hvs. token's).
      const auto length = otp_length_of(*status);
      api_response r;
      r.data = data_map{{"otp", cli_random.base62(static_cast<std::size_t>(length))},
                        {"otp_length", length}};
      rec.print_field = "otp";
      rec.result = std::move(r);
      return rec;
    }
    case generate_root_mode::decode: {
      auto rec = status_record;
      if (otp->empty())
        return refused(rec, std::string{texts::missing_otp});
      auto status = read_status();
      if (!status)
        return with_result(rec, status);
      auto token = rootgen::decode_token(*encoded, *otp,
                                         static_cast<std::size_t>(otp_length_of(*status)));
      if (!token)
        return refused(rec, "Error decoding root token: " + token.error().message());
      api_response r;
      r.data = data_map{{"token", *token}};
      rec.print_field = "token";
      rec.result = std::move(r);
      return rec;
    }
    case generate_root_mode::cancel: {
      auto rec = record("DELETE", attempt_path, "canceling root token generation");
      rec.shape = output_shape::message;
      rec.success_text = std::string{texts::root_generation_canceled};
      return with_result(rec, call(request(logical_delete_request{attempt_path})));
    }
    case generate_root_mode::init: {
      auto rec = record("PUT", attempt_path, "initializing root generation");
      return with_result(rec, call(request(logical_write_request{attempt_path, {{"otp", *otp}}})));
    }
    case generate_root_mode::status:
      return with_result(status_record, read_status());
    case generate_root_mode::provide: break;
  }
  // Providing a key share: the CLI checks that an attempt is in progress and that it has a
  // nonce, then posts the share.
  auto status = read_status();
  if (!status)
    return with_result(status_record, status);
  auto rec = record("PUT", "sys/generate-root/update", "posting unseal key");
  if (!started(*status))
    return refused(rec, go::wrap_at_length_with_padding(texts::no_root_generation_cli, 0) + "\n" +
                          go::wrap_at_length_with_padding(
                            texts::otp_length_hint(
                              static_cast<std::size_t>(otp_length_of(*status))),
                            0));
  if (nonce->empty())
    return refused(rec, std::string{texts::missing_nonce});
  return with_result(rec, call(request(logical_write_request{
                            "sys/generate-root/update", {{"key", *key}, {"nonce", *nonce}}})));
}

} // namespace tokenlab
