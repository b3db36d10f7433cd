#include "model/existence.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

TEST_CASE("a write is an update without an existence check or on an existing resource, else a create") {
  CHECK(write_capability(std::nullopt) == capability::update);
  CHECK(write_capability(true) == capability::update);
  CHECK(write_capability(false) == capability::create);
}

TEST_CASE("the paths with an existence check, and what is read to answer it") {
  CHECK(existence_probe(backend_kind::kv1, "app/db") == std::optional<std::string>{"app/db"});
  CHECK(existence_probe(backend_kind::cubbyhole, "x") == std::optional<std::string>{"x"});
  // kv v2: the key's metadata answers for both data/ and metadata/.
  CHECK(existence_probe(backend_kind::kv2, "data/app/db") ==
        std::optional<std::string>{"metadata/app/db"});
  CHECK(existence_probe(backend_kind::kv2, "metadata/app") ==
        std::optional<std::string>{"metadata/app"});
  CHECK_FALSE(existence_probe(backend_kind::kv2, "delete/app"));
  CHECK_FALSE(existence_probe(backend_kind::kv2, "config"));
  CHECK_FALSE(existence_probe(backend_kind::kv2, "data/"));
  CHECK(existence_probe(backend_kind::token_store, "roles/web"));
  CHECK_FALSE(existence_probe(backend_kind::token_store, "create"));
  CHECK(existence_probe(backend_kind::userpass, "users/alice"));
  CHECK_FALSE(existence_probe(backend_kind::userpass, "users/alice/password"));
  CHECK(existence_probe(backend_kind::approle, "role/app"));
  CHECK_FALSE(existence_probe(backend_kind::approle, "role/app/secret-id"));
  CHECK(existence_probe(backend_kind::database, "config/pg"));
  CHECK(existence_probe(backend_kind::database, "roles/ro"));
  CHECK_FALSE(existence_probe(backend_kind::database, "creds/ro"));
  CHECK_FALSE(existence_probe(backend_kind::other, "roles/x"));
}
